import { type MigrationInterface, type QueryRunner } from 'typeorm';

const APP_ROLE = 'sla_app';

/**
 * Scheduled report delivery: one row per agreement and reporting period (unique, so that a
 * period is reported once whatever runs the job and how often), with what happened to its
 * e-mail (PENDING while attempts remain, SENT, SKIPPED with the reason, FAILED), and the
 * append-only log of every attempt to send it, as webhook deliveries and their attempts. The
 * report's webhook (`report.ready`) goes through the webhook delivery log.
 *
 * Row-level security as for every tenant-owned table (customer scope by the agreement's customer).
 */
export class ReportDeliveries1765660000000 implements MigrationInterface {
  name = 'ReportDeliveries1765660000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE report_delivery (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id      uuid NOT NULL,
        agreement_id     uuid NOT NULL,
        customer_id      uuid,
        revision_id      uuid NOT NULL,
        frequency        text NOT NULL CHECK (frequency IN ('WEEKLY','MONTHLY','QUARTERLY')),
        period_start     timestamptz(3) NOT NULL,
        period_end       timestamptz(3) NOT NULL,
        recipients       text[] NOT NULL DEFAULT '{}',
        email_status     text NOT NULL CHECK (email_status IN ('PENDING','SENT','SKIPPED','FAILED')),
        skipped_reason   text,
        attempt_count    integer NOT NULL DEFAULT 0 CHECK (attempt_count >= 0),
        next_attempt_at  timestamptz(3),
        last_error       text,
        message_id       text,
        sent_at          timestamptz(3),
        failed_at        timestamptz(3),
        created_at       timestamptz(3) NOT NULL,
        UNIQUE (provider_id, id),
        UNIQUE (agreement_id, period_start, period_end),
        FOREIGN KEY (provider_id, agreement_id) REFERENCES agreement (provider_id, id),
        FOREIGN KEY (provider_id, customer_id) REFERENCES customer (provider_id, id),
        FOREIGN KEY (provider_id, revision_id) REFERENCES agreement_revision (provider_id, id),
        CHECK (period_end > period_start),
        CHECK ((email_status = 'SKIPPED') = (skipped_reason IS NOT NULL)),
        CHECK ((email_status = 'PENDING') = (next_attempt_at IS NOT NULL)),
        CHECK ((email_status = 'SENT') = (sent_at IS NOT NULL)),
        CHECK ((email_status = 'FAILED') = (failed_at IS NOT NULL))
      );
      CREATE INDEX report_delivery_list ON report_delivery (provider_id, agreement_id, period_start DESC);
      CREATE INDEX report_delivery_customer ON report_delivery (provider_id, customer_id);
      CREATE INDEX report_delivery_revision ON report_delivery (provider_id, revision_id);
      CREATE TRIGGER report_delivery_no_delete BEFORE DELETE ON report_delivery FOR EACH ROW EXECUTE FUNCTION refuse_delete();

      CREATE TABLE report_delivery_attempt (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id   uuid NOT NULL,
        delivery_id   uuid NOT NULL,
        number        integer NOT NULL CHECK (number >= 1),
        started_at    timestamptz(3) NOT NULL,
        duration_ms   integer NOT NULL CHECK (duration_ms >= 0),
        succeeded     boolean NOT NULL,
        accepted      text[] NOT NULL DEFAULT '{}',
        rejected      text[] NOT NULL DEFAULT '{}',
        response      text,
        error         text,
        UNIQUE (delivery_id, number),
        FOREIGN KEY (provider_id, delivery_id) REFERENCES report_delivery (provider_id, id),
        CHECK (succeeded OR error IS NOT NULL)
      );
      CREATE INDEX report_delivery_attempt_provider ON report_delivery_attempt (provider_id, delivery_id);
      CREATE TRIGGER report_delivery_attempt_append_only BEFORE UPDATE OR DELETE ON report_delivery_attempt FOR EACH ROW EXECUTE FUNCTION refuse_change();

      GRANT SELECT, INSERT, UPDATE, DELETE ON report_delivery, report_delivery_attempt TO ${APP_ROLE};

      ALTER TABLE report_delivery ENABLE ROW LEVEL SECURITY;
      CREATE POLICY tenant ON report_delivery TO ${APP_ROLE} USING (provider_id = app_provider_id()) WITH CHECK (provider_id = app_provider_id());
      CREATE POLICY customer_scope ON report_delivery AS RESTRICTIVE TO ${APP_ROLE}
        USING (app_customer_id() IS NULL OR customer_id = app_customer_id())
        WITH CHECK (app_customer_id() IS NULL OR customer_id = app_customer_id());
      ALTER TABLE report_delivery_attempt ENABLE ROW LEVEL SECURITY;
      CREATE POLICY tenant ON report_delivery_attempt TO ${APP_ROLE} USING (provider_id = app_provider_id()) WITH CHECK (provider_id = app_provider_id());
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE report_delivery_attempt; DROP TABLE report_delivery');
  }
}
