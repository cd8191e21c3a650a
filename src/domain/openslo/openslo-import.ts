import { Decimal } from 'decimal.js';
import { parseAllDocuments } from 'yaml';
import { BudgetingMethod, Metric, TIME_METRICS, WindowKind } from '../../common/agreement-enums';
import { type FieldPath, UserError } from '../../common/errors';
import { normalizeObjective, type ObjectiveInput } from '../agreements/objective-rules';
import { isoDuration } from '../shared/iso-duration';
import { SCALE } from '../compliance/satisfaction';
import { parseShorthand, type Shorthand, shorthandSeconds } from './openslo-duration';
import { type BurnAlertPairTerms } from '../agreements/terms';
import { burnPairKey } from '../agreements/burn-alert-terms';
import { ANNOTATION, API_VERSION, BURN_ALERT_METRICS, BURN_RATE_MONTH_SECONDS } from './openslo-model';

/**
 * OpenSLO v1 documents read as objectives of a draft (docs/compliance-and-credits.md, "OpenSLO").
 * Pure: no database. Every problem names where it is: ["document", <object>, "spec", ...], the
 * object counted across the YAML documents and the lists in them, from 0.
 */
export interface OpenSloImport {
  objectives: (ObjectiveInput & { sloName: string })[];
  /** The burn-rate alert policy the SLOs name (alertPolicies), as the draft's policy; null: they name none. */
  alertPolicy: { pairs: BurnAlertPairTerms[] } | null;
  problems: UserError[];
}

type Obj = Record<string, unknown>;
const KNOWN_KINDS = ['SLO', 'SLI', 'Service', 'DataSource', 'AlertPolicy', 'AlertCondition', 'AlertNotificationTarget'];
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const percentOf = (fraction: number) => new Decimal(String(fraction)).times(100).toNumber();

/** The objects of a text of YAML (or JSON) documents, each a list of objects or one object. */
function objectsOf(text: string, problems: UserError[]): unknown[] {
  const objects: unknown[] = [];
  for (const doc of parseAllDocuments(text)) {
    const [error] = doc.errors;
    if (error) {
      const at = error.linePos?.[0];
      problems.push(new UserError('INVALID_INPUT', `The document is not valid YAML${at ? ` (line ${at.line}, column ${at.col})` : ''}: ${error.message.split('\n')[0]}`, ['document']));
      return [];
    }
    const value: unknown = doc.toJS();
    if (Array.isArray(value)) objects.push(...value);
    else if (value !== null && value !== undefined) objects.push(value);
  }
  return objects;
}

export function readOpenSlo(text: string, timeZone: string): OpenSloImport {
  const problems: UserError[] = [];
  const objects = objectsOf(text, problems);
  const fail = (path: FieldPath, message: string) => problems.push(new UserError('INVALID_INPUT', message, ['document', ...path]));
  const slis = new Map<string, Obj>();
  const policies = new Map<string, Obj>();
  const conditions = new Map<string, Obj>();
  objects.forEach((o, i) => {
    if (!isObj(o) || typeof o.kind !== 'string') return fail([i], 'Each object needs apiVersion, kind, metadata and spec.');
    if (o.apiVersion !== API_VERSION) return fail([i, 'apiVersion'], `Only ${API_VERSION} is read; this object says ${JSON.stringify(o.apiVersion ?? null)}.`);
    if (!KNOWN_KINDS.includes(o.kind)) return fail([i, 'kind'], `${o.kind} is not an OpenSLO v1 kind (${KNOWN_KINDS.join(', ')}).`);
    const name = isObj(o.metadata) && typeof o.metadata.name === 'string' ? o.metadata.name : null;
    if (name && o.kind === 'SLI') slis.set(name, o);
    if (name && o.kind === 'AlertPolicy') policies.set(name, o);
    if (name && o.kind === 'AlertCondition') conditions.set(name, o);
  });
  if (objects.length > 0 && !objects.some((o) => isObj(o) && o.kind === 'SLO')) fail([], 'The document holds no SLO.');

  const objectives: OpenSloImport['objectives'] = [];
  const seen = new Map<string, number>();
  objects.forEach((o, i) => {
    if (!isObj(o) || o.kind !== 'SLO' || o.apiVersion !== API_VERSION) return;
    const own: UserError[] = [];
    const mapped = sloObjective(o, i, slis, timeZone, own);
    if (mapped) {
      const key = `${mapped.metric}/${mapped.priority ?? ''}`;
      if (seen.has(key)) own.push(new UserError('INVALID_INPUT', `Object ${seen.get(key)} already sets ${mapped.metric}${mapped.priority ? ` ${mapped.priority}` : ''}; an agreement has one target per metric and priority.`, ['document', i, 'metadata', 'annotations']));
      else seen.set(key, i);
    }
    problems.push(...own);
    if (mapped && own.length === 0) objectives.push(mapped);
  });
  return { objectives, alertPolicy: alertPolicyOf(objects, policies, conditions, problems), problems };
}

