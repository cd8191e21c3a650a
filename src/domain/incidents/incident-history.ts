import { In } from 'typeorm';
import { type FieldPath, UserError } from '../../common/errors';
import { BusinessCalendarEntity } from '../../db/entities/business-calendar.entity';
import { IncidentEventEntity } from '../../db/entities/incident-event.entity';
import { IncidentEntity, type IncidentImpact, type IncidentStatus } from '../../db/entities/incident.entity';
import { SlaClockEntity } from '../../db/entities/sla-clock.entity';
import { randomUUID } from 'node:crypto';
import { type RequestContext } from '../../context/request-context';
import { revisionsInForceFor } from '../agreements/effective-objectives.service';
import { objectivesOfRevisions } from '../agreements/revision-store';
import { clockPlans, clocksAt, clockTimeline, timeObjectivesInForce } from './clock-plan';
import { clockEventRecord, readPlanBasis } from './incident-clocks.service';
import { reportProblems } from './incident.service';
import { nextStatus } from './incident-lifecycle';

/** An incident of the past as another tool recorded it: its start, first response, waits on the customer, priority changes, resolution and closing. */
export interface PastIncident {
  customerId: string;
  serviceId: string;
  /** The priority it was reported with (priorityChanges move it later). */
  priority: string;
  impact: IncidentImpact;
  title: string;
  description?: string | null;
  startedAt: Date;
  acknowledgedAt?: Date | null;
  resolvedAt?: Date | null;
  closedAt?: Date | null;
  waitingOnCustomer?: { from: Date; to: Date }[] | null;
  priorityChanges?: { at: Date; priority: string }[] | null;
  externalId: string;
}

interface Step {
  type: 'REPORTED' | 'STATUS_CHANGED' | 'PRIORITY_CHANGED';
  at: Date;
  fromStatus: IncidentStatus | null;
  toStatus: IncidentStatus | null;
  priority: string | null;
}

/**
 * The timeline of a past incident, as the lifecycle (incident-lifecycle.ts) allows it, or every
 * problem of its times (fields relative to the incident): nothing in the future, first response
 * after the start, waits on the customer after the first response and before the resolution,
 * one after the other, priority changes while it was open, closing after resolution.
 */
export function pastTimeline(i: PastIncident, now: Date): { steps: Step[]; problems: UserError[]; status: IncidentStatus; priority: string } {
  const problems: UserError[] = [...reportProblems(i, now)];
  const fail = (field: FieldPath, message: string) => problems.push(new UserError('INVALID_INPUT', message, field));
  const notFuture = (at: Date | null | undefined, field: FieldPath) => {
    if (at && at > now) fail(field, `${String(field[field.length - 1])} cannot be in the future.`);
  };
  notFuture(i.acknowledgedAt, ['acknowledgedAt']);
  notFuture(i.resolvedAt, ['resolvedAt']);
  notFuture(i.closedAt, ['closedAt']);
  if (i.acknowledgedAt && i.acknowledgedAt < i.startedAt) fail(['acknowledgedAt'], 'acknowledgedAt cannot be before startedAt.');
  if (i.resolvedAt && i.resolvedAt < (i.acknowledgedAt ?? i.startedAt)) fail(['resolvedAt'], 'resolvedAt cannot be before the first response (acknowledgedAt) or the start.');
  if (i.closedAt && !i.resolvedAt) fail(['closedAt'], 'A closed incident was resolved first: give resolvedAt.');
  if (i.closedAt && i.resolvedAt && i.closedAt < i.resolvedAt) fail(['closedAt'], 'closedAt cannot be before resolvedAt.');
  const waits = i.waitingOnCustomer ?? [];
  const firstResponse = i.acknowledgedAt ?? i.startedAt;
  const end = i.resolvedAt ?? now;
  waits.forEach((w, k) => {
    if (w.to <= w.from) fail(['waitingOnCustomer', k, 'to'], 'A wait ends after it starts.');
    if (w.from < firstResponse) fail(['waitingOnCustomer', k, 'from'], 'A wait on the customer starts at or after the first response (acknowledgedAt).');
    if (w.to > end) fail(['waitingOnCustomer', k, 'to'], 'A wait on the customer ends by the resolution (or now, for an open incident).');
    if (k > 0 && w.from < waits[k - 1].to) fail(['waitingOnCustomer', k, 'from'], 'Waits on the customer come one after the other, in order.');
  });
  (i.priorityChanges ?? []).forEach((c, k) => {
    if (c.at < i.startedAt || c.at > end) fail(['priorityChanges', k, 'at'], 'A priority change happens while the incident is open.');
    if (k > 0 && c.at < i.priorityChanges![k - 1].at) fail(['priorityChanges', k, 'at'], 'Priority changes come in time order.');
  });
  const steps: Step[] = [{ type: 'REPORTED', at: i.startedAt, fromStatus: null, toStatus: 'OPEN', priority: i.priority }];
  let status: IncidentStatus = 'OPEN';
  let priority = i.priority;
  if (problems.length > 0) return { steps, problems, status, priority };
  const moves: { at: Date; to?: IncidentStatus; priority?: string; order: number }[] = [];
  if (i.acknowledgedAt) moves.push({ at: i.acknowledgedAt, to: 'ACKNOWLEDGED', order: 0 });
  waits.forEach((w) => moves.push({ at: w.from, to: 'WAITING_ON_CUSTOMER', order: 1 }, { at: w.to, to: 'IN_PROGRESS', order: 1 }));
  (i.priorityChanges ?? []).forEach((c) => moves.push({ at: c.at, priority: c.priority, order: 2 }));
  if (i.resolvedAt) moves.push({ at: i.resolvedAt, to: 'RESOLVED', order: 3 });
  if (i.closedAt) moves.push({ at: i.closedAt, to: 'CLOSED', order: 4 });
  moves.sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order);
  for (const m of moves) {
    if (m.priority) {
      if (m.priority !== priority) steps.push({ type: 'PRIORITY_CHANGED', at: m.at, fromStatus: null, toStatus: null, priority: m.priority });
      priority = m.priority;
      continue;
    }
    // A wait ending at the resolution: the resolution is the move.
    if (m.to === 'IN_PROGRESS' && i.resolvedAt && m.at.getTime() === i.resolvedAt.getTime()) continue;
    const to = nextStatus(status, m.to!);
    steps.push({ type: 'STATUS_CHANGED', at: m.at, fromStatus: status, toStatus: to, priority: null });
    status = to;
  }
  return { steps, problems, status, priority };
}

