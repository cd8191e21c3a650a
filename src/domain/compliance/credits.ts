import { type Metric, type Priority, TIME_METRICS } from '../../common/agreement-enums';
import { appliesToPriority } from '../agreements/objective-priority';
import { type CreditPolicy, type CreditTier } from '../agreements/terms';
import { Dec, HALF_UP, plain, toDec } from './decimal';

/**
 * Service credits of one period, from the credit policy of the revision in force.
 *
 * Arithmetic is exact decimal (no binary floats): percentages are summed and capped exactly,
 * the amount is fee * percent / 100 and is rounded once, at the very end, HALF UP (a tie goes
 * away from zero) to the currency's minor units (2 decimals for EUR and USD, 0 for JPY, 3 for
 * BHD, as Intl knows them). Percentages are returned as plain decimal strings ("10", "0.3").
 *
 * Rules, as read from the policy:
 * - Tier: the tier with the lowest `below` that the attainment is strictly under ("below
 *   99.99% -> 10%": 99.99 earns nothing, 99.989 earns 10%). With several objectives the table
 *   judges the lowest attainment among them (one tier per period, never one per objective);
 *   objectives without data are left out.
 * - Per breach: each breached clock is credited once (a breached SATISFACTION floor is one breach
 *   of the period, passed only when the policy has a SATISFACTION entry), by the entry for its metric and its
 *   priority if the policy has one, else by the entry for its metric with priority null (the
 *   specific entry replaces the metric-wide one, they do not add up). A breach no entry matches
 *   earns nothing.
 * - Cap: the sum is capped at `monthlyCapPercent` of the period fee when it exceeds it; the
 *   period is taken to be the month the cap speaks of. No cap: the sum stands, even above 100.
 */

export interface ObjectiveAttainment {
  metric: Metric;
  priority: Priority | null;
  /**
   * Attained percent for the period, as a decimal string or number; null: no data. Pass the
   * exact attainment (`ErrorBudget.attainedPercentExact`), not a display rounding of it.
   */
  attainedPercent: string | number | null;
}

export interface BreachedClock {
  metric: Metric;
  priority: Priority | null;
}

export interface PerBreachLine {
  /** The policy entry that credited these breaches. */
  metric: Metric;
  priority: Priority | null;
  count: number;
  /** The policy's percent for one breach. */
  creditPercentEach: string;
  /** count * creditPercentEach. */
  creditPercent: string;
}

export interface CreditCalculation {
  currency: string;
  periodFee: string;
  /** The attainment the tier table judged (the lowest one with data); null without data. */
  tierBasis: { metric: Metric; priority: Priority | null; attainedPercent: string } | null;
  tier: CreditTier | null;
  tierCreditPercent: string;
  /** One line per policy entry that credited at least one breach, in policy order. */
  perBreach: PerBreachLine[];
  /** Breached clocks no per-breach entry covers. */
  uncreditedBreaches: number;
  totalPercentBeforeCap: string;
  capPercent: string | null;
  capApplied: boolean;
  totalPercent: string;
  /** fee * totalPercent / 100, rounded half up to `minorUnitDigits` decimals ("1250.00", "1250"). */
  amount: string;
  minorUnitDigits: number;
  explanation: string[];
}

const HUNDRED = new Dec(100);
const FEE = /^\d+(\.\d+)?$/;

/** Decimals of the currency's minor unit, as Intl knows them (EUR 2, JPY 0, BHD 3). */
export function minorUnitDigits(currency: string): number {
  const digits = new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
  if (digits == null) throw new RangeError(`No minor unit known for currency "${currency}".`);
  return digits;
}

function percent(value: number, what: string): Dec {
  const d = toDec(value, what);
  if (d.isNegative()) throw new RangeError(`${what} cannot be negative, got ${value}.`);
  return d;
}

function objectiveName(metric: Metric, priority: Priority | null): string {
  return priority ? `${metric} ${priority}` : metric;
}

function lowestAttainment(attainments: ObjectiveAttainment[]): { at: ObjectiveAttainment; value: Dec } | null {
  let lowest: { at: ObjectiveAttainment; value: Dec } | null = null;
  for (const at of attainments) {
    if (at.attainedPercent == null) continue;
    const value = toDec(at.attainedPercent, `attainedPercent of ${objectiveName(at.metric, at.priority)}`);
    if (value.isNegative() || value.greaterThan(HUNDRED)) {
      throw new RangeError(`attainedPercent of ${objectiveName(at.metric, at.priority)} must be between 0 and 100, got ${plain(value)}.`);
    }
    if (!lowest || value.lessThan(lowest.value)) lowest = { at, value };
  }
  return lowest;
}

/** The tier with the lowest `below` that `attained` is strictly under; null if none. */
export function tierFor(tiers: CreditTier[], attained: string | number): CreditTier | null {
  const value = toDec(attained, 'attainedPercent');
  let found: CreditTier | null = null;
  for (const tier of tiers) {
    const below = toDec(tier.below, 'tier below');
    if (value.lessThan(below) && (!found || below.lessThan(toDec(found.below, 'tier below')))) found = tier;
  }
  return found;
}

