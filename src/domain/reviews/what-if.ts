import { Dec, plain } from '../compliance/decimal';

/**
 * What-if arithmetic: the credit exposure of a replayed revision against the one in force.
 *
 * Per period, the difference is the replayed credit's amount less the credit the revision in
 * force produced (a period without a credit - no policy, or no revision in force - counts 0).
 * The totals add the periods up. Amounts are exact decimals; they are only compared in one
 * currency: when the two revisions (or the periods) credit in different currencies the
 * difference is null and the totals too, as no exchange rate is the product's to choose.
 */
export const WHAT_IF_DEFAULT_PERIODS = 6;
export const WHAT_IF_MAX_PERIODS = 12;

export interface CreditAmount {
  currency: string;
  amount: string;
}

export interface CreditDifference {
  /** The currency of the amounts; null when they differ (then every figure is null). */
  currency: string | null;
  inForce: string | null;
  replayed: string | null;
  /** replayed - inForce: positive when the change would have cost the provider more. */
  difference: string | null;
}

/** One period's difference. */
export function creditDifference(inForce: CreditAmount | null, replayed: CreditAmount | null): CreditDifference {
  return totalDifference([{ inForce, replayed }]);
}

/** The sum over periods: what the replayed revision would have credited against what was credited. */
export function totalDifference(periods: readonly { inForce: CreditAmount | null; replayed: CreditAmount | null }[]): CreditDifference {
  const currencies = new Set(periods.flatMap((p) => [p.inForce?.currency, p.replayed?.currency]).filter((c): c is string => Boolean(c)));
  if (currencies.size > 1) return { currency: null, inForce: null, replayed: null, difference: null };
  const sum = (pick: (p: (typeof periods)[number]) => CreditAmount | null) => periods.reduce((s, p) => s.plus(new Dec(pick(p)?.amount ?? 0)), new Dec(0));
  const inForce = sum((p) => p.inForce);
  const replayed = sum((p) => p.replayed);
  return { currency: [...currencies][0] ?? null, inForce: plain(inForce), replayed: plain(replayed), difference: plain(replayed.minus(inForce)) };
}
