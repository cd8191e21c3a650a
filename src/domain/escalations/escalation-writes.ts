import { In } from 'typeorm';
import { type Actor } from '../../common/actor';
import { BusinessCalendarEntity } from '../../db/entities/business-calendar.entity';
import { type CalendarSpec } from '../calendars/business-hours';
import { EventType } from '../../common/event-types';
import { toGlobalId } from '../../common/global-id';
import { type RequestContext } from '../../context/request-context';
import { withTransaction } from '../../context/transaction';
import { EscalationEntity, type EscalationLevelSnapshot, type EscalationStatus, type EscalationTrigger } from '../../db/entities/escalation.entity';
import { EscalationHistoryEntity, type EscalationHistoryKind } from '../../db/entities/escalation-history.entity';
import { type PayloadOf } from '../events/domain-events';
import { raiseEvent } from '../events/event.service';
import { type IncidentResolved } from '../incidents/incident.domain-events';
import { endpointsUpTo, levelCalendarIds, levelOf, nextLevelDue, notificationsOf } from './escalation-policy';
import { afterIncidentResolved, mayAdvance } from './escalation-state';

/** What an escalation is raised for, and under which policy. */
export interface RaiseSpec {
  providerId: string;
  agreementId: string;
  /** The revision whose policy applies. */
  revisionId: string;
  customerId: string | null;
  incidentId?: string | null;
  objectiveId?: string | null;
  /** The claim whose response deadline was missed. */
  claimId?: string | null;
  period?: { start: Date; end: Date } | null;
  trigger: EscalationTrigger;
  /** The burn-rate alert episode (trigger BUDGET_BURN). */
  burnAlertId?: string | null;
  metric?: string | null;
  levels: EscalationLevelSnapshot[];
  note?: string | null;
  /** The supporting party whose clock (metric) warned or breached and raised it (OLA, underpinning contract). */
  supporting?: { partyId: string; metric: string } | null;
}

const SYSTEM = { kind: 'SYSTEM', id: 'system', name: 'Scheduler' } as const;

/** The business calendars the levels count their delays in, by id: one statement, none when no level names one. */
async function levelCalendars(tx: RequestContext, providerId: string, levels: readonly EscalationLevelSnapshot[]): Promise<Map<string, CalendarSpec>> {
  const ids = levelCalendarIds(levels);
  if (ids.length === 0) return new Map();
  return new Map((await tx.em.getRepository(BusinessCalendarEntity).findBy({ id: In(ids), providerId })).map((c) => [c.id, c]));
}

function who(tx: RequestContext): { kind: string; id: string; name: string } {
  const actor: Actor | null = tx.actor;
  return actor ? { kind: actor.kind, id: actor.id, name: actor.name } : SYSTEM;
}


/** The body receivers of an escalation event see: global ids, ISO times. */
export function escalationEventData(e: EscalationEntity, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const level = levelOf(e.levels, e.currentLevel);
  return {
    escalation: toGlobalId('Escalation', e.id),
    trigger: e.trigger,
    status: e.status,
    level: e.currentLevel,
    levelName: level.name,
    notify: { roles: level.notifyRoles, users: level.notifyUsers, webhookEndpoints: level.notifyWebhookEndpoints.map((id) => toGlobalId('WebhookEndpoint', id)) },
    incident: e.incidentId && toGlobalId('Incident', e.incidentId),
    objective: e.objectiveId && toGlobalId('Objective', e.objectiveId),
    claim: e.claimId && toGlobalId('Claim', e.claimId),
    period: e.periodStart && e.periodEnd ? { start: e.periodStart.toISOString(), end: e.periodEnd.toISOString() } : null,
    metric: e.metric,
    burnRateAlert: e.burnAlertId ? toGlobalId('BurnRateAlert', e.burnAlertId) : null,
    ...(e.supportingPartyId ? { supportingParty: toGlobalId('SupportingParty', e.supportingPartyId), supportingMetric: e.supportingMetric } : {}),
    agreement: toGlobalId('Agreement', e.agreementId),
    customer: e.customerId && toGlobalId('Customer', e.customerId),
    raisedAt: e.raisedAt.toISOString(),
    nextLevelAt: e.nextLevelAt?.toISOString() ?? null,
    ...extra,
  };
}

