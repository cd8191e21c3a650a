import { UserError } from '../../common/errors';
import { type IncidentStatus } from '../../db/entities/incident.entity';

/** Where an incident may go: REOPENED is a move back to IN_PROGRESS from RESOLVED or CLOSED. */
export type IncidentTarget = IncidentStatus | 'REOPENED';

const NEXT: Record<IncidentStatus, IncidentTarget[]> = {
  OPEN: ['ACKNOWLEDGED', 'IN_PROGRESS', 'WAITING_ON_CUSTOMER', 'RESOLVED'],
  ACKNOWLEDGED: ['IN_PROGRESS', 'WAITING_ON_CUSTOMER', 'RESOLVED'],
  IN_PROGRESS: ['WAITING_ON_CUSTOMER', 'RESOLVED'],
  WAITING_ON_CUSTOMER: ['IN_PROGRESS', 'RESOLVED'],
  RESOLVED: ['CLOSED', 'REOPENED'],
  CLOSED: ['REOPENED'],
};

/** The status an incident has after `target`, or INVALID_STATE naming the field. */
export function nextStatus(from: IncidentStatus, target: IncidentTarget): IncidentStatus {
  if (!NEXT[from].includes(target)) {
    throw new UserError('INVALID_STATE', `An incident that is ${from} cannot become ${target}.`, ['to']);
  }
  return target === 'REOPENED' ? 'IN_PROGRESS' : target;
}

