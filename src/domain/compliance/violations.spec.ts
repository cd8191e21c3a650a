import { Comparator, Metric, Priority, WindowKind } from '../../common/agreement-enums';
import { type ObjectiveEntity } from '../../db/entities/objective.entity';
import { type CreditCalculation, type PerBreachLine } from './credits';
import { violationOf } from './violations';

const response = (priority: Priority | null): ObjectiveEntity =>
  ({ metric: Metric.FIRST_RESPONSE_TIME, priority, comparator: Comparator.AT_MOST, target: null, targetSeconds: 900, windowKind: WindowKind.CALENDAR_MONTH, windowDays: null }) as ObjectiveEntity;

const line = (priority: Priority | null, count: number, each: string): PerBreachLine => ({ metric: Metric.FIRST_RESPONSE_TIME, priority, count, creditPercentEach: each, creditPercent: String(count * Number(each)) });

const credit = (perBreach: PerBreachLine[]) => ({ perBreach, tier: null }) as unknown as CreditCalculation;

describe('violationOf: the per-breach line of a time objective is the one that applies to its priority', () => {
  // The metric-wide entry listed first: a P1 objective still cites its own entry.
  const lines = [line(null, 2, '2'), line(Priority.P1, 1, '5')];

  it.each([
    [Priority.P1, lines, 'Per-breach credit: 1 x 5% of the period fee.'],
    [null, lines, 'Per-breach credit: 2 x 2% of the period fee.'],
    [Priority.P2, [line(Priority.P1, 1, '5')], 'No per-breach credit for this objective.'],
    [Priority.P2, [line(Priority.P1, 1, '5'), line(null, 3, '1')], 'Per-breach credit: 3 x 1% of the period fee.'],
  ] as [Priority | null, PerBreachLine[], string][])('an objective of priority %s, lines %j: %s', (priority, perBreach, consequence) => {
    expect(violationOf({ objective: response(priority), attainedPercent: '50.0000' }, credit(perBreach)).consequence).toBe(consequence);
  });
});
