/**
 * What an incident's status means: a fixed set the SLA engine understands. A provider's own
 * statuses (its catalogue, `incident_status`) each take one of these meanings; the built-in
 * status of each meaning has the meaning's name as its key, so the statuses clients have always
 * used keep working.
 */
export type IncidentStatus =
  | 'OPEN'
  | 'ACKNOWLEDGED'
  | 'IN_PROGRESS'
  | 'WAITING_ON_CUSTOMER'
  | 'WAITING_ON_THIRD_PARTY'
  | 'SCHEDULED'
  | 'RESOLVED_PENDING_CONFIRMATION'
  | 'RESOLVED'
  | 'CLOSED';

/** Every meaning, in lifecycle order. */
export const STATUS_MEANINGS: readonly IncidentStatus[] = [
  'OPEN',
  'ACKNOWLEDGED',
  'IN_PROGRESS',
  'WAITING_ON_CUSTOMER',
  'WAITING_ON_THIRD_PARTY',
  'SCHEDULED',
  'RESOLVED_PENDING_CONFIRMATION',
  'RESOLVED',
  'CLOSED',
];

/** The built-in status of each meaning: its key is the meaning. */
export const BUILT_IN_LABELS: Readonly<Record<IncidentStatus, string>> = {
  OPEN: 'Open',
  ACKNOWLEDGED: 'Acknowledged',
  IN_PROGRESS: 'In progress',
  WAITING_ON_CUSTOMER: 'Waiting on customer',
  WAITING_ON_THIRD_PARTY: 'Waiting on third party',
  SCHEDULED: 'Scheduled for a time the customer chose',
  RESOLVED_PENDING_CONFIRMATION: 'Resolved, pending confirmation',
  RESOLVED: 'Resolved',
  CLOSED: 'Closed',
};

/** The meanings the terms may name as pausing a clock (the others run or stop it). */
export const PAUSABLE_MEANINGS: readonly IncidentStatus[] = ['WAITING_ON_CUSTOMER', 'WAITING_ON_THIRD_PARTY', 'SCHEDULED', 'RESOLVED_PENDING_CONFIRMATION'];

/** What pauses RESOLUTION_TIME and UPDATE_INTERVAL when the terms say nothing: waiting on the customer, as always. */
export const DEFAULT_PAUSE_STATUSES: readonly IncidentStatus[] = ['WAITING_ON_CUSTOMER'];

export const isStatusMeaning = (value: string): value is IncidentStatus => (STATUS_MEANINGS as readonly string[]).includes(value);
