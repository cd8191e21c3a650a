import { burnPairKey } from './burn-alert-terms';
import { Metric, Priority } from '../../common/agreement-enums';
import {
  type CreditPolicy,
  type CreditTier,
  type EscalationLevelTerms,
  type EscalationTriggers,
  type MaintenanceWindowTerms,
  type PerBreachCredit,
  type ResponsibilityTerms,
  type RevisionTerms,
  type SettlementTerms,
  type PauseRule,
  type DisputeProcedureTerms,
  type DisputeStageTerms,
  type BurnAlertPairTerms,
  type BurnRateAlertTerms,
} from './terms';
import { type ObjectiveView, type RevisionView } from './revision-view';
import { conditionsKey } from './objective-conditions';

export type DiffKind = 'ADDED' | 'REMOVED' | 'CHANGED';

/** One change between two revisions. `before` is null for ADDED, `after` is null for REMOVED. */
export interface DiffEntry {
  path: string;
  kind: DiffKind;
  before: unknown;
  after: unknown;
}

/*
 * What is compared is the revision as the API shows it (RevisionView): paths are the field names of
 * the GraphQL types (`title`, `creditPolicy.tiers[below=99.0].creditPercent`,
 * `objectives[FIRST_RESPONSE_TIME/P1].targetDuration`, `objectives[...].calendar`), values are
 * what a client reads there (durations in hours, global ids, enum values as the schema spells them).
 * How it is compared (a schema below, checked against the types by the compiler):
 * - Objects compare field by field, in declaration order; null -> object is one ADDED entry with the
 *   whole object, object -> null one REMOVED entry.
 * - Leaves compare by value: numbers numerically, decimal strings (periodFee) by value ("12500.00" =
 *   "12500.0"), timestamps (effectiveFrom/To) by instant. A leaf going from or to null is CHANGED.
 * - Lists with a natural key are matched by it, never by position, and reported in key order:
 *     objectives, perBreach   [METRIC/PRIORITY] or [METRIC] without priority; metric and priority
 *                             in enum order, no priority first
 *     creditPolicy.tiers      [below=99.0] (a whole number gets one decimal); highest `below` first,
 *                             as a credit table reads
 *     escalation levels       [level=2], ascending
 *     maintenance windows     [name="Sunday patching"] (JSON-quoted), by name
 *   An item only in `after` is one ADDED entry with the whole item, one only in `before` one REMOVED.
 *   Should two items share a key, they pair up in order of appearance; the second is `[key#2]`.
 * - Other lists of objects (responsibilities) are matched by position: `[0]`, `[1]`, ...
 * - Lists of strings (recipients, notifyRoles, notifyUsers, notifyWebhookEndpoints) are one value: one CHANGED entry for the
 *   whole list, and only when its members differ (their order carries no meaning).
 */

type Shape = LeafShape | ObjectShape | KeyedListShape | IndexedListShape | StringSetShape;

interface LeafShape {
  kind: 'leaf';
  equals: (a: unknown, b: unknown) => boolean;
}

interface ObjectShape {
  kind: 'object';
  fields: ReadonlyArray<readonly [string, Shape]>;
}

interface KeyedListShape {
  kind: 'keyed';
  item: Shape;
  /** The item's key as written in the path, between the brackets. */
  label: (item: unknown) => string;
  /** Report order of two items with different keys. */
  compare: (a: unknown, b: unknown) => number;
}

interface IndexedListShape {
  kind: 'indexed';
  item: Shape;
}

interface StringSetShape {
  kind: 'stringSet';
}

const sameValue = (a: unknown, b: unknown): boolean => a === b || (Number.isNaN(a) && Number.isNaN(b));

const leaf: LeafShape = { kind: 'leaf', equals: sameValue };

/** A decimal string ("12500.00") compared by value; anything that is not one compares as text. */
const decimal: LeafShape = {
  kind: 'leaf',
  equals: (a, b) => {
    if (sameValue(a, b)) return true;
    if (typeof a !== 'string' || typeof b !== 'string') return false;
    const na = normalizeDecimal(a);
    return na !== null && na === normalizeDecimal(b);
  },
};

