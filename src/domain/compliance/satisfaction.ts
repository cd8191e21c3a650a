import { Dec, HALF_UP, toDec } from './decimal';

/**
 * Customer satisfaction (CSAT), as SATISFACTION objectives read it.
 *
 * Responses are whole-number scores on the common 1-5 CSAT scale; a response of 4 or 5 is
 * "satisfied". The objective's target is its floor, a score (the objective rules allow above 0
 * and at most 100), read on the scale it is written in:
 * - a target of at most 5 is a mean score on the 1-5 scale ("at least 4.2"): the mean of the
 *   period's responses must reach it;
 * - a target above 5 is a CSAT percentage ("at least 85"): the share of satisfied responses, in
 *   percent, must reach it.
 * Both figures are always reported. Comparisons are exact (decimal): a mean of exactly the target
 * meets it. A period without responses has no data.
 */
export const SCALE = { min: 1, max: 5, satisfiedFrom: 4 } as const;

export type SatisfactionMeasure = 'MEAN_SCORE' | 'PERCENT_SATISFIED';

export const measureOf = (target: number): SatisfactionMeasure => (target <= SCALE.max ? 'MEAN_SCORE' : 'PERCENT_SATISFIED');

/** Why a score is not a valid response, or null when it is. */
export function scoreProblem(score: number): string | null {
  if (!Number.isInteger(score) || score < SCALE.min || score > SCALE.max) return `score must be a whole number from ${SCALE.min} to ${SCALE.max} (the CSAT scale: 4 and 5 are satisfied).`;
  return null;
}

/** What the SQL counts of a period's responses. */
export interface SatisfactionCounts {
  responses: number;
  scoreSum: number;
  satisfied: number;
}

export interface SatisfactionAttainment {
  measure: SatisfactionMeasure;
  responses: number;
  /** Mean score, 4 decimals ("4.2500"); null without responses. */
  meanScore: string | null;
  /** Share of responses scoring 4 or 5, in percent, 4 decimals ("83.3333"); null without responses. */
  satisfiedPercent: string | null;
  status: 'MET' | 'BREACHED' | 'NO_DATA';
}

export function judgeSatisfaction(target: number, counts: SatisfactionCounts): SatisfactionAttainment {
  const measure = measureOf(target);
  const { responses, scoreSum, satisfied } = counts;
  if (responses === 0) return { measure, responses, meanScore: null, satisfiedPercent: null, status: 'NO_DATA' };
  const n = new Dec(responses);
  const mean = new Dec(scoreSum).dividedBy(n);
  const percent = new Dec(satisfied).times(100).dividedBy(n);
  // Exact: sum / n >= target  <=>  sum >= target * n (and the same for the percentage).
  const floor = toDec(target, 'target').times(n);
  const met = measure === 'MEAN_SCORE' ? new Dec(scoreSum).greaterThanOrEqualTo(floor) : new Dec(satisfied).times(100).greaterThanOrEqualTo(floor);
  return { measure, responses, meanScore: mean.toFixed(4, HALF_UP), satisfiedPercent: percent.toFixed(4, HALF_UP), status: met ? 'MET' : 'BREACHED' };
}
