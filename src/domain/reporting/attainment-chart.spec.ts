import { type SnapshotPeriod } from '../reviews/review-snapshot';
import { attainmentSeries, layoutChart } from './attainment-chart';

const objective = (metric: string, priority: string | null, target: string | null, attained: string | null, status: 'MET' | 'BREACHED' | 'NO_DATA') => ({
  objectiveId: `${metric}-${priority}`,
  metric,
  priority,
  name: metric.toLowerCase(),
  target,
  targetDuration: target === null ? 'PT15M' : null,
  status,
  attainedPercent: attained,
  clocksMet: 0,
  clocksBreached: 0,
  errorBudget: null,
  breachedIncidentIds: [],
});
const period = (start: string, objectives: SnapshotPeriod['objectives']): SnapshotPeriod => ({
  start,
  end: start,
  status: 'MET',
  revisionId: null,
  revisionNumber: 1,
  objectives,
  credit: null,
  violations: [],
});

describe('attainmentSeries', () => {
  it('matches objectives across periods by metric and priority; a period without the objective is a gap', () => {
    const series = attainmentSeries([
      period('2026-07', [objective('AVAILABILITY', null, '99.9', '99.95', 'MET')]),
      period('2026-08', [objective('AVAILABILITY', null, '99.9', '99.5', 'BREACHED'), objective('FIRST_RESPONSE_TIME', 'P1', null, '50.0000', 'BREACHED')]),
    ]);
    expect(series.map((s) => [s.label, s.unit, s.target, s.points.map((p) => [p.value, p.status])])).toEqual([
      ['AVAILABILITY', '% available', 99.9, [[99.95, 'MET'], [99.5, 'BREACHED']]],
      ['FIRST_RESPONSE_TIME P1', '% of clocks met', 100, [[null, 'NO_DATA'], [50, 'BREACHED']]],
    ]);
  });
  it('reads a satisfaction target of at most 5 as a mean score', () => {
    const [s] = attainmentSeries([period('2026-07', [objective('SATISFACTION', null, '4.2', '4.5', 'MET')])]);
    expect([s.unit, s.target]).toEqual(['mean score (1-5)', 4.2]);
  });
});

describe('layoutChart', () => {
  const box = { x: 0, y: 0, width: 300, height: 100 };
  const series = (target: number, values: (number | null)[], unit = '% available') => ({
    label: 'X',
    name: 'x',
    unit,
    target,
    points: values.map((value, i) => ({ periodStart: `p${i}`, periodEnd: '', value, status: value === null ? ('NO_DATA' as const) : value < target ? ('BREACHED' as const) : ('MET' as const) })),
  });

  it.each<[string, number, (number | null)[], number, number]>([
    // [case, target, values, axis min, axis max]
    ['99.5 against 99.9: the axis starts just below, not at 0', 99.9, [99.95, 99.5], 99.2, 100],
    ['a full month: the axis still shows the target', 99.9, [100], 99.85, 100],
    ['clocks met from 50%', 100, [50, 100], 20, 100],
    ['nothing at all: only the target', 95, [null], 92, 100],
  ])('%s', (_name, target, values, min, max) => {
    const l = layoutChart(series(target, values), box, (s) => s);
    expect([l.min, l.max]).toEqual([min, max]);
    // Every bar stands on the baseline and reaches its value; the target line lies inside the box.
    for (const b of l.bars) {
      expect(b.y + b.height).toBeCloseTo(100);
      expect(b.y).toBeCloseTo(100 - ((b.value - min) / (max - min)) * 100);
    }
    expect(l.targetY).toBeGreaterThanOrEqual(0);
    expect(l.targetY).toBeLessThanOrEqual(100);
    expect(l.ticks[0].value).toBeCloseTo(min);
    expect(l.ticks[l.ticks.length - 1].value).toBeCloseTo(max);
    expect(l.bars.length + l.gaps.length).toBe(values.length);
    expect(l.labels.map((x) => x.text)).toEqual(values.map((_, i) => `p${i}`));
  });

  it('scales a mean score from the bottom of its 1-5 scale and colours by status', () => {
    const l = layoutChart(series(4.2, [4.5, 3.9], 'mean score (1-5)'), box, (s) => s);
    expect(l.max).toBe(5);
    expect(l.min).toBeLessThan(3.9);
    expect(l.bars.map((b) => b.status)).toEqual(['MET', 'BREACHED']);
  });
});
