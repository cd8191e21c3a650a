import { toGlobalId } from '../../common/global-id';
import { type SnapshotPeriod } from '../reviews/review-snapshot';
import { headerOf, PERIOD_COLUMNS, periodRows } from './export-columns';

const agreement = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const objectiveId = '2b1f8d3c-5a8e-4f3e-9a0c-1f2e3d4c5b6a';
const incident = '9d2b8f1e-0c4a-4b6e-8f3d-2a1c5e7b9d0f';
const base: SnapshotPeriod = { start: '2026-09-01T00:00:00.000Z', end: '2026-10-01T00:00:00.000Z', status: 'NO_DATA', revisionId: null, revisionNumber: null, objectives: [], credit: null, violations: [] };

describe('periodRows', () => {
  it('gives a period with no terms in force one row, with the objective columns empty', () => {
    const rows = periodRows(agreement, base);
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0]).sort()).toEqual([...headerOf(PERIOD_COLUMNS)].sort());
    expect(rows[0]).toMatchObject({ agreement: toGlobalId('Agreement', agreement), period_status: 'NO_DATA', objective: '', metric: '', revision: '' });
  });

  it('gives one row per objective, with its violation, its breach incidents as global ids, and the period credit on each', () => {
    const rows = periodRows(agreement, {
      ...base,
      status: 'BREACHED',
      revisionNumber: 2,
      objectives: [
        {
          objectiveId,
          metric: 'AVAILABILITY',
          priority: null,
          name: 'Uptime',
          target: '100',
          targetDuration: null,
          status: 'BREACHED',
          attainedPercent: '99.9000',
          clocksMet: 0,
          clocksBreached: 0,
          errorBudget: { unit: 'MILLISECONDS', allowed: '0', consumed: '2592000', remaining: '-2592000', burnRate: null, burnRateInfinite: true, exceeded: true },
          breachedIncidentIds: [incident, incident],
        },
      ],
      credit: { currency: 'EUR', periodFee: '100.00', tierBelow: '100', tierCreditPercent: '10', perBreach: [], totalPercentBeforeCap: '10', capPercent: null, capApplied: false, totalPercent: '10', amount: '10.00', explanation: [] },
      violations: [{ objectiveId, rule: 'AVAILABILITY at least 100%', target: '100', actual: '99.9000', unit: 'PERCENT', consequence: 'Tier below 100%' }],
    });
    expect(rows).toEqual([
      expect.objectContaining({
        objective: toGlobalId('Objective', objectiveId),
        revision: '2',
        target: '100',
        target_duration: '',
        burn_rate: 'Infinity',
        violation: 'AVAILABILITY at least 100%',
        consequence: 'Tier below 100%',
        breach_incidents: `${toGlobalId('Incident', incident)} ${toGlobalId('Incident', incident)}`,
        period_credit: '10.00',
        period_credit_percent: '10',
        currency: 'EUR',
      }),
    ]);
  });
});
