import { DateTime } from 'luxon';
import { In } from 'typeorm';
import { actorLabel } from '../../common/actor';
import { NotFoundError, throwIfAny, UserError } from '../../common/errors';
import { Role } from '../../common/roles';
import { BusinessCalendarEntity } from '../../db/entities/business-calendar.entity';
import { MaintenanceRecurrenceEntity } from '../../db/entities/maintenance-recurrence.entity';
import { ProviderEntity } from '../../db/entities/provider.entity';
import { ServiceEntity } from '../../db/entities/service.entity';
import { type RequestContext } from '../../context/request-context';
import { withTransaction } from '../../context/transaction';
import { firstStartBetween, type Occurrence, recurrenceProblems } from '../calendars/recurrence';
import { type MaintenanceSeries, seriesOccurrences } from '../compliance/maintenance-occurrences';
import { requireRole } from '../shared/access';
import { durationSeconds } from '../shared/iso-duration';
import { type Page, type PageRequest, paginate } from '../shared/pagination';
import { IncidentRoles } from './incident-roles';
import { refuseOverCap } from './maintenance.service';

const DAY = 86_400_000;
/** How far ahead announcing a rule checks its occurrences against the agreements' monthly caps. */
export const CAP_CHECK_HORIZON_DAYS = 366;
/** The longest span whose occurrences one request lists. */
export const MAX_LISTED_SPAN_DAYS = 366;
/** What `occurrences` lists when not told: from now, this many days. */
export const DEFAULT_LISTED_SPAN_DAYS = 90;

export interface RecurrenceInput {
  serviceId: string;
  /** Its time zone is the rule's; null: the provider's time zone. */
  calendarId: string | null;
  title: string;
  rule: string;
  firstStart: string;
  /** ISO 8601 duration of each occurrence ("PT2H"). */
  duration: string;
}

/** A stored series as the expansion reads it. */
export const seriesOf = (r: MaintenanceRecurrenceEntity): MaintenanceSeries => ({
  rule: r.rule,
  firstStart: r.firstStart,
  durationSeconds: r.durationSeconds,
  timeZone: r.timeZone,
  announcedAt: r.announcedAt,
  endedAt: r.endedAt,
});

/**
 * Announces recurring maintenance of a service by an RFC 5545 rule, expanded in the time zone of
 * the calendar given (else the provider's). Every occurrence that starts from now on is
 * maintenance announced now: excused from downtime when it starts at least the terms' notice
 * period after now, and then in time order up to each month's cap, exactly like a window announced
 * on its own. An occurrence within the notice period is not refused: it is maintenance without
 * notice (not excused, and it uses none of the cap), as a late one-off window is. An occurrence
 * that alone is longer than an agreement's monthly cap (in the coming year, under the revision in
 * force when it starts) is refused: NOT_ALLOWED on `duration`, nothing recorded.
 */
export async function announceRecurring(ctx: RequestContext, input: RecurrenceInput): Promise<MaintenanceRecurrenceEntity> {
  const actor = requireRole(ctx, [Role.PROVIDER_ADMIN, Role.ACCOUNT_MANAGER]);
  const seconds = durationSeconds(input.duration);
  // The time zone is checked once known (it comes from the calendar or the provider, both valid).
  throwIfAny(recurrenceProblems({ rule: input.rule, firstStart: input.firstStart, durationMs: seconds === null ? null : seconds * 1000, timeZone: 'UTC' }));
  return withTransaction(ctx, async (tx) => {
    const now = tx.now;
    if (!(await tx.em.getRepository(ServiceEntity).existsBy({ id: input.serviceId, providerId: actor.providerId }))) throw new NotFoundError('The service', ['serviceId']);
    let timeZone: string;
    if (input.calendarId) {
      const calendar = await tx.em.getRepository(BusinessCalendarEntity).findOneBy({ id: input.calendarId, providerId: actor.providerId });
      if (!calendar) throw new NotFoundError('The business calendar', ['calendarId']);
      timeZone = calendar.timeZone;
    } else {
      timeZone = (await tx.em.getRepository(ProviderEntity).findOneByOrFail({ id: actor.providerId })).timeZone;
    }
    const rule = input.rule.trim().replace(/^RRULE:/i, '');
    const series: MaintenanceSeries = { rule, firstStart: input.firstStart, durationSeconds: seconds!, timeZone, announcedAt: now, endedAt: null };
    const recurrence = { rule, firstStart: input.firstStart, durationMs: seconds! * 1000, timeZone };
    // Searched for in ten years at most: every expansion is bounded.
    if (!firstStartBetween(recurrence, now, new Date(now.getTime() + 10 * 366 * DAY))) {
      throw new UserError('INVALID_INPUT', 'This rule has no occurrence in the next ten years (see its COUNT, UNTIL and BY parts): a rule announces maintenance to come.', ['rule']);
    }
    const coming = seriesOccurrences(series, now, new Date(now.getTime() + CAP_CHECK_HORIZON_DAYS * DAY));
    const local = (o: Occurrence) => DateTime.fromJSDate(o.start, { zone: timeZone }).toFormat("cccc yyyy-MM-dd HH:mm");
    await refuseOverCap(
      tx,
      actor.providerId,
      input.serviceId,
      coming.map((o) => ({ ...o, label: `The occurrence of ${local(o)} (${timeZone})` })),
      ['duration'],
      'shorten the duration.',
    );
    const repo = tx.em.getRepository(MaintenanceRecurrenceEntity);
    return repo.save(
      repo.create({
        providerId: actor.providerId,
        serviceId: input.serviceId,
        calendarId: input.calendarId,
        title: input.title.trim(),
        rule,
        firstStart: input.firstStart,
        durationSeconds: seconds!,
        timeZone,
        announcedAt: now,
        announcedBy: actorLabel(actor),
        endedAt: null,
        endedBy: null,
      }),
    );
  });
}

