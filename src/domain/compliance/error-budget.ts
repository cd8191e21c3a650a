import { Dec, DOWN, HALF_UP, plain, toDec } from './decimal';

/**
 * Error budgets of AT_LEAST objectives (availability, ratio): what the target allows to fail
 * in a window, how much of it is used, and how fast it burns.
 *
 * Rounding (one rule for the compliance module): exact decimal arithmetic throughout, rounded
 * once at the end, HALF UP (a tie goes away from zero: 0.5 ms -> 1 ms, 99.99985 -> 99.9999).
 * - budgets in time: whole milliseconds (allowed and consumed rounded, remaining = the two
 *   shown numbers subtracted, so what a user sees adds up);
 * - budgets in events and in time slices: exact (a percentage of a whole count always terminates; no rounding);
 * - attainedPercent: 4 decimals; burnRate: 4 decimals.
 * The verdict `budgetExceeded` never uses rounded numbers: it compares exact values, so at a
 * sub-millisecond edge (allowed 1.5 ms, consumed 2 ms) it says exceeded while the rounded
 * remaining reads "0".
 * `attainedPercentExact` is the attainment to compare against thresholds (credit tiers): the
 * exact value, or, when it does not terminate (1/3), truncated at 20 decimals. Truncating on
 * the grid of the threshold keeps order (for a threshold c of up to 20 decimals,
 * truncated < c exactly when value < c), so a tier comparison with it is always right. The
 * rounded `attainedPercent` is for display only and must not pick a tier: 99.98995 shows as
 * "99.9900" yet is below 99.99, and 99.99995 shows as "100.0000".
 */
export interface ErrorBudget {
  unit: 'MILLISECONDS' | 'EVENTS' | 'SLICES';
  /** The target as given, in plain decimal notation ("99.9"). */
  targetPercent: string;
  /** What the target allows to fail in the whole window: (100 - target)% of it. */
  allowed: string;
  /** What has failed so far (bad time, or bad events). */
  consumed: string;
  /** allowed - consumed; negative once the budget is overspent. */
  remaining: string;
  /** consumed > allowed, exactly: the objective is (already) missed for this window. */
  budgetExceeded: boolean;
  /** No window to judge (a window of 0 ms, or no events). */
  noData: boolean;
  /** 4 decimals, half up; null without data. */
  attainedPercent: string | null;
  /** Exact, or truncated at 20 decimals; for comparisons with thresholds. Null without data. */
  attainedPercentExact: string | null;
  /**
   * observed error rate / (1 - target): 1 spends the budget exactly over the window, 2 twice as
   * fast. 4 decimals, half up. Null when nothing has been observed yet (elapsed 0, no events),
   * or when the target is 100% and something failed: the rate is then infinite and
   * `burnRateInfinite` is true. With a 100% target and no failure it is "0.0000": nothing burns.
   */
  burnRate: string | null;
  burnRateInfinite: boolean;
}

export interface TimeBudgetInput {
  /** Target in percent (99.9), comparator AT_LEAST, 0 to 100. */
  targetPercent: string | number;
  /** Length of the whole window W in ms (30 days = 2592000000). */
  windowMs: string | number;
  /** Bad time observed so far in the window, in ms (may carry fractions from weighted degradation). */
  badMs: string | number;
  /** How much of the window has passed, in ms, for the burn rate; defaults to the whole window. */
  elapsedMs?: string | number;
}

/**
 * A time-slice budget (TIMESLICES): slices are judged good or bad one by one, and the target is the
 * share of good slices. `windowSlices` is how many slices the whole window holds, `elapsedSlices`
 * how many have been judged so far (ended), `badSlices` how many of those were bad. A window whose
 * slices are judged only where there is data (ratio objectives) passes the judged slices as both.
 */
export interface SliceBudgetInput {
  targetPercent: string | number;
  windowSlices: number;
  elapsedSlices: number;
  badSlices: number;
}

export interface EventBudgetInput {
  /** Target in percent (99.9), comparator AT_LEAST, 0 to 100. */
  targetPercent: string | number;
  /** Events counted so far in the window (N). */
  totalEvents: number;
  /** Good events among them. */
  goodEvents: number;
}

const HUNDRED = new Dec(100);
const EXACT_DECIMALS = 20;
const SHOWN_DECIMALS = 4;

function target(value: string | number): Dec {
  const t = toDec(value, 'targetPercent');
  if (t.isNegative() || t.greaterThan(HUNDRED)) throw new RangeError(`targetPercent must be between 0 and 100, got ${plain(t)}.`);
  return t;
}

function nonNegative(value: string | number, what: string): Dec {
  const d = toDec(value, what);
  if (d.isNegative()) throw new RangeError(`${what} cannot be negative, got ${plain(d)}.`);
  return d;
}