/**
 * Writes a past incident, pinned to the revision in force for its customer and service when it
 * started (as a report is), with its timeline and its clocks judged now from that timeline (the
 * business calendars and targets of that revision). Warnings and breaches already past are
 * recorded on the timeline as they happened, but announce nothing: no webhook, no escalation,
 * nobody paged for what ended long ago. An incident still open keeps running live from here.
 * `reporter` names the origin (kind IMPORT). The caller holds the transaction, and tells settlement
 * that past data changed (tellPastDataChanged; the import does so once per file, not per incident).
 */
export async function writePastIncident(
  tx: RequestContext,
  providerId: string,
  input: PastIncident,
  reporter: { id: string; name: string },
): Promise<IncidentEntity> {
  const now = tx.now;
  const { steps, status, priority } = pastTimeline(input, now);
  const sources = await revisionsInForceFor(tx, providerId, input.customerId, input.serviceId, input.startedAt);
  const [pinned] = sources;
  const incidentRepo = tx.em.getRepository(IncidentEntity);
  const incident = incidentRepo.create({
    id: randomUUID(),
    providerId,
    customerId: input.customerId,
    serviceId: input.serviceId,
    agreementId: pinned?.agreement_id ?? null,
    revisionId: pinned?.revision_id ?? null,
    priority,
    impact: input.impact,
    status,
    title: input.title.trim(),
    description: input.description?.trim() ?? '',
    startedAt: input.startedAt,
    acknowledgedAt: steps.find((s) => s.fromStatus === 'OPEN')?.at ?? null,
    resolvedAt: input.resolvedAt ?? null,
    closedAt: input.closedAt ?? null,
    lastEventAt: steps[steps.length - 1].at,
    externalId: input.externalId,
    reporterKind: 'IMPORT',
    reporterId: reporter.id,
    reporterName: reporter.name,
    statusKey: null,
    category: null,
    channel: null,
  });
  await incidentRepo.insert(incident);
  const actor = { actorKind: 'IMPORT', actorId: reporter.id, actorName: reporter.name };
  const eventRepo = tx.em.getRepository(IncidentEventEntity);
  const events = steps.map((s, n) =>
    eventRepo.create({
      id: String(n),
      providerId,
      incidentId: incident.id,
      type: s.type,
      at: s.at,
      fromStatus: s.fromStatus,
      toStatus: s.toStatus,
      priority: s.priority,
      impact: s.type === 'REPORTED' ? input.impact : null,
      note: null,
      ...actor,
      data: { imported: true },
    }),
  );
  const objectives = pinned ? timeObjectivesInForce(sources, await objectivesOfRevisions(tx, sources.map((s) => s.revision_id))) : [];
  const calendarIds = [...new Set(objectives.map((o) => o.calendarId).filter((id): id is string => id !== null))];
  const calendars = new Map(
    (calendarIds.length ? await tx.em.getRepository(BusinessCalendarEntity).findBy({ id: In(calendarIds) }) : []).map((c) => [c.id, c]),
  );
  const timeline = clockTimeline(events);
  const { rows, due } = clocksAt(incident, clockPlans(objectives, calendars, timeline.initialPriority, await readPlanBasis(tx, incident)), timeline, new Map(), now);
  const records = [
    ...events.map(({ id: _id, ...e }) => e),
    ...due.map((d) => ({ providerId, incidentId: incident.id, ...clockEventRecord(null, d), ...actor, data: { ...clockEventRecord(null, d).data, imported: true } })),
  ];
  await eventRepo.insert(records as Partial<IncidentEventEntity>[] as never);
  if (rows.length > 0) await tx.em.getRepository(SlaClockEntity).insert(rows.map((c) => ({ ...c, incidentId: incident.id, providerId })));
  return incident;
}
