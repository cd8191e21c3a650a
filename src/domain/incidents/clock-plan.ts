import { Priority, TIME_METRICS } from '../../common/agreement-enums';
import { type BusinessCalendarEntity } from '../../db/entities/business-calendar.entity';
import { type IncidentEventEntity } from '../../db/entities/incident-event.entity';
import { type IncidentEntity } from '../../db/entities/incident.entity';
import { type ObjectiveEntity } from '../../db/entities/objective.entity';
import { type SlaClockEntity } from '../../db/entities/sla-clock.entity';
import { resolveEffectiveObjectives } from '../agreements/effective-objectives';
import { type RevisionInForce } from '../agreements/effective-objectives.service';
import { chooseObjective, type IncidentFacts, NO_FACTS, type ObjectiveConditions } from '../agreements/objective-conditions';
import { pauseStatusesFor } from '../agreements/terms-rules';
import { type IncidentStatus } from '../../common/incident-statuses';
import { type ClockObjective, type ClockState, computeClock, type TimelineEvent } from '../clocks/sla-clock';
import { type SupportingOwner } from './incident.domain-events';

/** Why a priority's target is the one it is: the objective chosen for it, the conditions it matched, in words. */
export interface ClockChoice {
  objectiveId: string;
  matchedConditions: ObjectiveConditions | null;
  reason: string;
}

/** The objective chosen for each priority (chooseObjective), pinned to the clock: a priority without one has no target. */
export type ClockSelection = Partial<Record<Priority, ClockChoice>>;

export interface ClockPlan {
  metric: ClockObjective['metric'];
  /** The chosen objectives (each once). */
  objectiveIds: string[];
  objective: ClockObjective;
  selection: ClockSelection;
}

/** What a new incident's clocks are chosen by: its facts (conditions) and the pause rules of the revision that judges it. */
export interface PlanBasis {
  facts: IncidentFacts;
  /** The status meanings that pause a metric's clocks (pauseStatusesFor the judging revision's terms). */
  pauseStatuses: (metric: string) => IncidentStatus[];
}

/** Terms that say nothing: no conditions looked at, WAITING_ON_CUSTOMER pauses. */
export const DEFAULT_BASIS: PlanBasis = { facts: NO_FACTS, pauseStatuses: (metric) => pauseStatusesFor(null, metric) };

const PRIORITIES = Object.values(Priority);

function planOf(
  metric: ClockPlan['metric'],
  chosen: Partial<Record<Priority, { objective: ObjectiveEntity; matchedConditions: ObjectiveConditions | null; reason: string }>>,
  calendars: Map<string, BusinessCalendarEntity>,
  initialPriority: string,
  pauseStatuses: readonly IncidentStatus[],
): ClockPlan | null {
  const targetsByPriority: ClockObjective['targetsByPriority'] = {};
  const selection: ClockSelection = {};
  const ids: string[] = [];
  for (const p of PRIORITIES) {
    const c = chosen[p];
    if (!c || c.objective.targetSeconds === null) continue;
    targetsByPriority[p] = c.objective.targetSeconds * 1000;
    selection[p] = { objectiveId: c.objective.id, matchedConditions: c.matchedConditions, reason: c.reason };
    if (!ids.includes(c.objective.id)) ids.push(c.objective.id);
  }
  const lead = chosen[initialPriority as Priority]?.objective ?? PRIORITIES.map((p) => chosen[p]?.objective).find((o) => o);
  if (!lead) return null;
  return {
    metric,
    objectiveIds: ids,
    selection,
    objective: {
      metric,
      targetsByPriority,
      calendar: lead.calendarId ? (calendars.get(lead.calendarId) ?? null) : null,
      warningThresholdPercent: lead.warningThresholdPercent,
      pauseStatuses: [...pauseStatuses],
    },
  };
}

/**
 * The clocks a new incident runs, from the time objectives that apply to it (effective at its
 * start): one clock per metric, with, for each priority, the target of the objective chosen for
 * the incident's facts (chooseObjective: conditions, then priority), and the pause rule of the
 * revision that judges it. Calendar and warning threshold come from the objective chosen for the
 * priority the incident was reported with. A metric none of whose objectives applies has no clock.
 */
export function clockPlans(objectives: ObjectiveEntity[], calendars: Map<string, BusinessCalendarEntity>, initialPriority: string, basis: PlanBasis = DEFAULT_BASIS): ClockPlan[] {
  const plans: ClockPlan[] = [];
  for (const metric of TIME_METRICS) {
    const mine = objectives.filter((o) => o.metric === metric && o.targetSeconds !== null);
    if (mine.length === 0) continue;
    const chosen: Parameters<typeof planOf>[1] = {};
    for (const p of PRIORITIES) chosen[p] = chooseObjective(mine, metric, p, basis.facts);
    const plan = planOf(metric as ClockPlan['metric'], chosen, calendars, initialPriority, basis.pauseStatuses(metric));
    if (plan) plans.push(plan);
  }
  return plans;
}

/** What a stored clock was planned with (sla_clock). */
export type StoredPlan = Pick<SlaClockEntity, 'metric' | 'objectiveIds' | 'pauseStatuses' | 'selection'>;

/**
 * The plan of a clock as stored: the objectives chosen when the incident was reported (its
 * selection), found among `objectives` (the pinned ones), and its pause statuses. A clock planned
 * before selections and pause rules were stored is planned as it was then: by priority alone
 * among its objectives, WAITING_ON_CUSTOMER pausing.
 */
