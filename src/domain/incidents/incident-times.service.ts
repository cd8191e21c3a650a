import { type RequestContext } from '../../context/request-context';
import { IncidentEntity } from '../../db/entities/incident.entity';
import { refreshClocks } from './incident-clocks.service';
import { type TimeCorrectionPlan, type TimelineEvent } from './incident-times';

/** An incident and its timeline, locked for the transaction (the owner's view: callers check access first). */
export async function lockedTimeline(tx: RequestContext, incidentId: string): Promise<{ incident: IncidentEntity; events: TimelineEvent[] } | null> {
  const incident = await tx.em.getRepository(IncidentEntity).createQueryBuilder('i').setLock('pessimistic_write').where('i.id = :id', { id: incidentId }).getOne();
  if (!incident) return null;
  const rows: { id: string; type: string; at: Date | string; from_status: string | null; to_status: string | null }[] = await tx.em.query(
    `SELECT id::text AS id, type, at, from_status, to_status FROM incident_event WHERE incident_id = $1 AND type IN ('REPORTED', 'STATUS_CHANGED') ORDER BY at, id`,
    [incidentId],
  );
  return { incident, events: rows.map((r) => ({ id: r.id, type: r.type, at: new Date(r.at), fromStatus: r.from_status, toStatus: r.to_status })) };
}

/**
 * Moves the recorded times of a locked incident as an EFFECTIVE time correction (`correctionId`)
 * says: the events' times (the database lets only such a correction move them), the incident's
 * start, first response and resolution, and its clocks, recomputed from the corrected timeline.
 */
export async function applyTimeCorrection(tx: RequestContext, incident: IncidentEntity, correctionId: string, plan: TimeCorrectionPlan): Promise<IncidentEntity> {
  if (plan.moves.length === 0) return incident;
  await tx.em.query(`SELECT set_config('app.correction_id', $1, true)`, [correctionId]);
  await tx.em.query(`UPDATE incident_event SET at = m.at FROM unnest($1::bigint[], $2::timestamptz[]) AS m(id, at) WHERE incident_event.id = m.id AND incident_event.incident_id = $3`, [
    plan.moves.map((m) => m.eventId),
    plan.moves.map((m) => m.to.toISOString()),
    incident.id,
  ]);
  await tx.em.query(`SELECT set_config('app.correction_id', '', true)`);
  const [last]: { at: Date | string }[] = await tx.em.query(`SELECT max(at) AS at FROM incident_event WHERE incident_id = $1`, [incident.id]);
  incident.startedAt = new Date(plan.after.startedAt!);
  if (plan.after.acknowledgedAt) incident.acknowledgedAt = new Date(plan.after.acknowledgedAt);
  if (plan.after.resolvedAt && incident.resolvedAt) incident.resolvedAt = new Date(plan.after.resolvedAt);
  incident.lastEventAt = new Date(last.at);
  await tx.em
    .createQueryBuilder()
    .update(IncidentEntity)
    .set({ startedAt: incident.startedAt, acknowledgedAt: incident.acknowledgedAt, resolvedAt: incident.resolvedAt, lastEventAt: incident.lastEventAt })
    .where('id = :id', { id: incident.id })
    .execute();
  await refreshClocks(tx, incident);
  return incident;
}