async function emit(tx: RequestContext, e: EscalationEntity, type: EventType, webhookEndpointIds: string[], extra: Record<string, unknown> = {}): Promise<void> {
  await raiseEvent(tx, {
    type,
    providerId: e.providerId,
    customerId: e.customerId,
    agreementId: e.agreementId,
    subjectType: 'Escalation',
    subjectId: e.id,
    data: escalationEventData(e, extra),
    webhookEndpointIds,
  });
}

async function history(tx: RequestContext, e: EscalationEntity, kind: EscalationHistoryKind, at: Date, fields: Partial<EscalationHistoryEntity> = {}): Promise<void> {
  const actor = who(tx);
  await tx.em
    .createQueryBuilder()
    .insert()
    .into(EscalationHistoryEntity)
    .values({ providerId: e.providerId, escalationId: e.id, kind, level: e.currentLevel, channel: null, recipients: [], at, actorKind: actor.kind, actorId: actor.id, actorName: actor.name, note: null, ...fields })
    .execute();
}

/**
 * The supporting party a level with `notifySupportingParty` reaches: the one whose clock raised the
 * escalation, else the one holding its incident now; null when there is none.
 */
async function partyToNotify(tx: RequestContext, e: EscalationEntity): Promise<{ name: string; contacts: string[] } | null> {
  if (!e.supportingPartyId && !e.incidentId) return null;
  const rows: { name: string; contacts: string[] }[] = await tx.em.query(
    `SELECT p.name, p.contacts FROM supporting_party p
     WHERE p.id = coalesce($1::uuid, (SELECT a.supporting_party_id FROM incident_assignment a WHERE a.incident_id = $2::uuid AND a.ended_at IS NULL))`,
    [e.supportingPartyId, e.incidentId],
  );
  return rows[0] ?? null;
}

/** Records that the escalation's current level was notified, on each of its channels, and schedules the next level. */
async function notifyCurrentLevel(tx: RequestContext, e: EscalationEntity, at: Date): Promise<void> {
  for (const n of notificationsOf(levelOf(e.levels, e.currentLevel))) {
    const recipients = n.channel === 'WEBHOOK' ? n.recipients.map((id) => toGlobalId('WebhookEndpoint', id)) : n.recipients;
    await history(tx, e, 'NOTIFIED', at, { channel: n.channel, recipients });
  }
  if (levelOf(e.levels, e.currentLevel).notifySupportingParty) {
    const party = await partyToNotify(tx, e);
    if (party) await history(tx, e, 'NOTIFIED', at, { channel: 'SUPPORTING_PARTY', recipients: party.contacts.length ? party.contacts : [party.name] });
  }
  if (e.nextLevelAt) {
    await tx.db.jobs.schedule(tx, 'escalation.advance', { escalationId: e.id, level: e.currentLevel }, e.nextLevelAt, {
      singletonKey: `escalation.advance:${e.id}:${e.currentLevel}`,
    });
  }
}

/**
 * Raises an escalation at level 1 in the caller's transaction: level 1 is notified (history),
 * `escalation.raised` goes to its webhook endpoints, and the next level is scheduled. Returns
 * null, changing nothing, when the same trigger already raised one that is not closed (or, for an
 * objective, one for the same period): one trigger raises one escalation, however often it fires.
 */
