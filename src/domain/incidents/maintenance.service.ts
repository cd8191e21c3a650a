import { DateTime } from 'luxon';
import { actorLabel } from '../../common/actor';
import { type FieldPath, NotFoundError, throwIfAny, UserError } from '../../common/errors';
import { MaintenanceWindowEntity } from '../../db/entities/maintenance-window.entity';
import { ServiceEntity } from '../../db/entities/service.entity';
import { type RequestContext } from '../../context/request-context';
import { withTransaction } from '../../context/transaction';
import { tellPastDataChanged } from '../compliance/compliance.domain-events';
import { requireRole } from '../shared/access';
import { type Page, type PageRequest, paginate } from '../shared/pagination';
import { Role } from '../../common/roles';
import { isInForceAt } from '../agreements/in-force';
import { SIGNED_STATES_SQL } from '../agreements/revision-lifecycle';
import { type MaintenanceWindowTerms } from '../agreements/terms';
import { maintenanceAllowance, overMonthlyCap } from '../compliance/maintenance-allowance';
import { isoDuration } from '../shared/iso-duration';
import { IncidentRoles } from './incident-roles';

/**
 * Announces maintenance of a service. Its time is left out of downtime when it was announced
 * at least the notice period the agreement's terms require before it starts, up to the terms'
 * monthly cap (`maxPerMonth`). A window that alone exceeds the cap of an agreement covering the
 * service (its share of one calendar month is longer) is refused: NOT_ALLOWED on `endsAt`.
 */
export async function announce(ctx: RequestContext, input: { serviceId: string; title: string; startsAt: Date; endsAt: Date }): Promise<MaintenanceWindowEntity> {
  // Maintenance takes time out of every customer's downtime: provider staff announce it, not integrations.
  const actor = requireRole(ctx, [Role.PROVIDER_ADMIN, Role.ACCOUNT_MANAGER]);
  throwIfAny(windowProblems(input));
  return withTransaction(ctx, async (tx) => {
    if (!(await tx.em.getRepository(ServiceEntity).existsBy({ id: input.serviceId, providerId: actor.providerId }))) throw new NotFoundError('The service', ['serviceId']);
    await refuseOverCap(tx, actor.providerId, input.serviceId, [{ start: input.startsAt, end: input.endsAt, label: 'This window' }], ['endsAt'], 'shorten it (endsAt) or split it over several months.');
    const repo = tx.em.getRepository(MaintenanceWindowEntity);
    const saved = await repo.save(
      repo.create({ providerId: actor.providerId, serviceId: input.serviceId, title: input.title.trim(), startsAt: input.startsAt, endsAt: input.endsAt, announcedAt: tx.now, announcedBy: actorLabel(actor) }),
    );
    await tellPastDataChanged(tx, {
      providerId: actor.providerId,
      since: input.startsAt,
      serviceIds: [input.serviceId],
      objectiveIds: null,
      cause: { kind: 'MAINTENANCE_WINDOW', subjectId: saved.id, description: `Maintenance window "${saved.title}" announced.`, actorName: actorLabel(actor) },
    });
    return saved;
  });
}

/** The rule of a window's times that needs no database: it ends after it starts. */
export function windowProblems(w: { startsAt: Date; endsAt: Date }): UserError[] {
  return w.endsAt <= w.startsAt ? [new UserError('INVALID_INPUT', 'endsAt must be after startsAt.', ['endsAt'])] : [];
}

/** A window of the past as it was announced: its times, and an announcement that is not in the future. */
export function pastWindowProblems(w: { startsAt: Date; endsAt: Date; announcedAt: Date }, now: Date): UserError[] {
  return [...windowProblems(w), ...(w.announcedAt > now ? [new UserError('INVALID_INPUT', 'announcedAt cannot be in the future.', ['announcedAt'])] : [])];
}

/**
 * Records a maintenance window of the past as it was announced (`announcedAt`, not now), under
 * the same rules as an announcement (the monthly cap of the terms in force when it started);
 * whether it was announced early enough to be excused is judged by compliance, as for any window.
 * The caller holds the transaction, has checked the service, and tells settlement that past data
 * changed (tellPastDataChanged; the import does so once per file).
 */
