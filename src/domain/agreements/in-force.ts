import { type RevisionState } from '../../common/agreement-enums';
import { SIGNED_STATES, SIGNED_STATES_SQL } from './revision-lifecycle';

/**
 * "The revision in force at an instant", the rule every question about an agreement's terms at a
 * time asks (revisionAt, the effectiveAt filter, incident pinning, effective objectives, the
 * period a compliance report judges, amendments, termination), named once here in JavaScript
 * and in SQL side by side:
 *
 *   a signed revision (APPROVED, ACTIVE or SUPERSEDED) is in force at t when
 *   effectiveFrom <= t < effectiveTo   (no effectiveTo: open-ended)
 *
 * Validity periods are half-open: at the very instant one revision ends and the next begins, the
 * next one is in force. Periods of one agreement never overlap (the database checks), so at most
 * one revision is in force at any instant.
 */
export function isInForceAt(r: { state: RevisionState | string; effectiveFrom: Date | null; effectiveTo: Date | null }, at: Date): boolean {
  return (
    (SIGNED_STATES as readonly string[]).includes(r.state) &&
    r.effectiveFrom !== null &&
    r.effectiveFrom.getTime() <= at.getTime() &&
    (r.effectiveTo === null || at.getTime() < r.effectiveTo.getTime())
  );
}

/** The same rule in SQL: revision row `r` (an alias of agreement_revision) is in force at `at` (a parameter or expression). */
export function inForceSql(r: string, at: string): string {
  return `(${r}.state IN (${SIGNED_STATES_SQL}) AND ${r}.effective_from <= ${at} AND (${r}.effective_to IS NULL OR ${at} < ${r}.effective_to))`;
}

/** The last instant before `at` (timestamps are kept to the millisecond): what was in force just before something happened at `at`. */
export function instantBefore(at: Date): Date {
  return new Date(at.getTime() - 1);
}
