import { BudgetingMethod, Metric, TIME_METRICS, WindowKind } from '../../common/agreement-enums';
import { type BurnRateAlertTerms, type ObjectiveTerms } from '../agreements/terms';
import { durationSeconds } from '../shared/iso-duration';
import { measureOf, SCALE } from '../compliance/satisfaction';
import { shorthandOf } from './openslo-duration';
import { ANNOTATION, API_VERSION, BURN_ALERT_METRICS, BURN_RATE_MONTH_SECONDS, METRIC_SOURCE_TYPE, type OpenSloObject, openSloName, SERIES } from './openslo-model';

export interface ExportedObjective extends ObjectiveTerms {
  /** The objective's global id, kept as an annotation. */
  id: string;
  /** The business calendar's global id, or null for 24x7. */
  calendar: string | null;
}

export interface OpenSloExportInput {
  /** The agreement's title: OpenSLO's `service` of every SLO. */
  title: string;
  timeZone: string;
  /** Local start of the first period of each calendar window ("2026-01-01 00:00:00"), by window kind. */
  calendarStart: Partial<Record<WindowKind, string>>;
  objectives: ExportedObjective[];
  /** The burn-rate alert policy in effect (the defaults where the terms name none). */
  alertPolicy: BurnRateAlertTerms;
}

const ratio = (percent: number) => Number((percent / 100).toFixed(8));

/**
 * One SLI and one SLO per objective, the SLO naming its SLI, in the objectives' order; then the
 * burn-rate alert policy, named by the SLOs it watches (availability and ratio), when it is enabled.
 */
export function openSloDocuments(input: OpenSloExportInput): OpenSloObject[] {
  const service = openSloName(input.title);
  const policy = alertPolicyDocument(service, input.alertPolicy);
  const watched = (o: ExportedObjective) => policy !== null && BURN_ALERT_METRICS.includes(o.metric);
  const documents = input.objectives.flatMap((o) => {
    const name = openSloName(service, o.metric.replace(/_/g, '-'), o.priority ?? '');
    const sli: OpenSloObject = {
      apiVersion: API_VERSION,
      kind: 'SLI',
      metadata: { name: `${name}-sli`.slice(0, 63), displayName: `${o.name} (indicator)` },
      spec: { description: indicatorDescription(o.metric), ...indicator(o) },
    };
    const slo: OpenSloObject = {
      apiVersion: API_VERSION,
      kind: 'SLO',
      metadata: { name, displayName: o.name, annotations: annotations(o) },
      spec: {
        ...(o.description ? { description: o.description } : {}),
        service,
        indicatorRef: sli.metadata.name,
        budgetingMethod: o.metric === Metric.AVAILABILITY || sliced(o) ? 'Timeslices' : 'Occurrences',
        timeWindow: [timeWindow(o, input)],
        objectives: [objective(o)],
        ...(watched(o) ? { alertPolicies: [policy!.metadata.name] } : {}),
      },
    };
    return [sli, slo];
  });
  return policy && input.objectives.some(watched) ? [...documents, policy] : documents;
}

/**
 * The policy's pairs as OpenSLO burn-rate conditions: the long window is the condition's
 * lookbackWindow, the short window its alertAfter, and the threshold the burn rate of a 30-day
 * month (2% in 1 hour: 14.4). The share of the budget is kept as an annotation: the threshold of
 * a pair depends on each objective's period, the share does not.
 */
function alertPolicyDocument(service: string, policy: BurnRateAlertTerms): OpenSloObject | null {
  if (!policy.enabled || policy.pairs.length === 0) return null;
  const name = openSloName(service, 'burn-rate');
  return {
    apiVersion: API_VERSION,
    kind: 'AlertPolicy',
    metadata: { name, displayName: 'Error budget burn rate' },
    spec: {
      description: 'Multi-window burn-rate alerts: each condition fires when the long and the short window both burn faster than its share of the budget allows.',
      alertWhenBreaching: true,
      alertWhenResolved: true,
      conditions: policy.pairs.map((pair) => {
        const long = durationSeconds(pair.longWindow)!;
        const short = durationSeconds(pair.shortWindow)!;
        return {
          kind: 'AlertCondition',
          metadata: {
            name: openSloName(name, `${pair.budgetPercent}pct`, shorthandOf(long)),
            annotations: { [ANNOTATION.budgetPercent]: String(pair.budgetPercent), [ANNOTATION.longWindow]: pair.longWindow, [ANNOTATION.shortWindow]: pair.shortWindow },
          },
          spec: {
            severity: long <= 6 * 3600 ? 'page' : 'ticket',
            condition: {
              kind: 'burnrate',
              op: 'gt',
              threshold: Number(((pair.budgetPercent / 100) * (BURN_RATE_MONTH_SECONDS / long)).toFixed(4)),
              lookbackWindow: shorthandOf(long),
              alertAfter: shorthandOf(short),
            },
          },
        };
      }),
    },
  };
}

