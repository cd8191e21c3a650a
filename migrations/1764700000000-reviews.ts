import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Review cycles: one row per review of an agreement (its period, due date, status, the
 * performance snapshot frozen when it starts, the decision), and the participants, findings
 * and action items recorded for it. Scheduled reviews are unique per agreement, cadence and
 * period start, so planning the same review twice creates one. A started review's snapshot and
 * a finished review never change again (triggers); nothing is deleted.
 */
export class Reviews1764700000000 implements MigrationInterface {
  name = 'Reviews1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE review (
        id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id            uuid NOT NULL,
        agreement_id           uuid NOT NULL,
        customer_id            uuid,
        kind                   text NOT NULL CHECK (kind IN ('MONTHLY','QUARTERLY','ANNUAL','AD_HOC')),
        title                  text NOT NULL DEFAULT '' CHECK (length(title) <= 300),
        period_start           timestamptz(3) NOT NULL,
        period_end             timestamptz(3) NOT NULL,
        due_at                 timestamptz(3) NOT NULL,
        status                 text NOT NULL DEFAULT 'SCHEDULED' CHECK (status IN ('SCHEDULED','IN_PROGRESS','COMPLETED','CANCELLED')),
        started_at             timestamptz(3),
        started_by             text,
        completed_at           timestamptz(3),
        completed_by           text,
        cancelled_at           timestamptz(3),
        cancelled_by           text,
        cancel_reason          text CHECK (length(cancel_reason) <= 2000),
        snapshot               jsonb,
        decision               text CHECK (decision IN ('CONTINUE','AMEND','RENEGOTIATE','TERMINATE')),
        decision_notes         text CHECK (length(decision_notes) <= 20000),
        amendment_revision_id  uuid,
        due_raised_at          timestamptz(3),
        overdue_raised_at      timestamptz(3),
        created_by             text NOT NULL,
        version                integer NOT NULL DEFAULT 1,
        created_at             timestamptz(3) NOT NULL DEFAULT now(),
        updated_at             timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (provider_id, id),
        FOREIGN KEY (provider_id, agreement_id) REFERENCES agreement (provider_id, id),
        FOREIGN KEY (provider_id, customer_id) REFERENCES customer (provider_id, id),
        FOREIGN KEY (provider_id, amendment_revision_id) REFERENCES agreement_revision (provider_id, id),
        CHECK (period_end > period_start),
        CHECK (due_at >= period_end),
        CHECK (status IN ('SCHEDULED','CANCELLED') OR (started_at IS NOT NULL AND snapshot IS NOT NULL)),
        CHECK ((status = 'COMPLETED') = (decision IS NOT NULL AND completed_at IS NOT NULL)),
        CHECK ((status = 'CANCELLED') = (cancelled_at IS NOT NULL)),
        CHECK (amendment_revision_id IS NULL OR decision = 'AMEND')
      );
      -- Planning is idempotent: one review per agreement, cadence and period (ad hoc reviews are free).
      CREATE UNIQUE INDEX review_period ON review (agreement_id, kind, period_start) WHERE kind <> 'AD_HOC';
      CREATE INDEX review_list ON review (provider_id, due_at, id);
      CREATE INDEX review_agreement ON review (provider_id, agreement_id, due_at);
      CREATE INDEX review_customer ON review (provider_id, customer_id);
      CREATE INDEX review_amendment ON review (provider_id, amendment_revision_id) WHERE amendment_revision_id IS NOT NULL;
      CREATE TRIGGER review_touch BEFORE UPDATE ON review FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
      CREATE TRIGGER review_no_delete BEFORE DELETE ON review FOR EACH ROW EXECUTE FUNCTION refuse_delete();

      -- What a review looked at never changes once it started, and a finished review is history.
      CREATE FUNCTION guard_review() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status IN ('COMPLETED','CANCELLED') AND (NEW.status, NEW.decision, NEW.decision_notes, NEW.snapshot, NEW.amendment_revision_id)
             IS DISTINCT FROM (OLD.status, OLD.decision, OLD.decision_notes, OLD.snapshot, OLD.amendment_revision_id) THEN
          RAISE EXCEPTION 'review % is % and can no longer change', OLD.id, OLD.status USING ERRCODE = 'check_violation';
        END IF;
        IF OLD.snapshot IS NOT NULL AND NEW.snapshot IS DISTINCT FROM OLD.snapshot THEN
          RAISE EXCEPTION 'the snapshot of review % is frozen', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        IF (NEW.agreement_id, NEW.kind, NEW.period_start, NEW.period_end, NEW.provider_id) IS DISTINCT FROM (OLD.agreement_id, OLD.kind, OLD.period_start, OLD.period_end, OLD.provider_id) THEN
          RAISE EXCEPTION 'the agreement and period of review % never change', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER review_guard BEFORE UPDATE ON review FOR EACH ROW EXECUTE FUNCTION guard_review();

      CREATE TABLE review_participant (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq          bigint GENERATED ALWAYS AS IDENTITY,
        provider_id  uuid NOT NULL,
        review_id    uuid NOT NULL,
        name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        email        text CHECK (length(email) <= 320),
        party        text NOT NULL CHECK (party IN ('PROVIDER','CUSTOMER')),
        role         text NOT NULL DEFAULT '' CHECK (length(role) <= 200),
        added_by     text NOT NULL,
        added_at     timestamptz(3) NOT NULL,
        FOREIGN KEY (provider_id, review_id) REFERENCES review (provider_id, id)
      );
      CREATE UNIQUE INDEX review_participant_once ON review_participant (review_id, lower(name), party);
      CREATE INDEX review_participant_review ON review_participant (review_id, seq);
      CREATE TRIGGER review_participant_append_only BEFORE UPDATE OR DELETE ON review_participant FOR EACH ROW EXECUTE FUNCTION refuse_change();

      CREATE TABLE review_finding (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq           bigint GENERATED ALWAYS AS IDENTITY,
        provider_id   uuid NOT NULL,
        review_id     uuid NOT NULL,
        objective_id  uuid,
        severity      text NOT NULL CHECK (severity IN ('INFO','MINOR','MAJOR')),
        text          text NOT NULL CHECK (length(text) BETWEEN 1 AND 5000),
        recorded_by   text NOT NULL,
        recorded_at   timestamptz(3) NOT NULL,
        FOREIGN KEY (provider_id, review_id) REFERENCES review (provider_id, id),
        FOREIGN KEY (provider_id, objective_id) REFERENCES objective (provider_id, id)
      );
      CREATE INDEX review_finding_review ON review_finding (review_id, seq);
      CREATE INDEX review_finding_objective ON review_finding (provider_id, objective_id) WHERE objective_id IS NOT NULL;
      CREATE TRIGGER review_finding_append_only BEFORE UPDATE OR DELETE ON review_finding FOR EACH ROW EXECUTE FUNCTION refuse_change();

      CREATE TABLE review_action_item (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq          bigint GENERATED ALWAYS AS IDENTITY,
        provider_id  uuid NOT NULL,
        review_id    uuid NOT NULL,
        description  text NOT NULL CHECK (length(description) BETWEEN 1 AND 5000),
        owner        text NOT NULL CHECK (length(owner) BETWEEN 1 AND 200),
        due_on       date NOT NULL,
        done_at      timestamptz(3),
        done_by      text,
        created_by   text NOT NULL,
        created_at   timestamptz(3) NOT NULL,
        version      integer NOT NULL DEFAULT 1,
        updated_at   timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (provider_id, id),
        FOREIGN KEY (provider_id, review_id) REFERENCES review (provider_id, id),
        CHECK ((done_at IS NULL) = (done_by IS NULL))
      );
      CREATE INDEX review_action_item_review ON review_action_item (review_id, due_on, seq);
      CREATE INDEX review_action_item_open ON review_action_item (provider_id, due_on) WHERE done_at IS NULL;
      CREATE TRIGGER review_action_item_touch BEFORE UPDATE ON review_action_item FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
      CREATE TRIGGER review_action_item_no_delete BEFORE DELETE ON review_action_item FOR EACH ROW EXECUTE FUNCTION refuse_delete();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE review_action_item;
      DROP TABLE review_finding;
      DROP TABLE review_participant;
      DROP TABLE review;
      DROP FUNCTION guard_review();
    `);
  }
}