/** Calculates the credit of one period, with every step spelled out in `explanation`. */
export function calculateCredit(policy: CreditPolicy, attainments: ObjectiveAttainment[], breaches: BreachedClock[]): CreditCalculation {
  const fee = policy.periodFee.trim();
  if (!FEE.test(fee)) throw new RangeError(`periodFee must be a decimal amount such as "12500.00", got "${policy.periodFee}".`);
  const feeDec = new Dec(fee);
  const digits = minorUnitDigits(policy.currency);
  const explanation: string[] = [];

  // Tier.
  const lowest = lowestAttainment(attainments);
  let tier: CreditTier | null = null;
  let tierPercent = new Dec(0);
  if (!lowest) {
    explanation.push('No attainment data for the period: no tier credit.');
  } else {
    const name = objectiveName(lowest.at.metric, lowest.at.priority);
    const shown = plain(lowest.value);
    tier = tierFor(policy.tiers, shown);
    if (tier) {
      tierPercent = percent(tier.creditPercent, 'tier creditPercent');
      explanation.push(`${name} attained ${shown}%, below ${plain(toDec(tier.below, 'tier below'))}%: tier credit ${plain(tierPercent)}%.`);
    } else if (policy.tiers.length === 0) {
      explanation.push(`${name} attained ${shown}%; the policy has no attainment tiers: no tier credit.`);
    } else {
      const highest = policy.tiers.reduce((a, b) => (toDec(b.below, 'tier below').greaterThan(toDec(a.below, 'tier below')) ? b : a));
      explanation.push(`${name} attained ${shown}%, not below ${plain(toDec(highest.below, 'tier below'))}%: no tier credit.`);
    }
  }

  // Per breach: each breach goes to the entry for its priority, else to its metric-wide entry.
  const counts = new Map<number, number>();
  let uncredited = 0;
  for (const breach of breaches) {
    const entry = policy.perBreach.findIndex((e) => e.metric === breach.metric && appliesToPriority(e, breach.priority, policy.perBreach));
    if (entry < 0) uncredited++;
    else counts.set(entry, (counts.get(entry) ?? 0) + 1);
  }
  const perBreach: PerBreachLine[] = [];
  let perBreachPercent = new Dec(0);
  policy.perBreach.forEach((entry, i) => {
    const n = counts.get(i);
    if (!n) return;
    const each = percent(entry.creditPercent, 'perBreach creditPercent');
    const line = each.times(n);
    perBreachPercent = perBreachPercent.plus(line);
    perBreach.push({ metric: entry.metric, priority: entry.priority, count: n, creditPercentEach: plain(each), creditPercent: plain(line) });
    // Time objectives breach by clock; a satisfaction floor breaches once for the period.
    const clocks = TIME_METRICS.includes(entry.metric);
    const scope = entry.priority ? `${entry.metric} ${entry.priority}` : clocks ? `${entry.metric} (any priority)` : entry.metric;
    explanation.push(`${n} breached ${scope} ${clocks ? 'clock' : 'period'}${n === 1 ? '' : 's'} at ${plain(each)}% each: ${plain(line)}%.`);
  });
  if (breaches.length === 0) explanation.push('No breached clocks in the period: no per-breach credit.');
  if (uncredited > 0) explanation.push(`${uncredited} breached clock${uncredited === 1 ? '' : 's'} without a per-breach credit in the policy.`);

  // Sum and cap.
  const before = tierPercent.plus(perBreachPercent);
  explanation.push(`Total before cap: ${plain(tierPercent)}% + ${plain(perBreachPercent)}% = ${plain(before)}%.`);
  const cap = policy.monthlyCapPercent == null ? null : percent(policy.monthlyCapPercent, 'monthlyCapPercent');
  const total = cap != null && before.greaterThan(cap) ? cap : before;
  const capApplied = total !== before;
  if (cap == null) explanation.push('No monthly cap.');
  else if (capApplied) explanation.push(`Monthly cap of ${plain(cap)}% applied: total ${plain(total)}%.`);
  else explanation.push(`Within the monthly cap of ${plain(cap)}%.`);

  // Amount, rounded once.
  const amount = feeDec.times(total).dividedBy(HUNDRED).toFixed(digits, HALF_UP);
  explanation.push(
    `Credit: ${fee} ${policy.currency} x ${plain(total)}% = ${amount} ${policy.currency} (rounded half up to ${digits} decimal${digits === 1 ? '' : 's'}).`,
  );

  return {
    currency: policy.currency,
    periodFee: fee,
    tierBasis: lowest ? { metric: lowest.at.metric, priority: lowest.at.priority, attainedPercent: plain(lowest.value) } : null,
    tier,
    tierCreditPercent: plain(tierPercent),
    perBreach,
    uncreditedBreaches: uncredited,
    totalPercentBeforeCap: plain(before),
    capPercent: cap ? plain(cap) : null,
    capApplied,
    totalPercent: plain(total),
    amount,
    minorUnitDigits: digits,
    explanation,
  };
}
