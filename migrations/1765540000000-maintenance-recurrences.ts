import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Recurring maintenance of a service: an RFC 5545 recurrence rule, expanded in an IANA time zone.
 * Occurrences are not stored: they are expanded (bounded) for whatever period is asked, so reports
 * for any period see them (src/domain/calendars/recurrence.ts). Tenant-owned like maintenance_window.
 */
export class MaintenanceRecurrences1765540000000 implements MigrationInterface {
  name = 'MaintenanceRecurrences1765540000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE maintenance_recurrence (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id      uuid NOT NULL,
        service_id       uuid NOT NULL,
        calendar_id      uuid,
        title            text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        rule             text NOT NULL CHECK (length(rule) BETWEEN 1 AND 500),
        first_start      text NOT NULL CHECK (first_start ~ '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?$'),
        duration_seconds integer NOT NULL CHECK (duration_seconds > 0 AND duration_seconds <= 604800),
        time_zone        text NOT NULL,
        announced_at     timestamptz(3) NOT NULL,
        announced_by     text NOT NULL,
        ended_at         timestamptz(3),
        ended_by         text,
        created_at       timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (provider_id, id),
        FOREIGN KEY (provider_id, service_id) REFERENCES service (provider_id, id),
        FOREIGN KEY (provider_id, calendar_id) REFERENCES business_calendar (provider_id, id),
        CHECK (ended_at IS NULL OR ended_at >= announced_at)
      );
      CREATE INDEX maintenance_recurrence_service ON maintenance_recurrence (provider_id, service_id, announced_at);
      CREATE INDEX maintenance_recurrence_calendar ON maintenance_recurrence (provider_id, calendar_id) WHERE calendar_id IS NOT NULL;
      CREATE TRIGGER maintenance_recurrence_no_delete BEFORE DELETE ON maintenance_recurrence FOR EACH ROW EXECUTE FUNCTION refuse_delete();

      GRANT SELECT, INSERT, UPDATE, DELETE ON maintenance_recurrence TO sla_app;
      ALTER TABLE maintenance_recurrence ENABLE ROW LEVEL SECURITY;
      CREATE POLICY tenant ON maintenance_recurrence TO sla_app USING (provider_id = app_provider_id()) WITH CHECK (provider_id = app_provider_id());
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE maintenance_recurrence');
  }
}
