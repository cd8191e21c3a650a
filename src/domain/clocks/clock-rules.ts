import { DEFAULT_PAUSE_STATUSES } from '../../common/incident-statuses';
import type { ClockMetric, IncidentStatus, TimelineEvent } from './clock-types';

/** Whether a clock counts, is paused (waiting on the customer) or is stopped by its target event. */
export type ClockMode = 'COUNTING' | 'PAUSED' | 'STOPPED';

/** What a clock needs to know about the incident at an instant. */
export interface IncidentPhase {
  status: IncidentStatus;
  /** Whether the first response happened: any move out of OPEN (to ACKNOWLEDGED or any later status). */
  responded: boolean;
  /**
   * Whether the customer's side wrote since the provider's last update (a customer message, and no
   * update period started after it): the UPDATE_INTERVAL clock is paused meanwhile.
   */
  customerMessaged: boolean;
}

export const INITIAL_PHASE: IncidentPhase = { status: 'OPEN', responded: false, customerMessaged: false };

const isDone = (s: IncidentStatus): boolean => s === 'RESOLVED' || s === 'CLOSED';

/** The phase after an event: its status, and a customer message (an event without either leaves it as it was). */
export function nextPhase(phase: IncidentPhase, status: IncidentStatus | undefined, customerMessage = false): IncidentPhase {
  const messaged = phase.customerMessaged || customerMessage;
  if (status === undefined || status === phase.status) return messaged === phase.customerMessaged ? phase : { ...phase, customerMessaged: messaged };
  return { status, responded: phase.responded || status !== 'OPEN', customerMessaged: messaged };
}

/** The phase once the provider updated the customer (a new UPDATE_INTERVAL period began): no customer message is waiting any more. */
export function providerUpdated(phase: IncidentPhase): IncidentPhase {
  return phase.customerMessaged ? { ...phase, customerMessaged: false } : phase;
}

/**
 * How a clock of `metric` behaves in `phase`, `pauses` being the status meanings that pause it
 * (the terms' pause rule for the metric; by default WAITING_ON_CUSTOMER):
 * - FIRST_RESPONSE_TIME counts until the first response and stays stopped after it (any move
 *   out of OPEN is a response, so it never pauses);
 * - RESOLUTION_TIME and UPDATE_INTERVAL count while the incident is worked on, pause while its
 *   status means one of `pauses`, stop while it is RESOLVED or CLOSED, and count again once
 *   reopened; RESOLVED_PENDING_CONFIRMATION is not resolved yet: it counts unless it pauses;
 * - UPDATE_INTERVAL also pauses from a customer message until the provider's next update (the
 *   reply-driven interval: the provider owes an update on its own schedule, not while the
 *   conversation waits on its reply to the customer, which restarts the interval).
 */
export function clockMode(metric: ClockMetric, phase: IncidentPhase, pauses: readonly IncidentStatus[] = DEFAULT_PAUSE_STATUSES): ClockMode {
  if (metric === 'FIRST_RESPONSE_TIME') return phase.responded ? 'STOPPED' : 'COUNTING';
  if (isDone(phase.status)) return 'STOPPED';
  if (metric === 'UPDATE_INTERVAL' && phase.customerMessaged) return 'PAUSED';
  return pauses.includes(phase.status) ? 'PAUSED' : 'COUNTING';
}

/**
 * Whether an event starts a new period (a new gap) of an UPDATE_INTERVAL clock: a public update
 * (of the provider; a customer message is none), the first response, and a reopen (the resolution
 * told the customer where things stand). Only
 * asked while the clock is not stopped after the event: a stopped clock keeps its last gap. The other
 * metrics have one period: elapsed time is never reset (a reopen continues the resolution clock).
 */
export function startsNewPeriod(metric: ClockMetric, before: IncidentPhase, after: IncidentPhase, event: TimelineEvent): boolean {
  if (metric !== 'UPDATE_INTERVAL') return false;
  return event.publicUpdate === true || (after.responded && !before.responded) || (isDone(before.status) && !isDone(after.status));
}
