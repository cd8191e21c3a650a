import { In } from 'typeorm';
import { type BusinessCalendarEntity } from '../../db/entities/business-calendar.entity';
import { IncidentEventEntity } from '../../db/entities/incident-event.entity';
import { type IncidentEntity } from '../../db/entities/incident.entity';
import { ObjectiveEntity } from '../../db/entities/objective.entity';
import { SlaClockEntity } from '../../db/entities/sla-clock.entity';
import { IncidentEntity as Incident } from '../../db/entities/incident.entity';
import { type RequestContext } from '../../context/request-context';
import { withTransaction } from '../../context/transaction';
import { type RevisionInForce, revisionsInForceFor } from '../agreements/effective-objectives.service';
import { objectivesOfRevisions } from '../agreements/revision-store';
import { type ClockState, computeClock } from '../clocks/sla-clock';
import { publish } from '../events/domain-events';
import { raiseEvent } from '../events/event.service';
import { tellPastDataChanged } from '../compliance/compliance.domain-events';
import {
  type ClockChoice,
  clockPlans,
  clocksAt,
  clockTimeline,
  type ClockPlan,
  type DueClockEvent,
  type PlanBasis,
  storedClockPlan,
  timeObjectivesInForce,
} from './clock-plan';
import { AgreementRevisionEntity } from '../../db/entities/agreement-revision.entity';
import { CustomerEntity } from '../../db/entities/customer.entity';
import { type IncidentStatus } from '../../common/incident-statuses';
import { type RevisionTerms } from '../agreements/terms';
import { pauseStatusesFor } from '../agreements/terms-rules';
import { calendarsById, eventsByIncident } from './clock-reads';
import { ClockWarnedOrBreached } from './incident.domain-events';
import { refreshSupportingClocks } from './supporting-clocks.service';
import { clockWarnedOrBreached, supportingPartyShown } from './incident-events';

export interface LiveClock extends ClockState {
  objectiveIds: string[];
  calendarId: string | null;
  /** The objective whose target applies now (that of `priority`), why it was chosen; null without one. */
  choice: ClockChoice | null;
  /** The status meanings that pause it. */
  pauseStatuses: IncidentStatus[];
}

/** The time objectives effective for the incident at its start (multi-level inheritance applied). */
async function effectiveTimeObjectives(tx: RequestContext, incident: IncidentEntity, known?: RevisionInForce[]): Promise<ObjectiveEntity[]> {
  if (!incident.revisionId) return [];
  const sources = known ?? (await revisionsInForceFor(tx, incident.providerId, incident.customerId, incident.serviceId, incident.startedAt));
  return timeObjectivesInForce(sources, await objectivesOfRevisions(tx, sources.map((s) => s.revision_id)));
}

/**
 * What a new incident's clocks are chosen by: its facts as reported, with its customer's
 * attributes, and the pause rules of the revision that judges it (the one it is pinned to).
 */
export function planBasis(incident: Pick<IncidentEntity, 'category' | 'channel' | 'impact'>, customer: Pick<CustomerEntity, 'tier' | 'region'> | null, terms: Pick<RevisionTerms, 'pauseRules'> | null): PlanBasis {
  return {
    facts: { category: incident.category ?? null, channel: incident.channel ?? null, impact: incident.impact ?? null, customerTier: customer?.tier ?? null, customerRegion: customer?.region ?? null },
    pauseStatuses: (metric) => pauseStatusesFor(terms, metric),
  };
}

/** planBasis, reading the customer and the judging revision's terms. */
export async function readPlanBasis(tx: RequestContext, incident: IncidentEntity): Promise<PlanBasis> {
  const customer = await tx.em.getRepository(CustomerEntity).findOneBy({ id: incident.customerId });
  const revision = incident.revisionId ? await tx.em.getRepository(AgreementRevisionEntity).findOneBy({ id: incident.revisionId }) : null;
  return planBasis(incident, customer, revision ? (revision.terms as unknown as RevisionTerms) : null);
}

/**
 * The objectives clocks are pinned to, by id. Read once per request for the same ids: they
 * belong to signed revisions, whose objectives never change (the database refuses).
 */