/** An ISO 8601 timestamp compared by the instant it names. */
const instant: LeafShape = {
  kind: 'leaf',
  equals: (a, b) => {
    if (sameValue(a, b)) return true;
    if (typeof a !== 'string' || typeof b !== 'string') return false;
    const [ta, tb] = [Date.parse(a), Date.parse(b)];
    return Number.isFinite(ta) && ta === tb;
  },
};

const stringSet: StringSetShape = { kind: 'stringSet' };

/** `fields` must name every field of T, in the order entries are reported. */
function object<T extends object>(fields: { [K in keyof T]-?: Shape }): ObjectShape {
  return { kind: 'object', fields: Object.entries(fields) as Array<[string, Shape]> };
}

function keyed<T>(item: Shape, label: (item: T) => string, compare: (a: T, b: T) => number): KeyedListShape {
  return { kind: 'keyed', item, label: label as (item: unknown) => string, compare: compare as (a: unknown, b: unknown) => number };
}

function indexed(item: Shape): IndexedListShape {
  return { kind: 'indexed', item };
}

const METRIC_ORDER: readonly string[] = Object.values(Metric);
const PRIORITY_ORDER: readonly string[] = Object.values(Priority);

/** Position in an enum's declaration order; values it does not know come last. */
function rank(order: readonly string[], value: string | null): number {
  if (value === null) return -1;
  const index = order.indexOf(value);
  return index === -1 ? order.length : index;
}

const metricPriorityLabel = (item: { metric: Metric; priority: Priority | null }): string =>
  item.priority === null ? item.metric : `${item.metric}/${item.priority}`;

const byMetricPriority = (a: { metric: Metric; priority: Priority | null }, b: { metric: Metric; priority: Priority | null }): number =>
  rank(METRIC_ORDER, a.metric) - rank(METRIC_ORDER, b.metric) || rank(PRIORITY_ORDER, a.priority) - rank(PRIORITY_ORDER, b.priority);

/** An objective's key in paths: metric and priority, and its conditions when it has some (`objectives[RESOLUTION_TIME/P1 if customerTiers=GOLD]`). */
const objectiveLabel = (o: ObjectiveView): string => {
  const base = metricPriorityLabel(o);
  const c = o.conditions;
  if (!c) return base;
  return `${base} if ${Object.entries(c).map(([d, v]) => `${d}=${(v as string[]).join('|')}`).join(' ')}`;
};

const formatNumber = (n: number): string => (Number.isInteger(n) ? n.toFixed(1) : String(n));

const objective = object<ObjectiveView>({
  metric: leaf,
  priority: leaf,
  name: leaf,
  description: leaf,
  comparator: leaf,
  target: leaf,
  targetDuration: leaf,
  window: object<ObjectiveView['window']>({ kind: leaf, days: leaf }),
  calendar: leaf,
  warningThresholdPercent: leaf,
  degradedWeightPercent: leaf,
  budgeting: object<ObjectiveView['budgeting']>({ method: leaf, sliceDuration: leaf, sliceTarget: leaf }),
  // Part of the key: two objectives paired up have equal conditions.
  conditions: { kind: 'leaf', equals: (a, b) => conditionsKey(a as ObjectiveView['conditions']) === conditionsKey(b as ObjectiveView['conditions']) },
  supports: stringSet,
});

const creditPolicy = object<CreditPolicy>({
  currency: leaf,
  periodFee: decimal,
  tiers: keyed<CreditTier>(
    object<CreditTier>({ below: leaf, creditPercent: leaf }),
    (tier) => `below=${formatNumber(tier.below)}`,
    (a, b) => b.below - a.below,
  ),
  perBreach: keyed<PerBreachCredit>(
    object<PerBreachCredit>({ metric: leaf, priority: leaf, creditPercent: leaf }),
    metricPriorityLabel,
    byMetricPriority,
  ),
  monthlyCapPercent: leaf,
  terminationAfterConsecutiveBreaches: leaf,
});

