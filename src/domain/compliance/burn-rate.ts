import { Dec, HALF_UP, plain, toDec } from './decimal';

/**
 * Multi-window burn-rate alerts (Google SRE workbook, "Alerting on SLOs"), as pure arithmetic.
 *
 * Burn rate of a window W = (budget consumed in W / length of W) / (budget of the period / length
 * of the period P): 1 spends the budget exactly over the period, 14.4 spends 2% of a 30-day budget
 * in one hour. A pair (share s of the budget, long window L, short window S) fires when the burn
 * rates of both windows are strictly above its threshold s * P / L (14.4 for 2% in 1 h of 30 days,
 * 6 for 5% in 6 h, 1 for 10% in 3 days): that many percent of the budget is gone within L, and it
 * is still burning as fast over S, so that the alert resolves soon after the burn stops. Exactly at
 * the threshold is not above it (exact decimal arithmetic; nothing rounded before comparing).
 *
 * - Time budgets (availability): budget consumed = bad time within the window (downtime as the
 *   error budget counts it: business hours, weighted degradation, maintenance and corrections);
 *   budget = (100 - target)% of the period's covered time; lengths in wall-clock time, so that the
 *   rate is above the threshold exactly when more than s of the budget was spent within L.
 * - Event budgets (ratio): the workbook's error rate / (1 - target) over the window's events.
 * - A target of 100% has no budget: anything bad burns infinitely fast (above every threshold),
 *   nothing bad does not burn. A window with nothing observed (no events) does not burn.
 */

/** A burn rate: exact, or infinite (a budget of zero with something consumed). */
export interface BurnRate {
  /** Exact; null when infinite. */
  exact: Dec | null;
  infinite: boolean;
}

const HUNDRED = new Dec(100);
const ZERO: BurnRate = { exact: new Dec(0), infinite: false };
const INFINITE: BurnRate = { exact: null, infinite: true };

function nonNegative(value: string | number, what: string): Dec {
  const d = toDec(value, what);
  if (d.isNegative()) throw new RangeError(`${what} cannot be negative, got ${plain(d)}.`);
  return d;
}

function positive(value: string | number, what: string): Dec {
  const d = toDec(value, what);
  if (!d.greaterThan(0)) throw new RangeError(`${what} must be above zero, got ${plain(d)}.`);
  return d;
}

/** The threshold of a pair: share of the budget (percent) * period length / long window length. */
export function burnThreshold(budgetPercent: string | number, periodMs: string | number, longWindowMs: string | number): Dec {
  return positive(budgetPercent, 'budgetPercent').dividedBy(HUNDRED).times(positive(periodMs, 'periodMs')).dividedBy(positive(longWindowMs, 'longWindowMs'));
}

export interface TimeBurnInput {
  /** Bad time within the window, ms (may carry fractions from weighted degradation). */
  badMs: string | number | Dec;
  /** The window's length, ms (wall clock). */
  windowMs: string | number;
  /** The objective's target, percent (99.9): the budget is (100 - target)% of the period's covered time. */
  targetPercent: string | number;
  /** The period's covered time, ms (business hours, or all of it). */
  coveredPeriodMs: string | number;
  /** The period's length, ms (wall clock). */
  periodMs: string | number;
}

/** Bad time of a window: outage plus degraded time at the objective's weight (percent), exactly. */
export function weightedBadMs(outageMs: string | number, degradedMs: string | number, degradedWeightPercent: string | number): Dec {
  return toDec(outageMs, 'outageMs').plus(toDec(degradedMs, 'degradedMs').times(toDec(degradedWeightPercent, 'degradedWeightPercent')).dividedBy(HUNDRED));
}

