import { Decimal } from 'decimal.js';
import { parseAllDocuments } from 'yaml';
import { Metric, TIME_METRICS, WindowKind } from '../../common/agreement-enums';
import { type FieldPath, UserError } from '../../common/errors';
import { normalizeObjective, type ObjectiveInput } from '../agreements/objective-rules';
import { isoDuration } from '../shared/iso-duration';
import { SCALE } from '../compliance/satisfaction';
import { parseShorthand } from './openslo-duration';
import { ANNOTATION, API_VERSION } from './openslo-model';

/**
 * OpenSLO v1 documents read as objectives of a draft (docs/compliance-and-credits.md, "OpenSLO").
 * Pure: no database. Every problem names where it is: ["document", <object>, "spec", ...], the
 * object counted across the YAML documents and the lists in them, from 0.
 */
export interface OpenSloImport {
  objectives: (ObjectiveInput & { sloName: string })[];
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
  objects.forEach((o, i) => {
    if (!isObj(o) || typeof o.kind !== 'string') return fail([i], 'Each object needs apiVersion, kind, metadata and spec.');
    if (o.apiVersion !== API_VERSION) return fail([i, 'apiVersion'], `Only ${API_VERSION} is read; this object says ${JSON.stringify(o.apiVersion ?? null)}.`);
    if (!KNOWN_KINDS.includes(o.kind)) return fail([i, 'kind'], `${o.kind} is not an OpenSLO v1 kind (${KNOWN_KINDS.join(', ')}).`);
    if (o.kind === 'SLI' && isObj(o.metadata) && typeof o.metadata.name === 'string') slis.set(o.metadata.name, o);
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
  return { objectives, problems };
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
    return fail(['spec', 'budgetingMethod'], budgeting === 'RatioTimeslices' ? 'RatioTimeslices budgeting cannot be mapped: use Occurrences, or Timeslices for availability.' : 'budgetingMethod must be Occurrences or Timeslices.');
  }

  let metric: Metric;
  const named = annotations[ANNOTATION.metric];
  if (named !== undefined) {
    if (!Object.values(Metric).includes(named as Metric)) return fail(['metadata', 'annotations', ANNOTATION.metric], `${String(named)} is not a metric (${Object.values(Metric).join(', ')}).`);
    metric = named as Metric;
  } else if (isObj(sli.ratioMetric)) metric = budgeting === 'Timeslices' ? Metric.AVAILABILITY : Metric.RATIO;
  else if (isObj(sli.thresholdMetric)) {
    return fail(['metadata', 'annotations'], `A threshold indicator does not say which metric it measures: add the annotation ${ANNOTATION.metric} (${[...TIME_METRICS, Metric.SATISFACTION, Metric.AVAILABILITY].join(', ')}).`);
  } else return fail(['spec', 'indicator'], 'The indicator has neither ratioMetric nor thresholdMetric.');
  if (budgeting === 'Timeslices' && metric !== Metric.AVAILABILITY) return fail(['spec', 'budgetingMethod'], `Timeslices budgeting maps to AVAILABILITY only (good minutes); ${metric} counts occurrences.`);
  if (budgeting === 'Occurrences' && metric === Metric.AVAILABILITY) return fail(['spec', 'budgetingMethod'], 'AVAILABILITY counts good time: use Timeslices.');

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

  // The rules every objective follows, named where the OpenSLO object says it.
  const where: Record<string, FieldPath> = {
    target: [...at, metric === Metric.SATISFACTION ? 'value' : 'target'],
    targetDuration: [...at, 'value'],
    window: ['spec', 'timeWindow', 0, 'duration'],
    priority: ['metadata', 'annotations', ANNOTATION.priority],
    warningThresholdPercent: ['metadata', 'annotations', ANNOTATION.warningThreshold],
    degradedWeightPercent: ['metadata', 'annotations', ANNOTATION.degradedWeight],
  };
  for (const e of normalizeObjective(input, []).errors) {
    const field = String(e.field?.[0]);
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