function count(value: number, what: string): Dec {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} must be a whole number of at least 0, got ${value}.`);
  return new Dec(value);
}

/** Attainment in percent from the good share of a whole; null when the whole is 0. */
function attainment(good: Dec, whole: Dec): { shown: string; exact: string } | null {
  if (whole.isZero()) return null;
  const percent = good.times(HUNDRED).dividedBy(whole);
  return { shown: percent.toFixed(SHOWN_DECIMALS, HALF_UP), exact: plain(percent.toDecimalPlaces(EXACT_DECIMALS, DOWN)) };
}

/** Burn rate = (bad / observed) / (1 - target). */
function burnRate(bad: Dec, observed: Dec, t: Dec): { burnRate: string | null; burnRateInfinite: boolean } {
  if (observed.isZero()) return { burnRate: null, burnRateInfinite: false };
  const errorRate = bad.dividedBy(observed);
  const allowedRate = HUNDRED.minus(t).dividedBy(HUNDRED);
  if (allowedRate.isZero()) {
    return bad.isZero() ? { burnRate: '0.0000', burnRateInfinite: false } : { burnRate: null, burnRateInfinite: true };
  }
  return { burnRate: errorRate.dividedBy(allowedRate).toFixed(SHOWN_DECIMALS, HALF_UP), burnRateInfinite: false };
}

/**
 * Error budget of a time-based objective (availability) over a window of W ms.
 * Attainment is over the whole window, 100 * (W - bad) / W: at the end of the window it is the
 * period's attainment; before, it is what the window ends at if nothing more fails.
 */
export function timeErrorBudget(input: TimeBudgetInput): ErrorBudget {
  const t = target(input.targetPercent);
  const window = nonNegative(input.windowMs, 'windowMs');
  const bad = nonNegative(input.badMs, 'badMs');
  const elapsed = input.elapsedMs == null ? window : nonNegative(input.elapsedMs, 'elapsedMs');
  if (elapsed.greaterThan(window)) throw new RangeError(`elapsedMs (${plain(elapsed)}) cannot exceed windowMs (${plain(window)}).`);
  if (bad.greaterThan(elapsed)) throw new RangeError(`badMs (${plain(bad)}) cannot exceed the elapsed time (${plain(elapsed)}).`);

  const allowedExact = window.times(HUNDRED.minus(t)).dividedBy(HUNDRED);
  const allowed = allowedExact.toDecimalPlaces(0, HALF_UP);
  const consumed = bad.toDecimalPlaces(0, HALF_UP);
  const attained = attainment(window.minus(bad), window);
  return {
    unit: 'MILLISECONDS',
    targetPercent: plain(t),
    allowed: plain(allowed),
    consumed: plain(consumed),
    remaining: plain(allowed.minus(consumed)),
    budgetExceeded: bad.greaterThan(allowedExact),
    noData: window.isZero(),
    attainedPercent: attained?.shown ?? null,
    attainedPercentExact: attained?.exact ?? null,
    ...burnRate(bad, elapsed, t),
  };
}

/**
 * Error budget of a time-slice objective: what the target allows of the window's slices to be bad,
 * kept exact ("0.1% of 40320 slices" is 40.32 slices), and how many were. Attainment is over the
 * whole window, 100 * (window - bad) / window, as for time budgets; the burn rate over the slices
 * judged so far.
 */
export function sliceErrorBudget(input: SliceBudgetInput): ErrorBudget {
  const t = target(input.targetPercent);
  const window = count(input.windowSlices, 'windowSlices');
  const elapsed = count(input.elapsedSlices, 'elapsedSlices');
  const bad = count(input.badSlices, 'badSlices');
  if (elapsed.greaterThan(window)) throw new RangeError(`elapsedSlices (${input.elapsedSlices}) cannot exceed windowSlices (${input.windowSlices}).`);
  if (bad.greaterThan(elapsed)) throw new RangeError(`badSlices (${input.badSlices}) cannot exceed elapsedSlices (${input.elapsedSlices}).`);

  const allowed = window.times(HUNDRED.minus(t)).dividedBy(HUNDRED);
  const attained = attainment(window.minus(bad), window);
  return {
    unit: 'SLICES',
    targetPercent: plain(t),
    allowed: plain(allowed),
    consumed: plain(bad),
    remaining: plain(allowed.minus(bad)),
    budgetExceeded: bad.greaterThan(allowed),
    noData: window.isZero(),
    attainedPercent: attained?.shown ?? null,
    attainedPercentExact: attained?.exact ?? null,
    ...burnRate(bad, elapsed, t),
  };
}

/**
 * Error budget of a ratio objective (good events / total events) over the events counted so
 * far. The allowance is (100 - target)% of the events counted: "0.1% of 12345 calls" is 12.345
 * calls, kept exact.
 */
export function eventErrorBudget(input: EventBudgetInput): ErrorBudget {
  const t = target(input.targetPercent);
  const total = count(input.totalEvents, 'totalEvents');
  const good = count(input.goodEvents, 'goodEvents');
  if (good.greaterThan(total)) throw new RangeError(`goodEvents (${input.goodEvents}) cannot exceed totalEvents (${input.totalEvents}).`);

  const bad = total.minus(good);
  const allowed = total.times(HUNDRED.minus(t)).dividedBy(HUNDRED);
  const attained = attainment(good, total);
  return {
    unit: 'EVENTS',
    targetPercent: plain(t),
    allowed: plain(allowed),
    consumed: plain(bad),
    remaining: plain(allowed.minus(bad)),
    budgetExceeded: bad.greaterThan(allowed),
    noData: total.isZero(),
    attainedPercent: attained?.shown ?? null,
    attainedPercentExact: attained?.exact ?? null,
    ...burnRate(bad, total, t),
  };
}
