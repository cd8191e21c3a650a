import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The SLA clocks of each incident, one per time metric, as last computed: what the scheduled
 * job scans to record warnings and breaches when they happen, whoever reads the incident.
 */
export class SlaClocks1764300000000 implements MigrationInterface {
  name = 'SlaClocks1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sla_clock (
        provider_id        uuid NOT NULL,
        incident_id        uuid NOT NULL,
        metric             text NOT NULL CHECK (metric IN ('FIRST_RESPONSE_TIME','RESOLUTION_TIME','UPDATE_INTERVAL')),
        objective_ids      uuid[] NOT NULL,
        state              text NOT NULL CHECK (state IN ('RUNNING','PAUSED','MET','BREACHED','NOT_APPLICABLE')),
        due_at             timestamptz(3),
        warn_at            timestamptz(3),
        warned_at          timestamptz(3),
        breached_at        timestamptz(3),
        warning_recorded   boolean NOT NULL DEFAULT false,
        breach_recorded    boolean NOT NULL DEFAULT false,
        computed_at        timestamptz(3) NOT NULL,
        PRIMARY KEY (incident_id, metric),
        FOREIGN KEY (provider_id, incident_id) REFERENCES incident (provider_id, id)
      );
      CREATE INDEX sla_clock_due ON sla_clock (due_at) WHERE state = 'RUNNING' AND NOT breach_recorded;
      CREATE INDEX sla_clock_warn ON sla_clock (warn_at) WHERE state = 'RUNNING' AND NOT warning_recorded;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE sla_clock');
  }
}
