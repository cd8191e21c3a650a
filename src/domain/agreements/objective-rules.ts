import { BudgetingMethod, Comparator, Metric, Priority, TIME_METRICS, WindowKind } from '../../common/agreement-enums';
import { type FieldPath, throwIfAny, UserError } from '../../common/errors';
import { durationSeconds } from '../shared/iso-duration';
import { type BudgetingTerms, type ObjectiveTerms } from './terms';
import { Region, Tier } from '../../common/catalog-enums';
import { CONDITION_DIMENSIONS, type ObjectiveConditions } from '../../common/objective-conditions';
import { conditionsKey, normalizeConditions } from './objective-conditions';

/** An objective as a client writes it: only the metric is required, the rest has defaults. */
export interface ObjectiveInput {
  metric: Metric;
  priority?: string | null;
  name?: string | null;
  description?: string | null;
  comparator?: Comparator | null;
  target?: number | null;
  targetDuration?: string | null;
  /** A rolling window takes `days`, or `duration` in whole days of 24 hours ("P28D", "PT672H"). */
  window?: { kind: WindowKind; days?: number | null; duration?: string | null } | null;
  budgeting?: { method: BudgetingMethod; sliceDuration?: string | null; sliceTarget?: number | null } | null;
  calendarId?: string | null;
  warningThresholdPercent?: number | null;
  degradedWeightPercent?: number | null;
  /** Customer objectives (ids) an objective of a supporting agreement supports. */
  supportsObjectiveIds?: string[] | null;
  conditions?: ObjectiveConditions | null;
}

const ALLOWED: Partial<Record<(typeof CONDITION_DIMENSIONS)[number], readonly string[]>> = {
  impacts: ['OUTAGE', 'DEGRADED', 'NONE'],
  customerTiers: Object.values(Tier),
  customerRegions: Object.values(Region),
};

/** Every problem of an objective's conditions, each naming its value. */
function conditionProblems(conditions: ObjectiveConditions, timeMetric: boolean, fail: (path: (string | number)[], message: string) => void): void {
  if (!timeMetric) {
    if (normalizeConditions(conditions)) fail(['conditions'], 'Only time objectives (first response, resolution, update interval) apply to incidents by conditions.');
    return;
  }
  for (const d of CONDITION_DIMENSIONS) {
    const values = conditions[d] as string[] | undefined;
    if (!values) continue;
    if (values.length > 20) fail(['conditions', d], `${d} lists at most 20 values.`);
    values.forEach((v, j) => {
      const allowed = ALLOWED[d];
      if (allowed && !allowed.includes(v)) fail(['conditions', d, j], `${d} takes ${allowed.join(', ')}.`);
      else if (!allowed && (v.trim().length === 0 || v.length > 100)) fail(['conditions', d, j], `A value of ${d} has 1 to 100 characters.`);
    });
  }
}

const PRIORITIES = Object.values(Priority) as string[];
const DAY_SECONDS = 86400;
/** Metrics that can be budgeted in time slices: those with a good share of time or events. */
export const SLICED_METRICS: readonly Metric[] = [Metric.AVAILABILITY, Metric.RATIO];
const MAX_TARGET_SECONDS = 366 * 86400;

const LABEL: Record<Metric, string> = {
  [Metric.AVAILABILITY]: 'Availability',
  [Metric.FIRST_RESPONSE_TIME]: 'First response',
  [Metric.RESOLUTION_TIME]: 'Resolution',
  [Metric.UPDATE_INTERVAL]: 'Update interval',
  [Metric.RATIO]: 'Success ratio',
  [Metric.SATISFACTION]: 'Customer satisfaction',
};

/** Response and resolution times must stay under their target; percentages and scores above. */
export const naturalComparator = (metric: Metric): Comparator => (TIME_METRICS.includes(metric) ? Comparator.AT_MOST : Comparator.AT_LEAST);

/**
 * Checks one objective against the rules of its metric and fills in the defaults. Every problem
 * is a UserError naming the field under `at` (e.g. ["input", "objectives", 2, "target"]).
 */
