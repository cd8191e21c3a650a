import { type MigrationInterface, type QueryRunner } from 'typeorm';

const APP_ROLE = 'sla_app';

/**
 * Corrections with a reason: an incident or a time window excluded from one objective (metric,
 * and priority for time objectives) or from all of an agreement's, or an incident's recorded
 * times corrected, each with a reason the terms allow and a note. A correction never changes
 * but for its decision, once (PENDING_APPROVAL -> EFFECTIVE or REJECTED, by the customer), and is
 * never deleted: the table is the history of corrections, who and why.
 *
 * An incident's timeline stays append-only, with one exception the database checks: the time of
 * an event may move when the transaction names (app.correction_id) an EFFECTIVE time correction
 * of that very incident.
 */
export class Corrections1765510000001 implements MigrationInterface {
  name = 'Corrections1765510000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE correction (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq             bigint GENERATED ALWAYS AS IDENTITY,
        provider_id     uuid NOT NULL,
        agreement_id    uuid NOT NULL,
        customer_id     uuid,
        kind            text NOT NULL CHECK (kind IN ('EXCLUDE_INCIDENT','EXCLUDE_WINDOW','INCIDENT_TIMES')),
        metric          text,
        priority        text,
        objective_id    uuid,
        incident_id     uuid,
        window_start    timestamptz(3),
        window_end      timestamptz(3),
        times           jsonb,
        reason          text NOT NULL CHECK (reason IN ('MAINTENANCE','CUSTOMER_CAUSED','THIRD_PARTY','FORCE_MAJEURE')),
        note            text NOT NULL CHECK (length(note) BETWEEN 1 AND 5000),
        status          text NOT NULL CHECK (status IN ('PENDING_APPROVAL','EFFECTIVE','REJECTED')),
        recorded_by     text NOT NULL,
        recorded_at     timestamptz(3) NOT NULL,
        decided_by      text,
        decided_at      timestamptz(3),
        decision_note   text CHECK (length(decision_note) <= 5000),
        UNIQUE (provider_id, id),
        FOREIGN KEY (provider_id, agreement_id) REFERENCES agreement (provider_id, id),
        FOREIGN KEY (provider_id, customer_id) REFERENCES customer (provider_id, id),
        FOREIGN KEY (provider_id, objective_id) REFERENCES objective (provider_id, id),
        FOREIGN KEY (provider_id, incident_id) REFERENCES incident (provider_id, id),
        CHECK ((kind = 'EXCLUDE_WINDOW') = (window_start IS NOT NULL AND window_end IS NOT NULL)),
        CHECK (window_end IS NULL OR window_end > window_start),
        CHECK ((kind IN ('EXCLUDE_INCIDENT','INCIDENT_TIMES')) = (incident_id IS NOT NULL)),
        CHECK ((kind = 'INCIDENT_TIMES') = (times IS NOT NULL)),
        CHECK (kind <> 'INCIDENT_TIMES' OR metric IS NULL),
        CHECK (priority IS NULL OR metric IS NOT NULL),
        CHECK ((status = 'PENDING_APPROVAL') = (decided_at IS NULL AND decided_by IS NULL))
      );
      CREATE INDEX correction_agreement ON correction (provider_id, agreement_id, seq);
      CREATE INDEX correction_effective ON correction (agreement_id, kind) WHERE status = 'EFFECTIVE';
      CREATE INDEX correction_incident ON correction (provider_id, incident_id) WHERE incident_id IS NOT NULL;
      CREATE INDEX correction_customer ON correction (provider_id, customer_id);
      CREATE INDEX correction_objective ON correction (provider_id, objective_id) WHERE objective_id IS NOT NULL;
      CREATE TRIGGER correction_no_delete BEFORE DELETE ON correction FOR EACH ROW EXECUTE FUNCTION refuse_delete();

      -- A correction is history: only its decision is recorded, once.
      CREATE FUNCTION guard_correction() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status <> 'PENDING_APPROVAL' OR NEW.status = 'PENDING_APPROVAL'
           OR (to_jsonb(NEW) - 'status' - 'decided_by' - 'decided_at' - 'decision_note') IS DISTINCT FROM (to_jsonb(OLD) - 'status' - 'decided_by' - 'decided_at' - 'decision_note') THEN
          RAISE EXCEPTION 'correction % can no longer change', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER correction_guard BEFORE UPDATE ON correction FOR EACH ROW EXECUTE FUNCTION guard_correction();

      -- The timeline is append-only; an EFFECTIVE time correction of the incident, named by the transaction, may move an event's time (and only that).
      CREATE FUNCTION guard_incident_event() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE'
           AND (to_jsonb(NEW) - 'at') = (to_jsonb(OLD) - 'at')
           AND EXISTS (SELECT 1 FROM correction c
                       WHERE c.id = NULLIF(current_setting('app.correction_id', true), '')::uuid
                         AND c.kind = 'INCIDENT_TIMES' AND c.status = 'EFFECTIVE' AND c.incident_id = OLD.incident_id) THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION '% is append-only: rows are never updated or deleted', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
      END $$;
      DROP TRIGGER incident_event_append_only ON incident_event;
      CREATE TRIGGER incident_event_append_only BEFORE UPDATE OR DELETE ON incident_event FOR EACH ROW EXECUTE FUNCTION guard_incident_event();

      GRANT SELECT, INSERT, UPDATE, DELETE ON correction TO ${APP_ROLE};
      GRANT EXECUTE ON FUNCTION guard_correction(), guard_incident_event() TO ${APP_ROLE};
      ALTER TABLE correction ENABLE ROW LEVEL SECURITY;
      CREATE POLICY tenant ON correction TO ${APP_ROLE} USING (provider_id = app_provider_id()) WITH CHECK (provider_id = app_provider_id());
      CREATE POLICY customer_scope ON correction AS RESTRICTIVE TO ${APP_ROLE}
        USING (app_customer_id() IS NULL OR customer_id = app_customer_id())
        WITH CHECK (app_customer_id() IS NULL OR customer_id = app_customer_id());
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER incident_event_append_only ON incident_event;
      CREATE TRIGGER incident_event_append_only BEFORE UPDATE OR DELETE ON incident_event FOR EACH ROW EXECUTE FUNCTION refuse_change();
      DROP FUNCTION guard_incident_event();
      DROP TABLE correction;
      DROP FUNCTION guard_correction();
    `);
  }
}
