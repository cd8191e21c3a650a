import { type FieldPath, UserError } from '../../common/errors';
import { durationSeconds } from '../shared/iso-duration';
import { type BurnAlertPairTerms, type BurnRateAlertTerms } from './terms';

/**
 * The multi-window burn-rate alerts of the Google SRE workbook ("Alerting on SLOs"): 2% of the
 * period's budget within 1 hour (checked over 5 minutes too) or 5% within 6 hours (30 minutes)
 * page; 10% within 3 days (6 hours) is a ticket. Terms that name no policy alert with these.
 */
export const DEFAULT_BURN_ALERT_PAIRS: readonly Readonly<BurnAlertPairTerms>[] = Object.freeze([
  Object.freeze({ budgetPercent: 2, longWindow: 'PT1H', shortWindow: 'PT5M' }),
  Object.freeze({ budgetPercent: 5, longWindow: 'PT6H', shortWindow: 'PT30M' }),
  Object.freeze({ budgetPercent: 10, longWindow: 'P3D', shortWindow: 'PT6H' }),
]);

export const MAX_BURN_ALERT_PAIRS = 10;
/** The longest window a pair may name: 90 days. */
export const MAX_BURN_WINDOW_SECONDS = 90 * 86400;

/** The burn-rate alert policy of stored terms: the defaults where a revision has none (older ones, or terms that never set one). */
export function burnRateAlertsOf(terms: { burnRateAlertPolicy?: BurnRateAlertTerms | null }): BurnRateAlertTerms {
  const stored = terms.burnRateAlertPolicy;
  if (!stored) return { enabled: true, pairs: DEFAULT_BURN_ALERT_PAIRS.map((p) => ({ ...p })) };
  return { enabled: stored.enabled !== false, pairs: (stored.pairs ?? []).map((p) => ({ budgetPercent: Number(p.budgetPercent), longWindow: p.longWindow, shortWindow: p.shortWindow })) };
}

/** A policy as given: fields left out take the defaults (enabled; the default pairs). */
export function burnRateAlertsFromInput(given: { enabled?: boolean | null; pairs?: BurnAlertPairTerms[] | null }): BurnRateAlertTerms {
  return {
    enabled: given.enabled ?? true,
    pairs: (given.pairs ?? DEFAULT_BURN_ALERT_PAIRS).map((p) => ({ budgetPercent: p.budgetPercent, longWindow: p.longWindow, shortWindow: p.shortWindow })),
  };
}

/** The key of a pair, as an alert episode stores it: "2%/PT1H/PT5M" (durations in seconds, so that "P3D" and "PT72H" are one pair). */
export function burnPairKey(pair: BurnAlertPairTerms): string {
  return `${Number(pair.budgetPercent)}%/${durationSeconds(pair.longWindow)}s/${durationSeconds(pair.shortWindow)}s`;
}

/** Every problem of a policy, each naming its field under `at`. */
export function burnRateAlertProblems(policy: BurnRateAlertTerms, at: FieldPath): UserError[] {
  const errors: UserError[] = [];
  const fail = (path: FieldPath, message: string) => errors.push(new UserError('INVALID_INPUT', message, [...at, ...path]));
  if (policy.pairs.length > MAX_BURN_ALERT_PAIRS) fail(['pairs'], `A policy has at most ${MAX_BURN_ALERT_PAIRS} pairs.`);
  if (policy.enabled && policy.pairs.length === 0) fail(['pairs'], 'An enabled policy needs at least one pair; set enabled to false to raise no alert.');
  const seen = new Set<string>();
  policy.pairs.forEach((pair, i) => {
    if (!(Number.isFinite(pair.budgetPercent) && pair.budgetPercent > 0 && pair.budgetPercent <= 100)) fail(['pairs', i, 'budgetPercent'], 'budgetPercent must be above 0 and at most 100.');
    const long = durationSeconds(pair.longWindow);
    const short = durationSeconds(pair.shortWindow);
    if (long == null || long <= 0 || long > MAX_BURN_WINDOW_SECONDS) fail(['pairs', i, 'longWindow'], 'longWindow must be an ISO 8601 duration above zero and at most 90 days, such as "PT1H".');
    if (short == null || short <= 0) fail(['pairs', i, 'shortWindow'], 'shortWindow must be an ISO 8601 duration above zero, such as "PT5M".');
    else if (long != null && short >= long) fail(['pairs', i, 'shortWindow'], 'shortWindow must be shorter than longWindow.');
    if (long != null && short != null) {
      const key = burnPairKey(pair);
      if (seen.has(key)) fail(['pairs', i], 'This pair is already in the policy.');
      seen.add(key);
    }
  });
  return errors;
}
