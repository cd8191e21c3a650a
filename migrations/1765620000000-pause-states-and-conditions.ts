import { type MigrationInterface, type QueryRunner } from 'typeorm';

const OLD_MEANINGS = ['OPEN', 'ACKNOWLEDGED', 'IN_PROGRESS', 'WAITING_ON_CUSTOMER', 'RESOLVED', 'CLOSED'];
const MEANINGS = [...OLD_MEANINGS, 'WAITING_ON_THIRD_PARTY', 'SCHEDULED', 'RESOLVED_PENDING_CONFIRMATION'];
const list = (values: string[]) => values.map((v) => `'${v}'`).join(',');

/**
 * Pause states and objectives chosen by conditions (issue 15, points 1 and 6).
 * - incident.status keeps what the status means (one of a fixed set, three more than before);
 *   incident.status_key names the provider's own status when it is not the built-in one of that
 *   meaning (incident_status, the provider's catalogue). An incident also records its category
 *   and channel, which objectives' conditions look at.
 * - objective.conditions: the incidents an objective applies to (null: every incident); one
 *   objective per metric, priority and conditions.
 * - sla_clock pins what the clock was planned with: the statuses that pause it (null: the
 *   default, WAITING_ON_CUSTOMER), which objective was chosen for each priority and why, and the
 *   objective its verdict is judged against (compliance counts the clock under it).
 */
export class PauseStatesAndConditions1765620000000 implements MigrationInterface {
  name = 'PauseStatesAndConditions1765620000000';

  async up(q: QueryRunner): Promise<void> {
    await this.replaceStatusCheck(q, MEANINGS);
    await q.query(`
      ALTER TABLE incident
        ADD COLUMN status_key text CHECK (status_key ~ '^[A-Z][A-Z0-9_]{1,49}$'),
        ADD COLUMN category text CHECK (length(category) BETWEEN 1 AND 100),
        ADD COLUMN channel text CHECK (length(channel) BETWEEN 1 AND 100);

      CREATE TABLE incident_status (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id uuid NOT NULL REFERENCES provider (id),
        key         text NOT NULL CHECK (key ~ '^[A-Z][A-Z0-9_]{1,49}$'),
        label       text NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
        meaning     text NOT NULL CHECK (meaning IN (${list(MEANINGS)})),
        position    integer NOT NULL,
        created_at  timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (provider_id, key)
      );
      CREATE TRIGGER incident_status_no_delete BEFORE DELETE ON incident_status FOR EACH ROW EXECUTE FUNCTION refuse_delete();
      GRANT SELECT, INSERT, UPDATE, DELETE ON incident_status TO sla_app;
      ALTER TABLE incident_status ENABLE ROW LEVEL SECURITY;
      CREATE POLICY tenant ON incident_status TO sla_app USING (provider_id = app_provider_id()) WITH CHECK (provider_id = app_provider_id());

      ALTER TABLE objective ADD COLUMN conditions jsonb CHECK (conditions IS NULL OR jsonb_typeof(conditions) = 'object');
      DROP INDEX objective_per_metric;
      CREATE UNIQUE INDEX objective_per_metric ON objective (revision_id, metric, coalesce(priority, '-'), coalesce(conditions, '{}'::jsonb));

      ALTER TABLE sla_clock
        ADD COLUMN pause_statuses text[],
        ADD COLUMN selection jsonb,
        ADD COLUMN judged_objective_id uuid,
        ADD FOREIGN KEY (provider_id, judged_objective_id) REFERENCES objective (provider_id, id);
      CREATE INDEX sla_clock_judged_objective ON sla_clock (provider_id, judged_objective_id) WHERE judged_objective_id IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE sla_clock DROP COLUMN judged_objective_id, DROP COLUMN selection, DROP COLUMN pause_statuses;
      DROP INDEX objective_per_metric;
      ALTER TABLE objective DROP COLUMN conditions;
      CREATE UNIQUE INDEX objective_per_metric ON objective (revision_id, metric, coalesce(priority, '-'));
      DROP TABLE incident_status;
      ALTER TABLE incident DROP COLUMN channel, DROP COLUMN category, DROP COLUMN status_key;
    `);
    await this.replaceStatusCheck(q, OLD_MEANINGS);
  }

  /** incident.status's CHECK has the name PostgreSQL gave it; found by its column, whatever its name. */
  private async replaceStatusCheck(q: QueryRunner, statuses: string[]): Promise<void> {
    await q.query(`
      DO $$
      DECLARE c text;
      BEGIN
        FOR c IN SELECT con.conname FROM pg_constraint con
                 JOIN pg_attribute att ON att.attrelid = con.conrelid AND att.attnum = ANY (con.conkey)
                 WHERE con.conrelid = 'incident'::regclass AND con.contype = 'c' AND att.attname = 'status'
        LOOP
          EXECUTE format('ALTER TABLE incident DROP CONSTRAINT %I', c);
        END LOOP;
      END $$;
      ALTER TABLE incident ADD CONSTRAINT incident_status_check CHECK (status IN (${list(statuses)}));
    `);
  }
}
