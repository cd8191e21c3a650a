import { Party, RevisionState } from '../../common/agreement-enums';
import { UserError } from '../../common/errors';

/**
 * The life of a revision: DRAFT -> PROPOSED -> APPROVED -> ACTIVE -> SUPERSEDED; a proposal may be
 * REJECTED or WITHDRAWN (a new draft copied from it follows). An APPROVED revision whose
 * effectiveFrom has come goes ACTIVE at once.
 */
const NEXT: Record<RevisionState, RevisionState[]> = {
  [RevisionState.DRAFT]: [RevisionState.PROPOSED],
  [RevisionState.PROPOSED]: [RevisionState.APPROVED, RevisionState.ACTIVE, RevisionState.REJECTED, RevisionState.WITHDRAWN],
  [RevisionState.APPROVED]: [RevisionState.ACTIVE, RevisionState.WITHDRAWN],
  [RevisionState.ACTIVE]: [RevisionState.SUPERSEDED],
  [RevisionState.SUPERSEDED]: [],
  [RevisionState.REJECTED]: [],
  [RevisionState.WITHDRAWN]: [],
};

export function canMove(from: RevisionState, to: RevisionState): boolean {
  return NEXT[from].includes(to);
}

/** INVALID_STATE naming the revision, unless `from -> to` is a step of the lifecycle. */
export function requireMove(from: RevisionState, to: RevisionState, field: (string | number)[] = ['id']): void {
  if (!canMove(from, to)) {
    throw new UserError('INVALID_STATE', `A ${from} revision cannot become ${to}.`, field);
  }
}

/** Revisions that were signed: one of them is the terms in force at any instant of its period. */
export const SIGNED_STATES: readonly RevisionState[] = [RevisionState.APPROVED, RevisionState.ACTIVE, RevisionState.SUPERSEDED];
/** The same list as SQL literals, for `state IN (...)`. */
export const SIGNED_STATES_SQL = SIGNED_STATES.map((s) => `'${s}'`).join(',');

/**
 * Who must approve: the provider always; the customer too when the agreement covers one named
 * customer. Service-based, corporate and segment agreements are signed by the provider alone:
 * no single customer speaks for all the customers they cover.
 */
export function requiredParties(agreement: { customerId: string | null }): Party[] {
  return agreement.customerId ? [Party.PROVIDER, Party.CUSTOMER] : [Party.PROVIDER];
}

/** Whether every required party has approved. */
export function fullyApproved(required: Party[], approvedBy: Party[]): boolean {
  return required.every((p) => approvedBy.includes(p));
}