export function storedClockPlan(row: StoredPlan, objectives: readonly ObjectiveEntity[], calendars: Map<string, BusinessCalendarEntity>, initialPriority: string): ClockPlan | null {
  const mine = objectives.filter((o) => row.objectiveIds.includes(o.id));
  const pauses = (row.pauseStatuses as IncidentStatus[] | null) ?? pauseStatusesFor(null, row.metric);
  if (!row.selection) return clockPlans(mine, calendars, initialPriority, { facts: NO_FACTS, pauseStatuses: () => pauses }).find((p) => p.metric === row.metric) ?? null;
  const selection = row.selection as ClockSelection;
  const chosen: Parameters<typeof planOf>[1] = {};
  for (const p of PRIORITIES) {
    const c = selection[p];
    const objective = c && mine.find((o) => o.id === c.objectiveId);
    if (c && objective) chosen[p] = { objective, matchedConditions: c.matchedConditions, reason: c.reason };
  }
  return planOf(row.metric, chosen, calendars, initialPriority, pauses);
}

/** The incident's timeline as the clock engine reads it (clock events themselves left out). */
export function clockTimeline(events: IncidentEventEntity[]): { initialPriority: string; timeline: TimelineEvent[] } {
  const sorted = [...events].sort((a, b) => a.at.getTime() - b.at.getTime() || Number(a.id) - Number(b.id));
  const reported = sorted.find((e) => e.type === 'REPORTED');
  const timeline: TimelineEvent[] = [];
  for (const e of sorted) {
    if (e.type === 'STATUS_CHANGED' && e.toStatus) timeline.push({ at: e.at, status: e.toStatus as TimelineEvent['status'] });
    if (e.type === 'PRIORITY_CHANGED' && e.priority) timeline.push({ at: e.at, priority: e.priority as TimelineEvent['priority'] });
    if (e.type === 'UPDATE_POSTED') timeline.push({ at: e.at, publicUpdate: true });
    if (e.type === 'CUSTOMER_MESSAGE') timeline.push({ at: e.at, customerMessage: true });
  }
  return { initialPriority: reported?.priority ?? 'P4', timeline };
}


/** The time objectives that apply to an incident: those of the revisions in force at its start, inheritance applied (most specific level wins). */
export function timeObjectivesInForce(sources: readonly RevisionInForce[], objectives: readonly ObjectiveEntity[]): ObjectiveEntity[] {
  const byRevision = new Map(sources.map((s) => [s.revision_id, s]));
  return resolveEffectiveObjectives(
    objectives
      .filter((objective) => byRevision.has(objective.revisionId))
      .map((objective) => {
        const s = byRevision.get(objective.revisionId)!;
        return { level: s.level, agreementId: s.agreement_id, revisionId: s.revision_id, objective };
      }),
  )
    .map((e) => e.source.objective)
    .filter((o) => o.targetSeconds !== null);
}

/** A clock as stored (sla_clock), without its incident. */
export type ClockRow = Pick<
  SlaClockEntity,
  | 'metric'
  | 'objectiveIds'
  | 'state'
  | 'judgedPriority'
  | 'dueAt'
  | 'warnAt'
  | 'warnedAt'
  | 'breachedAt'
  | 'warningRecorded'
  | 'breachRecorded'
  | 'computedAt'
  | 'pauseStatuses'
  | 'selection'
  | 'judgedObjectiveId'
>;

/** A warning or breach whose moment has passed and that was not recorded yet: to record once. */
export interface DueClockEvent {
  type: 'CLOCK_WARNING' | 'CLOCK_BREACHED';
  at: Date;
  clock: ClockState;
  /** The supporting party whose clock it is (OLA, underpinning contract); absent for the customer's clocks. */
  supporting?: SupportingOwner;
}

/**
 * Each planned clock of an incident as it stands at `now`, and the warnings and breaches now due
 * that `stored` (its clocks as last stored, by metric) has not recorded, in the order to record
 * them (per clock: warning, then breach).
 */
export function clocksAt(
  incident: Pick<IncidentEntity, 'startedAt'>,
  plans: readonly ClockPlan[],
  timeline: { initialPriority: string; timeline: TimelineEvent[] },
  stored: ReadonlyMap<string, Pick<SlaClockEntity, 'warningRecorded' | 'breachRecorded'>>,
  now: Date,
): { rows: ClockRow[]; due: DueClockEvent[] } {
  const rows: ClockRow[] = [];
  const due: DueClockEvent[] = [];
  for (const plan of plans) {
    const state = computeClock({ startedAt: incident.startedAt, initialPriority: timeline.initialPriority as never, timeline: timeline.timeline }, plan.objective, now);
    const previous = stored.get(plan.metric);
    const warningRecorded = previous?.warningRecorded ?? false;
    const breachRecorded = previous?.breachRecorded ?? false;
    if (state.warnedAt && !warningRecorded && state.warnedAt <= now) due.push({ type: 'CLOCK_WARNING', at: state.warnedAt, clock: state });
    if (state.breachedAt && !breachRecorded && state.breachedAt <= now) due.push({ type: 'CLOCK_BREACHED', at: state.breachedAt, clock: state });
    rows.push({
      metric: plan.metric,
      objectiveIds: plan.objectiveIds,
      state: state.state,
      judgedPriority: state.judgedPriority,
      dueAt: state.dueAt,
      warnAt: state.warnAt,
      warnedAt: state.warnedAt,
      breachedAt: state.breachedAt,
      warningRecorded: warningRecorded || Boolean(state.warnedAt && state.warnedAt <= now),
      breachRecorded: breachRecorded || Boolean(state.breachedAt && state.breachedAt <= now),
      computedAt: now,
      pauseStatuses: [...(plan.objective.pauseStatuses ?? [])],
      selection: plan.selection as SlaClockEntity['selection'],
      judgedObjectiveId: plan.selection[state.judgedPriority]?.objectiveId ?? null,
    });
  }
  return { rows, due };
}
