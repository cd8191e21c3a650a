import { Metric, TIME_METRICS, WindowKind } from '../../common/agreement-enums';
import { type ObjectiveTerms } from '../agreements/terms';
import { measureOf, SCALE } from '../compliance/satisfaction';
import { ANNOTATION, API_VERSION, METRIC_SOURCE_TYPE, type OpenSloObject, openSloName, SERIES } from './openslo-model';

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
}

const ratio = (percent: number) => Number((percent / 100).toFixed(8));

/** One SLI and one SLO per objective, the SLO naming its SLI, in the objectives' order. */
export function openSloDocuments(input: OpenSloExportInput): OpenSloObject[] {
  const service = openSloName(input.title);
  return input.objectives.flatMap((o) => {
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
        budgetingMethod: o.metric === Metric.AVAILABILITY ? 'Timeslices' : 'Occurrences',
        timeWindow: [timeWindow(o, input)],
        objectives: [objective(o)],
      },
    };
    return [sli, slo];
  });
}

function annotations(o: ExportedObjective): Record<string, string> {
  return {
    [ANNOTATION.metric]: o.metric,
    ...(o.priority ? { [ANNOTATION.priority]: o.priority } : {}),
    [ANNOTATION.objective]: o.id,
    ...(o.calendar ? { [ANNOTATION.calendar]: o.calendar } : {}),
    ...(o.metric === Metric.AVAILABILITY ? { [ANNOTATION.degradedWeight]: String(o.degradedWeightPercent) } : {}),
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

function objective(o: ExportedObjective): Record<string, unknown> {
  const displayName = o.name;
  switch (o.metric) {
    case Metric.RATIO:
      return { displayName, target: ratio(o.target!) };
    case Metric.AVAILABILITY:
      // A minute is good when the service is up in it; the share of good minutes must reach the target.
      return { displayName, op: 'gte', value: 1, target: ratio(o.target!), timeSliceTarget: 1, timeSliceWindow: '1m' };
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
