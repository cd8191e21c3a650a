import type { ClockIncident, IncidentStatus, Priority, TimelineEvent } from './clock-types';

/** A supporting party held the incident from `from` until `to` (null: it still does). */
export interface Holding {
  from: Date;
  to: Date | null;
}

const DONE: readonly IncidentStatus[] = ['RESOLVED', 'CLOSED'];

/**
 * The incident as a supporting party's clock sees it, for the same clock engine (computeClock):
 * - it starts when the party first got the incident (its first holding), in the status and at the
 *   priority the incident had then;
 * - while the party holds it, everything that happens to the incident applies (pauses, priority
 *   changes, updates, the resolution);
 * - when the incident goes to someone else the party's clock stops there, as a resolution stops a
 *   clock (MET if within its target); nothing of the incident's status, updates or messages reaches
 *   it meanwhile, only priority changes (the target that applies when it comes back);
 * - when the incident comes back, the clock continues with the time it had (as a reopen continues
 *   the resolution clock; an update-interval clock starts a new gap), in the incident's status then.
 * Holdings do not overlap (one holder at a time); they are taken in time order. Events at the
 * instant a holding ends belong to the next holder; at the instant one begins, to this one.
 * Returns null when the party never held the incident.
 */
export function heldIncident(incident: ClockIncident, holdings: readonly Holding[]): ClockIncident | null {
  const held = [...holdings].sort((a, b) => a.from.getTime() - b.from.getTime());
  if (held.length === 0) return null;
  const start = Math.max(held[0].from.getTime(), incident.startedAt.getTime());

  let status: IncidentStatus = 'OPEN';
  let priority: Priority = incident.initialPriority;
  const apply = (e: TimelineEvent) => {
    if (e.status) status = e.status;
    if (e.priority) priority = e.priority;
  };
  const events = incident.timeline.filter((e) => {
    if (e.at.getTime() > start) return true;
    apply(e); // what happened before the party got it: the state it gets it in
    return false;
  });
  const initialPriority = priority;
  const timeline: TimelineEvent[] = [];
  if (status !== 'OPEN') timeline.push({ at: new Date(start), status });

  // Boundaries of holdings after the start: ends (the clock stops) and later starts (it goes on).
  type Mark = { at: number; order: number; event?: TimelineEvent; holds?: boolean };
  const marks: Mark[] = [];
  held.forEach((h, i) => {
    if (i > 0) marks.push({ at: h.from.getTime(), order: 1, holds: true });
    if (h.to !== null) marks.push({ at: Math.max(h.to.getTime(), start), order: 0, holds: false });
  });
  events.forEach((event) => marks.push({ at: event.at.getTime(), order: 2, event }));
  marks.sort((a, b) => a.at - b.at || a.order - b.order);

  let holding = true;
  for (const m of marks) {
    const at = new Date(m.at);
    if (m.event) {
      apply(m.event);
      if (holding) timeline.push(m.event);
      else if (m.event.priority) timeline.push({ at: m.event.at, priority: m.event.priority });
      continue;
    }
    if (m.holds === holding) continue;
    holding = m.holds!;
    // Handed over: stopped as a resolution stops it (unless the incident is done already); back: the incident's status now.
    if (!holding && !DONE.includes(status)) timeline.push({ at, status: 'RESOLVED' });
    if (holding) timeline.push({ at, status });
  }
  return { startedAt: new Date(start), initialPriority, timeline };
}