export async function raiseEscalation(ctx: RequestContext, spec: RaiseSpec): Promise<EscalationEntity | null> {
  return withTransaction(ctx, async (tx) => {
    const now = tx.now;
    const nextLevelAt = nextLevelDue(spec.levels, 1, now, await levelCalendars(tx, spec.providerId, spec.levels));
    const inserted = await tx.em
      .createQueryBuilder()
      .insert()
      .into(EscalationEntity)
      .values({
        providerId: spec.providerId,
        agreementId: spec.agreementId,
        revisionId: spec.revisionId,
        customerId: spec.customerId,
        incidentId: spec.incidentId ?? null,
        objectiveId: spec.objectiveId ?? null,
        claimId: spec.claimId ?? null,
        periodStart: spec.period?.start ?? null,
        periodEnd: spec.period?.end ?? null,
        trigger: spec.trigger,
        burnAlertId: spec.burnAlertId ?? null,
        metric: spec.metric ?? null,
        levels: spec.levels,
        supportingPartyId: spec.supporting?.partyId ?? null,
        supportingMetric: spec.supporting?.metric ?? null,
        currentLevel: 1,
        status: 'OPEN',
        note: spec.note?.trim() ?? '',
        raisedAt: now,
        raisedBy: who(tx).name,
        nextLevelAt,
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    const id = (inserted.raw as { id: string }[])[0]?.id;
    if (!id) return null;
    const e = await tx.em.getRepository(EscalationEntity).findOneByOrFail({ id });
    await notifyCurrentLevel(tx, e, now);
    await emit(tx, e, EventType.ESCALATION_RAISED, levelOf(e.levels, 1).notifyWebhookEndpoints);
    return e;
  });
}

/**
 * The job behind each level: moves an escalation from `fromLevel` to the next level and notifies
 * it, only if it is still OPEN and still at `fromLevel` (compare-and-set under a row lock), so a
 * job that runs twice, late, or after an acknowledgement changes nothing. Returns whether it moved.
 */
export async function advanceEscalation(ctx: RequestContext, escalationId: string, fromLevel: number): Promise<boolean> {
  return withTransaction(ctx, async (tx) => {
    const repo = tx.em.getRepository(EscalationEntity);
    const e = await repo.createQueryBuilder('e').setLock('pessimistic_write').where('e.id = :id', { id: escalationId }).getOne();
    if (!e || !mayAdvance({ status: e.status, currentLevel: e.currentLevel, levelCount: e.levels.length }, fromLevel)) return false;
    const now = tx.now;
    e.currentLevel = fromLevel + 1;
    e.nextLevelAt = nextLevelDue(e.levels, e.currentLevel, now, await levelCalendars(tx, e.providerId, e.levels));
    const saved = await repo.save(e);
    await notifyCurrentLevel(tx, saved, now);
    await emit(tx, saved, EventType.ESCALATION_ADVANCED, levelOf(saved.levels, saved.currentLevel).notifyWebhookEndpoints, { fromLevel });
    return true;
  });
}

/** Moves a locked escalation to `status` on behalf of the context's caller, with its history entry and event. */
export async function closeOrAcknowledge(
  tx: RequestContext,
  e: EscalationEntity,
  status: Exclude<EscalationStatus, 'OPEN'>,
  at: Date,
  note: string | null,
): Promise<EscalationEntity> {
  const by = who(tx).name;
  if (status === 'ACKNOWLEDGED') {
    e.acknowledgedAt = at;
    e.acknowledgedBy = by;
  } else {
    e.resolvedAt = at;
    e.resolvedBy = by;
  }
  e.status = status;
  e.nextLevelAt = null;
  const saved = await tx.em.getRepository(EscalationEntity).save(e);
  await history(tx, saved, status, at, { note });
  const type = { ACKNOWLEDGED: EventType.ESCALATION_ACKNOWLEDGED, RESOLVED: EventType.ESCALATION_RESOLVED, CANCELLED: EventType.ESCALATION_CANCELLED }[status];
  await emit(tx, saved, type, endpointsUpTo(saved.levels, saved.currentLevel), { by, note });
  return saved;
}

export const CANCELLED_BY_INCIDENT = 'Cancelled: the incident was resolved before anyone acknowledged the escalation.';
export const RESOLVED_BY_INCIDENT = 'Resolved with its incident.';

/**
 * Reaction to IncidentResolved: its escalations are settled, in the incident's transaction, at its
 * now: acknowledged ones are RESOLVED with it; ones nobody acknowledged are CANCELLED (the
 * incident was resolved first).
 */
export async function settleEscalationsOfIncident(tx: RequestContext, { incident }: PayloadOf<typeof IncidentResolved>): Promise<number> {
  const at = tx.now;
  const rows = await tx.em
    .getRepository(EscalationEntity)
    .createQueryBuilder('e')
    .setLock('pessimistic_write')
    .where("e.incidentId = :incidentId AND e.status IN ('OPEN', 'ACKNOWLEDGED')", { incidentId: incident.id })
    .orderBy('e.raisedAt', 'ASC')
    .getMany();
  for (const e of rows) {
    const to = afterIncidentResolved(e.status);
    if (to) await closeOrAcknowledge(tx, e, to, at, to === 'CANCELLED' ? CANCELLED_BY_INCIDENT : RESOLVED_BY_INCIDENT);
  }
  return rows.length;
}
