import type { CalendarSpec, Interval } from '../calendars/business-hours';
import type { IncidentStatus } from '../../common/incident-statuses';

/** What an incident's status means (the incident entity's status); a reopen is a move from RESOLVED/CLOSED back to work. */
export type { IncidentStatus };
export type Priority = 'P1' | 'P2' | 'P3' | 'P4';
export type ClockMetric = 'FIRST_RESPONSE_TIME' | 'RESOLUTION_TIME' | 'UPDATE_INTERVAL';
export type ClockStateName = 'RUNNING' | 'PAUSED' | 'MET' | 'BREACHED' | 'NOT_APPLICABLE';

/** One thing that happened to the incident: a status change, a priority change, a public update (or several at once). */
export interface TimelineEvent {
  at: Date;
  status?: IncidentStatus;
  priority?: Priority;
  /** A note the customer sees (the provider's update): restarts the UPDATE_INTERVAL clock. */
  publicUpdate?: boolean;
  /** A message from the customer's side: pauses the UPDATE_INTERVAL clock until the provider's next update. */
  customerMessage?: boolean;
}

export interface ClockIncident {
  startedAt: Date;
  initialPriority: Priority;
  /** In time order; events at equal instants apply in array order. */
  timeline: TimelineEvent[];
}

/** A time objective of the revision in force when the incident started. */
export interface ClockObjective {
  metric: ClockMetric;
  /** Target in ms per priority; a priority without an entry has no objective (NOT_APPLICABLE). */
  targetsByPriority: Partial<Record<Priority, number>>;
  /** null = 24x7 (real elapsed time). */
  calendar: CalendarSpec | null;
  /** Share of the target (0..100) after which the clock warns; 75 is common. */
  warningThresholdPercent: number;
  /**
   * The status meanings that pause the clock, from the terms of the revision that judges the
   * incident; absent: WAITING_ON_CUSTOMER (DEFAULT_PAUSE_STATUSES). FIRST_RESPONSE_TIME ignores it.
   */
  pauseStatuses?: readonly IncidentStatus[];
}

export interface ClockState {
  metric: ClockMetric;
  state: ClockStateName;
  /** The priority whose target applies: at the stop for a stopped clock, else the current one. */
  priority: Priority;
  /**
   * The priority whose target the verdict is judged against, the objective a compliance report
   * counts the clock under: for a BREACHED clock the priority whose target it first breached
   * (a later downgrade does not move the breach), otherwise `priority` (a stopped clock keeps
   * the priority of its stop; a running one takes each new priority's target).
   */
  judgedPriority: Priority;
  /** The target of that priority, null when it has none. */
  targetMs: number | null;
  /**
   * Counted (business) time of the current period, up to stoppedAt or now. The period is the whole
   * clock for FIRST_RESPONSE_TIME and RESOLUTION_TIME, the current gap for UPDATE_INTERVAL.
   */
  elapsedMs: number;
  /** max(0, targetMs - elapsedMs); null without a target. */
  remainingMs: number | null;
  /** The incident's start. */
  startedAt: Date;
  /** Where elapsedMs counts from: startedAt, or for UPDATE_INTERVAL the start of the current gap. */
  periodStartedAt: Date;
  /** When the target event stopped the clock (the last stop, after reopens); null while it runs or is paused. */
  stoppedAt: Date | null;
  /**
   * Intervals after startedAt in which the clock did not count: waiting on the customer, and
   * resolved until reopened. An ongoing pause ends at `now`. Invariant:
   * elapsedMs = businessMillisExcluding(calendar, periodStartedAt, stoppedAt ?? now, pausedIntervals).
   */
  pausedIntervals: Interval[];
  /**
   * When the current period reaches (or reached) the target. Running: in the future, if nothing
   * stops it. Stopped: the due time as it stood at the stop (as if it had gone on running). Paused:
   * null (it depends on when the pause ends). Once the current period is over its target: the
   * instant it got there (for FIRST_RESPONSE_TIME and RESOLUTION_TIME that is breachedAt unless a
   * downgrade intervened). Null without a target.
   */
  dueAt: Date | null;
  /** Same as dueAt for the warning threshold; equals warnedAt once warned. */
  warnAt: Date | null;
  warned: boolean;
  /** The instant the current period reached the warning threshold, or null. */
  warnedAt: Date | null;
  /** The first instant the clock was over its target then in force (for UPDATE_INTERVAL: the first late gap). Never undone. */
  breachedAt: Date | null;
}
