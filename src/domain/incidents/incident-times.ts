import { type FieldPath, UserError, UserErrors } from '../../common/errors';

/**
 * Correcting an incident's recorded times (pure): when it started (its REPORTED event), when it was
 * first responded to (its first move out of OPEN) and when it was resolved (its last move to
 * RESOLVED, while it is resolved). The timeline keeps its order: a corrected time lies between the
 * events before and after it, never in the future.
 */

export interface IncidentTimes {
  startedAt: string | null;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
}

export type TimeField = keyof IncidentTimes;

export interface TimelineEvent {
  id: string;
  type: string;
  at: Date;
  fromStatus: string | null;
  toStatus: string | null;
}

export interface TimeCorrectionPlan {
  before: IncidentTimes;
  after: IncidentTimes;
  /** The events whose time moves, in timeline order. */
  moves: { eventId: string; field: TimeField; from: Date; to: Date }[];
}

const order = (a: TimelineEvent, b: TimelineEvent) => a.at.getTime() - b.at.getTime() || Number(a.id) - Number(b.id);

/** The event that records each time, if the incident has one. */
export function timeEvents(events: readonly TimelineEvent[], resolved: boolean): Record<TimeField, TimelineEvent | null> {
  const timeline = [...events].sort(order);
  const lifecycle = timeline.filter((e) => e.type === 'STATUS_CHANGED');
  return {
    startedAt: timeline.find((e) => e.type === 'REPORTED') ?? null,
    acknowledgedAt: lifecycle.find((e) => e.fromStatus === 'OPEN') ?? null,
    resolvedAt: resolved ? ([...lifecycle].reverse().find((e) => e.toStatus === 'RESOLVED') ?? null) : null,
  };
}

/**
 * The plan of a correction of `times` (fields not given keep their time), or every problem, each
 * naming its field under `at`: a time the incident never recorded (never acknowledged, not
 * resolved), a time in the future, one out of the timeline's order, or nothing that changes.
 */
export function planTimeCorrection(events: readonly TimelineEvent[], resolved: boolean, times: Partial<Record<TimeField, Date | null>>, now: Date, at: FieldPath = []): TimeCorrectionPlan {
  const timeline = [...events].sort(order);
  const recorded = timeEvents(timeline, resolved);
  const errors: UserError[] = [];
  const fields: TimeField[] = ['startedAt', 'acknowledgedAt', 'resolvedAt'];
  const next = new Map<string, Date>();
  for (const field of fields) {
    const to = times[field];
    if (to == null) continue;
    const event = recorded[field];
    if (!event) {
      errors.push(new UserError('INVALID_INPUT', field === 'acknowledgedAt' ? 'The incident was never responded to: there is no first response to correct.' : field === 'resolvedAt' ? 'The incident is not resolved: there is no resolution to correct.' : 'The incident has no start to correct.', [...at, field]));
      continue;
    }
    if (to.getTime() > now.getTime()) errors.push(new UserError('INVALID_INPUT', `${field} cannot be in the future.`, [...at, field]));
    else next.set(event.id, to);
  }
  if (errors.length === 0 && next.size === 0) errors.push(new UserError('INVALID_INPUT', 'Give at least one time that differs from the recorded one.', [...at, 'startedAt']));
  if (errors.length === 0) {
    // The corrected timeline keeps its order (each moved event between its neighbours, as corrected).
    const atOf = (e: TimelineEvent) => next.get(e.id) ?? e.at;
    for (let i = 0; i < timeline.length; i++) {
      const e = timeline[i];
      if (!next.has(e.id)) continue;
      const field = fields.find((f) => recorded[f]?.id === e.id)!;
      const prev = timeline[i - 1];
      const after = timeline[i + 1];
      if ((prev && atOf(prev) > atOf(e)) || (after && atOf(after) < atOf(e))) {
        errors.push(
          new UserError(
            'INVALID_INPUT',
            `${field} must lie between the events before and after it (${prev ? atOf(prev).toISOString() : 'the start'} and ${after ? atOf(after).toISOString() : 'now'}).`,
            [...at, field],
          ),
        );
      }
    }
    if (![...next.entries()].some(([id, to]) => timeline.find((e) => e.id === id)!.at.getTime() !== to.getTime())) {
      errors.push(new UserError('INVALID_INPUT', 'Give at least one time that differs from the recorded one.', [...at, fields.find((f) => times[f] != null)!]));
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new UserErrors(errors);
  const iso = (d: Date | undefined) => d?.toISOString() ?? null;
  const before: IncidentTimes = { startedAt: iso(recorded.startedAt?.at), acknowledgedAt: iso(recorded.acknowledgedAt?.at), resolvedAt: iso(recorded.resolvedAt?.at) };
  const afterTimes: IncidentTimes = {
    startedAt: iso(recorded.startedAt ? (next.get(recorded.startedAt.id) ?? recorded.startedAt.at) : undefined),
    acknowledgedAt: iso(recorded.acknowledgedAt ? (next.get(recorded.acknowledgedAt.id) ?? recorded.acknowledgedAt.at) : undefined),
    resolvedAt: iso(recorded.resolvedAt ? (next.get(recorded.resolvedAt.id) ?? recorded.resolvedAt.at) : undefined),
  };
  const moves = fields.flatMap((field) => {
    const e = recorded[field];
    const to = e && next.get(e.id);
    return e && to && to.getTime() !== e.at.getTime() ? [{ eventId: e.id, field, from: e.at, to }] : [];
  });
  return { before, after: afterTimes, moves };
}
