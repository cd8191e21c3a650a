import { UserError } from '../../common/errors';
import { type IncidentStatus } from '../../db/entities/incident.entity';

/** Where an incident may go: REOPENED is a move back to IN_PROGRESS from RESOLVED or CLOSED. */
export type IncidentTarget = IncidentStatus | 'REOPENED';

/** The statuses of work going on or waiting: from any of them the incident may go to any other, or be resolved. */
const WORKING: IncidentStatus[] = ['IN_PROGRESS', 'WAITING_ON_CUSTOMER', 'WAITING_ON_THIRD_PARTY', 'SCHEDULED', 'RESOLVED_PENDING_CONFIRMATION'];
const but = (s: IncidentStatus): IncidentTarget[] => [...WORKING.filter((w) => w !== s), 'RESOLVED'];

/** The moves between meanings (a provider's statuses of one meaning move like it; between two of the same meaning always). */
const NEXT: Record<IncidentStatus, IncidentTarget[]> = {
  OPEN: ['ACKNOWLEDGED', ...WORKING, 'RESOLVED'],
  ACKNOWLEDGED: [...WORKING, 'RESOLVED'],
  IN_PROGRESS: but('IN_PROGRESS'),
  WAITING_ON_CUSTOMER: but('WAITING_ON_CUSTOMER'),
  WAITING_ON_THIRD_PARTY: but('WAITING_ON_THIRD_PARTY'),
  SCHEDULED: but('SCHEDULED'),
  // The customer confirms (RESOLVED) or not (back to work).
  RESOLVED_PENDING_CONFIRMATION: but('RESOLVED_PENDING_CONFIRMATION'),
  RESOLVED: ['CLOSED', 'REOPENED'],
  CLOSED: ['REOPENED'],
};

/** Whether an incident whose status means `from` may move to `target`. */
export function mayMove(from: IncidentStatus, target: IncidentTarget): boolean {
  return NEXT[from].includes(target);
}

/** The status an incident has after `target`, or INVALID_STATE naming the field. */
export function nextStatus(from: IncidentStatus, target: IncidentTarget, field = 'to'): IncidentStatus {
  if (!mayMove(from, target)) {
    throw new UserError('INVALID_STATE', `An incident that is ${from} cannot become ${target}.`, [field]);
  }
  return target === 'REOPENED' ? 'IN_PROGRESS' : target;
}
