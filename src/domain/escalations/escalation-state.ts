import { UserError } from '../../common/errors';
import { type EscalationStatus } from '../../db/entities/escalation.entity';

/**
 * The life of an escalation:
 *
 *   OPEN --acknowledge--> ACKNOWLEDGED --resolve--> RESOLVED
 *     \--resolve--> RESOLVED            (someone closes it without acknowledging first)
 *     \--incident resolved--> CANCELLED (nobody acknowledged it before the incident was resolved)
 *   ACKNOWLEDGED --incident resolved--> RESOLVED
 *
 * Only an OPEN escalation advances to its next level. Asking for the status it already has
 * changes nothing, so acknowledging or resolving is safe to retry.
 */
export type EscalationAction = 'ACKNOWLEDGE' | 'RESOLVE';

/** The status after a user's action, or null when it already has it (nothing to do); INVALID_STATE otherwise. */
export function afterAction(status: EscalationStatus, action: EscalationAction): EscalationStatus | null {
  if (action === 'ACKNOWLEDGE') {
    if (status === 'OPEN') return 'ACKNOWLEDGED';
    if (status === 'ACKNOWLEDGED') return null;
    throw new UserError('INVALID_STATE', `An escalation that is ${status} cannot be acknowledged.`, ['id']);
  }
  if (status === 'OPEN' || status === 'ACKNOWLEDGED') return 'RESOLVED';
  if (status === 'RESOLVED') return null;
  throw new UserError('INVALID_STATE', `An escalation that is ${status} cannot be resolved.`, ['id']);
}

/**
 * What resolving its incident does to an escalation: someone acknowledged it and the incident is
 * now resolved, so it is RESOLVED; nobody ever acknowledged it, so it is CANCELLED (the incident
 * was resolved first). A closed one stays as it is (null).
 */
export function afterIncidentResolved(status: EscalationStatus): 'RESOLVED' | 'CANCELLED' | null {
  if (status === 'ACKNOWLEDGED') return 'RESOLVED';
  if (status === 'OPEN') return 'CANCELLED';
  return null;
}

/** Whether the job that moves an escalation past `fromLevel` may do so now: it is still OPEN, still at that level, and a level is above it. */
export function mayAdvance(e: { status: EscalationStatus; currentLevel: number; levelCount: number }, fromLevel: number): boolean {
  return e.status === 'OPEN' && e.currentLevel === fromLevel && fromLevel < e.levelCount;
}
