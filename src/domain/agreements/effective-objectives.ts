import { AgreementLevel, Comparator, LEVEL_RANK, Metric, Priority } from '../../common/agreement-enums';
import { conditionsKey, type ObjectiveConditions } from './objective-conditions';

/**
 * Multi-level inheritance of objectives, as a pure rule.
 *
 * A multi-level SLA is a stack of layers: CORPORATE sets the floor, SEGMENT and CUSTOMER refine
 * it, SERVICE refines it for one service. For one (customer, service) at one instant the caller
 * gathers the objectives of every revision in force, tags each with its level, and this decides
 * which one is effective for each (metric, priority) and what it overrode.
 */

/** The fields of an objective the rule reads; an objective may carry any others. */
export interface InheritableObjective {
  metric: Metric;
  priority: Priority | null;
  comparator: Comparator;
  /** Percent or score; for AT_MOST objectives only read when `targetSeconds` is null. */
  target: number | null;
  /** Seconds, for time metrics; null otherwise. */
  targetSeconds: number | null;
  /** The incidents it applies to; objectives with other conditions are other groups. */
  conditions?: ObjectiveConditions | null;
}

/** One objective of one revision in force, with where it came from. */
export interface ObjectiveSource<O> {
  level: AgreementLevel;
  agreementId: string;
  revisionId: string;
  objective: O;
}

/** The objective in effect for one (metric, priority), and the ones it overrode. */
export interface EffectiveObjective<O> {
  /** The winner. */
  source: ObjectiveSource<O>;
  /** What the winner overrode, most specific first (within a level: the stricter first). */
  overrides: ObjectiveSource<O>[];
}

const METRIC_ORDER: readonly Metric[] = Object.values(Metric);
const PRIORITY_ORDER: readonly Priority[] = Object.values(Priority);

/**
 * The effective objectives: one per (metric, priority) present in `sources`.
 *
 * - Objectives are grouped by (metric, priority, conditions); a priority-less objective and a
 *   priority-specific one of the same metric are different groups, and so are objectives with
 *   different conditions (a level overrides only the objective with the same conditions).
 * - In a group the most specific level wins (SERVICE > CUSTOMER > SEGMENT > CORPORATE); a group
 *   with a single member (say, only CORPORATE sets it) is inherited as is, with no overrides.
 * - Ties at one level go to the stricter target: AT_LEAST -> the higher `target`; AT_MOST -> the
 *   lower `targetSeconds` (or `target` when `targetSeconds` is null). A missing target is the least
 *   strict; objectives with different comparators are not compared by target. Still equal: the
 *   lower agreementId, then the lower revisionId (plain string order, not locale order).
 * - Every other member of the group is listed in `overrides` in that same order.
 * - The result is sorted by metric (declaration order of `Metric`), then priority (null, P1..P4).
 *
 * Pure: the input array and its elements are not modified.
 */
export function resolveEffectiveObjectives<O extends InheritableObjective>(sources: readonly ObjectiveSource<O>[]): EffectiveObjective<O>[] {
  const groups = new Map<string, ObjectiveSource<O>[]>();
  for (const source of sources) {
    const key = groupKey(source.objective);
    const group = groups.get(key);
    if (group) group.push(source);
    else groups.set(key, [source]);
  }

  const effective: EffectiveObjective<O>[] = [];
  for (const group of groups.values()) {
    const [source, ...overrides] = [...group].sort(bySpecificityThenStrictness);
    effective.push({ source, overrides });
  }
  return effective.sort((a, b) => compareMetricAndPriority(a.source.objective, b.source.objective));
}

function groupKey(objective: InheritableObjective): string {
  return `${objective.metric}\u0000${objective.priority ?? ''}\u0000${conditionsKey(objective.conditions)}`;
}

/** Negative when `a` should win over `b`. */
function bySpecificityThenStrictness<O extends InheritableObjective>(a: ObjectiveSource<O>, b: ObjectiveSource<O>): number {
  return (
    LEVEL_RANK[b.level] - LEVEL_RANK[a.level] ||
    compareStrictness(a.objective, b.objective) ||
    compareStrings(a.agreementId, b.agreementId) ||
    compareStrings(a.revisionId, b.revisionId)
  );
}

/** Negative when `a` is the stricter; 0 when equally strict or not comparable (different comparators). */
function compareStrictness(a: InheritableObjective, b: InheritableObjective): number {
  if (a.comparator !== b.comparator) return 0;
  if (a.comparator === Comparator.AT_LEAST) return compareNullableNumbers(a.target, b.target, 'higher');
  return compareNullableNumbers(a.targetSeconds ?? a.target, b.targetSeconds ?? b.target, 'lower');
}

/** Negative when `a` is the better one; a missing (or non-finite) number is worse than any number. */
function compareNullableNumbers(a: number | null, b: number | null, better: 'higher' | 'lower'): number {
  const aKnown = a !== null && Number.isFinite(a);
  const bKnown = b !== null && Number.isFinite(b);
  if (!aKnown || !bKnown) return aKnown === bKnown ? 0 : aKnown ? -1 : 1;
  if (a === b) return 0;
  return better === 'higher' ? (a > b ? -1 : 1) : a < b ? -1 : 1;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareMetricAndPriority(a: InheritableObjective, b: InheritableObjective): number {
  return METRIC_ORDER.indexOf(a.metric) - METRIC_ORDER.indexOf(b.metric) || priorityRank(a.priority) - priorityRank(b.priority);
}

function priorityRank(priority: Priority | null): number {
  return priority === null ? -1 : PRIORITY_ORDER.indexOf(priority);
}
