import { parse, stringify } from 'yaml';
import { BudgetingMethod, Comparator, Metric, Priority, WindowKind } from '../../common/agreement-enums';
import { normalizeObjective, type ObjectiveInput } from '../agreements/objective-rules';
import { burnRateAlertsOf } from '../agreements/burn-alert-terms';
import { type BurnRateAlertTerms } from '../agreements/terms';
import { type ExportedObjective, openSloDocuments } from './openslo-export';
import { readOpenSlo } from './openslo-import';

const TZ = 'Europe/Berlin';

function objective(o: Omit<Partial<ExportedObjective>, 'budgeting'> & { metric: Metric; budgeting?: ObjectiveInput['budgeting'] }): ExportedObjective {
  const { objective: normal, errors } = normalizeObjective({ ...o, targetDuration: o.targetSeconds ? `PT${o.targetSeconds}S` : null, target: o.target ?? null }, []);
  if (!normal) throw new Error(errors.map((e) => e.message).join('; '));
  return { ...normal, id: `id-${o.metric}`, calendar: null };
}

const NO_ALERTS = { enabled: false, pairs: [] };
const yamlOf = (objectives: ExportedObjective[], alertPolicy: BurnRateAlertTerms = NO_ALERTS) =>
  openSloDocuments({ title: 'Managed PostgreSQL Gold', timeZone: TZ, alertPolicy, calendarStart: { [WindowKind.CALENDAR_MONTH]: '2026-03-01 00:00:00', [WindowKind.CALENDAR_QUARTER]: '2026-01-01 00:00:00' }, objectives })
    .map((d) => stringify(d))
    .join('---\n');

