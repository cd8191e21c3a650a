/**
 * The customer's right to terminate after repeated failure ("targets missed three months in a
 * row -> the customer may terminate"): it arises at the end of the N-th consecutive BREACHED
 * period. Periods are numbered from 1, oldest first. A MET period ends a streak; a streak longer
 * than N does not give the right again, a new streak of N after a MET period does.
 */
export type PeriodOutcome = 'MET' | 'BREACHED';

export interface TerminationRight {
  /** N from the policy (`terminationAfterConsecutiveBreaches`); null: the contract gives no such right. */
  requiredConsecutiveBreaches: number | null;
  /** Whether the right has arisen in the periods given. */
  arises: boolean;
  /** The period (1-based) at whose end the right first arose; null if it has not. */
  period: number | null;
  /** The N breached periods (1-based, inclusive) that first gave the right; null if none. */
  streak: { from: number; to: number } | null;
  /** Every period at which a streak reached N, oldest first (BBBMBBB, N=3: [3, 7]). */
  periods: number[];
  /** Consecutive breached periods up to and including the last one (0 if it was met). */
  currentStreak: number;
}

/** Whether and from which period N consecutive breached periods give a right to terminate. */
export function terminationRight(outcomes: readonly PeriodOutcome[], required: number | null): TerminationRight {
  if (required != null && !(Number.isSafeInteger(required) && required >= 1)) {
    throw new RangeError(`terminationAfterConsecutiveBreaches must be a whole number of at least 1, got ${required}.`);
  }
  const periods: number[] = [];
  let streak = 0;
  outcomes.forEach((outcome, i) => {
    if (outcome === 'BREACHED') streak++;
    else if (outcome === 'MET') streak = 0;
    else throw new RangeError(`Period ${i + 1}: outcome must be MET or BREACHED, got ${String(outcome)}.`);
    if (required != null && streak === required) periods.push(i + 1);
  });
  const first = periods[0] ?? null;
  return {
    requiredConsecutiveBreaches: required,
    arises: first != null,
    period: first,
    streak: first != null && required != null ? { from: first - required + 1, to: first } : null,
    periods,
    currentStreak: streak,
  };
}
