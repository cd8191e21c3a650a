import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Operational-level agreements and underpinning contracts (issue 15, point 2).
 *
 * - supporting_party: an internal team (TEAM) or a supplier (SUPPLIER) of the provider, with the
 *   business calendar its clocks count in (null: 24x7) and whom to notify when an escalation
 *   names it.
 * - agreement.supporting_party_id: an OLA (with a team) or an underpinning contract (with a
 *   supplier) is an agreement with such a party, with the same revisions and terms; it covers
 *   services and no customer, and supports customer agreements (it covers no customer itself).
 * - objective.supports_objective_ids: the customer objectives an objective of a supporting
 *   agreement supports. No foreign key can follow an array: the application checks each id names
 *   an objective of a signed revision, and the database never lets those change or go
 *   (guard_objective).
 * - incident_assignment: who holds an incident from when to when (one holder at a time); the
 *   holder's clocks run while it holds it.
 * - supporting_clock: a supporting party's clock per incident and metric, as last computed, like
 *   sla_clock.
 * - escalation.supporting_party_id / supporting_metric: the supporting clock whose warning or
 *   breach raised an escalation.
 */
export class SupportingParties1765630000000 implements MigrationInterface {
  name = 'SupportingParties1765630000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE supporting_party (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id  uuid NOT NULL REFERENCES provider(id),
        kind         text NOT NULL CHECK (kind IN ('TEAM','SUPPLIER')),
        name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        calendar_id  uuid,
        contacts     text[] NOT NULL DEFAULT '{}',
        created_by   text NOT NULL,
        created_at   timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (provider_id, id),
        UNIQUE (provider_id, name),
        FOREIGN KEY (provider_id, calendar_id) REFERENCES business_calendar (provider_id, id)
      );
      CREATE INDEX supporting_party_calendar ON supporting_party (provider_id, calendar_id) WHERE calendar_id IS NOT NULL;
      CREATE TRIGGER supporting_party_no_delete BEFORE DELETE ON supporting_party FOR EACH ROW EXECUTE FUNCTION refuse_delete();

      ALTER TABLE agreement DROP CONSTRAINT IF EXISTS agreement_kind_check;
      ALTER TABLE agreement ADD CONSTRAINT agreement_kind_check CHECK (kind IN ('SERVICE_BASED','CUSTOMER_BASED','MULTI_LEVEL','OLA','UNDERPINNING_CONTRACT'));
      ALTER TABLE agreement ADD COLUMN supporting_party_id uuid;
      ALTER TABLE agreement ADD CONSTRAINT agreement_supporting_party_fk FOREIGN KEY (provider_id, supporting_party_id) REFERENCES supporting_party (provider_id, id);
      -- A supporting agreement names its party, and nothing else names one; it covers no customer.
      ALTER TABLE agreement ADD CONSTRAINT agreement_supporting_party_check CHECK (
        (kind IN ('OLA','UNDERPINNING_CONTRACT')) = (supporting_party_id IS NOT NULL)
        AND (supporting_party_id IS NULL OR (customer_id IS NULL AND segment_id IS NULL AND parent_id IS NULL))
      );
      CREATE INDEX agreement_supporting_party ON agreement (provider_id, supporting_party_id) WHERE supporting_party_id IS NOT NULL;

      ALTER TABLE objective ADD COLUMN supports_objective_ids uuid[] NOT NULL DEFAULT '{}';

      CREATE TABLE incident_assignment (
        id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id          uuid NOT NULL,
        incident_id          uuid NOT NULL,
        supporting_party_id  uuid NOT NULL,
        agreement_id         uuid NOT NULL,
        revision_id          uuid NOT NULL,
        assigned_at          timestamptz(3) NOT NULL,
        assigned_by          text NOT NULL,
        ended_at             timestamptz(3),
        ended_by             text,
        UNIQUE (provider_id, id),
        FOREIGN KEY (provider_id, incident_id) REFERENCES incident (provider_id, id),
        FOREIGN KEY (provider_id, supporting_party_id) REFERENCES supporting_party (provider_id, id),
        FOREIGN KEY (provider_id, agreement_id) REFERENCES agreement (provider_id, id),
        FOREIGN KEY (provider_id, revision_id) REFERENCES agreement_revision (provider_id, id),
        CHECK ((ended_at IS NULL) = (ended_by IS NULL)),
        CHECK (ended_at IS NULL OR ended_at >= assigned_at)
      );
      -- One holder at a time.
      CREATE UNIQUE INDEX incident_assignment_current ON incident_assignment (incident_id) WHERE ended_at IS NULL;
      CREATE INDEX incident_assignment_incident ON incident_assignment (provider_id, incident_id, assigned_at);
      CREATE INDEX incident_assignment_party ON incident_assignment (provider_id, supporting_party_id);
      CREATE INDEX incident_assignment_agreement ON incident_assignment (provider_id, agreement_id);
      CREATE INDEX incident_assignment_revision ON incident_assignment (provider_id, revision_id);
      CREATE TRIGGER incident_assignment_no_delete BEFORE DELETE ON incident_assignment FOR EACH ROW EXECUTE FUNCTION refuse_delete();

      CREATE TABLE supporting_clock (
        provider_id          uuid NOT NULL,
        incident_id          uuid NOT NULL,
        supporting_party_id  uuid NOT NULL,
        metric               text NOT NULL CHECK (metric IN ('FIRST_RESPONSE_TIME','RESOLUTION_TIME','UPDATE_INTERVAL')),
        agreement_id         uuid NOT NULL,
        revision_id          uuid NOT NULL,
        objective_ids        uuid[] NOT NULL,
        state                text NOT NULL CHECK (state IN ('RUNNING','PAUSED','MET','BREACHED','NOT_APPLICABLE')),
        judged_priority      text NOT NULL CHECK (judged_priority IN ('P1','P2','P3','P4')),
        due_at               timestamptz(3),
        warn_at              timestamptz(3),
        warned_at            timestamptz(3),
        breached_at          timestamptz(3),
        warning_recorded     boolean NOT NULL DEFAULT false,
        breach_recorded      boolean NOT NULL DEFAULT false,
        computed_at          timestamptz(3) NOT NULL,
        PRIMARY KEY (incident_id, supporting_party_id, metric),
        FOREIGN KEY (provider_id, incident_id) REFERENCES incident (provider_id, id),
        FOREIGN KEY (provider_id, supporting_party_id) REFERENCES supporting_party (provider_id, id),
        FOREIGN KEY (provider_id, agreement_id) REFERENCES agreement (provider_id, id),
        FOREIGN KEY (provider_id, revision_id) REFERENCES agreement_revision (provider_id, id)
      );
      CREATE INDEX supporting_clock_due ON supporting_clock (due_at) WHERE state = 'RUNNING' AND NOT breach_recorded;
      CREATE INDEX supporting_clock_warn ON supporting_clock (warn_at) WHERE state = 'RUNNING' AND NOT warning_recorded;
      CREATE INDEX supporting_clock_party ON supporting_clock (provider_id, supporting_party_id);
      CREATE INDEX supporting_clock_agreement ON supporting_clock (provider_id, agreement_id);
      CREATE INDEX supporting_clock_revision ON supporting_clock (provider_id, revision_id);

      ALTER TABLE escalation ADD COLUMN supporting_party_id uuid;
      ALTER TABLE escalation ADD COLUMN supporting_metric text CHECK (supporting_metric IN ('FIRST_RESPONSE_TIME','RESOLUTION_TIME','UPDATE_INTERVAL'));
      ALTER TABLE escalation ADD CONSTRAINT escalation_supporting_party_fk FOREIGN KEY (provider_id, supporting_party_id) REFERENCES supporting_party (provider_id, id);
      ALTER TABLE escalation ADD CONSTRAINT escalation_supporting_check CHECK ((supporting_party_id IS NULL) = (supporting_metric IS NULL) AND (supporting_party_id IS NULL OR incident_id IS NOT NULL));
      CREATE INDEX escalation_supporting_party ON escalation (provider_id, supporting_party_id) WHERE supporting_party_id IS NOT NULL;
      -- One open escalation per incident, trigger and supporting party (none: the customer's clocks).
      DROP INDEX escalation_incident_trigger;
      CREATE UNIQUE INDEX escalation_incident_trigger ON escalation (incident_id, trigger, coalesce(supporting_party_id, '00000000-0000-0000-0000-000000000000'::uuid))
        WHERE incident_id IS NOT NULL AND status IN ('OPEN','ACKNOWLEDGED');

      ALTER TABLE escalation_history DROP CONSTRAINT IF EXISTS escalation_history_channel_check;
      ALTER TABLE escalation_history ADD CONSTRAINT escalation_history_channel_check CHECK (channel IN ('ROLE','USER','WEBHOOK','SUPPORTING_PARTY'));
    `);
    for (const table of ['supporting_party', 'incident_assignment', 'supporting_clock']) {
      await q.query(`
        GRANT SELECT, INSERT, UPDATE, DELETE ON ${table} TO sla_app;
        ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
        CREATE POLICY tenant ON ${table} TO sla_app USING (provider_id = app_provider_id()) WITH CHECK (provider_id = app_provider_id());
      `);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE escalation_history DROP CONSTRAINT escalation_history_channel_check;
      ALTER TABLE escalation_history ADD CONSTRAINT escalation_history_channel_check CHECK (channel IN ('ROLE','USER','WEBHOOK'));
      DROP INDEX escalation_incident_trigger;
      CREATE UNIQUE INDEX escalation_incident_trigger ON escalation (incident_id, trigger) WHERE incident_id IS NOT NULL AND status IN ('OPEN','ACKNOWLEDGED');
      ALTER TABLE escalation DROP COLUMN supporting_metric, DROP COLUMN supporting_party_id;
      DROP TABLE supporting_clock;
      DROP TABLE incident_assignment;
      ALTER TABLE objective DROP COLUMN supports_objective_ids;
      ALTER TABLE agreement DROP CONSTRAINT agreement_supporting_party_check, DROP COLUMN supporting_party_id;
      ALTER TABLE agreement DROP CONSTRAINT agreement_kind_check;
      ALTER TABLE agreement ADD CONSTRAINT agreement_kind_check CHECK (kind IN ('SERVICE_BASED','CUSTOMER_BASED','MULTI_LEVEL'));
      DROP TABLE supporting_party;
    `);
  }
}
