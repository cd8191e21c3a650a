import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** A measurement may name the monitor it came from (issue 14, point 3): reports say which share of a period's data came from the monitor the terms name. */
export class MeasurementSource1765610000001 implements MigrationInterface {
  name = 'MeasurementSource1765610000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE measurement ADD COLUMN source text CHECK (length(source) BETWEEN 1 AND 200)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE measurement DROP COLUMN source`);
  }
}