/**
 * The burn-rate pairs of the alert policies the SLOs name. A revision has one policy: every SLO
 * naming one must name the same pairs. Each burnrate condition is a pair: lookbackWindow the
 * long window, alertAfter the short one, the share of the budget from our annotation, else from
 * the threshold as the burn rate of a 30-day month.
 */
function alertPolicyOf(objects: unknown[], policies: Map<string, Obj>, conditionsByName: Map<string, Obj>, problems: UserError[]): OpenSloImport['alertPolicy'] {
  let chosen: { pairs: BurnAlertPairTerms[]; key: string; at: number } | null = null;
  objects.forEach((o, i) => {
    if (!isObj(o) || o.kind !== 'SLO' || !isObj(o.spec) || !Array.isArray(o.spec.alertPolicies) || o.spec.alertPolicies.length === 0) return;
    const fail = (path: FieldPath, message: string) => problems.push(new UserError('INVALID_INPUT', message, ['document', i, 'spec', 'alertPolicies', ...path]));
    const annotations = isObj(o.metadata) && isObj(o.metadata.annotations) ? o.metadata.annotations : {};
    const metric = annotations[ANNOTATION.metric] ?? (isObj(o.spec.indicator) || typeof o.spec.indicatorRef === 'string' ? null : undefined);
    if (typeof metric === 'string' && !BURN_ALERT_METRICS.includes(metric as Metric)) return fail([], `Burn-rate alerts watch ${BURN_ALERT_METRICS.join(' and ')} objectives; ${metric} has no error budget to burn.`);
    const pairs: BurnAlertPairTerms[] = [];
    o.spec.alertPolicies.forEach((ref: unknown, k: number) => {
      const policy = typeof ref === 'string' ? policies.get(ref) : isObj(ref) && ref.kind === 'AlertPolicy' ? ref : undefined;
      if (!policy) return fail([k], typeof ref === 'string' ? `No AlertPolicy named ${ref} in the document.` : 'An alert policy is the name of an AlertPolicy, or one inline.');
      const list = isObj(policy.spec) && Array.isArray(policy.spec.conditions) ? policy.spec.conditions : [];
      if (list.length === 0) return fail([k], 'The alert policy has no conditions.');
      list.forEach((c: unknown, n: number) => {
        const condition = isObj(c) && typeof c.conditionRef === 'string' ? conditionsByName.get(c.conditionRef) : c;
        if (!isObj(condition)) return fail([k, 'conditions', n], `No AlertCondition named ${String(isObj(c) ? c.conditionRef : c)} in the document.`);
        const pair = pairOf(condition, (message) => fail([k, 'conditions', n], message));
        if (pair) pairs.push(pair);
      });
    });
    if (pairs.length === 0) return;
    const key = pairs.map(burnPairKey).sort().join(',');
    if (!chosen) chosen = { pairs, key, at: i };
    else if (chosen.key !== key) fail([], `An agreement revision has one burn-rate alert policy: object ${chosen.at} names other conditions.`);
  });
  const found = chosen as { pairs: BurnAlertPairTerms[] } | null;
  return found && { pairs: found.pairs };
}

