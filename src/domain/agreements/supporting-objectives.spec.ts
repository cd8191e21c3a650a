import { BudgetingMethod, Comparator, Metric, Priority, WindowKind } from '../../common/agreement-enums';
import { type SupportedObjective, supportingTermsProblems, supportsProblems } from './supporting-objectives';
import { type ObjectiveTerms } from './terms';

const H = 3600;

const objective = (metric: Metric, priority: Priority | null, targetSeconds: number | null, supports: string[] = []): ObjectiveTerms => ({
  metric,
  priority,
  name: metric,
  description: '',
  comparator: Comparator.AT_MOST,
  target: null,
  targetSeconds,
  window: { kind: WindowKind.CALENDAR_MONTH, days: null },
  budgeting: { method: BudgetingMethod.OCCURRENCES, sliceSeconds: null, sliceTarget: null },
  calendarId: null,
  warningThresholdPercent: 75,
  degradedWeightPercent: 0,
  supports,
});

const customer = (id: string, metric: Metric, priority: Priority | null, targetSeconds: number, more: Partial<SupportedObjective> = {}): [string, SupportedObjective] => [
  id,
  { id, metric, priority, targetSeconds, signed: true, supporting: false, ...more },
];

const SUPPORTED = new Map<string, SupportedObjective>([
  customer('sla-p1-res', Metric.RESOLUTION_TIME, Priority.P1, 4 * H),
  customer('sla-any-res', Metric.RESOLUTION_TIME, null, 8 * H),
  customer('sla-p1-upd', Metric.UPDATE_INTERVAL, Priority.P1, H),
  customer('draft-p1-res', Metric.RESOLUTION_TIME, Priority.P1, 4 * H, { signed: false }),
  customer('ola-p1-res', Metric.RESOLUTION_TIME, Priority.P1, 4 * H, { supporting: true }),
]);

const { RESOLUTION_TIME, UPDATE_INTERVAL, FIRST_RESPONSE_TIME, AVAILABILITY } = Metric;
const { P1, P2 } = Priority;

describe('supportsProblems: what a supporting objective may support', () => {
  it.each<[string, ObjectiveTerms]>([
    ['a shorter target of the same metric and priority', objective(RESOLUTION_TIME, P1, 3 * H, ['sla-p1-res'])],
    ['exactly the same target (no margin, allowed)', objective(RESOLUTION_TIME, P1, 4 * H, ['sla-p1-res'])],
    ['a priority-less customer objective from a P2 one', objective(RESOLUTION_TIME, P2, 8 * H, ['sla-any-res'])],
    ['two customer objectives at once', objective(RESOLUTION_TIME, P1, 2 * H, ['sla-p1-res', 'sla-any-res'])],
    ['an update interval', objective(UPDATE_INTERVAL, P1, 30 * 60, ['sla-p1-upd'])],
    ['nothing (an objective of its own)', objective(RESOLUTION_TIME, P1, 12 * H)],
  ])('accepts %s', (_what, o) => {
    expect(supportsProblems([o], true, SUPPORTED)).toEqual([]);
  });

  it.each<[string, ObjectiveTerms, boolean, string, (string | number)[]]>([
    ['a target one second longer than the customer\'s', objective(RESOLUTION_TIME, P1, 4 * H + 1, ['sla-p1-res']), true, 'SUPPORTING_TARGET_TOO_LONG', ['targetDuration']],
    ['a P2 target longer than a priority-less 8 h', objective(RESOLUTION_TIME, P2, 9 * H, ['sla-any-res']), true, 'SUPPORTING_TARGET_TOO_LONG', ['targetDuration']],
    ['another metric', objective(UPDATE_INTERVAL, P1, 30 * 60, ['sla-p1-res']), true, 'INVALID_INPUT', ['supportsObjectiveIds', 0]],
    ['another priority', objective(RESOLUTION_TIME, P2, H, ['sla-p1-res']), true, 'INVALID_INPUT', ['supportsObjectiveIds', 0]],
    ['an unknown (or another provider\'s) objective', objective(RESOLUTION_TIME, P1, H, ['sla-p1-res', 'nowhere']), true, 'NOT_FOUND', ['supportsObjectiveIds', 1]],
    ['an objective of a draft', objective(RESOLUTION_TIME, P1, H, ['draft-p1-res']), true, 'INVALID_STATE', ['supportsObjectiveIds', 0]],
    ['another supporting objective', objective(RESOLUTION_TIME, P1, H, ['ola-p1-res']), true, 'INVALID_INPUT', ['supportsObjectiveIds', 0]],
    ['anything, from a customer agreement', objective(RESOLUTION_TIME, P1, H, ['sla-p1-res']), false, 'INVALID_INPUT', ['supportsObjectiveIds']],
    ['a first response objective (no supporting clock measures it)', objective(FIRST_RESPONSE_TIME, P1, 600), true, 'INVALID_INPUT', ['metric']],
    ['an availability objective', { ...objective(AVAILABILITY, null, null), target: 99.9 }, true, 'INVALID_INPUT', ['metric']],
  ])('refuses %s', (_what, o, supporting, code, field) => {
    const problems = supportsProblems([objective(RESOLUTION_TIME, P2, H), o], supporting, SUPPORTED);
    expect(problems.map((p) => ({ code: p.code, field: p.field }))).toEqual([{ code, field: ['terms', 'objectives', 1, ...field] }]);
  });

  it('a customer agreement without supports has nothing to say', () => {
    expect(supportsProblems([objective(FIRST_RESPONSE_TIME, P1, 600)], false, SUPPORTED)).toEqual([]);
  });
});

describe('supportingTermsProblems: a supporting agreement credits nothing', () => {
  const credit = { currency: 'EUR', periodFee: '1.00', tiers: [], perBreach: [], monthlyCapPercent: null, terminationAfterConsecutiveBreaches: null };
  it.each([
    [true, null, []],
    [true, credit, [['terms', 'creditPolicy']]],
    [false, credit, []],
  ] as const)('supporting %s, credit policy %j', (supporting, creditPolicy, fields) => {
    expect(supportingTermsProblems({ creditPolicy }, supporting).map((p) => p.field)).toEqual(fields);
  });
});
