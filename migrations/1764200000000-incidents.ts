import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Incidents reported by partners and provider users, their append-only timeline, the
 * idempotency records that make retries safe, and measurements for ratio objectives.
 */
export class Incidents1764200000000 implements MigrationInterface {
  name = 'Incidents1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE incident (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id     uuid NOT NULL,
        customer_id     uuid NOT NULL,
        service_id      uuid NOT NULL,
        agreement_id    uuid,
        revision_id     uuid,
        priority        text NOT NULL CHECK (priority IN ('P1','P2','P3','P4')),
        impact          text NOT NULL CHECK (impact IN ('OUTAGE','DEGRADED','NONE')),
        status          text NOT NULL CHECK (status IN ('OPEN','ACKNOWLEDGED','IN_PROGRESS','WAITING_ON_CUSTOMER','RESOLVED','CLOSED')),
        title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        description     text NOT NULL DEFAULT '' CHECK (length(description) <= 20000),
        started_at      timestamptz(3) NOT NULL,
        acknowledged_at timestamptz(3),
        resolved_at     timestamptz(3),
        closed_at       timestamptz(3),
        last_event_at   timestamptz(3) NOT NULL,
        external_id     text CHECK (length(external_id) BETWEEN 1 AND 200),
        reporter_kind   text NOT NULL,
        reporter_id     text NOT NULL,
        reporter_name   text NOT NULL,
        version         integer NOT NULL DEFAULT 1,
        created_at      timestamptz(3) NOT NULL DEFAULT now(),
        updated_at      timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (provider_id, id),
        FOREIGN KEY (provider_id, customer_id) REFERENCES customer (provider_id, id),
        FOREIGN KEY (provider_id, service_id) REFERENCES service (provider_id, id),
        FOREIGN KEY (provider_id, agreement_id) REFERENCES agreement (provider_id, id),
        FOREIGN KEY (provider_id, revision_id) REFERENCES agreement_revision (provider_id, id),
        CHECK ((agreement_id IS NULL) = (revision_id IS NULL))
      );
      -- A partner finds its incident again by its own id: unique per provider and integration.
      CREATE UNIQUE INDEX incident_external_id ON incident (provider_id, reporter_id, external_id) WHERE external_id IS NOT NULL;
      CREATE INDEX incident_list ON incident (provider_id, started_at, id);
      CREATE INDEX incident_customer ON incident (provider_id, customer_id, started_at);
      CREATE INDEX incident_service ON incident (provider_id, service_id, started_at);
      CREATE INDEX incident_agreement ON incident (provider_id, agreement_id, started_at);
      CREATE INDEX incident_revision ON incident (provider_id, revision_id);
      CREATE TRIGGER incident_touch BEFORE UPDATE ON incident FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
      CREATE TRIGGER incident_no_delete BEFORE DELETE ON incident FOR EACH ROW EXECUTE FUNCTION refuse_delete();

      CREATE TABLE incident_event (
        id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        provider_id   uuid NOT NULL,
        incident_id   uuid NOT NULL,
        type          text NOT NULL CHECK (type IN ('REPORTED','STATUS_CHANGED','PRIORITY_CHANGED','IMPACT_CHANGED','UPDATE_POSTED','CLOCK_WARNING','CLOCK_BREACHED')),
        at            timestamptz(3) NOT NULL,
        from_status   text,
        to_status     text,
        priority      text,
        impact        text,
        note          text CHECK (length(note) <= 20000),
        actor_kind    text NOT NULL,
        actor_id      text NOT NULL,
        actor_name    text NOT NULL,
        recorded_at   timestamptz(3) NOT NULL DEFAULT now(),
        data          jsonb NOT NULL DEFAULT '{}',
        FOREIGN KEY (provider_id, incident_id) REFERENCES incident (provider_id, id)
      );
      CREATE INDEX incident_event_incident ON incident_event (incident_id, at, id);
      CREATE TRIGGER incident_event_append_only BEFORE UPDATE OR DELETE ON incident_event FOR EACH ROW EXECUTE FUNCTION refuse_change();

      -- What a retried request returns: the first answer to the same key and the same input.
      CREATE TABLE idempotency_key (
        provider_id   uuid NOT NULL REFERENCES provider(id),
        operation     text NOT NULL,
        key           text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
        request_hash  text NOT NULL,
        result_id     uuid NOT NULL,
        created_at    timestamptz(3) NOT NULL DEFAULT now(),
        expires_at    timestamptz(3) NOT NULL,
        PRIMARY KEY (provider_id, operation, key)
      );
      CREATE INDEX idempotency_key_expiry ON idempotency_key (expires_at);

      CREATE TABLE measurement (
        provider_id   uuid NOT NULL,
        objective_id  uuid NOT NULL,
        at            timestamptz(3) NOT NULL,
        good          bigint NOT NULL CHECK (good >= 0),
        total         bigint NOT NULL CHECK (total > 0 AND good <= total),
        batch_key     text NOT NULL,
        recorded_at   timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (objective_id, at, batch_key),
        FOREIGN KEY (provider_id, objective_id) REFERENCES objective (provider_id, id)
      );
      CREATE INDEX measurement_objective_time ON measurement (provider_id, objective_id, at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE measurement;
      DROP TABLE idempotency_key;
      DROP TABLE incident_event;
      DROP TABLE incident;
    `);
  }
}