function pinnedObjectives(tx: RequestContext, ids: string[]): Promise<ObjectiveEntity[]> {
  const wanted = [...new Set(ids)].sort();
  return tx.memo(`pinned-objectives:${wanted.join(',')}`, () => tx.em.getRepository(ObjectiveEntity).findBy({ id: In(wanted) }));
}

/** The timeline record of a warning or breach (the caller writes it). */
export function clockEventRecord(actor: RequestContext['actor'], e: DueClockEvent) {
  return {
    type: e.type,
    at: e.at,
    fromStatus: null,
    toStatus: null,
    priority: e.clock.priority,
    impact: null,
    note: null,
    actorKind: actor?.kind ?? 'SYSTEM',
    actorId: actor?.id ?? 'system',
    actorName: actor?.name ?? 'Scheduler',
    data: {
      metric: e.clock.metric,
      targetMs: e.clock.targetMs,
      dueAt: e.clock.dueAt?.toISOString() ?? null,
      ...(e.supporting ? { supportingParty: supportingPartyShown(e.supporting) } : {}),
    },
  };
}

/**
 * Once the record of a warning or breach is written: the webhook event and the other areas'
 * reactions, in the same transaction, so that they exist exactly when the record does.
 */
export async function clockEventRecorded(tx: RequestContext, incident: IncidentEntity, e: DueClockEvent): Promise<void> {
  await raiseEvent(tx, clockWarnedOrBreached(incident, e.type, e.at, e.clock, e.supporting));
  await publish(tx, ClockWarnedOrBreached, { incident, type: e.type, at: e.at, clock: e.clock, ...(e.supporting ? { supporting: e.supporting } : {}) });
}

async function recordClockEvent(tx: RequestContext, incident: IncidentEntity, e: DueClockEvent): Promise<void> {
  const repo = tx.em.getRepository(IncidentEventEntity);
  await repo.save(repo.create({ providerId: incident.providerId, incidentId: incident.id, ...clockEventRecord(tx.actor, e) }));
  await clockEventRecorded(tx, incident, e);
}

/** What the report of a new incident already read: its clocks are planned without reading it again. */
export interface NewIncident {
  /** The revisions in force for its customer and service when it started (revisionsInForceFor). */
  sources: RevisionInForce[];
  /** Its timeline so far (the REPORTED event). */
  events: IncidentEventEntity[];
  /** What its clocks are chosen by. */
  basis: PlanBasis;
}

/**
 * Recomputes the incident's clocks at the context's now (in the caller's transaction), stores
 * them, and records a CLOCK_WARNING or CLOCK_BREACHED event, once, for each moment already passed.
 * For an incident just reported, `created` saves re-reading what the report already has (it has
 * no clocks yet).
 */
export async function refreshClocks(tx: RequestContext, incident: IncidentEntity, created?: NewIncident): Promise<void> {
  const now = tx.now;
  const repo = tx.em.getRepository(SlaClockEntity);
  const stored = new Map(created ? [] : (await repo.findBy({ incidentId: incident.id })).map((c) => [c.metric, c]));
  // The objectives are found once, when the incident is reported, and pinned to its clocks:
  // later changes of terms, segments or coverage never change how it is judged.
  const objectives =
    stored.size > 0 ? await pinnedObjectives(tx, [...stored.values()].flatMap((c) => c.objectiveIds)) : await effectiveTimeObjectives(tx, incident, created?.sources);
  const events = created?.events ?? (await eventsByIncident(tx, [incident.id])).get(incident.id) ?? [];
  const timeline = clockTimeline(events);
  const calendars = await calendarsById(tx, objectives.map((o) => o.calendarId));
  // The choice of objectives and the pause rules are pinned too, once planned.
  const plans =
    stored.size > 0
      ? [...stored.values()].map((row) => storedClockPlan(row, objectives, calendars, timeline.initialPriority)).filter((p): p is ClockPlan => p !== null)
      : objectives.length > 0
        ? clockPlans(objectives, calendars, timeline.initialPriority, created?.basis ?? (await readPlanBasis(tx, incident)))
        : [];
  const { rows: clocks, due } = clocksAt(incident, plans, timeline, stored, now);
  // The clocks of the supporting parties that held it (OLAs, underpinning contracts); a new incident has none.
  const supportingDue = created ? [] : await refreshSupportingClocks(tx, incident, events);
  for (const event of [...due, ...supportingDue]) await recordClockEvent(tx, incident, event);
  const rows: Partial<SlaClockEntity>[] = clocks.map((c) => ({ ...c, incidentId: incident.id, providerId: incident.providerId }));
  // Every clock of the incident in one statement.
  if (rows.length > 0) await repo.upsert(rows, ['incidentId', 'metric']);
}

