import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Escalations of incidents and objectives, and their append-only history (each level notified,
 * by which channel and to whom; acknowledgement, resolution, cancellation). One trigger raises
 * one escalation: at most one escalation not yet closed per incident and trigger, and one per
 * objective and period, ever.
 */
export class Escalations1764800000000 implements MigrationInterface {
  name = 'Escalations1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE escalation (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id         uuid NOT NULL,
        agreement_id        uuid NOT NULL,
        revision_id         uuid NOT NULL,
        customer_id         uuid,
        incident_id         uuid,
        objective_id        uuid,
        period_start        timestamptz(3),
        period_end          timestamptz(3),
        trigger             text NOT NULL CHECK (trigger IN ('CLOCK_WARNING','CLOCK_BREACH','UNACKNOWLEDGED','OBJECTIVE_BREACHED','MANUAL')),
        metric              text CHECK (metric IN ('FIRST_RESPONSE_TIME','RESOLUTION_TIME','UPDATE_INTERVAL')),
        levels              jsonb NOT NULL CHECK (jsonb_typeof(levels) = 'array' AND jsonb_array_length(levels) >= 1),
        current_level       integer NOT NULL CHECK (current_level >= 1),
        status              text NOT NULL CHECK (status IN ('OPEN','ACKNOWLEDGED','RESOLVED','CANCELLED')),
        note                text NOT NULL DEFAULT '' CHECK (length(note) <= 4000),
        raised_at           timestamptz(3) NOT NULL,
        raised_by           text NOT NULL,
        acknowledged_at     timestamptz(3),
        acknowledged_by     text,
        resolved_at         timestamptz(3),
        resolved_by         text,
        next_level_at       timestamptz(3),
        version             integer NOT NULL DEFAULT 1,
        created_at          timestamptz(3) NOT NULL DEFAULT now(),
        updated_at          timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (provider_id, id),
        FOREIGN KEY (provider_id, agreement_id) REFERENCES agreement (provider_id, id),
        FOREIGN KEY (provider_id, revision_id) REFERENCES agreement_revision (provider_id, id),
        FOREIGN KEY (provider_id, customer_id) REFERENCES customer (provider_id, id),
        FOREIGN KEY (provider_id, incident_id) REFERENCES incident (provider_id, id),
        FOREIGN KEY (provider_id, objective_id) REFERENCES objective (provider_id, id),
        -- An escalation concerns an incident or an objective's period, never both.
        CHECK ((incident_id IS NULL) <> (objective_id IS NULL)),
        CHECK ((objective_id IS NULL) = (period_start IS NULL) AND (period_start IS NULL) = (period_end IS NULL) AND (period_end IS NULL OR period_end > period_start)),
        CHECK ((trigger = 'OBJECTIVE_BREACHED') <= (objective_id IS NOT NULL)),
        CHECK ((trigger IN ('CLOCK_WARNING','CLOCK_BREACH','UNACKNOWLEDGED')) <= (incident_id IS NOT NULL)),
        CHECK (current_level <= jsonb_array_length(levels)),
        CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL)),
        CHECK ((resolved_at IS NULL) = (resolved_by IS NULL)),
        CHECK ((status = 'ACKNOWLEDGED') <= (acknowledged_at IS NOT NULL)),
        CHECK ((status IN ('RESOLVED','CANCELLED')) = (resolved_at IS NOT NULL)),
        CHECK ((status = 'OPEN') OR next_level_at IS NULL)
      );
      -- One trigger raises one escalation: while one is open or acknowledged, the same trigger on
      -- the same incident raises nothing new.
      CREATE UNIQUE INDEX escalation_incident_trigger ON escalation (incident_id, trigger) WHERE incident_id IS NOT NULL AND status IN ('OPEN','ACKNOWLEDGED');
      -- An objective escalates at most once per period, whatever the trigger.
      CREATE UNIQUE INDEX escalation_objective_period ON escalation (objective_id, period_start) WHERE objective_id IS NOT NULL;
      CREATE INDEX escalation_queue ON escalation (provider_id, raised_at, id);
      CREATE INDEX escalation_open ON escalation (provider_id, status, current_level);
      CREATE INDEX escalation_agreement ON escalation (provider_id, agreement_id);
      CREATE INDEX escalation_revision ON escalation (provider_id, revision_id);
      CREATE INDEX escalation_customer ON escalation (provider_id, customer_id);
      CREATE INDEX escalation_incident ON escalation (provider_id, incident_id);
      CREATE INDEX escalation_objective ON escalation (provider_id, objective_id);
      CREATE TRIGGER escalation_touch BEFORE UPDATE ON escalation FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
      CREATE TRIGGER escalation_no_delete BEFORE DELETE ON escalation FOR EACH ROW EXECUTE FUNCTION refuse_delete();

      CREATE TABLE escalation_history (
        id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        provider_id    uuid NOT NULL,
        escalation_id  uuid NOT NULL,
        kind           text NOT NULL CHECK (kind IN ('NOTIFIED','ACKNOWLEDGED','RESOLVED','CANCELLED')),
        level          integer NOT NULL CHECK (level >= 1),
        channel        text CHECK (channel IN ('ROLE','USER','WEBHOOK')),
        recipients     text[] NOT NULL DEFAULT '{}',
        at             timestamptz(3) NOT NULL,
        actor_kind     text NOT NULL,
        actor_id       text NOT NULL,
        actor_name     text NOT NULL,
        note           text CHECK (length(note) <= 4000),
        recorded_at    timestamptz(3) NOT NULL DEFAULT now(),
        FOREIGN KEY (provider_id, escalation_id) REFERENCES escalation (provider_id, id),
        -- A notification names its channel and whom it reached; the other entries name neither.
        CHECK ((kind = 'NOTIFIED') = (channel IS NOT NULL)),
        CHECK ((kind = 'NOTIFIED') <= (cardinality(recipients) >= 1))
      );
      -- Each level is notified once per channel: a job that runs twice cannot notify twice.
      CREATE UNIQUE INDEX escalation_history_notified ON escalation_history (escalation_id, level, channel) WHERE kind = 'NOTIFIED';
      CREATE UNIQUE INDEX escalation_history_closing ON escalation_history (escalation_id, kind) WHERE kind <> 'NOTIFIED';
      CREATE INDEX escalation_history_escalation ON escalation_history (provider_id, escalation_id, id);
      CREATE TRIGGER escalation_history_append_only BEFORE UPDATE OR DELETE ON escalation_history FOR EACH ROW EXECUTE FUNCTION refuse_change();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE escalation_history; DROP TABLE escalation;');
  }
}
