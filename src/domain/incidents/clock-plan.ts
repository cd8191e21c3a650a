import { Priority, TIME_METRICS } from '../../common/agreement-enums';
import { type BusinessCalendarEntity } from '../../db/entities/business-calendar.entity';
import { type IncidentEventEntity } from '../../db/entities/incident-event.entity';
import { type IncidentEntity } from '../../db/entities/incident.entity';
import { type ObjectiveEntity } from '../../db/entities/objective.entity';
import { type SlaClockEntity } from '../../db/entities/sla-clock.entity';
import { resolveEffectiveObjectives } from '../agreements/effective-objectives';
import { type RevisionInForce } from '../agreements/effective-objectives.service';
import { termForPriority } from '../agreements/objective-priority';
import { type ClockObjective, type ClockState, computeClock, type TimelineEvent } from '../clocks/sla-clock';
import { type SupportingOwner } from './incident.domain-events';

export interface ClockPlan {
  metric: ClockObjective['metric'];
  objectiveIds: string[];
  objective: ClockObjective;
}

const PRIORITIES = Object.values(Priority);

/**
 * The clocks an incident runs, from the time objectives that apply to it (effective at its
 * start): one clock per metric, with the target of each priority (a priority-less objective
 * covers the priorities without their own). Calendar and warning threshold come from the
 * objective of the priority the incident was reported with.
 */
export function clockPlans(objectives: ObjectiveEntity[], calendars: Map<string, BusinessCalendarEntity>, initialPriority: string): ClockPlan[] {
  const plans: ClockPlan[] = [];
  for (const metric of TIME_METRICS) {
    const mine = objectives.filter((o) => o.metric === metric && o.targetSeconds !== null);
    if (mine.length === 0) continue;
    const forPriority = (p: Priority) => termForPriority(mine, metric, p);
    const targetsByPriority: ClockObjective['targetsByPriority'] = {};
    for (const p of PRIORITIES) {
      const o = forPriority(p);
      if (o) targetsByPriority[p] = (o.targetSeconds as number) * 1000;
    }
    const lead = forPriority(initialPriority as Priority) ?? mine[0];
    plans.push({
      metric: metric as ClockPlan['metric'],
      objectiveIds: mine.map((o) => o.id),
      objective: {
        metric: metric as ClockPlan['metric'],
        targetsByPriority,
        calendar: lead.calendarId ? (calendars.get(lead.calendarId) ?? null) : null,
        warningThresholdPercent: lead.warningThresholdPercent,
      },
    });
  }
  return plans;
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
  'metric' | 'objectiveIds' | 'state' | 'judgedPriority' | 'dueAt' | 'warnAt' | 'warnedAt' | 'breachedAt' | 'warningRecorded' | 'breachRecorded' | 'computedAt'
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
    });
  }
  return { rows, due };
}
