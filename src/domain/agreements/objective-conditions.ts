import { CONDITION_DIMENSIONS, type ConditionDimension, type ObjectiveConditions } from '../../common/objective-conditions';
import { type PriorityTerm } from './objective-priority';

export type { ObjectiveConditions } from '../../common/objective-conditions';

/** What conditions look at: the incident as reported and its customer. */
export interface IncidentFacts {
  category: string | null;
  channel: string | null;
  impact: string | null;
  customerTier: string | null;
  customerRegion: string | null;
}

export const NO_FACTS: IncidentFacts = { category: null, channel: null, impact: null, customerTier: null, customerRegion: null };

const FACT: Record<ConditionDimension, keyof IncidentFacts> = {
  categories: 'category',
  channels: 'channel',
  impacts: 'impact',
  customerTiers: 'customerTier',
  customerRegions: 'customerRegion',
};

/** Conditions in one form: each dimension given sorted and without repeats, empty ones left out; null when none is left. */
export function normalizeConditions(given: ObjectiveConditions | null | undefined): ObjectiveConditions | null {
  if (!given) return null;
  const out: Record<string, string[]> = {};
  for (const d of CONDITION_DIMENSIONS) {
    const values = given[d]?.map((v) => v.trim()).filter((v) => v.length > 0);
    if (values && values.length > 0) out[d] = [...new Set(values)].sort();
  }
  return Object.keys(out).length > 0 ? (out as ObjectiveConditions) : null;
}

/** A key equal for equal conditions (however they were written), '' for none: objectives are one per metric, priority and this. */
export function conditionsKey(c: ObjectiveConditions | null | undefined): string {
  const n = normalizeConditions(c);
  return n ? JSON.stringify(CONDITION_DIMENSIONS.filter((d) => n[d]).map((d) => [d, n[d]])) : '';
}

/** How many dimensions the conditions constrain: the measure of how specific an objective is. */
export function conditionCount(c: ObjectiveConditions | null | undefined): number {
  return c ? CONDITION_DIMENSIONS.filter((d) => (c[d]?.length ?? 0) > 0).length : 0;
}

/** Whether an incident with these facts matches every dimension the conditions give (none given: every incident). */
export function matchesConditions(c: ObjectiveConditions | null | undefined, facts: IncidentFacts): boolean {
  if (!c) return true;
  return CONDITION_DIMENSIONS.every((d) => {
    const allowed = c[d];
    if (!allowed || allowed.length === 0) return true;
    const value = facts[FACT[d]];
    return value !== null && (allowed as string[]).includes(value);
  });
}

/** What the rule looks at: an objective's metric, priority, conditions and where it is listed. */
export interface ConditionalTerm extends PriorityTerm {
  conditions: ObjectiveConditions | null;
  /** Its position in its revision (earlier wins a tie). */
  position: number;
  id: string;
}

export interface ObjectiveChoice<T> {
  objective: T;
  /** The conditions it matched (all of its own); null: it has none. */
  matchedConditions: ObjectiveConditions | null;
  /** Why it, in words a person reads. */
  reason: string;
}

const describe = (c: ObjectiveConditions): string =>
  CONDITION_DIMENSIONS.filter((d) => c[d])
    .map((d) => `${d} ${c[d]!.join('|')}`)
    .join(', ');

/** Negative when `a` wins over `b` (both match): more conditions, then its own priority over none, then listed first, then the lower id. */
function precedence(a: ConditionalTerm, b: ConditionalTerm): number {
  return (
    conditionCount(b.conditions) - conditionCount(a.conditions) ||
    Number(a.priority === null) - Number(b.priority === null) ||
    a.position - b.position ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/**
 * "Which objective of `metric` applies to an incident of `priority` with these facts", named once
 * here (beside objective-priority.ts, which it extends):
 *
 * 1. The candidates are the objectives of the metric for that priority or for no priority whose
 *    conditions the incident matches (an objective without conditions matches every incident).
 * 2. More specific wins: the one whose conditions constrain more dimensions (category, channel,
 *    impact, customer tier, customer region).
 * 3. Then an objective of the incident's own priority beats a priority-less one.
 * 4. Still tied: the one listed first in its revision (position), then the lower id.
 *
 * With no conditions anywhere this is termForPriority: the priority's own objective, else the
 * priority-less one. None matching: undefined (the clock has no target for that priority).
 * SQL never needs it: the choice is made once, when the incident is reported, and pinned to its
 * clock (sla_clock.selection and judged_objective_id), which is what reports read.
 */
export function chooseObjective<T extends ConditionalTerm>(among: readonly T[], metric: string, priority: string, facts: IncidentFacts): ObjectiveChoice<T> | undefined {
  const ofMetric = among.filter((o) => o.metric === metric && (o.priority === null || o.priority === priority));
  const candidates = ofMetric.filter((o) => matchesConditions(o.conditions, facts)).sort(precedence);
  const [chosen, runnerUp] = candidates;
  if (!chosen) return undefined;
  const count = conditionCount(chosen.conditions);
  const unmatched = ofMetric.length - candidates.length;
  const whose = chosen.priority === null ? `the ${metric} objective for every priority` : `the ${metric} objective for ${priority}`;
  let reason =
    count > 0
      ? `${whose} with the most specific conditions the incident matches (${count}: ${describe(chosen.conditions!)})`
      : unmatched > 0
        ? `${whose} without conditions: the incident matches none of the ${unmatched} with conditions`
        : `${whose} (no conditions)`;
  if (runnerUp && conditionCount(runnerUp.conditions) === count && (runnerUp.priority === null) === (chosen.priority === null)) {
    reason += `; as specific as another matching objective, it is listed first`;
  } else if (runnerUp && conditionCount(runnerUp.conditions) === count) {
    reason += `; as specific as the priority-less one, its own priority wins`;
  }
  return { objective: chosen, matchedConditions: normalizeConditions(chosen.conditions), reason: `Chosen for ${priority}: ${reason}.` };
}
