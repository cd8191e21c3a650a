import { type MigrationInterface, type QueryRunner } from 'typeorm';

const APP_ROLE = 'sla_app';

/**
 * Claims (credit claims, disputes): a customer's claim against a statement, one of its violations
 * or an incident, moving through the stages of the dispute procedure its terms set (snapshotted in
 * `procedure` when filed), each with a response deadline. The claim row holds where it stands
 * (stage, status, when the provider's answer is due); only those may change, and the claim is
 * never deleted. Its history (`claim_event`) is append-only: every step, who and when, with what
 * it produced (an adjustment, a correction) or raised (an escalation).
 *
 * Escalations may be raised by a missed claim deadline (trigger CLAIM_DEADLINE_MISSED, naming the
 * claim; at most one open per claim); a correction may name the claim it answers.
 *
 * Row-level security as for every tenant-owned table: the provider, and for customer users the
 * claim's customer (a claim always has one).
 */
export class Claims1765600000000 implements MigrationInterface {
  name = 'Claims1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE claim (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq                bigint GENERATED ALWAYS AS IDENTITY,
        provider_id        uuid NOT NULL,
        agreement_id       uuid NOT NULL,
        customer_id        uuid NOT NULL,
        revision_id        uuid NOT NULL,
        subject_kind       text NOT NULL CHECK (subject_kind IN ('STATEMENT','VIOLATION','INCIDENT')),
        statement_id       uuid,
        violation_id       uuid,
        incident_id        uuid,
        description        text NOT NULL CHECK (length(description) BETWEEN 1 AND 10000),
        requested_outcome  text NOT NULL CHECK (length(requested_outcome) BETWEEN 1 AND 5000),
        requested_credit   numeric(20,4) CHECK (requested_credit > 0),
        currency           text CHECK (currency ~ '^[A-Z]{3}$'),
        attachments        jsonb NOT NULL DEFAULT '[]',
        procedure          jsonb NOT NULL,
        window_ends_at     timestamptz(3),
        stage              int NOT NULL CHECK (stage >= 1),
        status             text NOT NULL CHECK (status IN ('OPEN','ACCEPTED','PARTIALLY_ACCEPTED','REJECTED')),
        response_due_at    timestamptz(3),
        filed_at           timestamptz(3) NOT NULL,
        filed_by           text NOT NULL,
        updated_at         timestamptz(3) NOT NULL,
        UNIQUE (provider_id, id),
        FOREIGN KEY (provider_id, agreement_id) REFERENCES agreement (provider_id, id),
        FOREIGN KEY (provider_id, customer_id) REFERENCES customer (provider_id, id),
        FOREIGN KEY (provider_id, revision_id) REFERENCES agreement_revision (provider_id, id),
        FOREIGN KEY (provider_id, statement_id) REFERENCES statement (provider_id, id),
        FOREIGN KEY (violation_id) REFERENCES statement_violation (id),
        FOREIGN KEY (provider_id, incident_id) REFERENCES incident (provider_id, id),
        CHECK ((subject_kind = 'STATEMENT') <= (statement_id IS NOT NULL AND violation_id IS NULL AND incident_id IS NULL)),
        CHECK ((subject_kind = 'VIOLATION') <= (statement_id IS NOT NULL AND violation_id IS NOT NULL AND incident_id IS NULL)),
        CHECK ((subject_kind = 'INCIDENT') <= (incident_id IS NOT NULL AND violation_id IS NULL)),
        CHECK ((requested_credit IS NULL) OR (currency IS NOT NULL)),
        CHECK ((status = 'OPEN') = (response_due_at IS NOT NULL))
      );
      CREATE INDEX claim_agreement ON claim (provider_id, agreement_id, seq);
      CREATE INDEX claim_statement ON claim (provider_id, statement_id, seq) WHERE statement_id IS NOT NULL;
      CREATE INDEX claim_violation ON claim (violation_id) WHERE violation_id IS NOT NULL;
      CREATE INDEX claim_incident ON claim (provider_id, incident_id) WHERE incident_id IS NOT NULL;
      CREATE INDEX claim_customer ON claim (provider_id, customer_id);
      CREATE INDEX claim_revision ON claim (provider_id, revision_id);
      CREATE INDEX claim_open ON claim (response_due_at) WHERE status = 'OPEN';
      CREATE TRIGGER claim_no_delete BEFORE DELETE ON claim FOR EACH ROW EXECUTE FUNCTION refuse_delete();

      -- What was claimed, against what and under which procedure never changes: only where it stands.
      CREATE FUNCTION guard_claim() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (to_jsonb(NEW) - 'stage' - 'status' - 'response_due_at' - 'updated_at') IS DISTINCT FROM (to_jsonb(OLD) - 'stage' - 'status' - 'response_due_at' - 'updated_at')
           OR NEW.stage < OLD.stage THEN
          RAISE EXCEPTION 'claim % can only move forward', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER claim_guard BEFORE UPDATE ON claim FOR EACH ROW EXECUTE FUNCTION guard_claim();

      CREATE TABLE claim_event (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq             bigint GENERATED ALWAYS AS IDENTITY,
        provider_id     uuid NOT NULL,
        claim_id        uuid NOT NULL,
        customer_id     uuid NOT NULL,
        kind            text NOT NULL CHECK (kind IN ('FILED','ACCEPTED','PARTIALLY_ACCEPTED','REJECTED','ESCALATED','DEADLINE_MISSED')),
        stage           int NOT NULL,
        at              timestamptz(3) NOT NULL,
        actor_kind      text NOT NULL,
        actor_name      text NOT NULL,
        note            text CHECK (length(note) <= 5000),
        response_due_at timestamptz(3),
        credit          numeric(20,4),
        currency        text,
        adjustment_id   uuid,
        correction_id   uuid,
        escalation_id   uuid,
        FOREIGN KEY (provider_id, claim_id) REFERENCES claim (provider_id, id),
        FOREIGN KEY (adjustment_id) REFERENCES statement_adjustment (id),
        FOREIGN KEY (provider_id, correction_id) REFERENCES correction (provider_id, id),
        FOREIGN KEY (escalation_id) REFERENCES escalation (id)
      );
      CREATE INDEX claim_event_claim ON claim_event (claim_id, seq);
      -- A stage's deadline is missed once, however often its job runs.
      CREATE UNIQUE INDEX claim_event_deadline_missed ON claim_event (claim_id, stage) WHERE kind = 'DEADLINE_MISSED';
      CREATE INDEX claim_event_adjustment ON claim_event (adjustment_id) WHERE adjustment_id IS NOT NULL;
      CREATE INDEX claim_event_correction ON claim_event (provider_id, correction_id) WHERE correction_id IS NOT NULL;
      CREATE INDEX claim_event_escalation ON claim_event (escalation_id) WHERE escalation_id IS NOT NULL;
      CREATE TRIGGER claim_event_append_only BEFORE UPDATE OR DELETE ON claim_event FOR EACH ROW EXECUTE FUNCTION refuse_change();

      -- A missed claim deadline raises the agreement's escalation policy, once per claim while that escalation is open.
      ALTER TABLE escalation ADD COLUMN claim_id uuid;
      ALTER TABLE escalation ADD FOREIGN KEY (provider_id, claim_id) REFERENCES claim (provider_id, id);
      ALTER TABLE escalation DROP CONSTRAINT IF EXISTS escalation_trigger_check;
      ALTER TABLE escalation ADD CONSTRAINT escalation_trigger_check CHECK (trigger IN ('CLOCK_WARNING','CLOCK_BREACH','UNACKNOWLEDGED','OBJECTIVE_BREACHED','MANUAL','CLAIM_DEADLINE_MISSED'));
      -- An escalation concerns an incident, an objective's period or (now) a claim: exactly one of them.
      ALTER TABLE escalation DROP CONSTRAINT escalation_check;
      ALTER TABLE escalation ADD CONSTRAINT escalation_check CHECK (num_nonnulls(incident_id, objective_id, claim_id) = 1);
      ALTER TABLE escalation ADD CONSTRAINT escalation_claim_trigger CHECK ((trigger = 'CLAIM_DEADLINE_MISSED') <= (claim_id IS NOT NULL));
      CREATE UNIQUE INDEX escalation_claim_open ON escalation (claim_id) WHERE claim_id IS NOT NULL AND status IN ('OPEN','ACKNOWLEDGED');
      CREATE INDEX escalation_claim ON escalation (provider_id, claim_id) WHERE claim_id IS NOT NULL;

      -- A correction may answer a claim (accepted with an exclusion or corrected times).
      ALTER TABLE correction ADD COLUMN claim_id uuid;
      ALTER TABLE correction ADD FOREIGN KEY (provider_id, claim_id) REFERENCES claim (provider_id, id);
      CREATE INDEX correction_claim ON correction (provider_id, claim_id) WHERE claim_id IS NOT NULL;

      GRANT SELECT, INSERT, UPDATE, DELETE ON claim, claim_event TO ${APP_ROLE};
      GRANT EXECUTE ON FUNCTION guard_claim() TO ${APP_ROLE};
    `);
    for (const table of ['claim', 'claim_event']) {
      await q.query(`
        ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
        CREATE POLICY tenant ON ${table} TO ${APP_ROLE} USING (provider_id = app_provider_id()) WITH CHECK (provider_id = app_provider_id());
        CREATE POLICY customer_scope ON ${table} AS RESTRICTIVE TO ${APP_ROLE}
          USING (app_customer_id() IS NULL OR customer_id = app_customer_id())
          WITH CHECK (app_customer_id() IS NULL OR customer_id = app_customer_id());
      `);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX correction_claim;
      ALTER TABLE correction DROP COLUMN claim_id;
      DROP INDEX escalation_claim;
      DROP INDEX escalation_claim_open;
      ALTER TABLE escalation DROP CONSTRAINT escalation_claim_trigger;
      ALTER TABLE escalation DROP CONSTRAINT escalation_trigger_check;
      ALTER TABLE escalation ADD CONSTRAINT escalation_trigger_check CHECK (trigger IN ('CLOCK_WARNING','CLOCK_BREACH','UNACKNOWLEDGED','OBJECTIVE_BREACHED','MANUAL'));
      ALTER TABLE escalation DROP CONSTRAINT escalation_check;
      ALTER TABLE escalation ADD CONSTRAINT escalation_check CHECK ((incident_id IS NULL) <> (objective_id IS NULL));
      ALTER TABLE escalation DROP COLUMN claim_id;
      DROP TABLE claim_event;
      DROP TABLE claim;
      DROP FUNCTION guard_claim();
    `);
  }
}
