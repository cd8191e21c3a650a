import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Sets judged_priority of every clock from its incident's timeline (see the migration below). */
export const BACKFILL_JUDGED_PRIORITY = `
  WITH stops AS (
    SELECT c.incident_id, c.metric,
           CASE WHEN c.metric = 'FIRST_RESPONSE_TIME' THEN (
                  SELECT e.id FROM incident_event e
                  WHERE e.incident_id = c.incident_id AND e.type = 'STATUS_CHANGED' AND e.to_status <> 'OPEN'
                  ORDER BY e.at, e.id LIMIT 1)
                ELSE (
                  SELECT e.id FROM incident_event e
                  WHERE e.incident_id = c.incident_id AND e.type = 'STATUS_CHANGED' AND e.to_status IN ('RESOLVED','CLOSED')
                    AND coalesce(e.from_status, 'OPEN') NOT IN ('RESOLVED','CLOSED')
                  ORDER BY e.at DESC, e.id DESC LIMIT 1)
           END AS stop_id
    FROM sla_clock c WHERE c.state = 'MET'
  )
  UPDATE sla_clock c SET judged_priority = coalesce(
    CASE
      WHEN c.state = 'BREACHED' AND c.breached_at IS NOT NULL THEN (
        SELECT e.priority FROM incident_event e
        WHERE e.incident_id = c.incident_id AND e.type IN ('REPORTED','PRIORITY_CHANGED') AND e.priority IS NOT NULL AND e.at <= c.breached_at
        ORDER BY e.at DESC, e.id DESC LIMIT 1)
      WHEN c.state = 'MET' THEN (
        SELECT e.priority
        FROM stops s JOIN incident_event stop ON stop.id = s.stop_id
        JOIN incident_event e ON e.incident_id = c.incident_id AND e.type IN ('REPORTED','PRIORITY_CHANGED') AND e.priority IS NOT NULL
          AND (e.at, e.id) < (stop.at, stop.id)
        WHERE s.incident_id = c.incident_id AND s.metric = c.metric
        ORDER BY e.at DESC, e.id DESC LIMIT 1)
    END,
    (SELECT i.priority FROM incident i WHERE i.id = c.incident_id))`;

/**
 * Each clock records the priority whose target its verdict was judged against, so that a
 * compliance report counts it under that objective, not under the incident's priority of today:
 * a clock met under P2 stays with P2 when the incident is raised to P1 later; a breach stays with
 * the priority it breached when the incident is lowered afterwards; a clock still running at a
 * change takes the new priority's target. The server writes it on every recomputation; existing
 * clocks are backfilled from the incident's timeline, as the clock engine reads it (events in
 * (at, id) order):
 * - BREACHED: the priority in force at breached_at (a change at that instant is what breached it);
 * - MET, stopped by an event: the priority in force just before that event (a change recorded
 *   after the stop, even at the same instant, no longer moves a stopped clock). The stop is the
 *   first response (first move out of OPEN) for FIRST_RESPONSE_TIME, the last move into
 *   RESOLVED or CLOSED for the others;
 * - otherwise (running, paused, not applicable): the incident's priority.
 */
export class ClockJudgedPriority1765310000000 implements MigrationInterface {
  name = 'ClockJudgedPriority1765310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE sla_clock ADD COLUMN judged_priority text CHECK (judged_priority IN ('P1','P2','P3','P4'));

      ${BACKFILL_JUDGED_PRIORITY};
      ALTER TABLE sla_clock ALTER COLUMN judged_priority SET NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE sla_clock DROP COLUMN judged_priority');
  }
}