const isoOf = (d: Shorthand): string => {
  const seconds = shorthandSeconds(d);
  return seconds % 86_400 === 0 ? `P${seconds / 86_400}D` : seconds % 3600 === 0 ? `PT${seconds / 3600}H` : `PT${seconds / 60}M`;
};

function pairOf(condition: Obj, fail: (message: string) => void): BurnAlertPairTerms | null {
  const annotations = isObj(condition.metadata) && isObj(condition.metadata.annotations) ? condition.metadata.annotations : {};
  const spec = isObj(condition.spec) && isObj(condition.spec.condition) ? condition.spec.condition : {};
  if (String(spec.kind).toLowerCase() !== 'burnrate') return void fail(`Only burnrate conditions map to burn-rate alerts; this one is ${String(spec.kind ?? 'without a kind')}.`), null;
  if (spec.op !== undefined && spec.op !== 'gt' && spec.op !== 'gte') return void fail('A burn-rate alert fires when the burn rate is above its threshold: op must be gt (or gte).'), null;
  const long = parseShorthand(spec.lookbackWindow);
  const short = parseShorthand(spec.alertAfter);
  if (!long || long.unit === 'M' || long.unit === 'Q' || long.unit === 'Y') return void fail('lookbackWindow (the long window) must be minutes, hours, days or weeks, such as 1h.'), null;
  if (!short || short.unit === 'M' || short.unit === 'Q' || short.unit === 'Y') return void fail('alertAfter is the short window of the pair and must be minutes, hours, days or weeks, such as 5m.'), null;
  const share = annotations[ANNOTATION.budgetPercent] !== undefined ? Number(annotations[ANNOTATION.budgetPercent]) : typeof spec.threshold === 'number' ? (spec.threshold * shorthandSeconds(long) * 100) / BURN_RATE_MONTH_SECONDS : NaN;
  if (!Number.isFinite(share)) return void fail('threshold (a burn rate, such as 14.4) is missing.'), null;
  return { budgetPercent: Number(share.toFixed(4)), longWindow: isoOf(long), shortWindow: isoOf(short) };
}

