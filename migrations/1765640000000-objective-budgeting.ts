import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * How an objective's window is budgeted: OCCURRENCES (every objective so far) or TIMESLICES, with
 * the slice's length in seconds (from a minute to a day, dividing a day) and the share a slice
 * must attain to be good. Columns of `objective`, which keeps its row-level security policy; the
 * guard trigger that freezes the objectives of signed revisions does not fire on ALTER TABLE.
 */
export class ObjectiveBudgeting1765640000000 implements MigrationInterface {
  name = 'ObjectiveBudgeting1765640000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE objective
        ADD COLUMN budgeting_method text NOT NULL DEFAULT 'OCCURRENCES' CHECK (budgeting_method IN ('OCCURRENCES', 'TIMESLICES')),
        ADD COLUMN slice_seconds integer CHECK (slice_seconds BETWEEN 60 AND 86400 AND 86400 % slice_seconds = 0),
        ADD COLUMN slice_target numeric(9,6) CHECK (slice_target > 0 AND slice_target <= 100),
        ADD CONSTRAINT objective_slices_of_timeslices CHECK ((budgeting_method = 'TIMESLICES') = (slice_seconds IS NOT NULL AND slice_target IS NOT NULL)),
        ADD CONSTRAINT objective_timeslices_metric CHECK (budgeting_method = 'OCCURRENCES' OR metric IN ('AVAILABILITY', 'RATIO'))
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE objective
        DROP CONSTRAINT objective_timeslices_metric,
        DROP CONSTRAINT objective_slices_of_timeslices,
        DROP COLUMN slice_target,
        DROP COLUMN slice_seconds,
        DROP COLUMN budgeting_method
    `);
  }
}
