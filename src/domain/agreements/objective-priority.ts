/** What the rule looks at: an objective, or a per-breach credit entry, of a metric and maybe a priority. */
export interface PriorityTerm {
  metric: string;
  priority: string | null;
}

/**
 * "An objective applies to this priority", named once here: among the terms of one set (one
 * revision's objectives, the objectives effective for an incident, the per-breach entries of a
 * credit policy), one of a priority applies to that priority; one of no priority applies to every
 * priority that no term of its metric in the set names (and to what has no priority at all).
 */
export function appliesToPriority(term: PriorityTerm, priority: string | null, among: readonly PriorityTerm[]): boolean {
  if (term.priority !== null) return term.priority === priority;
  return priority === null || !among.some((t) => t.metric === term.metric && t.priority === priority);
}

/** The term of `among` for `metric` that applies to `priority`: its own, else the metric's priority-less one. */
export function termForPriority<T extends PriorityTerm>(among: readonly T[], metric: string, priority: string | null): T | undefined {
  return among.find((t) => t.metric === metric && appliesToPriority(t, priority, among));
}
