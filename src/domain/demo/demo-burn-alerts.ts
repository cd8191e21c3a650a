import { type FixedClock } from '../../common/clock';
import { type RequestContext } from '../../context/request-context';
import { evaluateBurnAlerts } from '../compliance/burn-alert.service';

/** The outages whose burn the demo evaluates, as the evaluation job would have seen them live: from, to (UTC). */
const BURNS: readonly [string, string][] = [
  // The storage array failure (about ten hours of OUTAGE): every pair fires, the 3-day one resolves last.
  ['2026-06-17T03:50:00Z', '2026-06-17T20:30:00Z'],
  // The failover after a kernel panic (14 minutes): the hour's and the six hours' pairs, then the 3 days'.
  ['2026-07-07T14:00:00Z', '2026-07-07T20:40:00Z'],
];
const STEP_MS = 10 * 60_000;

/**
 * Burn-rate alerts of the bank's Managed PostgreSQL agreement (99.99% over a rolling 30 days, the
 * SRE workbook's default pairs): the agreement is evaluated every ten minutes through two outages,
 * on the demo's clock, so that its episodes are raised and resolved as the durable job raises them
 * (budget.burn_alert.raised / resolved events included). Run after the incidents are recorded: each
 * evaluation reads only the windows that end at its instant.
 */
export async function seedDemoBurnAlerts(as: RequestContext, clock: FixedClock, agreementIds: string[]): Promise<number> {
  const before = as.now; // a DemoContext: the demo clock's time
  let raised = 0;
  for (const [from, to] of BURNS) {
    for (let t = new Date(from).getTime(); t <= new Date(to).getTime(); t += STEP_MS) {
      clock.set(new Date(t));
      for (const id of agreementIds) raised += (await evaluateBurnAlerts(as, id)).raised.length;
    }
  }
  clock.set(before);
  return raised;
}