function sloObjective(slo: Obj, i: number, slis: Map<string, Obj>, timeZone: string, problems: UserError[]): (ObjectiveInput & { sloName: string }) | null {
  const fail = (path: FieldPath, message: string) => {
    problems.push(new UserError('INVALID_INPUT', message, ['document', i, ...path]));
    return null;
  };
  const metadata = isObj(slo.metadata) ? slo.metadata : {};
  const spec = isObj(slo.spec) ? slo.spec : null;
  if (typeof metadata.name !== 'string' || metadata.name === '') return fail(['metadata', 'name'], 'An SLO needs metadata.name.');
  if (!spec) return fail(['spec'], 'An SLO needs a spec.');
  const annotations = isObj(metadata.annotations) ? metadata.annotations : {};

  // The indicator: inline, or an SLI of the same document by name.
  let sli: Obj | null = null;
  if (isObj(spec.indicator)) sli = isObj(spec.indicator.spec) ? spec.indicator.spec : null;
  else if (typeof spec.indicatorRef === 'string') {
    const ref = slis.get(spec.indicatorRef);
    if (!ref) return fail(['spec', 'indicatorRef'], `No SLI named ${spec.indicatorRef} in the document.`);
    sli = isObj(ref.spec) ? ref.spec : null;
  }
  if (!sli) return fail(['spec', 'indicator'], 'An SLO needs an indicator (inline, or indicatorRef to an SLI of the document).');

  const budgeting = spec.budgetingMethod;
  if (budgeting !== 'Occurrences' && budgeting !== 'Timeslices') {
    return fail(['spec', 'budgetingMethod'], budgeting === 'RatioTimeslices' ? 'RatioTimeslices budgeting cannot be mapped: use Occurrences or Timeslices.' : 'budgetingMethod must be Occurrences or Timeslices.');
  }

  let metric: Metric;
  const named = annotations[ANNOTATION.metric];
  if (named !== undefined) {
    if (!Object.values(Metric).includes(named as Metric)) return fail(['metadata', 'annotations', ANNOTATION.metric], `${String(named)} is not a metric (${Object.values(Metric).join(', ')}).`);
    metric = named as Metric;
  } else if (isObj(sli.ratioMetric)) metric = Metric.RATIO;
  else if (isObj(sli.thresholdMetric)) {
    return fail(['metadata', 'annotations'], `A threshold indicator does not say which metric it measures: add the annotation ${ANNOTATION.metric} (${[...TIME_METRICS, Metric.SATISFACTION, Metric.AVAILABILITY].join(', ')}).`);
  } else return fail(['spec', 'indicator'], 'The indicator has neither ratioMetric nor thresholdMetric.');
  if (budgeting === 'Timeslices' && metric !== Metric.AVAILABILITY && metric !== Metric.RATIO) return fail(['spec', 'budgetingMethod'], `Timeslices budgeting is for AVAILABILITY and RATIO objectives; ${metric} counts occurrences.`);

  const list = Array.isArray(spec.objectives) ? spec.objectives : [];
  if (list.length !== 1) {
    return fail(['spec', 'objectives', ...(list.length > 1 ? [1] : [])], list.length > 1 ? 'An SLO with several objectives cannot be mapped: split it into one SLO per objective (an agreement has one target per metric and priority).' : 'An SLO needs one objective.');
  }
  const objective = isObj(list[0]) ? list[0] : {};
  const at: FieldPath = ['spec', 'objectives', 0];
  const target = typeof objective.target === 'number' ? objective.target : typeof objective.targetPercent === 'number' ? objective.targetPercent / 100 : null;
  if (target === null || !(target > 0 && target <= 1)) return fail([...at, 'target'], 'target must be a number above 0 and at most 1 (or targetPercent above 0 and at most 100).');
  const op = objective.op;

  const input: ObjectiveInput & { sloName: string } = {
    sloName: metadata.name,
    metric,
    name: typeof metadata.displayName === 'string' ? metadata.displayName : metadata.name,
    description: typeof spec.description === 'string' ? spec.description : '',
    priority: typeof annotations[ANNOTATION.priority] === 'string' ? (annotations[ANNOTATION.priority] as string) : null,
  };
  if (TIME_METRICS.includes(metric)) {
    if (op !== 'lte' && op !== 'lt') return fail([...at, 'op'], `${metric} is a time to stay under: op must be lte (or lt).`);
    if (target !== 1) return fail([...at, 'target'], `${metric}: one breached clock breaches the objective, so target must be 1 (every incident within the value).`);
    if (typeof objective.value !== 'number' || !Number.isInteger(objective.value) || objective.value <= 0) return fail([...at, 'value'], 'value must be the target in whole seconds (900 for 15 minutes).');
    input.targetDuration = isoDuration(objective.value);
    const warning = Number(annotations[ANNOTATION.warningThreshold]);
    if (annotations[ANNOTATION.warningThreshold] !== undefined) input.warningThresholdPercent = warning;
  } else if (metric === Metric.SATISFACTION) {
    if (op !== 'gte') return fail([...at, 'op'], 'SATISFACTION is a score to reach: op must be gte.');
    if (target === 1 && typeof objective.value === 'number' && objective.value >= SCALE.min && objective.value <= SCALE.max) input.target = objective.value;
    else if (objective.value === SCALE.satisfiedFrom && percentOf(target) > SCALE.max) input.target = percentOf(target);
    else return fail([...at], `SATISFACTION maps either a mean score (value 1 to 5, target 1) or the share of satisfied responses (value ${SCALE.satisfiedFrom}, target above 0.05).`);
  } else {
    if (op !== undefined && op !== 'gte' && op !== 'gt') return fail([...at, 'op'], `${metric} counts what is good: op must be gte (or gt), or left out.`);
    input.target = percentOf(target);
    if (metric === Metric.AVAILABILITY && annotations[ANNOTATION.degradedWeight] !== undefined) input.degradedWeightPercent = Number(annotations[ANNOTATION.degradedWeight]);
  }

  const window = timeWindowOf(spec.timeWindow, timeZone);
  if (typeof window === 'string') return fail(['spec', 'timeWindow', 0], window);
  input.window = window;
  // Time slices: availability exported by occurrences says so (its one-minute slices stand for the good share of time).
  if (budgeting === 'Timeslices' && annotations[ANNOTATION.budgeting] !== BudgetingMethod.OCCURRENCES) {
    const window = parseShorthand(objective.timeSliceWindow);
    const sliceTarget = typeof objective.timeSliceTarget === 'number' ? percentOf(objective.timeSliceTarget) : null;
    if (!window) return fail([...at, 'timeSliceWindow'], 'Timeslices budgeting needs timeSliceWindow, such as 1m or 5m.');
    if (sliceTarget === null) return fail([...at, 'timeSliceTarget'], 'Timeslices budgeting needs timeSliceTarget, the share a slice must reach to be good (0.95).');
    input.budgeting = { method: BudgetingMethod.TIMESLICES, sliceDuration: `PT${shorthandSeconds(window)}S`, sliceTarget };
  }

  // The rules every objective follows, named where the OpenSLO object says it.
  const where: Record<string, FieldPath> = {
    target: [...at, metric === Metric.SATISFACTION ? 'value' : 'target'],
    targetDuration: [...at, 'value'],
    window: ['spec', 'timeWindow', 0, 'duration'],
    'budgeting.method': ['spec', 'budgetingMethod'],
    'budgeting.sliceDuration': [...at, 'timeSliceWindow'],
    'budgeting.sliceTarget': [...at, 'timeSliceTarget'],
    priority: ['metadata', 'annotations', ANNOTATION.priority],
    warningThresholdPercent: ['metadata', 'annotations', ANNOTATION.warningThreshold],
    degradedWeightPercent: ['metadata', 'annotations', ANNOTATION.degradedWeight],
  };
  for (const e of normalizeObjective(input, []).errors) {
    const field = e.field?.[0] === 'budgeting' ? `budgeting.${String(e.field?.[1])}` : String(e.field?.[0]);
    problems.push(new UserError('INVALID_INPUT', e.message, ['document', i, ...(where[field] ?? [])]));
  }
  return input;
}

