import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Webhooks: the endpoints a provider registers, one delivery per endpoint and event, and the
 * append-only log of every attempt to deliver it.
 */
export class Webhooks1764600000000 implements MigrationInterface {
  name = 'Webhooks1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_endpoint (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id   uuid NOT NULL REFERENCES provider (id),
        url           text NOT NULL CHECK (url ~ '^https?://' AND length(url) <= 2000),
        event_types   text[] NOT NULL CHECK (array_position(event_types, NULL) IS NULL),
        secret        text NOT NULL CHECK (length(secret) >= 32),
        previous_secret             text,
        previous_secret_expires_at  timestamptz(3),
        description   text NOT NULL DEFAULT '' CHECK (length(description) <= 1000),
        version       integer NOT NULL DEFAULT 1,
        created_at    timestamptz(3) NOT NULL,
        created_by    text NOT NULL,
        updated_at    timestamptz(3) NOT NULL,
        disabled_at   timestamptz(3),
        disabled_by   text,
        UNIQUE (provider_id, id),
        CHECK ((disabled_at IS NULL) = (disabled_by IS NULL)),
        CHECK ((previous_secret IS NULL) = (previous_secret_expires_at IS NULL))
      );
      CREATE INDEX webhook_endpoint_provider ON webhook_endpoint (provider_id, created_at DESC, id);
      CREATE TRIGGER webhook_endpoint_no_delete BEFORE DELETE ON webhook_endpoint FOR EACH ROW EXECUTE FUNCTION refuse_delete();

      CREATE TABLE webhook_delivery (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id      uuid NOT NULL,
        endpoint_id      uuid NOT NULL,
        event_id         uuid NOT NULL REFERENCES domain_event (id),
        status           text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
        attempt_count    integer NOT NULL DEFAULT 0 CHECK (attempt_count >= 0),
        next_attempt_at  timestamptz(3),
        last_attempt_at  timestamptz(3),
        last_status_code integer CHECK (last_status_code BETWEEN 100 AND 599),
        last_error       text,
        delivered_at     timestamptz(3),
        failed_at        timestamptz(3),
        created_at       timestamptz(3) NOT NULL,
        UNIQUE (endpoint_id, event_id),
        FOREIGN KEY (provider_id, endpoint_id) REFERENCES webhook_endpoint (provider_id, id),
        CHECK ((status = 'PENDING') = (next_attempt_at IS NOT NULL)),
        CHECK ((status = 'DELIVERED') = (delivered_at IS NOT NULL)),
        CHECK ((status = 'FAILED') = (failed_at IS NOT NULL))
      );
      CREATE INDEX webhook_delivery_endpoint ON webhook_delivery (endpoint_id, created_at DESC, id);
      CREATE INDEX webhook_delivery_provider ON webhook_delivery (provider_id, endpoint_id);
      CREATE INDEX webhook_delivery_event ON webhook_delivery (event_id);
      CREATE TRIGGER webhook_delivery_no_delete BEFORE DELETE ON webhook_delivery FOR EACH ROW EXECUTE FUNCTION refuse_delete();

      CREATE TABLE webhook_attempt (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        delivery_id   uuid NOT NULL REFERENCES webhook_delivery (id),
        number        integer NOT NULL CHECK (number >= 1),
        trigger       text NOT NULL CHECK (trigger IN ('SCHEDULED', 'MANUAL')),
        requested_by  text,
        started_at    timestamptz(3) NOT NULL,
        duration_ms   integer NOT NULL CHECK (duration_ms >= 0),
        status_code   integer CHECK (status_code BETWEEN 100 AND 599),
        error         text,
        succeeded     boolean NOT NULL,
        UNIQUE (delivery_id, number),
        CHECK (status_code IS NOT NULL OR error IS NOT NULL),
        CHECK (NOT succeeded OR status_code BETWEEN 200 AND 299),
        CHECK ((trigger = 'MANUAL') = (requested_by IS NOT NULL))
      );
      CREATE TRIGGER webhook_attempt_append_only BEFORE UPDATE OR DELETE ON webhook_attempt FOR EACH ROW EXECUTE FUNCTION refuse_change();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE webhook_attempt; DROP TABLE webhook_delivery; DROP TABLE webhook_endpoint');
  }
}