const termFields = {
  title: leaf,
  description: leaf,
  scopeOfServices: leaf,
  responsibilities: indexed(object<ResponsibilityTerms>({ party: leaf, text: leaf })),
  measurement: object<RevisionTerms['measurement']>({ method: leaf, dataSource: leaf, monitor: leaf }),
  reporting: object<RevisionTerms['reporting']>({ frequency: leaf, recipients: stringSet }),
  creditPolicy,
  exclusions: object<RevisionTerms['exclusions']>({
    maintenanceWindows: keyed<MaintenanceWindowTerms>(
      object<MaintenanceWindowTerms>({ name: leaf, description: leaf, noticePeriod: leaf, maxPerMonth: leaf }),
      (window) => `name=${JSON.stringify(window.name)}`,
      (a, b) => compareText(a.name, b.name),
    ),
    forceMajeure: leaf,
  }),
  escalationPolicy: object<RevisionTerms['escalationPolicy']>({
    levels: keyed<EscalationLevelTerms>(
      object<EscalationLevelTerms>({ level: leaf, name: leaf, notifyRoles: stringSet, notifyUsers: stringSet, notifyWebhookEndpoints: stringSet, after: leaf, calendar: leaf, notifySupportingParty: leaf }),
      (level) => `level=${level.level}`,
      (a, b) => a.level - b.level,
    ),
    triggers: object<EscalationTriggers>({ clockWarning: leaf, clockBreach: leaf, unacknowledgedAfter: leaf, objectiveBreached: leaf, budgetBurn: leaf }),
  }),
  reviewCadence: leaf,
  disputeResolution: leaf,
  disputeProcedure: object<DisputeProcedureTerms>({
    claimWindow: leaf,
    responseDeadline: leaf,
    stages: keyed<DisputeStageTerms>(object<DisputeStageTerms>({ name: leaf, responseDeadline: leaf }), (stage) => `name=${JSON.stringify(stage.name)}`, (a, b) => compareText(a.name, b.name)),
  }),
  changeProcedure: leaf,
  settlement: object<SettlementTerms>({ statementGracePeriod: leaf, correctionReasons: stringSet, correctionsNeedCustomerApproval: leaf }),
  pauseRules: keyed<PauseRule>(
    object<PauseRule>({ metric: leaf, statuses: stringSet }),
    (rule) => rule.metric,
    (a, b) => rank(METRIC_ORDER, a.metric) - rank(METRIC_ORDER, b.metric),
  ),
  burnRateAlertPolicy: object<BurnRateAlertTerms>({
    enabled: leaf,
    pairs: keyed<BurnAlertPairTerms>(
      object<BurnAlertPairTerms>({ budgetPercent: leaf, longWindow: leaf, shortWindow: leaf }),
      (pair) => `pair=${burnPairKey(pair)}`,
      (a, b) => compareText(burnPairKey(a), burnPairKey(b)),
    ),
  }),
} satisfies { [K in keyof RevisionTerms]-?: Shape };

const revisionView = object<RevisionView>({
  ...termFields,
  effectiveFrom: instant,
  effectiveTo: instant,
  objectives: keyed<ObjectiveView>(objective, objectiveLabel, (a, b) => byMetricPriority(a, b) || compareText(conditionsKey(a.conditions), conditionsKey(b.conditions))),
});

/**
 * Every change from `before` to `after`, down to leaf values, in a deterministic order: terms in
 * field order, then the dates, then objectives by metric and priority. Equal content gives [].
 */
export function diffRevisions(before: RevisionView, after: RevisionView): DiffEntry[] {
  const entries: DiffEntry[] = [];
  diffValue(revisionView, '', before, after, entries);
  return entries;
}

