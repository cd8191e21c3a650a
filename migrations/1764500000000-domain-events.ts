import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Every event the product raises (incident warnings and breaches, escalations, reviews,
 * revisions), kept append-only: its id is the id webhook receivers deduplicate on, and the
 * delivery log and live subscriptions refer to it.
 */
export class DomainEvents1764500000000 implements MigrationInterface {
  name = 'DomainEvents1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE domain_event (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id   uuid NOT NULL REFERENCES provider (id),
        customer_id   uuid,
        agreement_id  uuid,
        type          text NOT NULL CHECK (type ~ '^[a-z]+\\.[a-z_]+$'),
        subject_type  text NOT NULL,
        subject_id    uuid NOT NULL,
        data          jsonb NOT NULL DEFAULT '{}',
        occurred_at   timestamptz(3) NOT NULL,
        recorded_at   timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE INDEX domain_event_provider ON domain_event (provider_id, occurred_at DESC);
      CREATE INDEX domain_event_subject ON domain_event (subject_id, occurred_at);
      CREATE TRIGGER domain_event_append_only BEFORE UPDATE OR DELETE ON domain_event FOR EACH ROW EXECUTE FUNCTION refuse_change();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE domain_event');
  }
}