export async function writePastWindow(
  tx: RequestContext,
  providerId: string,
  input: { serviceId: string; title: string; startsAt: Date; endsAt: Date; announcedAt: Date },
  announcedBy: string,
): Promise<MaintenanceWindowEntity> {
  throwIfAny(pastWindowProblems(input, tx.now));
  await refuseOverCap(tx, providerId, input.serviceId, [{ start: input.startsAt, end: input.endsAt, label: 'This window' }], ['endsAt'], 'shorten it (endsAt) or split it over several months.');
  const repo = tx.em.getRepository(MaintenanceWindowEntity);
  return repo.save(repo.create({ providerId, serviceId: input.serviceId, title: input.title.trim(), startsAt: input.startsAt, endsAt: input.endsAt, announcedAt: input.announcedAt, announcedBy }));
}

export async function list(ctx: RequestContext, serviceId: string | null, page: PageRequest): Promise<Page<MaintenanceWindowEntity>> {
  const actor = requireRole(ctx, IncidentRoles.read);
  const qb = ctx.em.getRepository(MaintenanceWindowEntity).createQueryBuilder('m').where('m.providerId = :p', { p: actor.providerId });
  if (serviceId) qb.andWhere('m.serviceId = :s', { s: serviceId });
  return paginate(qb, { column: 'startsAt', direction: 'DESC', value: (m) => m.startsAt }, page);
}

/** A span of maintenance to check against the monthly caps, and how a refusal names it and what to do. */
export interface CapCheck {
  start: Date;
  end: Date;
  /** "This window", "The occurrence of Sunday 2026-05-10 02:00 (Europe/Berlin)". */
  label: string;
}

/**
 * Refuses a window longer, within one calendar month of the provider's time zone, than the
 * monthly maintenance cap of an agreement covering the service, under the revision in force when
 * the window starts: however it was announced, part of it would count as downtime. Checks many
 * windows (the occurrences of a rule) with one statement: the revisions in force at any of their
 * starts. The first window over a cap is refused on `field`.
 */
export async function refuseOverCap(tx: RequestContext, providerId: string, serviceId: string, windows: readonly CapCheck[], field: FieldPath, hint: string): Promise<void> {
  if (windows.length === 0) return;
  const starts = windows.map((w) => w.start.getTime());
  const rows: { title: string; number: number; state: string; effective_from: Date | null; effective_to: Date | null; clauses: MaintenanceWindowTerms[] | string | null; time_zone: string }[] =
    await tx.em.query(
      `SELECT r.terms->>'title' AS title, r.number, r.state, r.effective_from, r.effective_to, r.terms->'exclusions'->'maintenanceWindows' AS clauses, p.time_zone
       FROM agreement a
       JOIN provider p ON p.id = a.provider_id
       JOIN agreement_service link ON link.agreement_id = a.id AND link.service_id = $2
       -- The revisions in force at some instant of [$3, $4] (isInForceAt picks those of each window).
       JOIN agreement_revision r ON r.agreement_id = a.id AND r.state IN (${SIGNED_STATES_SQL}) AND r.effective_from <= $4 AND (r.effective_to IS NULL OR r.effective_to > $3)
       WHERE a.provider_id = $1
       ORDER BY a.created_at, a.id, r.number`,
      [providerId, serviceId, new Date(Math.min(...starts)), new Date(Math.max(...starts))],
    );
  for (const w of windows) {
    for (const row of rows) {
      if (!isInForceAt({ state: row.state, effectiveFrom: row.effective_from && new Date(row.effective_from), effectiveTo: row.effective_to && new Date(row.effective_to) }, w.start)) continue;
      const clauses = (typeof row.clauses === 'string' ? JSON.parse(row.clauses) : row.clauses) as MaintenanceWindowTerms[] | null;
      const allowance = maintenanceAllowance(clauses ?? []);
      const over = allowance && overMonthlyCap(w.start, w.end, row.time_zone, allowance.capSeconds);
      if (over && allowance.capSeconds !== null) {
        const month = DateTime.fromJSDate(over.month.start, { zone: row.time_zone }).toFormat('MMMM yyyy');
        throw new UserError(
          'NOT_ALLOWED',
          `${w.label} has ${isoDuration(over.ms / 1000)} of maintenance in ${month}, more than the ${isoDuration(allowance.capSeconds)} a month that "${row.title}" (revision ${row.number}) excuses (maxPerMonth); ${hint}`,
          field,
        );
      }
    }
  }
}
