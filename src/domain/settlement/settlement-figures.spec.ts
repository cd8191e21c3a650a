import fc from 'fast-check';
import { lastMonthStartAnywhere } from '../compliance/compliance.domain-events';
import { type SnapshotPeriod } from '../reviews/review-snapshot';
import { periodDifference, sumMoney } from './settlement-figures';

/** A month judged with one availability objective and a credit of `amount` EUR (null: no credit policy). */
function period(attained: string | null, amount: string | null, status: SnapshotPeriod['status'] = 'MET'): SnapshotPeriod {
  return {
    start: '2026-08-31T22:00:00.000Z',
    end: '2026-09-30T22:00:00.000Z',
    status,
    revisionId: 'r1',
    revisionNumber: 1,
    objectives: [
      {
        objectiveId: 'o1',
        metric: 'AVAILABILITY',
        priority: null,
        name: 'Uptime',
        target: '99.9',
        targetDuration: null,
        status,
        attainedPercent: attained,
        clocksMet: 0,
        clocksBreached: 0,
        errorBudget: null,
        breachedIncidentIds: [],
      },
    ],
    credit: amount === null ? null : { currency: 'EUR', periodFee: '35000.00', tierBelow: null, tierCreditPercent: '0', perBreach: [], totalPercentBeforeCap: '0', capPercent: null, capApplied: false, totalPercent: '0', amount, explanation: [] },
    violations: [],
  };
}

describe('periodDifference', () => {
  it('is null when nothing material changed', () => {
    expect(periodDifference(period('100.0000', '0.00'), period('100.0000', '0.00'))).toBeNull();
  });

  it('spells out a back-filled outage: statuses, attainment in points, credit before, after and the difference', () => {
    expect(periodDifference(period('100.0000', '0.00'), period('99.5833', '8750.00', 'BREACHED'))).toEqual({
      statusBefore: 'MET',
      statusAfter: 'BREACHED',
      objectives: [
        { objectiveId: 'o1', metric: 'AVAILABILITY', priority: null, statusBefore: 'MET', statusAfter: 'BREACHED', attainedBefore: '100.0000', attainedAfter: '99.5833', attainedDifference: '-0.4167' },
      ],
      currency: 'EUR',
      creditBefore: '0.00',
      creditAfter: '8750.00',
      creditDifference: '8750.00',
    });
  });

  it('a correction that lowers the credit is a negative difference', () => {
    expect(periodDifference(period('99.5833', '8750.00', 'BREACHED'), period('100.0000', '0.00'))?.creditDifference).toBe('-8750.00');
  });

  it('a change of attainment without a change of credit is still an adjustment (credit difference 0.00)', () => {
    expect(periodDifference(period('100.0000', '0.00'), period('99.9500', '0.00'))).toMatchObject({ creditDifference: '0.00', objectives: [{ attainedDifference: '-0.05' }] });
  });

  it('without a credit policy before and after, no money moves', () => {
    expect(periodDifference(period('100.0000', null), period('99.0000', null, 'BREACHED'))).toMatchObject({ currency: null, creditDifference: null });
  });

  it('a credit policy that appears counts its absent side as zero', () => {
    expect(periodDifference(period('99.0000', null), period('99.0000', '100.00'))).toMatchObject({ creditBefore: '0.00', creditAfter: '100.00', creditDifference: '100.00' });
  });

  // The ledger rule: whatever the sequence of judgements of a closed period (late data, corrections
  // in any order), the statement's credit plus every adjustment recorded against what the period
  // last settled at equals the credit the data says now; and a judgement equal to the last one adds nothing.
  it('statement + adjustments always sums to the credit of the latest judgement (property)', () => {
    const cents = fc.integer({ min: 0, max: 10_000_000 });
    const amount = (c: number) => (c / 100).toFixed(2);
    fc.assert(
      fc.property(cents, fc.array(cents, { maxLength: 12 }), (issued, later) => {
        const statement = period(null, amount(issued));
        let settled = statement;
        const adjustments: string[] = [];
        for (const c of later) {
          const now = period(null, amount(c));
          const d = periodDifference(settled, now);
          if (d) {
            adjustments.push(d.creditDifference!);
            settled = now;
          } else {
            expect(amount(c)).toBe(settled.credit!.amount);
          }
        }
        const latest = later.length ? amount(later[later.length - 1]) : amount(issued);
        expect(sumMoney([statement.credit!.amount, ...adjustments], 'EUR')).toBe(latest);
      }),
    );
  });
});

describe('lastMonthStartAnywhere: at or after it, every time zone is in the month under way', () => {
  it.each([
    // UTC+14 entered October at 10:00 UTC on 30 September, UTC at midnight, UTC-12 at noon on the 1st.
    ['2026-10-05T09:00:00Z', '2026-10-01T12:00:00.000Z'],
    // UTC-11:45 entered October at 11:45 UTC; UTC-12 is still in September.
    ['2026-10-01T11:59:59Z', '2026-10-01T11:45:00.000Z'],
    ['2026-10-01T12:00:00Z', '2026-10-01T12:00:00.000Z'],
    ['2026-09-30T10:00:00Z', '2026-09-30T10:00:00.000Z'],
    ['2026-01-01T00:00:00Z', '2026-01-01T00:00:00.000Z'],
  ])('at %s: %s', (now, expected) => {
    expect(lastMonthStartAnywhere(new Date(now)).toISOString()).toBe(expected);
  });

  it('is at or after the start of the month under way in every zone from UTC-12 to UTC+14, and not after now (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: -48, max: 56 }), (now, quarters) => {
        const offset = quarters * 15 * 60_000;
        const local = new Date(now.getTime() + offset);
        const monthStartThere = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - offset;
        const latest = lastMonthStartAnywhere(now).getTime();
        expect(latest).toBeGreaterThanOrEqual(monthStartThere);
        expect(latest).toBeLessThanOrEqual(now.getTime());
      }),
    );
  });
});