function diffValue(shape: Shape, path: string, before: unknown, after: unknown, out: DiffEntry[]): void {
  switch (shape.kind) {
    case 'leaf':
      if (!shape.equals(before ?? null, after ?? null)) out.push(changed(path, before, after));
      return;
    case 'stringSet':
      if (!sameMembers(asList(before), asList(after))) out.push(changed(path, before, after));
      return;
    case 'object':
      return diffObject(shape, path, before, after, out);
    case 'indexed':
      return diffIndexed(shape, path, asList(before), asList(after), out);
    case 'keyed':
      return diffKeyed(shape, path, asList(before), asList(after), out);
  }
}

function diffObject(shape: ObjectShape, path: string, before: unknown, after: unknown, out: DiffEntry[]): void {
  if (before == null && after == null) return;
  if (before == null) return void out.push(added(path, after));
  if (after == null) return void out.push(removed(path, before));
  const [b, a] = [before as Record<string, unknown>, after as Record<string, unknown>];
  for (const [name, field] of shape.fields) diffValue(field, path === '' ? name : `${path}.${name}`, b[name], a[name], out);
}

function diffIndexed(shape: IndexedListShape, path: string, before: unknown[], after: unknown[], out: DiffEntry[]): void {
  for (let i = 0; i < Math.max(before.length, after.length); i++) {
    const itemPath = `${path}[${i}]`;
    if (i >= before.length) out.push(added(itemPath, after[i]));
    else if (i >= after.length) out.push(removed(itemPath, before[i]));
    else diffValue(shape.item, itemPath, before[i], after[i], out);
  }
}

interface Slot {
  id: string;
  occurrence: number;
  sample: unknown;
  before?: { item: unknown };
  after?: { item: unknown };
}

function diffKeyed(shape: KeyedListShape, path: string, before: unknown[], after: unknown[], out: DiffEntry[]): void {
  const slots = new Map<string, Slot>();
  const place = (items: unknown[], side: 'before' | 'after'): void => {
    const seen = new Map<string, number>();
    for (const item of items) {
      const label = shape.label(item);
      const occurrence = (seen.get(label) ?? 0) + 1;
      seen.set(label, occurrence);
      const id = occurrence === 1 ? label : `${label}#${occurrence}`;
      const slot = slots.get(id) ?? { id, occurrence, sample: item };
      slot[side] = { item };
      slots.set(id, slot);
    }
  };
  place(before, 'before');
  place(after, 'after');
  const ordered = [...slots.values()].sort(
    (x, y) => shape.compare(x.sample, y.sample) || x.occurrence - y.occurrence || compareText(x.id, y.id),
  );
  for (const slot of ordered) {
    const itemPath = `${path}[${slot.id}]`;
    if (!slot.before) out.push(added(itemPath, slot.after!.item));
    else if (!slot.after) out.push(removed(itemPath, slot.before.item));
    else diffValue(shape.item, itemPath, slot.before.item, slot.after.item, out);
  }
}

function sameMembers(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false;
  const [sa, sb] = [a.map(String).sort(compareText), b.map(String).sort(compareText)];
  return sa.every((value, i) => value === sb[i]);
}

/** A list, or [] for a list that is absent (content written before the field existed). */
const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Code-point order: the same on every machine, whatever its locale. */
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** "012.50" -> "12.5", "-0.00" -> "0"; null when the text is not a plain decimal. */
function normalizeDecimal(text: string): string | null {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return null;
  const whole = match[2].replace(/^0+(?=\d)/, '') || '0';
  const fraction = (match[3] ?? '').replace(/0+$/, '');
  const digits = fraction === '' ? whole : `${whole}.${fraction}`;
  return digits === '0' || match[1] !== '-' ? digits : `-${digits}`;
}

const copy = (value: unknown): unknown => (value === undefined ? null : structuredClone(value));

const changed = (path: string, before: unknown, after: unknown): DiffEntry => ({ path, kind: 'CHANGED', before: copy(before), after: copy(after) });
const added = (path: string, after: unknown): DiffEntry => ({ path, kind: 'ADDED', before: null, after: copy(after) });
const removed = (path: string, before: unknown): DiffEntry => ({ path, kind: 'REMOVED', before: copy(before), after: null });
