import { type MigrationInterface, type QueryRunner } from 'typeorm';

const APP_ROLE = 'sla_app';
const TRIGGERS = ['CLOCK_WARNING', 'CLOCK_BREACH', 'UNACKNOWLEDGED', 'OBJECTIVE_BREACHED', 'MANUAL'];

/**
 * Burn-rate alert episodes: an objective's error budget burning faster than a pair of the terms'
 * burn-rate alert policy allows, in both its windows, from `started_at` until the burn stops
 * (`resolved_at`). At most one open episode per objective and pair (a unique index), so an
 * episode is raised once however many evaluations, processes or restarts see it burn. An episode
 * never changes but for its resolution, recorded once; nothing is deleted.
 *
 * An escalation may be raised for an episode (trigger BUDGET_BURN, `burn_alert_id`, once per
 * episode): the objective's period index then leaves it out (several episodes may burn one period).
 *
 * Row-level security as for every tenant-owned table: the provider, and for customer users the
 * agreement's customer (an agreement that names none has none: its budgets cover other customers too).
 */
export class BurnAlerts1765650000000 implements MigrationInterface {
  name = 'BurnAlerts1765650000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE burn_alert (
        id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id           uuid NOT NULL,
        agreement_id          uuid NOT NULL,
        customer_id           uuid,
        revision_id           uuid NOT NULL,
        objective_id          uuid NOT NULL,
        pair_key              text NOT NULL,
        budget_percent        numeric NOT NULL CHECK (budget_percent > 0 AND budget_percent <= 100),
        long_window_seconds   integer NOT NULL CHECK (long_window_seconds > 0),
        short_window_seconds  integer NOT NULL CHECK (short_window_seconds > 0),
        threshold             numeric NOT NULL CHECK (threshold > 0),
        period_start          timestamptz(3) NOT NULL,
        period_end            timestamptz(3) NOT NULL,
        started_at            timestamptz(3) NOT NULL,
        long_burn_rate        numeric,
        short_burn_rate       numeric,
        resolved_at           timestamptz(3),
        resolved_short_burn_rate numeric,
        UNIQUE (provider_id, id),
        FOREIGN KEY (provider_id, agreement_id) REFERENCES agreement (provider_id, id),
        FOREIGN KEY (provider_id, customer_id) REFERENCES customer (provider_id, id),
        FOREIGN KEY (provider_id, revision_id) REFERENCES agreement_revision (provider_id, id),
        FOREIGN KEY (provider_id, objective_id) REFERENCES objective (provider_id, id),
        CHECK (short_window_seconds < long_window_seconds),
        CHECK (period_end > period_start),
        CHECK (resolved_at IS NULL OR resolved_at >= started_at)
      );
      -- One open episode per objective and pair: raised once, whoever evaluates.
      CREATE UNIQUE INDEX burn_alert_open ON burn_alert (objective_id, pair_key) WHERE resolved_at IS NULL;
      CREATE INDEX burn_alert_agreement ON burn_alert (provider_id, agreement_id, started_at DESC, id);
      CREATE INDEX burn_alert_objective ON burn_alert (provider_id, objective_id, started_at DESC, id);
      CREATE INDEX burn_alert_customer ON burn_alert (provider_id, customer_id);
      CREATE INDEX burn_alert_revision ON burn_alert (provider_id, revision_id);
      CREATE INDEX burn_alert_unresolved ON burn_alert (agreement_id) WHERE resolved_at IS NULL;
      CREATE TRIGGER burn_alert_no_delete BEFORE DELETE ON burn_alert FOR EACH ROW EXECUTE FUNCTION refuse_delete();

      -- An episode never changes but for its resolution, recorded once.
      CREATE FUNCTION guard_burn_alert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.resolved_at IS NOT NULL OR NEW.resolved_at IS NULL
           OR (to_jsonb(NEW) - 'resolved_at' - 'resolved_short_burn_rate') IS DISTINCT FROM (to_jsonb(OLD) - 'resolved_at' - 'resolved_short_burn_rate') THEN
          RAISE EXCEPTION 'burn alert % can only be resolved, once', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER burn_alert_guard BEFORE UPDATE ON burn_alert FOR EACH ROW EXECUTE FUNCTION guard_burn_alert();

      GRANT SELECT, INSERT, UPDATE, DELETE ON burn_alert TO ${APP_ROLE};
      GRANT EXECUTE ON FUNCTION guard_burn_alert() TO ${APP_ROLE};

      ALTER TABLE burn_alert ENABLE ROW LEVEL SECURITY;
      CREATE POLICY tenant ON burn_alert TO ${APP_ROLE} USING (provider_id = app_provider_id()) WITH CHECK (provider_id = app_provider_id());
      CREATE POLICY customer_scope ON burn_alert AS RESTRICTIVE TO ${APP_ROLE}
        USING (app_customer_id() IS NULL OR customer_id = app_customer_id())
        WITH CHECK (app_customer_id() IS NULL OR customer_id = app_customer_id());
    `);
    await replaceTriggerCheck(q, [...TRIGGERS, 'BUDGET_BURN']);
    // Event types of more than two parts: budget.burn_alert.raised.
    await replaceEventTypeCheck(q, String.raw`^[a-z]+(\.[a-z_]+)+$`);
    await q.query(`
      ALTER TABLE escalation ADD COLUMN burn_alert_id uuid;
      ALTER TABLE escalation ADD CONSTRAINT escalation_burn_alert_fk FOREIGN KEY (provider_id, burn_alert_id) REFERENCES burn_alert (provider_id, id);
      ALTER TABLE escalation ADD CONSTRAINT escalation_burn_alert_check CHECK ((trigger = 'BUDGET_BURN') = (burn_alert_id IS NOT NULL) AND (burn_alert_id IS NULL OR objective_id IS NOT NULL));
      -- One escalation per episode; the objective's period index is for the other triggers.
      CREATE UNIQUE INDEX escalation_burn_alert ON escalation (burn_alert_id) WHERE burn_alert_id IS NOT NULL;
      DROP INDEX escalation_objective_period;
      CREATE UNIQUE INDEX escalation_objective_period ON escalation (objective_id, period_start) WHERE objective_id IS NOT NULL AND burn_alert_id IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX escalation_objective_period;
      CREATE UNIQUE INDEX escalation_objective_period ON escalation (objective_id, period_start) WHERE objective_id IS NOT NULL;
      DROP INDEX escalation_burn_alert;
      ALTER TABLE escalation DROP CONSTRAINT escalation_burn_alert_check;
      ALTER TABLE escalation DROP CONSTRAINT escalation_burn_alert_fk;
      ALTER TABLE escalation DROP COLUMN burn_alert_id;
    `);
    await replaceTriggerCheck(q, TRIGGERS);
    await replaceEventTypeCheck(q, String.raw`^[a-z]+\.[a-z_]+$`);
    await q.query(`DROP TABLE burn_alert; DROP FUNCTION guard_burn_alert();`);
  }
}

/** The trigger column's CHECK has the name PostgreSQL gave it (escalation_trigger_check); found by its column, whatever its name. */
async function replaceTriggerCheck(q: QueryRunner, triggers: string[]): Promise<void> {
  await q.query(`
    DO $$
    DECLARE c text;
    BEGIN
      FOR c IN SELECT con.conname FROM pg_constraint con
               JOIN pg_attribute att ON att.attrelid = con.conrelid AND att.attnum = ANY (con.conkey)
               WHERE con.conrelid = 'escalation'::regclass AND con.contype = 'c' AND att.attname = 'trigger' AND cardinality(con.conkey) = 1
      LOOP
        EXECUTE format('ALTER TABLE escalation DROP CONSTRAINT %I', c);
      END LOOP;
    END $$;
    ALTER TABLE escalation ADD CONSTRAINT escalation_trigger_check CHECK (trigger IN (${triggers.map((t) => `'${t}'`).join(',')}));
  `);
}

/** The CHECK of domain_event.type (the name PostgreSQL gave it), replaced by one with `pattern`. */
async function replaceEventTypeCheck(q: QueryRunner, pattern: string): Promise<void> {
  await q.query(`
    DO $$
    DECLARE c text;
    BEGIN
      FOR c IN SELECT con.conname FROM pg_constraint con
               JOIN pg_attribute att ON att.attrelid = con.conrelid AND att.attnum = ANY (con.conkey)
               WHERE con.conrelid = 'domain_event'::regclass AND con.contype = 'c' AND att.attname = 'type' AND cardinality(con.conkey) = 1
      LOOP
        EXECUTE format('ALTER TABLE domain_event DROP CONSTRAINT %I', c);
      END LOOP;
    END $$;
    ALTER TABLE domain_event ADD CONSTRAINT domain_event_type_check CHECK (type ~ '${pattern}');
  `);
}