/**
 * Ends a series: no occurrence starts from now on (one under way goes on to its end). Ending an
 * ended series changes nothing (safe to retry).
 */
export async function endRecurring(ctx: RequestContext, id: string): Promise<MaintenanceRecurrenceEntity> {
  const actor = requireRole(ctx, [Role.PROVIDER_ADMIN, Role.ACCOUNT_MANAGER]);
  return withTransaction(ctx, async (tx) => {
    const repo = tx.em.getRepository(MaintenanceRecurrenceEntity);
    const row = await repo.createQueryBuilder('r').setLock('pessimistic_write').where('r.id = :id AND r.providerId = :p', { id, p: actor.providerId }).getOne();
    if (!row) throw new NotFoundError('The maintenance recurrence', ['id']);
    if (row.endedAt) return row;
    row.endedAt = tx.now;
    row.endedBy = actorLabel(actor);
    return repo.save(row);
  });
}

export async function list(ctx: RequestContext, serviceId: string | null, page: PageRequest): Promise<Page<MaintenanceRecurrenceEntity>> {
  const actor = requireRole(ctx, IncidentRoles.read);
  const qb = ctx.em.getRepository(MaintenanceRecurrenceEntity).createQueryBuilder('r').where('r.providerId = :p', { p: actor.providerId });
  if (serviceId) qb.andWhere('r.serviceId = :s', { s: serviceId });
  return paginate(qb, { column: 'announcedAt', direction: 'DESC', value: (r) => r.announcedAt }, page);
}

export async function findByIds(ctx: RequestContext, ids: readonly string[]): Promise<MaintenanceRecurrenceEntity[]> {
  if (ids.length === 0) return [];
  const actor = requireRole(ctx, IncidentRoles.read);
  return ctx.em.getRepository(MaintenanceRecurrenceEntity).findBy({ id: In([...ids]), providerId: actor.providerId });
}

/**
 * The occurrences of a series that overlap [from, to) (defaults: from now, 90 days), in time
 * order: those that count as maintenance (from its announcement, until it was ended). The span is
 * at most 366 days: INVALID_INPUT on `to` otherwise.
 */
export function occurrencesOf(ctx: RequestContext, r: MaintenanceRecurrenceEntity, from: Date | null, to: Date | null): Occurrence[] {
  const start = from ?? ctx.now;
  const end = to ?? new Date(start.getTime() + DEFAULT_LISTED_SPAN_DAYS * DAY);
  if (end.getTime() <= start.getTime()) throw new UserError('INVALID_INPUT', '`to` must be after `from`.', ['to']);
  if (end.getTime() - start.getTime() > MAX_LISTED_SPAN_DAYS * DAY) throw new UserError('INVALID_INPUT', `List at most ${MAX_LISTED_SPAN_DAYS} days of occurrences at once.`, ['to']);
  return seriesOccurrences(seriesOf(r), start, end).map(({ start: s, end: e }) => ({ start: s, end: e }));
}
