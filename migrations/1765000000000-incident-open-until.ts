import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Incidents by the end of their last resolution (open ones: infinity): a report over a window
 * reads only the incidents still open at its start, not every incident that ever started before
 * its end. Every active span of an incident lies between its start and its last resolution.
 * And the impact changes, so that incidents that never had an impact are skipped cheaply.
 */
export class IncidentOpenUntil1765000000000 implements MigrationInterface {
  name = 'IncidentOpenUntil1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX incident_open_until ON incident (provider_id, (coalesce(resolved_at, 'infinity'::timestamptz)), started_at);
      -- The few incidents whose impact changed: the others had the impact they were reported with all along.
      CREATE INDEX incident_event_impact_changed ON incident_event (incident_id) WHERE type = 'IMPACT_CHANGED';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX incident_event_impact_changed; DROP INDEX incident_open_until');
  }
}
