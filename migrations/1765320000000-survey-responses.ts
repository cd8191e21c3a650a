import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Survey responses (customer satisfaction) for SATISFACTION objectives: one row per response,
 * a whole-number score on the 1-5 scale, recorded once per batch key (idempotency_key makes a
 * retry harmless). Append-only: a response, once recorded, is evidence.
 */
export class SurveyResponses1765320000000 implements MigrationInterface {
  name = 'SurveyResponses1765320000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE survey_response (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id   uuid NOT NULL,
        objective_id  uuid NOT NULL,
        at            timestamptz(3) NOT NULL,
        score         smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
        batch_key     text NOT NULL,
        recorded_at   timestamptz(3) NOT NULL DEFAULT now(),
        FOREIGN KEY (provider_id, objective_id) REFERENCES objective (provider_id, id)
      );
      CREATE INDEX survey_response_objective_time ON survey_response (provider_id, objective_id, at);
      CREATE TRIGGER survey_response_append_only BEFORE UPDATE OR DELETE ON survey_response FOR EACH ROW EXECUTE FUNCTION refuse_change();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE survey_response');
  }
}