export function normalizeObjective(input: ObjectiveInput, at: FieldPath): { objective: ObjectiveTerms | null; errors: UserError[] } {
  const errors: UserError[] = [];
  const fail = (field: string | string[], message: string) => errors.push(new UserError('INVALID_INPUT', message, [...at, ...(Array.isArray(field) ? field : [field])]));
  const timeMetric = TIME_METRICS.includes(input.metric);
  if (input.conditions) conditionProblems(input.conditions, timeMetric, (path, message) => errors.push(new UserError('INVALID_INPUT', message, [...at, ...path])));

  let priority: Priority | null = null;
  if (input.priority != null) {
    if (!PRIORITIES.includes(input.priority)) fail('priority', `priority must be one of ${PRIORITIES.join(', ')}.`);
    else if (!timeMetric) fail('priority', `${input.metric} objectives have no priority; leave it out.`);
    else priority = input.priority as Priority;
  }

  const comparator = input.comparator ?? naturalComparator(input.metric);
  if (comparator !== naturalComparator(input.metric)) {
    fail('comparator', `${input.metric} objectives use ${naturalComparator(input.metric)}.`);
  }

  let target: number | null = null;
  let targetSeconds: number | null = null;
  if (timeMetric) {
    if (input.target != null) fail('target', `${input.metric} takes targetDuration (e.g. "PT15M"), not target.`);
    if (input.targetDuration == null) fail('targetDuration', `${input.metric} needs a targetDuration such as "PT15M" or "PT8H".`);
    else {
      const seconds = durationSeconds(input.targetDuration);
      if (seconds == null || seconds <= 0 || seconds > MAX_TARGET_SECONDS || !Number.isInteger(seconds)) {
        fail('targetDuration', 'targetDuration must be an ISO 8601 duration of whole seconds, more than zero and at most 366 days (e.g. "PT15M").');
      } else targetSeconds = seconds;
    }
  } else {
    if (input.targetDuration != null) fail('targetDuration', `${input.metric} takes a target in percent or score, not a duration.`);
    if (input.target == null) fail('target', `${input.metric} needs a target.`);
    else if (!Number.isFinite(input.target) || input.target <= 0 || input.target > 100) {
      fail('target', input.metric === Metric.SATISFACTION ? 'target must be a score above 0 and at most 100.' : 'target must be a percentage above 0 and at most 100 (e.g. 99.9).');
    } else if (Math.round(input.target * 1e6) / 1e6 !== input.target) fail('target', 'target has at most 6 decimals.');
    else target = input.target;
  }

  const window = { kind: input.window?.kind ?? WindowKind.CALENDAR_MONTH, days: input.window?.days ?? null };
  if (input.window?.duration != null) {
    const seconds = durationSeconds(input.window.duration);
    if (window.kind !== WindowKind.ROLLING_DAYS) fail('window', `A ${window.kind} window takes no duration.`);
    else if (seconds == null || seconds <= 0 || seconds % DAY_SECONDS !== 0) fail('window', 'A rolling window\'s duration is whole days of 24 hours, e.g. "P28D".');
    else if (window.days != null && window.days !== seconds / DAY_SECONDS) fail('window', 'Give days or duration, not two different lengths.');
    else window.days = seconds / DAY_SECONDS;
  }
  const windowFailed = errors.length > 0 && errors[errors.length - 1].field.at(-1) === 'window';
  if (windowFailed) {
    // The duration was refused: nothing more to say of the window.
  } else if (window.kind === WindowKind.ROLLING_DAYS) {
    if (window.days == null || !Number.isInteger(window.days) || window.days < 1 || window.days > 366) fail('window', 'A rolling window needs days between 1 and 366.');
  } else if (window.days != null) fail('window', `A ${window.kind} window takes no days.`);
  const budgeting = normalizeBudgeting(input, (field, message) => fail(field, message));

  const warning = input.warningThresholdPercent ?? 75;
  if (!(warning > 0 && warning < 100)) fail('warningThresholdPercent', 'warningThresholdPercent must be above 0 and below 100 (75 warns at 75% of the target).');
  const degraded = input.degradedWeightPercent ?? 0;
  if (!(degraded >= 0 && degraded <= 100)) fail('degradedWeightPercent', 'degradedWeightPercent must be between 0 and 100.');
  else if (degraded > 0 && input.metric !== Metric.AVAILABILITY) fail('degradedWeightPercent', 'Only availability objectives weigh degraded time.');

  if (errors.length > 0) return { objective: null, errors };
  return {
    objective: {
      metric: input.metric,
      priority,
      name: input.name?.trim() || `${LABEL[input.metric]}${priority ? ` ${priority}` : ''}`,
      description: input.description?.trim() ?? '',
      comparator,
      target,
      targetSeconds,
      window: { kind: window.kind, days: window.kind === WindowKind.ROLLING_DAYS ? (window.days ?? null) : null },
      calendarId: input.calendarId ?? null,
      warningThresholdPercent: warning,
      degradedWeightPercent: degraded,
      budgeting: budgeting!,
      conditions: normalizeConditions(input.conditions),
      supports: [...new Set(input.supportsObjectiveIds ?? [])],
    },
    errors,
  };
}

