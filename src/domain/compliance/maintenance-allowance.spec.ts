import { type MaintenanceWindowTerms } from '../agreements/terms';
import { maintenanceAllowance, monthlyShares, overMonthlyCap } from './maintenance-allowance';

const clause = (noticePeriod: string, maxPerMonth: string | null): MaintenanceWindowTerms => ({ name: `${noticePeriod}/${maxPerMonth}`, description: '', noticePeriod, maxPerMonth });
const H = 3600;

describe('maintenanceAllowance', () => {
  it.each<[string, MaintenanceWindowTerms[], ReturnType<typeof maintenanceAllowance>]>([
    ['no clause: nothing is excused', [], null],
    ['one clause with a cap', [clause('P2D', 'PT8H')], { noticeSeconds: 2 * 86400, capSeconds: 8 * H }],
    ['one clause without a cap', [clause('P2D', null)], { noticeSeconds: 2 * 86400, capSeconds: null }],
    ['a zero cap excuses nothing, but is a cap', [clause('PT1H', 'PT0S')], { noticeSeconds: H, capSeconds: 0 }],
    ['several clauses: the shortest notice and the largest cap', [clause('P5D', 'PT8H'), clause('PT4H', 'PT2H')], { noticeSeconds: 4 * H, capSeconds: 8 * H }],
    ['several clauses, one uncapped: no cap', [clause('P5D', 'PT8H'), clause('P7D', null)], { noticeSeconds: 5 * 86400, capSeconds: null }],
    ['a clause whose notice does not parse is left out', [clause('soon', null), clause('P1D', 'PT4H')], { noticeSeconds: 86400, capSeconds: 4 * H }],
  ])('%s', (_name, clauses, expected) => {
    expect(maintenanceAllowance(clauses)).toEqual(expected);
  });
});

describe('monthlyShares and overMonthlyCap (Berlin)', () => {
  const zone = 'Europe/Berlin';
  it('splits a window across midnight at a month end in the provider time zone', () => {
    // 30 April 20:00 to 1 May 04:00 CEST: 4 h in April, 4 h in May.
    const shares = monthlyShares(new Date('2026-04-30T18:00:00Z'), new Date('2026-05-01T02:00:00Z'), zone);
    expect(shares.map((s) => [s.month.start.toISOString(), s.ms / 1000 / H])).toEqual([
      ['2026-03-31T22:00:00.000Z', 4],
      ['2026-04-30T22:00:00.000Z', 4],
    ]);
  });

  it.each<[string, string, string, number | null, number | null]>([
    ['within the cap', '2026-05-10T00:00:00Z', '2026-05-10T06:00:00Z', 8 * H, null],
    ['exactly the cap fits', '2026-05-10T00:00:00Z', '2026-05-10T08:00:00Z', 8 * H, null],
    ['one millisecond over the cap', '2026-05-10T00:00:00Z', '2026-05-10T08:00:00.001Z', 8 * H, 8.0000003],
    ['8 h either side of a month boundary: each share fits its month', '2026-04-30T14:00:00Z', '2026-05-01T06:00:00Z', 8 * H, null],
    ['9 h in one month of a straddling window', '2026-04-30T13:00:00Z', '2026-05-01T02:00:00Z', 8 * H, 9],
    ['no cap', '2026-05-01T00:00:00Z', '2026-05-20T00:00:00Z', null, null],
  ])('%s (hours over in one month, or null)', (_name, start, end, cap, overHours) => {
    const over = overMonthlyCap(new Date(start), new Date(end), zone, cap);
    if (overHours === null) expect(over).toBeNull();
    else expect(over && Math.round((over.ms / 1000 / H) * 1e7) / 1e7).toBe(overHours);
  });
});