/** Our window of an SLO's timeWindow, or why it has none. */
function timeWindowOf(value: unknown, timeZone: string): ObjectiveInput['window'] | string {
  const windows = Array.isArray(value) ? value : [];
  if (windows.length !== 1 || !isObj(windows[0])) return 'An SLO needs exactly one timeWindow.';
  const w = windows[0];
  const d = parseShorthand(w.duration);
  if (!d) return 'duration must be an OpenSLO shorthand such as 1M, 28d or 4w.';
  if (w.isRolling === true) {
    if (d.unit === 'd') return { kind: WindowKind.ROLLING_DAYS, days: d.value };
    if (d.unit === 'w') return { kind: WindowKind.ROLLING_DAYS, days: d.value * 7 };
    return 'A rolling window is whole days or weeks (28d, 4w).';
  }
  const kind = d.value === 1 ? { M: WindowKind.CALENDAR_MONTH, Q: WindowKind.CALENDAR_QUARTER, Y: WindowKind.CALENDAR_YEAR }[d.unit as 'M'] : undefined;
  if (!kind) return 'A calendar window is 1M, 1Q or 1Y (calendar periods in the provider\'s time zone).';
  const calendar = isObj(w.calendar) ? w.calendar : null;
  if (calendar?.timeZone !== undefined && calendar.timeZone !== timeZone) return `Periods run in the provider's time zone, ${timeZone}; the calendar says ${String(calendar.timeZone)}.`;
  return { kind, days: null };
}
