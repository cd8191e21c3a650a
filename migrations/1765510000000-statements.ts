import { type MigrationInterface, type QueryRunner } from 'typeorm';

const APP_ROLE = 'sla_app';

/**
 * Statements: every ended period of an agreement with objectives closes, after the grace period of
 * its terms, into one statement (unique per agreement and period start, so closing twice, in any
 * number of processes, issues one). A statement is frozen: only its acceptance by the customer
 * (ISSUED -> ACCEPTED, once) may change, nothing is deleted. Its violations are rows of their own,
 * with ids, and never change.
 *
 * Adjustments: what later data changed in a closed period, as a difference against the statement
 * and the adjustments before it (the credit ledger = statements + adjustments = current data).
 * Append-only, except that the next statement issued for the agreement records, once, that it
 * carries it (carried_on_statement_id from NULL to a statement).
 *
 * Row-level security as for every tenant-owned table: the provider, and for customer users the
 * agreement's customer (customer_id; a statement of an agreement that names no customer has none,
 * and customer users do not see it: its figures cover other customers too).
 */
export class Statements1765510000000 implements MigrationInterface {
  name = 'Statements1765510000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE statement (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id      uuid NOT NULL,
        agreement_id     uuid NOT NULL,
        customer_id      uuid,
        revision_id      uuid NOT NULL,
        period_start     timestamptz(3) NOT NULL,
        period_end       timestamptz(3) NOT NULL,
        period_status    text NOT NULL CHECK (period_status IN ('MET','BREACHED','NO_DATA')),
        currency         text CHECK (currency ~ '^[A-Z]{3}$'),
        credit_amount    numeric(20,4),
        document         jsonb NOT NULL,
        status           text NOT NULL DEFAULT 'ISSUED' CHECK (status IN ('ISSUED','ACCEPTED')),
        issued_at        timestamptz(3) NOT NULL,
        accepted_at      timestamptz(3),
        accepted_by      text,
        UNIQUE (provider_id, id),
        UNIQUE (agreement_id, period_start),
        FOREIGN KEY (provider_id, agreement_id) REFERENCES agreement (provider_id, id),
        FOREIGN KEY (provider_id, customer_id) REFERENCES customer (provider_id, id),
        FOREIGN KEY (provider_id, revision_id) REFERENCES agreement_revision (provider_id, id),
        CHECK (period_end > period_start),
        CHECK ((currency IS NULL) = (credit_amount IS NULL)),
        CHECK ((status = 'ACCEPTED') = (accepted_at IS NOT NULL AND accepted_by IS NOT NULL))
      );
      CREATE INDEX statement_list ON statement (provider_id, agreement_id, period_start DESC);
      CREATE INDEX statement_customer ON statement (provider_id, customer_id);
      CREATE INDEX statement_revision ON statement (provider_id, revision_id);
      CREATE TRIGGER statement_no_delete BEFORE DELETE ON statement FOR EACH ROW EXECUTE FUNCTION refuse_delete();

      -- A statement is frozen: the customer may accept it once; nothing else ever changes.
      CREATE FUNCTION guard_statement() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (NEW.id, NEW.provider_id, NEW.agreement_id, NEW.customer_id, NEW.revision_id, NEW.period_start, NEW.period_end, NEW.period_status,
            NEW.currency, NEW.credit_amount, NEW.document, NEW.issued_at)
           IS DISTINCT FROM (OLD.id, OLD.provider_id, OLD.agreement_id, OLD.customer_id, OLD.revision_id, OLD.period_start, OLD.period_end, OLD.period_status,
            OLD.currency, OLD.credit_amount, OLD.document, OLD.issued_at) THEN
          RAISE EXCEPTION 'statement % is frozen', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        IF OLD.status = 'ACCEPTED' AND (NEW.status, NEW.accepted_at, NEW.accepted_by) IS DISTINCT FROM (OLD.status, OLD.accepted_at, OLD.accepted_by) THEN
          RAISE EXCEPTION 'statement % was accepted and can no longer change', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER statement_guard BEFORE UPDATE ON statement FOR EACH ROW EXECUTE FUNCTION guard_statement();

      CREATE TABLE statement_violation (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq             bigint GENERATED ALWAYS AS IDENTITY,
        provider_id     uuid NOT NULL,
        statement_id    uuid NOT NULL,
        customer_id     uuid,
        objective_id    uuid NOT NULL,
        rule            text NOT NULL,
        target          text NOT NULL,
        actual          text,
        unit            text NOT NULL,
        consequence     text NOT NULL,
        incident_ids    uuid[] NOT NULL DEFAULT '{}',
        FOREIGN KEY (provider_id, statement_id) REFERENCES statement (provider_id, id),
        FOREIGN KEY (provider_id, objective_id) REFERENCES objective (provider_id, id)
      );
      CREATE INDEX statement_violation_statement ON statement_violation (statement_id, seq);
      CREATE INDEX statement_violation_objective ON statement_violation (provider_id, objective_id);
      CREATE TRIGGER statement_violation_append_only BEFORE UPDATE OR DELETE ON statement_violation FOR EACH ROW EXECUTE FUNCTION refuse_change();

      CREATE TABLE statement_adjustment (
        id                       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq                      bigint GENERATED ALWAYS AS IDENTITY,
        provider_id              uuid NOT NULL,
        agreement_id             uuid NOT NULL,
        customer_id              uuid,
        statement_id             uuid NOT NULL,
        carried_on_statement_id  uuid,
        recorded_at              timestamptz(3) NOT NULL,
        currency                 text,
        credit_before            numeric(20,4),
        credit_after             numeric(20,4),
        credit_difference        numeric(20,4),
        cause                    jsonb NOT NULL,
        changes                  jsonb NOT NULL,
        figures                  jsonb NOT NULL,
        FOREIGN KEY (provider_id, agreement_id) REFERENCES agreement (provider_id, id),
        FOREIGN KEY (provider_id, statement_id) REFERENCES statement (provider_id, id),
        FOREIGN KEY (provider_id, carried_on_statement_id) REFERENCES statement (provider_id, id),
        CHECK ((credit_difference IS NULL) = (currency IS NULL))
      );
      CREATE INDEX statement_adjustment_statement ON statement_adjustment (statement_id, seq);
      CREATE INDEX statement_adjustment_agreement ON statement_adjustment (provider_id, agreement_id, seq);
      CREATE INDEX statement_adjustment_carried ON statement_adjustment (carried_on_statement_id, seq) WHERE carried_on_statement_id IS NOT NULL;
      CREATE INDEX statement_adjustment_pending ON statement_adjustment (agreement_id) WHERE carried_on_statement_id IS NULL;
      CREATE TRIGGER statement_adjustment_no_delete BEFORE DELETE ON statement_adjustment FOR EACH ROW EXECUTE FUNCTION refuse_delete();

      -- An adjustment never changes, but for the statement that carries it, recorded once.
      CREATE FUNCTION guard_statement_adjustment() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.carried_on_statement_id IS NOT NULL OR NEW.carried_on_statement_id IS NULL
           OR (to_jsonb(NEW) - 'carried_on_statement_id') IS DISTINCT FROM (to_jsonb(OLD) - 'carried_on_statement_id') THEN
          RAISE EXCEPTION 'adjustment % is frozen', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER statement_adjustment_guard BEFORE UPDATE ON statement_adjustment FOR EACH ROW EXECUTE FUNCTION guard_statement_adjustment();

      GRANT SELECT, INSERT, UPDATE, DELETE ON statement, statement_violation, statement_adjustment TO ${APP_ROLE};
      GRANT EXECUTE ON FUNCTION guard_statement(), guard_statement_adjustment() TO ${APP_ROLE};
    `);
    for (const table of ['statement', 'statement_violation', 'statement_adjustment']) {
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
      DROP TABLE statement_adjustment;
      DROP TABLE statement_violation;
      DROP TABLE statement;
      DROP FUNCTION guard_statement_adjustment();
      DROP FUNCTION guard_statement();
    `);
  }
}
