import { addBusinessMillis, type Interval } from '../calendars/business-hours';
import { count, goalOf, newMeter, restart, settle } from './clock-meter';
import { clockMode, INITIAL_PHASE, nextPhase, providerUpdated, startsNewPeriod, type ClockMode } from './clock-rules';
import type { ClockIncident, ClockObjective, ClockState, ClockStateName, Priority } from './clock-types';

export type {
  ClockIncident,
  ClockMetric,
  ClockObjective,
  ClockState,
  ClockStateName,
  IncidentStatus,
  Priority,
  TimelineEvent,
} from './clock-types';

/**
 * The clock of one incident against one time objective, as it stands at `now`.
 *
 * Walks the timeline from `startedAt` (status OPEN, `initialPriority`), counting (business) time
 * while the clock runs. Events after `now` are ignored; events before `startedAt` apply at it.
 * - Pauses (a status whose meaning the objective's pauseStatuses name, WAITING_ON_CUSTOMER by
 *   default; for UPDATE_INTERVAL also from a customer message until the provider's next update;
 *   overlapping reasons make one pause) count nothing: only open time inside a pause is left out, so a pause
 *   outside business hours changes nothing.
 * - A priority change switches to the new priority's target and keeps the elapsed time; if the
 *   elapsed time already reaches the new target, the clock breaches at the change. A priority with
 *   no target makes the clock NOT_APPLICABLE (it keeps counting, in case the priority changes back).
 * - A breach is a fact: a later downgrade, a new UPDATE_INTERVAL gap or a move to a priority without
 *   a target does not undo it (the state stays BREACHED, breachedAt the first breach, and
 *   judgedPriority the priority whose target it breached).
 * - A clock stopped exactly at its due instant is MET; one still running at it is BREACHED.
 * - A reopen resumes the resolution clock with the elapsed time it had at the resolution.
 */
export function computeClock(incident: ClockIncident, objective: ClockObjective, now: Date): ClockState {
  const { metric, calendar: cal } = objective;
  const goalFor = (p: Priority) => goalOf(objective.targetsByPriority[p], objective.warningThresholdPercent);
  const start = incident.startedAt.getTime();
  const nowMs = now.getTime();

  let phase = INITIAL_PHASE;
  let priority = incident.initialPriority; // the incident's
  let clockPriority = priority; // the one the clock is judged by: frozen while stopped
  const pauses = objective.pauseStatuses;
  let mode: ClockMode = clockMode(metric, phase, pauses);
  let cursor = start;
  let idleSince = start; // start of the current pause or stop
  let stoppedAt: number | null = null;
  const paused: Interval[] = [];
  const idle = (from: number, to: number) => to > from && paused.push({ start: new Date(from), end: new Date(to) });
  const meter = newMeter(start);
  // The priority whose target the clock first breached: a breach is judged against that target.
  let breachedPriority: Priority | null = null;
  const judge = () => {
    if (meter.breachedAt !== null) breachedPriority ??= clockPriority;
  };
  settle(meter, start, goalFor(clockPriority));
  judge();

  for (const event of incident.timeline) {
    if (event.at.getTime() > nowMs) break;
    const at = Math.max(cursor, event.at.getTime());
    if (mode === 'COUNTING') count(cal, meter, cursor, at, goalFor(clockPriority));
    judge();
    cursor = at;

    const before = phase;
    phase = nextPhase(phase, event.status, event.customerMessage === true);
    if (event.priority) priority = event.priority;
    const newPeriod = startsNewPeriod(metric, before, phase, event);
    // The provider's update ends the pause a customer message began.
    if (newPeriod) phase = providerUpdated(phase);
    const next = clockMode(metric, phase, pauses);
    if (next !== 'STOPPED' && newPeriod) restart(meter, at);
    if (next !== mode) {
      if (mode !== 'COUNTING') idle(idleSince, at); // a pause ends, or a reopen ends a stop
      idleSince = at;
      stoppedAt = next === 'STOPPED' ? at : null;
      mode = next;
    }
    if (mode !== 'STOPPED') {
      clockPriority = priority;
      settle(meter, at, goalFor(clockPriority));
      judge();
    }
  }

  const end = Math.max(cursor, nowMs);
  const goal = goalFor(clockPriority);
  if (mode === 'COUNTING') count(cal, meter, cursor, end, goal);
  if (mode === 'PAUSED') idle(idleSince, end);
  if (mode !== 'STOPPED') settle(meter, end, goal);
  judge();

  // Where a stopped clock's due times are reckoned from: the stop, as if it had gone on running.
  const ref = new Date(stoppedAt ?? end);
  const markAt = (reached: number | null, mark: number): Date | null => {
    if (reached !== null) return new Date(reached);
    if (mode === 'PAUSED') return null;
    return addBusinessMillis(cal, ref, Math.max(0, mark - meter.elapsed));
  };
  const state: ClockStateName =
    meter.breachedAt !== null ? 'BREACHED' : goal === null ? 'NOT_APPLICABLE' : mode === 'STOPPED' ? 'MET' : mode === 'PAUSED' ? 'PAUSED' : 'RUNNING';

  return {
    metric,
    state,
    priority: clockPriority,
    judgedPriority: state === 'BREACHED' ? (breachedPriority ?? clockPriority) : clockPriority,
    targetMs: goal?.target ?? null,
    elapsedMs: meter.elapsed,
    remainingMs: goal ? Math.max(0, goal.target - meter.elapsed) : null,
    startedAt: new Date(start),
    periodStartedAt: new Date(meter.periodStart),
    stoppedAt: stoppedAt === null ? null : new Date(stoppedAt),
    pausedIntervals: paused,
    dueAt: goal ? markAt(meter.overdueSince, goal.target) : null,
    warnAt: goal ? markAt(meter.warnedAt, goal.warning) : null,
    warned: meter.warnedAt !== null,
    warnedAt: meter.warnedAt === null ? null : new Date(meter.warnedAt),
    breachedAt: meter.breachedAt === null ? null : new Date(meter.breachedAt),
  };
}
