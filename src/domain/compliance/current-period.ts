import { WindowKind } from '../../common/agreement-enums';
import { type ComplianceReport, type ObjectiveCompliance } from './compliance.service';
import { type Granularity } from './periods';

const GRANULARITY_OF_WINDOW: Partial<Record<string, Granularity>> = {
  [WindowKind.CALENDAR_MONTH]: 'MONTH',
  [WindowKind.CALENDAR_QUARTER]: 'QUARTER',
  [WindowKind.CALENDAR_YEAR]: 'YEAR',
};

/** The periods an objective's current standing is counted in: the calendar month, quarter or year of its window; rolling windows by month. */
export function granularityOfWindow(kind: WindowKind | string): Granularity {
  return GRANULARITY_OF_WINDOW[kind] ?? 'MONTH';
}

/**
 * How one objective stands in the current-period report of its agreement, only while its
 * revision is the one the period is judged against: an objective of a superseded revision, or
 * of one not yet in force, has no current period (null).
 */
export function currentStanding(report: ComplianceReport | null, revisionId: string, objectiveId: string): ObjectiveCompliance | null {
  const period = report?.periods[0];
  if (!period || period.revision?.id !== revisionId) return null;
  return period.objectives.find((o) => o.objective.id === objectiveId) ?? null;
}