/** Burn rate of a time budget over a window: (bad / window) / (budget / period). */
export function timeBurnRate(input: TimeBurnInput): BurnRate {
  const bad = input.badMs instanceof Dec ? input.badMs : nonNegative(input.badMs, 'badMs');
  const window = positive(input.windowMs, 'windowMs');
  const t = toDec(input.targetPercent, 'targetPercent');
  if (t.isNegative() || t.greaterThan(HUNDRED)) throw new RangeError(`targetPercent must be between 0 and 100, got ${plain(t)}.`);
  const budget = nonNegative(input.coveredPeriodMs, 'coveredPeriodMs').times(HUNDRED.minus(t)).dividedBy(HUNDRED);
  const period = positive(input.periodMs, 'periodMs');
  if (bad.greaterThan(window)) throw new RangeError(`badMs (${plain(bad)}) cannot exceed the window (${plain(window)}).`);
  if (bad.isZero()) return ZERO;
  if (budget.isZero()) return INFINITE;
  return { exact: bad.dividedBy(window).dividedBy(budget.dividedBy(period)), infinite: false };
}

export interface EventBurnInput {
  targetPercent: string | number;
  /** Events of the window. */
  total: number;
  /** Good events among them. */
  good: number;
}

/** Burn rate of an event budget over a window: (bad / total) / (1 - target). No events: nothing burns. */
export function eventBurnRate(input: EventBurnInput): BurnRate {
  const t = toDec(input.targetPercent, 'targetPercent');
  if (t.isNegative() || t.greaterThan(HUNDRED)) throw new RangeError(`targetPercent must be between 0 and 100, got ${plain(t)}.`);
  if (!Number.isSafeInteger(input.total) || !Number.isSafeInteger(input.good) || input.good < 0 || input.good > input.total) {
    throw new RangeError(`good (${input.good}) and total (${input.total}) must be whole numbers, good at most total.`);
  }
  const bad = input.total - input.good;
  if (bad === 0) return ZERO;
  const allowed = HUNDRED.minus(t).dividedBy(HUNDRED);
  if (allowed.isZero()) return INFINITE;
  return { exact: new Dec(bad).dividedBy(input.total).dividedBy(allowed), infinite: false };
}

/** Strictly above the threshold: exactly at it is not. */
export function burnsAbove(rate: BurnRate, threshold: Dec): boolean {
  return rate.infinite || rate.exact!.greaterThan(threshold);
}

/** A pair fires when both its windows burn above its threshold. */
export function pairFires(long: BurnRate, short: BurnRate, threshold: Dec): boolean {
  return burnsAbove(long, threshold) && burnsAbove(short, threshold);
}

/** What an evaluation does with one objective's pair, given whether it fires now and whether an episode is open. */
export type EpisodeStep = 'RAISE' | 'KEEP' | 'RESOLVE' | 'NONE';

/**
 * An episode starts when the pair fires and none is open (RAISE), goes on while it fires (KEEP:
 * one alert per episode, however many evaluations see it), and ends at the first evaluation where
 * it no longer fires (RESOLVE): the short window dropping to the threshold or below is enough.
 */
export function episodeStep(fires: boolean, open: boolean): EpisodeStep {
  if (fires) return open ? 'KEEP' : 'RAISE';
  return open ? 'RESOLVE' : 'NONE';
}

/** A burn rate as the API shows it: 4 decimals, half up; null when infinite. */
export function shownBurnRate(rate: BurnRate): string | null {
  return rate.infinite ? null : rate.exact!.toFixed(4, HALF_UP);
}

/** An exact decimal as stored (numeric): plain notation, at most 20 decimals. */
export function storedDecimal(value: Dec | null): string | null {
  return value === null ? null : plain(value.toDecimalPlaces(20, HALF_UP));
}

/** Evaluations run on a grid of this step: one per agreement and step, whoever asks (a change, the chain, the catch-up). */
export const BURN_EVALUATION_STEP_MS = 60_000;

/** The first instant of the grid strictly after `at`: where a change at `at` is evaluated (debounced), and the chain's next run. */
export function nextEvaluationAt(at: Date, stepMs = BURN_EVALUATION_STEP_MS): Date {
  return new Date(Math.floor(at.getTime() / stepMs) * stepMs + stepMs);
}
