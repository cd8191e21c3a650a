import { In } from 'typeorm';
import { type BusinessCalendarEntity } from '../../db/entities/business-calendar.entity';
import { type IncidentEventEntity } from '../../db/entities/incident-event.entity';
import { type IncidentEntity } from '../../db/entities/incident.entity';
import { IncidentAssignmentEntity } from '../../db/entities/incident-assignment.entity';
import { type ObjectiveEntity } from '../../db/entities/objective.entity';
import { SupportingClockEntity } from '../../db/entities/supporting-clock.entity';
import { type SupportingPartyEntity } from '../../db/entities/supporting-party.entity';
import { type RequestContext } from '../../context/request-context';
import { objectivesOfRevisions } from '../agreements/revision-store';
import { SUPPORTING_METRICS } from '../agreements/supporting-objectives';
import { partiesById } from '../catalog/supporting-party.service';
import { heldIncident, type Holding } from '../clocks/held-timeline';
import { type ClockState, computeClock, type Priority } from '../clocks/sla-clock';
import { customerScope } from '../shared/customer-scope';
import { clockPlans, clocksAt, clockTimeline, type ClockPlan, type DueClockEvent } from './clock-plan';
import { calendarsById, eventsByIncident } from './clock-reads';
import { type SupportingOwner } from './incident.domain-events';

/**
 * The clocks of supporting parties (OLAs with internal teams, underpinning contracts with
 * suppliers). A party that held an incident runs a clock per time objective of its supporting
 * agreement: the revision in force for the incident's service when the party first got it,
 * pinned from then on. The clock counts while the party holds the incident, stops when it goes
 * to someone else and continues when it comes back (clocks/held-timeline.ts), in the calendar of
 * its objective, else the party's own, else 24x7. The same clock engine as the customer's clocks;
 * stored in supporting_clock as the customer's are in sla_clock, and their warnings and breaches
 * recorded by the same path (refreshClocks, the clock-events sweep).
 */

/** A supporting party's clock on an incident as it stands now. */
export interface LiveSupportingClock extends ClockState {
  incidentId: string;
  partyId: string;
  agreementId: string;
  revisionId: string;
  objectiveIds: string[];
  calendarId: string | null;
  /** The party holds the incident now. */
  holding: boolean;
  /** The metrics of the incident's customer clocks this clock supports (its objectives support theirs). */
  supportsMetrics: string[];
}

/** What a party's clocks are computed from. */
interface PartyClocks {
  party: SupportingPartyEntity;
  first: IncidentAssignmentEntity;
  holdings: Holding[];
  holding: boolean;
}

async function assignmentsByIncident(ctx: RequestContext, incidentIds: readonly string[]): Promise<Map<string, IncidentAssignmentEntity[]>> {
  const out = new Map<string, IncidentAssignmentEntity[]>(incidentIds.map((id) => [id, []]));
  if (incidentIds.length === 0) return out;
  const rows = await ctx.em.getRepository(IncidentAssignmentEntity).find({ where: { incidentId: In([...incidentIds]) }, order: { assignedAt: 'ASC', id: 'ASC' } });
  for (const r of rows) out.get(r.incidentId)?.push(r);
  return out;
}

/** The parties that held an incident, each with its holdings and its first assignment (whose revision its clocks are judged against). */
function partiesOf(assignments: readonly IncidentAssignmentEntity[], parties: ReadonlyMap<string, SupportingPartyEntity>): PartyClocks[] {
  const byParty = new Map<string, PartyClocks>();
  for (const a of assignments) {
    const party = parties.get(a.supportingPartyId);
    if (!party) continue;
    const entry = byParty.get(a.supportingPartyId) ?? { party, first: a, holdings: [], holding: false };
    entry.holdings.push({ from: a.assignedAt, to: a.endedAt });
    entry.holding ||= a.endedAt === null;
    byParty.set(a.supportingPartyId, entry);
  }
  return [...byParty.values()];
}

