import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Incidents by the end of their last resolution (open ones: infinity): a report over a window
 * reads only the incidents still open at its start, not every incident that ever started before
 * its end. Every active span of an incident lies between its start and its last resolution.
 */
export class IncidentOpenUntil1765000000000 implements MigrationInterface {
  name = 'IncidentOpenUntil1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX incident_open_until ON incident (provider_id, (coalesce(resolved_at, 'infinity'::timestamptz)), started_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX incident_open_until');
  }
}
