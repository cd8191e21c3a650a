import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Agreements, their versioned revisions (terms), objectives, approvals, and the append-only
 * contract history. The database itself refuses to change a revision once it has left DRAFT
 * (beyond its lifecycle columns), to change the objectives of such a revision, and to update or
 * delete history.
 */
export class Agreements1764100000000 implements MigrationInterface {
  name = 'Agreements1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: rows are never updated or deleted', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
      END $$;

      CREATE TABLE business_calendar (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id      uuid NOT NULL REFERENCES provider(id),
        name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        time_zone        text NOT NULL,
        weekly_hours     jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(weekly_hours) = 'array'),
        holiday_country  text CHECK (holiday_country ~ '^[A-Z]{2}$'),
        holiday_region   text CHECK (length(holiday_region) <= 20),
        closed_dates     date[] NOT NULL DEFAULT '{}',
        open_dates       date[] NOT NULL DEFAULT '{}',
        archived_at      timestamptz(3),
        version          integer NOT NULL DEFAULT 1,
        created_at       timestamptz(3) NOT NULL DEFAULT now(),
        updated_at       timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (provider_id, id)
      );
      CREATE UNIQUE INDEX business_calendar_name_unique ON business_calendar (provider_id, lower(name)) WHERE archived_at IS NULL;
      CREATE TRIGGER business_calendar_touch BEFORE UPDATE ON business_calendar FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
      CREATE TRIGGER business_calendar_no_delete BEFORE DELETE ON business_calendar FOR EACH ROW EXECUTE FUNCTION refuse_delete();

      CREATE TABLE agreement (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id         uuid NOT NULL REFERENCES provider(id),
        kind                text NOT NULL CHECK (kind IN ('SERVICE_BASED','CUSTOMER_BASED','MULTI_LEVEL')),
        level               text NOT NULL CHECK (level IN ('CORPORATE','SEGMENT','CUSTOMER','SERVICE')),
        customer_id         uuid,
        segment_id          uuid,
        parent_id           uuid,
        template_id         uuid,
        status              text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT','ACTIVE','EXPIRED','TERMINATED')),
        terminated_at       timestamptz(3),
        termination_reason  text CHECK (length(termination_reason) <= 2000),
        terminated_by       text,
        created_by          text NOT NULL,
        version             integer NOT NULL DEFAULT 1,
        created_at          timestamptz(3) NOT NULL DEFAULT now(),
        updated_at          timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (provider_id, id),
        FOREIGN KEY (provider_id, customer_id) REFERENCES customer (provider_id, id),
        FOREIGN KEY (provider_id, segment_id) REFERENCES segment (provider_id, id),
        FOREIGN KEY (provider_id, parent_id) REFERENCES agreement (provider_id, id),
        FOREIGN KEY (provider_id, template_id) REFERENCES agreement (provider_id, id),
        CHECK (customer_id IS NULL OR segment_id IS NULL),
        CHECK (parent_id IS NULL OR parent_id <> id),
        CHECK ((status = 'TERMINATED') = (terminated_at IS NOT NULL))
      );
      CREATE INDEX agreement_list ON agreement (provider_id, created_at, id);
      CREATE INDEX agreement_customer ON agreement (provider_id, customer_id);
      CREATE INDEX agreement_segment ON agreement (provider_id, segment_id);
      CREATE INDEX agreement_parent ON agreement (provider_id, parent_id);
      CREATE INDEX agreement_template ON agreement (provider_id, template_id);
      CREATE TRIGGER agreement_touch BEFORE UPDATE ON agreement FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
      CREATE TRIGGER agreement_no_delete BEFORE DELETE ON agreement FOR EACH ROW EXECUTE FUNCTION refuse_delete();

      CREATE TABLE agreement_service (
        provider_id   uuid NOT NULL,
        agreement_id  uuid NOT NULL,
        service_id    uuid NOT NULL,
        PRIMARY KEY (agreement_id, service_id),
        FOREIGN KEY (provider_id, agreement_id) REFERENCES agreement (provider_id, id),
        FOREIGN KEY (provider_id, service_id) REFERENCES service (provider_id, id)
      );
      CREATE INDEX agreement_service_service ON agreement_service (provider_id, service_id);

      CREATE TABLE agreement_revision (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id     uuid NOT NULL,
        agreement_id    uuid NOT NULL,
        number          integer NOT NULL CHECK (number >= 1),
        state           text NOT NULL CHECK (state IN ('DRAFT','PROPOSED','APPROVED','ACTIVE','SUPERSEDED','REJECTED','WITHDRAWN')),
        terms           jsonb NOT NULL,
        effective_from  timestamptz(3),
        effective_to    timestamptz(3),
        based_on_id     uuid,
        version         integer NOT NULL DEFAULT 1,
        created_by      text NOT NULL,
        created_at      timestamptz(3) NOT NULL DEFAULT now(),
        updated_at      timestamptz(3) NOT NULL DEFAULT now(),
        proposed_at     timestamptz(3),
        approved_at     timestamptz(3),
        activated_at    timestamptz(3),
        closed_at       timestamptz(3),
        UNIQUE (provider_id, id),
        UNIQUE (agreement_id, number),
        FOREIGN KEY (provider_id, agreement_id) REFERENCES agreement (provider_id, id),
        FOREIGN KEY (provider_id, based_on_id) REFERENCES agreement_revision (provider_id, id),
        CHECK (effective_to IS NULL OR effective_from IS NULL OR effective_to > effective_from),
        CHECK (state IN ('DRAFT','PROPOSED','REJECTED','WITHDRAWN') OR effective_from IS NOT NULL)
      );
      -- At most one open draft (DRAFT or PROPOSED) per agreement.
      CREATE UNIQUE INDEX agreement_revision_one_open ON agreement_revision (agreement_id) WHERE state IN ('DRAFT','PROPOSED');
      CREATE INDEX agreement_revision_in_force ON agreement_revision (agreement_id, effective_from) WHERE state IN ('APPROVED','ACTIVE','SUPERSEDED');
      CREATE INDEX agreement_revision_due ON agreement_revision (effective_from) WHERE state = 'APPROVED';
      CREATE TRIGGER agreement_revision_touch BEFORE UPDATE ON agreement_revision FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

      -- A revision that has left DRAFT keeps its terms for ever; only its lifecycle moves on.
      CREATE FUNCTION guard_revision() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'agreement revisions are never deleted' USING ERRCODE = 'restrict_violation';
        END IF;
        IF OLD.state = 'DRAFT' THEN
          RETURN NEW;
        END IF;
        IF NEW.terms IS DISTINCT FROM OLD.terms OR NEW.number <> OLD.number OR NEW.agreement_id <> OLD.agreement_id
           OR NEW.provider_id <> OLD.provider_id OR NEW.based_on_id IS DISTINCT FROM OLD.based_on_id
           OR NEW.created_at <> OLD.created_at OR NEW.created_by <> OLD.created_by THEN
          RAISE EXCEPTION 'revision % of agreement % is % and its terms can no longer change', OLD.number, OLD.agreement_id, OLD.state
            USING ERRCODE = 'restrict_violation';
        END IF;
        IF OLD.state <> 'PROPOSED' AND NEW.effective_from IS DISTINCT FROM OLD.effective_from THEN
          RAISE EXCEPTION 'revision % of agreement % is %: its effectiveFrom is fixed', OLD.number, OLD.agreement_id, OLD.state
            USING ERRCODE = 'restrict_violation';
        END IF;
        IF OLD.state IN ('SUPERSEDED','REJECTED','WITHDRAWN') AND NEW.effective_to IS DISTINCT FROM OLD.effective_to THEN
          RAISE EXCEPTION 'revision % of agreement % is closed', OLD.number, OLD.agreement_id USING ERRCODE = 'restrict_violation';
        END IF;
        IF NOT (OLD.state = NEW.state OR (OLD.state, NEW.state) IN (
             ('PROPOSED','APPROVED'), ('PROPOSED','ACTIVE'), ('PROPOSED','REJECTED'), ('PROPOSED','WITHDRAWN'),
             ('APPROVED','ACTIVE'), ('APPROVED','WITHDRAWN'), ('ACTIVE','SUPERSEDED'))) THEN
          RAISE EXCEPTION 'revision % of agreement % cannot go from % to %', OLD.number, OLD.agreement_id, OLD.state, NEW.state
            USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER agreement_revision_guard BEFORE UPDATE OR DELETE ON agreement_revision FOR EACH ROW EXECUTE FUNCTION guard_revision();

      -- Validity periods of one agreement's signed revisions never overlap.
      CREATE FUNCTION guard_revision_overlap() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.state IN ('APPROVED','ACTIVE','SUPERSEDED') AND EXISTS (
          SELECT 1 FROM agreement_revision r
          WHERE r.agreement_id = NEW.agreement_id AND r.id <> NEW.id AND r.state IN ('APPROVED','ACTIVE','SUPERSEDED')
            AND tstzrange(r.effective_from, r.effective_to) && tstzrange(NEW.effective_from, NEW.effective_to)
        ) THEN
          RAISE EXCEPTION 'revision % of agreement % would overlap another revision in force', NEW.number, NEW.agreement_id
            USING ERRCODE = 'exclusion_violation';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER agreement_revision_no_overlap AFTER INSERT OR UPDATE ON agreement_revision FOR EACH ROW EXECUTE FUNCTION guard_revision_overlap();

      CREATE TABLE objective (
        id                         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id                uuid NOT NULL,
        revision_id                uuid NOT NULL,
        position                   integer NOT NULL,
        metric                     text NOT NULL CHECK (metric IN ('AVAILABILITY','FIRST_RESPONSE_TIME','RESOLUTION_TIME','UPDATE_INTERVAL','RATIO','SATISFACTION')),
        priority                   text CHECK (priority IN ('P1','P2','P3','P4')),
        name                       text NOT NULL CHECK (length(name) <= 200),
        description                text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
        comparator                 text NOT NULL CHECK (comparator IN ('AT_LEAST','AT_MOST')),
        target                     numeric(12,6),
        target_seconds             integer CHECK (target_seconds > 0),
        window_kind                text NOT NULL CHECK (window_kind IN ('CALENDAR_MONTH','CALENDAR_QUARTER','CALENDAR_YEAR','ROLLING_DAYS')),
        window_days                integer CHECK (window_days BETWEEN 1 AND 366),
        calendar_id                uuid,
        warning_threshold_percent  numeric(5,2) NOT NULL DEFAULT 75 CHECK (warning_threshold_percent > 0 AND warning_threshold_percent < 100),
        degraded_weight_percent    numeric(5,2) NOT NULL DEFAULT 0 CHECK (degraded_weight_percent BETWEEN 0 AND 100),
        UNIQUE (provider_id, id),
        FOREIGN KEY (provider_id, revision_id) REFERENCES agreement_revision (provider_id, id),
        FOREIGN KEY (provider_id, calendar_id) REFERENCES business_calendar (provider_id, id),
        CHECK ((target IS NULL) <> (target_seconds IS NULL)),
        CHECK ((window_kind = 'ROLLING_DAYS') = (window_days IS NOT NULL))
      );
      CREATE UNIQUE INDEX objective_per_metric ON objective (revision_id, metric, coalesce(priority, '-'));
      CREATE INDEX objective_calendar ON objective (provider_id, calendar_id);

      -- Objectives belong to their revision's terms: they change only while it is a DRAFT.
      CREATE FUNCTION guard_objective() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        rev_state text;
      BEGIN
        SELECT state INTO rev_state FROM agreement_revision WHERE id = COALESCE(NEW.revision_id, OLD.revision_id);
        IF rev_state IS DISTINCT FROM 'DRAFT' THEN
          RAISE EXCEPTION 'the objectives of a % revision can no longer change', rev_state USING ERRCODE = 'restrict_violation';
        END IF;
        IF TG_OP = 'UPDATE' AND NEW.revision_id <> OLD.revision_id THEN
          RAISE EXCEPTION 'an objective cannot move to another revision' USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN COALESCE(NEW, OLD);
      END $$;
      CREATE TRIGGER objective_guard BEFORE INSERT OR UPDATE OR DELETE ON objective FOR EACH ROW EXECUTE FUNCTION guard_objective();

      CREATE TABLE revision_approval (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id  uuid NOT NULL,
        revision_id  uuid NOT NULL,
        party        text NOT NULL CHECK (party IN ('PROVIDER','CUSTOMER')),
        actor_kind   text NOT NULL,
        actor_id     text NOT NULL,
        actor_name   text NOT NULL,
        approved_at  timestamptz(3) NOT NULL,
        UNIQUE (revision_id, party),
        FOREIGN KEY (provider_id, revision_id) REFERENCES agreement_revision (provider_id, id)
      );
      CREATE TRIGGER revision_approval_append_only BEFORE UPDATE OR DELETE ON revision_approval FOR EACH ROW EXECUTE FUNCTION refuse_change();

      CREATE TABLE agreement_event (
        id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        provider_id   uuid NOT NULL,
        agreement_id  uuid NOT NULL,
        revision_id   uuid,
        type          text NOT NULL,
        actor_kind    text NOT NULL,
        actor_id      text NOT NULL,
        actor_name    text NOT NULL,
        at            timestamptz(3) NOT NULL,
        data          jsonb NOT NULL DEFAULT '{}',
        FOREIGN KEY (provider_id, agreement_id) REFERENCES agreement (provider_id, id),
        FOREIGN KEY (provider_id, revision_id) REFERENCES agreement_revision (provider_id, id)
      );
      CREATE INDEX agreement_event_agreement ON agreement_event (agreement_id, id);
      CREATE INDEX agreement_event_revision ON agreement_event (provider_id, revision_id);
      CREATE TRIGGER agreement_event_append_only BEFORE UPDATE OR DELETE ON agreement_event FOR EACH ROW EXECUTE FUNCTION refuse_change();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE agreement_event;
      DROP TABLE revision_approval;
      DROP TABLE objective;
      DROP TABLE agreement_revision;
      DROP TABLE agreement_service;
      DROP TABLE agreement;
      DROP TABLE business_calendar;
      DROP FUNCTION guard_objective();
      DROP FUNCTION guard_revision_overlap();
      DROP FUNCTION guard_revision();
      DROP FUNCTION refuse_change();
    `);
  }
}
