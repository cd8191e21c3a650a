import { Metric } from '../../common/agreement-enums';

/**
 * What of OpenSLO v1 (https://github.com/OpenSLO/OpenSLO) this API writes and reads, and the
 * conventions both directions share. Objects are plain data, as YAML or JSON holds them.
 */
export const API_VERSION = 'openslo/v1';

/** Our annotations: what OpenSLO has no field for, so that an export imports back unchanged. */
export const ANNOTATION = {
  metric: 'sla-contracts-api/metric',
  priority: 'sla-contracts-api/priority',
  objective: 'sla-contracts-api/objective',
  calendar: 'sla-contracts-api/business-calendar',
  degradedWeight: 'sla-contracts-api/degraded-weight-percent',
  warningThreshold: 'sla-contracts-api/warning-threshold-percent',
  budgeting: 'sla-contracts-api/budgeting',
  budgetPercent: 'sla-contracts-api/budget-percent',
  longWindow: 'sla-contracts-api/long-window',
  shortWindow: 'sla-contracts-api/short-window',
} as const;

/** The metrics whose error budgets burn-rate alerts watch. */
export const BURN_ALERT_METRICS: readonly Metric[] = [Metric.AVAILABILITY, Metric.RATIO];

/** OpenSLO's month (30 days): the period a burn-rate threshold is written for. */
export const BURN_RATE_MONTH_SECONDS = 30 * 86_400;

/** The metric source type of every SLI we write: the series come from this API. */
export const METRIC_SOURCE_TYPE = 'SlaContractsApi';

/** The series each metric is measured by, as an SLI's metric source names it. */
export const SERIES: Record<Metric, { good?: string; total?: string; threshold?: string }> = {
  [Metric.RATIO]: { good: 'good_events', total: 'total_events' },
  [Metric.AVAILABILITY]: { threshold: 'up' },
  [Metric.FIRST_RESPONSE_TIME]: { threshold: 'first_response_seconds' },
  [Metric.RESOLUTION_TIME]: { threshold: 'resolution_seconds' },
  [Metric.UPDATE_INTERVAL]: { threshold: 'update_interval_seconds' },
  [Metric.SATISFACTION]: { threshold: 'survey_score' },
};

export type OpenSloObject = { apiVersion: string; kind: string; metadata: { name: string; displayName?: string; annotations?: Record<string, string> }; spec: Record<string, unknown> };

/** A DNS-1123 label, as OpenSLO wants names: lower case letters, digits and hyphens, at most 63. */
export function openSloName(...parts: string[]): string {
  const name = parts
    .join('-')
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return (name.slice(0, 63).replace(/-+$/, '') || 'slo').replace(/^-+/, '');
}