/**
 * The budgeting method of an objective with its defaults: OCCURRENCES unless TIMESLICES is asked,
 * which needs a slice duration (whole seconds, from PT1M to P1D, dividing a day so that slices
 * line up with days) and a slice target (percent); only availability and ratio objectives have a
 * good share to slice. Problems are reported under `budgeting`.
 */
function normalizeBudgeting(input: ObjectiveInput, fail: (field: string[], message: string) => void): BudgetingTerms | null {
  const b = input.budgeting;
  if (!b || b.method === BudgetingMethod.OCCURRENCES) {
    if (b?.sliceDuration != null || b?.sliceTarget != null) fail(['budgeting', b?.sliceDuration != null ? 'sliceDuration' : 'sliceTarget'], 'OCCURRENCES takes no slice duration or slice target.');
    return { method: BudgetingMethod.OCCURRENCES, sliceSeconds: null, sliceTarget: null };
  }
  let ok = true;
  const problem = (field: string[], message: string) => {
    ok = false;
    fail(field, message);
  };
  if (!SLICED_METRICS.includes(input.metric)) problem(['budgeting', 'method'], `${input.metric} objectives are budgeted by occurrences; time slices are for ${SLICED_METRICS.join(' and ')}.`);
  const seconds = b.sliceDuration == null ? null : durationSeconds(b.sliceDuration);
  if (seconds == null || !Number.isInteger(seconds) || seconds < 60 || seconds > DAY_SECONDS || DAY_SECONDS % seconds !== 0) {
    problem(['budgeting', 'sliceDuration'], 'TIMESLICES needs a sliceDuration of whole seconds from PT1M to P1D that divides a day (e.g. "PT1M", "PT5M", "PT1H").');
  }
  const target = b.sliceTarget;
  if (target == null || !Number.isFinite(target) || target <= 0 || target > 100 || Math.round(target * 1e6) / 1e6 !== target) {
    problem(['budgeting', 'sliceTarget'], 'TIMESLICES needs a sliceTarget: the percent a slice must attain to be good, above 0 and at most 100, at most 6 decimals.');
  }
  return ok ? { method: BudgetingMethod.TIMESLICES, sliceSeconds: seconds, sliceTarget: target! } : null;
}

/** All objectives of a revision: each valid, and at most one per metric, priority and conditions. */
export function normalizeObjectives(inputs: ObjectiveInput[], at: FieldPath): ObjectiveTerms[] {
  const { objectives, errors } = normalizeObjectiveList(inputs, at);
  throwIfAny(errors);
  return objectives;
}

/** The objectives with their defaults, and every problem of the list (each objective's, and repeats of a metric and priority). */
export function normalizeObjectiveList(inputs: ObjectiveInput[], at: FieldPath): { objectives: ObjectiveTerms[]; errors: UserError[] } {
  const errors: UserError[] = [];
  const out: ObjectiveTerms[] = [];
  const seen = new Set<string>();
  inputs.forEach((input, i) => {
    const { objective, errors: own } = normalizeObjective(input, [...at, i]);
    errors.push(...own);
    if (!objective) return;
    const key = `${objective.metric}/${objective.priority ?? ''}/${conditionsKey(objective.conditions)}`;
    if (seen.has(key)) {
      const when = objective.conditions ? ' with the same conditions' : '';
      errors.push(new UserError('INVALID_INPUT', `There is already an objective for ${objective.metric}${objective.priority ? ` ${objective.priority}` : ''}${when}.`, [...at, i, 'metric']));
    }
    seen.add(key);
    out.push(objective);
  });
  return { objectives: out, errors };
}