describe('OpenSLO export and import', () => {
  const objectives = [
    objective({ metric: Metric.AVAILABILITY, target: 99.95, degradedWeightPercent: 50 }),
    objective({ metric: Metric.RATIO, target: 99.5, window: { kind: WindowKind.ROLLING_DAYS, days: 28 }, budgeting: { method: BudgetingMethod.TIMESLICES, sliceDuration: 'PT5M', sliceTarget: 99 } }),
    objective({ metric: Metric.FIRST_RESPONSE_TIME, priority: Priority.P1, targetSeconds: 900, warningThresholdPercent: 80 }),
    objective({ metric: Metric.RESOLUTION_TIME, priority: Priority.P2, targetSeconds: 8 * 3600, window: { kind: WindowKind.CALENDAR_QUARTER, days: null } }),
    objective({ metric: Metric.SATISFACTION, target: 4.2 }),
  ];

  it('writes an SLI and an SLO per objective, as OpenSLO v1 spells them', () => {
    const docs = yamlOf(objectives).split('---\n').map((d) => parse(d));
    expect(docs.map((d) => `${d.kind} ${d.metadata.name}`)).toEqual([
      'SLI managed-postgresql-gold-availability-sli',
      'SLO managed-postgresql-gold-availability',
      'SLI managed-postgresql-gold-ratio-sli',
      'SLO managed-postgresql-gold-ratio',
      'SLI managed-postgresql-gold-first-response-time-p1-sli',
      'SLO managed-postgresql-gold-first-response-time-p1',
      'SLI managed-postgresql-gold-resolution-time-p2-sli',
      'SLO managed-postgresql-gold-resolution-time-p2',
      'SLI managed-postgresql-gold-satisfaction-sli',
      'SLO managed-postgresql-gold-satisfaction',
    ]);
    const [availabilitySli, availability, ratioSli, ratio, , frt] = docs;
    expect(availability.spec).toMatchObject({
      service: 'managed-postgresql-gold',
      indicatorRef: 'managed-postgresql-gold-availability-sli',
      budgetingMethod: 'Timeslices',
      timeWindow: [{ duration: '1M', isRolling: false, calendar: { startTime: '2026-03-01 00:00:00', timeZone: TZ } }],
      objectives: [{ op: 'gte', value: 1, target: 0.9995, timeSliceTarget: 1, timeSliceWindow: '1m' }],
    });
    expect(ratio.spec).toMatchObject({ budgetingMethod: 'Timeslices', timeWindow: [{ duration: '28d', isRolling: true }], objectives: [{ target: 0.995, timeSliceTarget: 0.99, timeSliceWindow: '5m' }] });
    expect(availabilitySli.spec.thresholdMetric.metricSource).toEqual({ type: 'SlaContractsApi', spec: { series: 'up' } });
    expect(ratioSli.spec.ratioMetric).toEqual({
      counter: true,
      good: { metricSource: { type: 'SlaContractsApi', spec: { series: 'good_events' } } },
      total: { metricSource: { type: 'SlaContractsApi', spec: { series: 'total_events' } } },
    });
    expect(frt.metadata.annotations).toMatchObject({ 'sla-contracts-api/metric': 'FIRST_RESPONSE_TIME', 'sla-contracts-api/priority': 'P1' });
    expect(frt.spec.objectives).toEqual([{ displayName: 'First response P1', op: 'lte', value: 900, target: 1 }]);
  });

  it('reads its own export back into the same objectives', () => {
    const read = readOpenSlo(yamlOf(objectives), TZ);
    expect(read.problems).toEqual([]);
    const again = read.objectives.map(({ sloName: _, ...input }) => normalizeObjective(input, []).objective);
    expect(again).toEqual(objectives.map(({ id: _, calendar: __, ...terms }) => terms));
  });

  it("reads another tool's SLO: a Prometheus ratio over 28 rolling days at 99.5%", () => {
    const file = `
apiVersion: openslo/v1
kind: SLO
metadata:
  name: web-availability
  displayName: Web requests
spec:
  description: 99.5% of requests succeed
  service: web
  indicator:
    metadata: { name: web-success }
    spec:
      ratioMetric:
        counter: true
        good: { metricSource: { type: Prometheus, spec: { query: 'sum(http_requests{code=~"2.."})' } } }
        total: { metricSource: { type: Prometheus, spec: { query: 'sum(http_requests)' } } }
  timeWindow:
    - duration: 4w
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - displayName: Good
      target: 0.995
`;
    const read = readOpenSlo(file, TZ);
    expect(read.problems).toEqual([]);
    expect(read.objectives).toEqual([
      {
        sloName: 'web-availability',
        metric: Metric.RATIO,
        name: 'Web requests',
        description: '99.5% of requests succeed',
        priority: null,
        target: 99.5,
        window: { kind: WindowKind.ROLLING_DAYS, days: 28 },
      },
    ]);
    expect(normalizeObjective(read.objectives[0], []).objective?.comparator).toBe(Comparator.AT_LEAST);
  });

  const slo = (spec: Record<string, unknown>, extra = '') => `
apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout
${extra}spec:
  service: shop
  indicator: { metadata: { name: i }, spec: { ratioMetric: { counter: true, good: { metricSource: { type: X, spec: {} } }, total: { metricSource: { type: X, spec: {} } } } } }
  budgetingMethod: ${String(spec.budgetingMethod ?? 'Occurrences')}
  timeWindow: ${JSON.stringify(spec.timeWindow ?? [{ duration: '1M', isRolling: false, calendar: { startTime: '2026-01-01 00:00:00', timeZone: TZ } }])}
  objectives: ${JSON.stringify(spec.objectives ?? [{ target: 0.999 }])}
`;

  it.each([
    ['an older apiVersion', slo({}).replace('openslo/v1', 'openslo/v1alpha'), ['document', 0, 'apiVersion'], 'Only openslo/v1 is read'],
    ['RatioTimeslices budgeting', slo({ budgetingMethod: 'RatioTimeslices' }), ['document', 0, 'spec', 'budgetingMethod'], 'RatioTimeslices budgeting cannot be mapped'],
    ['two objectives in one SLO', slo({ objectives: [{ target: 0.99 }, { target: 0.999 }] }), ['document', 0, 'spec', 'objectives', 1], 'split it into one SLO per objective'],
    ['a target above 1', slo({ objectives: [{ target: 99.9 }] }), ['document', 0, 'spec', 'objectives', 0, 'target'], 'at most 1'],
    ['a weekly calendar window', slo({ timeWindow: [{ duration: '1w', isRolling: false }] }), ['document', 0, 'spec', 'timeWindow', 0], 'A calendar window is 1M, 1Q or 1Y'],
    ['a rolling month', slo({ timeWindow: [{ duration: '1M', isRolling: true }] }), ['document', 0, 'spec', 'timeWindow', 0], 'whole days or weeks'],
    ['a rolling window over a year', slo({ timeWindow: [{ duration: '400d', isRolling: true }] }), ['document', 0, 'spec', 'timeWindow', 0, 'duration'], 'between 1 and 366'],
    ['another time zone', slo({ timeWindow: [{ duration: '1M', isRolling: false, calendar: { startTime: '2026-01-01 00:00:00', timeZone: 'UTC' } }] }), ['document', 0, 'spec', 'timeWindow', 0], "provider's time zone, Europe/Berlin"],
    ['time slices without their window', slo({ budgetingMethod: 'Timeslices', objectives: [{ target: 0.999, timeSliceTarget: 0.95 }] }), ['document', 0, 'spec', 'objectives', 0, 'timeSliceWindow'], 'needs timeSliceWindow'],
    ['time slices of 7 minutes (not dividing a day)', slo({ budgetingMethod: 'Timeslices', objectives: [{ target: 0.999, timeSliceTarget: 0.95, timeSliceWindow: '7m' }] }), ['document', 0, 'spec', 'objectives', 0, 'timeSliceWindow'], 'divides a day'],
    ['two time windows', slo({ timeWindow: [{ duration: '1M' }, { duration: '28d', isRolling: true }] }), ['document', 0, 'spec', 'timeWindow', 0], 'exactly one timeWindow'],
    ['an unknown metric annotation', slo({}, '  annotations: { sla-contracts-api/metric: LATENCY }\n'), ['document', 0, 'metadata', 'annotations', 'sla-contracts-api/metric'], 'LATENCY is not a metric'],
    [
      'a time objective short of every incident',
      slo({ objectives: [{ op: 'lte', value: 900, target: 0.95 }] }, '  annotations: { sla-contracts-api/metric: FIRST_RESPONSE_TIME, sla-contracts-api/priority: P1 }\n'),
      ['document', 0, 'spec', 'objectives', 0, 'target'],
      'target must be 1',
    ],
    ['a priority on availability', slo({}, '  annotations: { sla-contracts-api/metric: AVAILABILITY, sla-contracts-api/priority: P1 }\n'), ['document', 0, 'metadata', 'annotations', 'sla-contracts-api/priority'], 'have no priority'],
  ])('refuses %s, naming the field', (_, file, field, message) => {
    const read = readOpenSlo(file, TZ);
    expect(read.objectives).toEqual([]);
    expect(read.problems.map((p) => [p.field, p.message])).toEqual([[field, expect.stringContaining(message)]]);
  });

  it('refuses a threshold indicator that does not say its metric, and an indicatorRef to nothing', () => {
    const file = `
- apiVersion: openslo/v1
  kind: SLO
  metadata: { name: latency }
  spec: { service: web, indicator: { metadata: { name: l }, spec: { thresholdMetric: { metricSource: { type: X, spec: {} } } } }, budgetingMethod: Occurrences, timeWindow: [{ duration: 28d, isRolling: true }], objectives: [{ op: lte, value: 0.3, target: 0.99 }] }
- apiVersion: openslo/v1
  kind: SLO
  metadata: { name: errors }
  spec: { service: web, indicatorRef: missing, budgetingMethod: Occurrences, timeWindow: [{ duration: 28d, isRolling: true }], objectives: [{ target: 0.99 }] }
`;
    expect(readOpenSlo(file, TZ).problems.map((p) => [p.field, p.message])).toEqual([
      [['document', 0, 'metadata', 'annotations'], expect.stringContaining('add the annotation sla-contracts-api/metric')],
      [['document', 1, 'spec', 'indicatorRef'], 'No SLI named missing in the document.'],
    ]);
  });

  it('refuses the same metric twice, a file without an SLO, and YAML that does not parse (with its line)', () => {
    expect(readOpenSlo(slo({}) + '---\n' + slo({ objectives: [{ target: 0.99 }] }), TZ).problems.map((p) => p.field)).toEqual([['document', 1, 'metadata', 'annotations']]);
    expect(readOpenSlo('apiVersion: openslo/v1\nkind: Service\nmetadata: { name: web }\nspec: {}\n', TZ).problems.map((p) => p.message)).toEqual(['The document holds no SLO.']);
    const [broken] = readOpenSlo('kind: SLO\nspec: [unclosed\n', TZ).problems;
    expect(broken.field).toEqual(['document']);
    expect(broken.message).toMatch(/^The document is not valid YAML \(line \d+, column \d+\)/);
  });

  it('maps satisfaction as a mean score or as the share of satisfied responses', () => {
    const satisfaction = (objectives: unknown) =>
      readOpenSlo(slo({ objectives }, '  annotations: { sla-contracts-api/metric: SATISFACTION }\n').replace(/ratioMetric: \{[^\n]*\} \} \}/, 'thresholdMetric: { metricSource: { type: X, spec: {} } } } }'), TZ);
    expect(satisfaction([{ op: 'gte', value: 4.2, target: 1 }]).objectives[0].target).toBe(4.2);
    expect(satisfaction([{ op: 'gte', value: 4, target: 0.85 }]).objectives[0].target).toBe(85);
    expect(satisfaction([{ op: 'gte', value: 3, target: 0.85 }]).problems.map((p) => p.field)).toEqual([['document', 0, 'spec', 'objectives', 0]]);
  });

  describe('burn-rate alert policies', () => {
    const defaults = burnRateAlertsOf({});

    it('export as one AlertPolicy of burnrate conditions, named by the availability and ratio SLOs', () => {
      const docs = yamlOf(objectives, defaults).split('---\n').map((d) => parse(d));
      const policy = docs[docs.length - 1];
      expect(policy.kind).toBe('AlertPolicy');
      expect(policy.spec.conditions.map((c: { spec: { condition: unknown } }) => c.spec.condition)).toEqual([
        { kind: 'burnrate', op: 'gt', threshold: 14.4, lookbackWindow: '1h', alertAfter: '5m' },
        { kind: 'burnrate', op: 'gt', threshold: 6, lookbackWindow: '6h', alertAfter: '30m' },
        { kind: 'burnrate', op: 'gt', threshold: 1, lookbackWindow: '3d', alertAfter: '6h' },
      ]);
      const named = docs.filter((d) => d.kind === 'SLO' && d.spec.alertPolicies).map((d) => d.metadata.name);
      expect(named).toEqual(['managed-postgresql-gold-availability', 'managed-postgresql-gold-ratio']);
      expect(readOpenSlo(yamlOf(objectives, defaults), TZ)).toMatchObject({ problems: [], alertPolicy: { pairs: defaults.pairs } });
    });

    it('are not exported when disabled, and then the SLOs name none', () => {
      const docs = yamlOf(objectives, { enabled: false, pairs: defaults.pairs }).split('---\n').map((d) => parse(d));
      expect(docs.some((d) => d.kind === 'AlertPolicy' || d.spec.alertPolicies)).toBe(false);
      expect(readOpenSlo(yamlOf(objectives), TZ).alertPolicy).toBeNull();
    });

    const sloWithPolicy = (condition: Record<string, unknown>, ref = 'fast-burn') => `
apiVersion: openslo/v1
kind: SLO
metadata: { name: web }
spec:
  service: web
  indicator: { metadata: { name: i }, spec: { ratioMetric: { counter: true, good: { metricSource: { type: X, spec: {} } }, total: { metricSource: { type: X, spec: {} } } } } }
  budgetingMethod: Occurrences
  timeWindow: [{ duration: 28d, isRolling: true }]
  objectives: [{ target: 0.999 }]
  alertPolicies: [${ref}]
---
apiVersion: openslo/v1
kind: AlertPolicy
metadata: { name: fast-burn }
spec:
  conditions: [{ conditionRef: page-burn }]
---
apiVersion: openslo/v1
kind: AlertCondition
metadata: { name: page-burn }
spec: { severity: page, condition: ${JSON.stringify(condition)} }
`;

    it("reads another tool's burnrate condition by reference: the threshold of a 30-day month gives the share of the budget", () => {
      const read = readOpenSlo(sloWithPolicy({ kind: 'burnrate', op: 'gt', threshold: 14.4, lookbackWindow: '1h', alertAfter: '5m' }), TZ);
      expect(read.problems).toEqual([]);
      expect(read.alertPolicy).toEqual({ pairs: [{ budgetPercent: 2, longWindow: 'PT1H', shortWindow: 'PT5M' }] });
    });

    it.each([
      ['a condition that is not a burn rate', { kind: 'threshold', op: 'gt', threshold: 0.9, lookbackWindow: '1h', alertAfter: '5m' }, 'fast-burn', ['document', 0, 'spec', 'alertPolicies', 0, 'conditions', 0], 'Only burnrate conditions'],
      ['a condition without its short window', { kind: 'burnrate', op: 'gt', threshold: 14.4, lookbackWindow: '1h' }, 'fast-burn', ['document', 0, 'spec', 'alertPolicies', 0, 'conditions', 0], 'alertAfter is the short window'],
      ['a policy the document does not hold', { kind: 'burnrate', op: 'gt', threshold: 14.4, lookbackWindow: '1h', alertAfter: '5m' }, 'slow-burn', ['document', 0, 'spec', 'alertPolicies', 0], 'No AlertPolicy named slow-burn'],
    ])('refuses %s, naming it', (_, condition, ref, field, message) => {
      const read = readOpenSlo(sloWithPolicy(condition, ref), TZ);
      expect(read.problems.map((p) => [p.field, p.message])).toEqual([[field, expect.stringContaining(message)]]);
    });
  });
});
