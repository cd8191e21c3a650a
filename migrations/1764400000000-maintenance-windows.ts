import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Maintenance announced for a service: excluded from downtime when announced with the notice the terms require. */
export class MaintenanceWindows1764400000000 implements MigrationInterface {
  name = 'MaintenanceWindows1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE maintenance_window (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id   uuid NOT NULL,
        service_id    uuid NOT NULL,
        title         text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        starts_at     timestamptz(3) NOT NULL,
        ends_at       timestamptz(3) NOT NULL,
        announced_at  timestamptz(3) NOT NULL,
        announced_by  text NOT NULL,
        cancelled_at  timestamptz(3),
        created_at    timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (provider_id, id),
        FOREIGN KEY (provider_id, service_id) REFERENCES service (provider_id, id),
        CHECK (ends_at > starts_at)
      );
      CREATE INDEX maintenance_window_service ON maintenance_window (provider_id, service_id, starts_at);
      CREATE TRIGGER maintenance_window_no_delete BEFORE DELETE ON maintenance_window FOR EACH ROW EXECUTE FUNCTION refuse_delete();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE maintenance_window');
  }
}