/** The clocks a party runs: its revision's time objectives, in the objective's calendar, else the party's. */
function partyPlans(p: PartyClocks, objectives: readonly ObjectiveEntity[], calendars: ReadonlyMap<string, BusinessCalendarEntity>, initialPriority: string): ClockPlan[] {
  const mine = objectives
    .filter((o) => o.revisionId === p.first.revisionId && SUPPORTING_METRICS.includes(o.metric))
    .map((o) => ({ ...o, calendarId: o.calendarId ?? p.party.calendarId }));
  return clockPlans(mine, calendars as Map<string, BusinessCalendarEntity>, initialPriority);
}

/** What the clocks of these incidents' supporting parties need, in a fixed number of statements. */
async function readWorld(ctx: RequestContext, incidentIds: readonly string[]) {
  const assignments = await assignmentsByIncident(ctx, incidentIds);
  const all = [...assignments.values()].flat();
  if (all.length === 0) return null;
  const parties = await partiesById(ctx, all.map((a) => a.supportingPartyId));
  const objectives = await objectivesOfRevisions(ctx, [...new Set(all.map((a) => a.revisionId))]);
  const calendars = await calendarsById(ctx, [...objectives.map((o) => o.calendarId), ...[...parties.values()].map((p) => p.calendarId)]);
  return { assignments, parties, objectives, calendars };
}

const owner = (p: PartyClocks): SupportingOwner => ({ partyId: p.party.id, partyName: p.party.name, partyKind: p.party.kind, agreementId: p.first.agreementId });

/**
 * Recomputes the supporting clocks of an incident at the context's now (in the caller's
 * transaction, which holds the incident's lock), stores them, and returns the warnings and
 * breaches now due that were not recorded yet, for the caller to record with the customer's.
 * One statement when nobody ever held the incident.
 */
export async function refreshSupportingClocks(tx: RequestContext, incident: IncidentEntity, events: IncidentEventEntity[]): Promise<DueClockEvent[]> {
  const world = await readWorld(tx, [incident.id]);
  if (!world) return [];
  const repo = tx.em.getRepository(SupportingClockEntity);
  const stored = await repo.findBy({ incidentId: incident.id });
  const timeline = clockTimeline(events);
  const due: DueClockEvent[] = [];
  const rows: Partial<SupportingClockEntity>[] = [];
  for (const p of partiesOf(world.assignments.get(incident.id) ?? [], world.parties)) {
    const seen = heldIncident({ startedAt: incident.startedAt, initialPriority: timeline.initialPriority as Priority, timeline: timeline.timeline }, p.holdings);
    if (!seen) continue;
    const plans = partyPlans(p, world.objectives, world.calendars, seen.initialPriority);
    const mine = new Map(stored.filter((s) => s.supportingPartyId === p.party.id).map((s) => [s.metric as string, s]));
    const result = clocksAt({ startedAt: seen.startedAt }, plans, { initialPriority: seen.initialPriority, timeline: seen.timeline }, mine, tx.now);
    due.push(...result.due.map((d) => ({ ...d, supporting: owner(p) })));
    rows.push(
      ...result.rows.map((r) => ({
        ...r,
        incidentId: incident.id,
        providerId: incident.providerId,
        supportingPartyId: p.party.id,
        agreementId: p.first.agreementId,
        revisionId: p.first.revisionId,
      })),
    );
  }
  // Every supporting clock of the incident in one statement.
  if (rows.length > 0) await repo.upsert(rows, ['incidentId', 'supportingPartyId', 'metric']);
  return due;
}

/**
 * For each incident, per customer clock metric, the supported objectives its supporting clocks may
 * name: objectives of the same agreement, metric and priority as the customer clock's objectives,
 * in any of that agreement's revisions (an amended customer agreement is still the one an OLA
 * supports). One statement.
 */