function annotations(o: ExportedObjective): Record<string, string> {
  return {
    [ANNOTATION.metric]: o.metric,
    ...(o.priority ? { [ANNOTATION.priority]: o.priority } : {}),
    [ANNOTATION.objective]: o.id,
    ...(o.calendar ? { [ANNOTATION.calendar]: o.calendar } : {}),
    ...(o.metric === Metric.AVAILABILITY ? { [ANNOTATION.degradedWeight]: String(o.degradedWeightPercent), [ANNOTATION.budgeting]: o.budgeting?.method ?? BudgetingMethod.OCCURRENCES } : {}),
    ...(TIME_METRICS.includes(o.metric) ? { [ANNOTATION.warningThreshold]: String(o.warningThresholdPercent) } : {}),
  };
}

function source(series: string) {
  return { metricSource: { type: METRIC_SOURCE_TYPE, spec: { series } } };
}

function indicator(o: ExportedObjective): Record<string, unknown> {
  const series = SERIES[o.metric];
  if (series.good && series.total) return { ratioMetric: { counter: true, good: source(series.good), total: source(series.total) } };
  return { thresholdMetric: source(series.threshold!) };
}

function indicatorDescription(metric: Metric): string {
  switch (metric) {
    case Metric.RATIO:
      return 'Good and total events, as partners report them with measurementsRecord.';
    case Metric.AVAILABILITY:
      return 'Whether the service is up in a minute: 1, or 0 during an outage (degraded time weighs as the objective says).';
    case Metric.SATISFACTION:
      return 'Survey scores from 1 to 5; 4 and 5 are satisfied.';
    default:
      return 'Seconds on the SLA clock of each incident, in the business hours of its calendar.';
  }
}

function timeWindow(o: ExportedObjective, input: OpenSloExportInput): Record<string, unknown> {
  if (o.window.kind === WindowKind.ROLLING_DAYS) return { duration: `${o.window.days}d`, isRolling: true };
  const duration = { [WindowKind.CALENDAR_MONTH]: '1M', [WindowKind.CALENDAR_QUARTER]: '1Q', [WindowKind.CALENDAR_YEAR]: '1Y' }[o.window.kind];
  return { duration, isRolling: false, calendar: { startTime: input.calendarStart[o.window.kind], timeZone: input.timeZone } };
}

const sliced = (o: ExportedObjective) => o.budgeting?.method === BudgetingMethod.TIMESLICES;

/** Time-slice budgeting: a slice of `timeSliceWindow` is good when its good share reaches `timeSliceTarget`. */
function slices(o: ExportedObjective): Record<string, unknown> {
  if (!sliced(o)) return {};
  return { timeSliceTarget: ratio(o.budgeting.sliceTarget!), timeSliceWindow: shorthandOf(o.budgeting.sliceSeconds!) };
}

function objective(o: ExportedObjective): Record<string, unknown> {
  const displayName = o.name;
  switch (o.metric) {
    case Metric.RATIO:
      return { displayName, target: ratio(o.target!), ...slices(o) };
    case Metric.AVAILABILITY:
      // By occurrences: the good share of the time, which OpenSLO writes as one-minute slices that are good when up.
      return { displayName, op: 'gte', value: 1, target: ratio(o.target!), ...(sliced(o) ? slices(o) : { timeSliceTarget: 1, timeSliceWindow: '1m' }) };
    case Metric.SATISFACTION:
      return measureOf(o.target!) === 'MEAN_SCORE'
        ? // The period's mean score must reach the target: every period, not a share of responses.
          { displayName, op: 'gte', value: o.target, target: 1 }
        : { displayName, op: 'gte', value: SCALE.satisfiedFrom, target: ratio(o.target!) };
    default:
      // One breached clock breaches the objective: every incident must be within the target.
      return { displayName, op: 'lte', value: o.targetSeconds, target: 1 };
  }
}