/**
 * The clocks of many incidents as they stand at `now`, computed from their timelines and the
 * objectives their clocks were planned with. Four statements whatever the number of incidents.
 */
export async function liveClocks(ctx: RequestContext, incidents: readonly IncidentEntity[], now: Date): Promise<Map<string, LiveClock[]>> {
  const ids = incidents.map((i) => i.id);
  const out = new Map<string, LiveClock[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const rows = await ctx.em.getRepository(SlaClockEntity).find({ where: { incidentId: In(ids) }, order: { metric: 'ASC' } });
  if (rows.length === 0) return out;
  const objectives = await ctx.em.getRepository(ObjectiveEntity).findBy({ id: In([...new Set(rows.flatMap((r) => r.objectiveIds))]) });
  const calendars = await calendarsById(ctx, objectives.map((o) => o.calendarId));
  const events = await eventsByIncident(ctx, [...new Set(rows.map((r) => r.incidentId))]);
  const byId = new Map(incidents.map((i) => [i.id, i]));
  for (const row of rows) {
    const incident = byId.get(row.incidentId)!;
    const { initialPriority, timeline } = clockTimeline(events.get(row.incidentId) ?? []);
    const plan = storedClockPlan(row, objectives, calendars, initialPriority);
    if (!plan) continue;
    const state = computeClock({ startedAt: incident.startedAt, initialPriority: initialPriority as never, timeline }, plan.objective, now);
    out.get(row.incidentId)!.push({
      ...state,
      objectiveIds: plan.objectiveIds,
      calendarId: (plan.objective.calendar as BusinessCalendarEntity | null)?.id ?? null,
      choice: plan.selection[state.priority] ?? null,
      pauseStatuses: [...(plan.objective.pauseStatuses ?? [])],
    });
  }
  return out;
}

/**
 * Scheduled work: records the warnings and breaches whose moment has come on clocks still
 * running, without anyone reading the incidents. Each incident in its own transaction; with
 * several processes, SKIP LOCKED gives each incident to one of them.
 */
export async function recordDueClockEvents(ctx: RequestContext): Promise<number> {
  const now = ctx.now;
  const due: { incident_id: string }[] = await ctx.em.query(
    `SELECT incident_id FROM sla_clock
     WHERE state = 'RUNNING' AND ((due_at <= $1 AND NOT breach_recorded) OR (warn_at <= $1 AND NOT warning_recorded))
     UNION
     SELECT incident_id FROM supporting_clock
     WHERE state = 'RUNNING' AND ((due_at <= $1 AND NOT breach_recorded) OR (warn_at <= $1 AND NOT warning_recorded))`,
    [now],
  );
  let done = 0;
  for (const { incident_id } of due) {
    const refreshed = await withTransaction(ctx, async (tx) => {
      const locked: unknown[] = await tx.em.query('SELECT id FROM incident WHERE id = $1 FOR UPDATE SKIP LOCKED', [incident_id]);
      if (locked.length === 0) return false;
      const incident = await tx.em.getRepository(Incident).findOneByOrFail({ id: incident_id });
      await refreshClocks(tx, incident);
      // A clock of an incident that started in a month that has ended counts in that month: settlement rechecks it.
      await tellPastDataChanged(tx, {
        providerId: incident.providerId,
        since: incident.startedAt,
        serviceIds: [incident.serviceId],
        objectiveIds: null,
        cause: { kind: 'INCIDENT', subjectId: incident.id, description: `A clock of incident "${incident.title}" warned or breached.`, actorName: 'SYSTEM' },
      });
      return true;
    });
    if (refreshed) done += 1;
  }
  return done;
}