async function supportedByCustomerClock(ctx: RequestContext, incidentIds: readonly string[], supportedIds: readonly string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (supportedIds.length === 0) return out;
  const rows: { incident_id: string; metric: string; supported_id: string }[] = await ctx.em.query(
    `SELECT DISTINCT c.incident_id, c.metric, sup.id AS supported_id
     FROM sla_clock c
     JOIN objective co ON co.id = ANY (c.objective_ids)
     JOIN agreement_revision cor ON cor.id = co.revision_id
     JOIN objective sup ON sup.id = ANY ($2::uuid[]) AND sup.metric = co.metric AND sup.priority IS NOT DISTINCT FROM co.priority
     JOIN agreement_revision supr ON supr.id = sup.revision_id AND supr.agreement_id = cor.agreement_id
     WHERE c.incident_id = ANY ($1::uuid[])`,
    [incidentIds, supportedIds],
  );
  for (const r of rows) {
    const key = `${r.incident_id}/${r.metric}`;
    out.set(key, (out.get(key) ?? new Set()).add(r.supported_id));
  }
  return out;
}

/**
 * The supporting clocks of many incidents as they stand at `now`, each with the customer clocks
 * it supports. A fixed number of statements whatever the number of incidents (one when none was
 * ever assigned); none for customer users, who never see the provider's teams and suppliers.
 */
export async function liveSupportingClocks(ctx: RequestContext, incidents: readonly IncidentEntity[], now: Date): Promise<Map<string, LiveSupportingClock[]>> {
  const out = new Map<string, LiveSupportingClock[]>(incidents.map((i) => [i.id, []]));
  if (incidents.length === 0 || customerScope(ctx.caller) !== null) return out;
  const world = await readWorld(ctx, incidents.map((i) => i.id));
  if (!world) return out;
  const held = incidents.filter((i) => (world.assignments.get(i.id) ?? []).length > 0);
  const events = await eventsByIncident(ctx, held.map((i) => i.id));
  const supported = await supportedByCustomerClock(ctx, held.map((i) => i.id), [...new Set(world.objectives.flatMap((o) => o.supportsObjectiveIds))]);
  const objectiveById = new Map(world.objectives.map((o) => [o.id, o]));
  for (const incident of held) {
    const timeline = clockTimeline(events.get(incident.id) ?? []);
    for (const p of partiesOf(world.assignments.get(incident.id) ?? [], world.parties)) {
      const seen = heldIncident({ startedAt: incident.startedAt, initialPriority: timeline.initialPriority as Priority, timeline: timeline.timeline }, p.holdings);
      if (!seen) continue;
      for (const plan of partyPlans(p, world.objectives, world.calendars, seen.initialPriority)) {
        const state = computeClock(seen, plan.objective, now);
        const names = plan.objectiveIds.flatMap((id) => objectiveById.get(id)?.supportsObjectiveIds ?? []);
        const supportsMetrics = ['FIRST_RESPONSE_TIME', 'RESOLUTION_TIME', 'UPDATE_INTERVAL'].filter((m) => names.some((id) => supported.get(`${incident.id}/${m}`)?.has(id)));
        out.get(incident.id)!.push({
          ...state,
          incidentId: incident.id,
          partyId: p.party.id,
          agreementId: p.first.agreementId,
          revisionId: p.first.revisionId,
          objectiveIds: plan.objectiveIds,
          calendarId: (plan.objective.calendar as BusinessCalendarEntity | null)?.id ?? null,
          holding: p.holding,
          supportsMetrics,
        });
      }
    }
  }
  return out;
}

/** The assignments of many incidents, oldest first (none for customer users). One statement. */
export async function assignmentsOf(ctx: RequestContext, incidentIds: readonly string[]): Promise<Map<string, IncidentAssignmentEntity[]>> {
  if (customerScope(ctx.caller) !== null) return new Map(incidentIds.map((id) => [id, []]));
  return assignmentsByIncident(ctx, incidentIds);
}
