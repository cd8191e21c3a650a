import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The rate limiter's shared store (rate-limiter-flexible's RateLimiterPostgres layout): one row
 * per caller and window, `points` consumed so far and `expire` (epoch milliseconds) when the
 * window ends. In a schema of its own, as pg-boss's queue is: it holds no tenant data (keys are
 * API key ids, provider ids with a user's subject, or client addresses), is written only by the
 * limiter's own connections (the owner, outside row-level security) and is not part of the API's
 * tables. Rows whose window ended an hour ago are deleted by the limiter every five minutes.
 */
export class RateLimitStore1765530000000 implements MigrationInterface {
  name = 'RateLimitStore1765530000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE SCHEMA IF NOT EXISTS rate_limit;
      CREATE TABLE rate_limit.consumption (
        key     varchar(255) PRIMARY KEY,
        points  integer NOT NULL DEFAULT 0,
        expire  bigint
      );
      CREATE INDEX consumption_expire ON rate_limit.consumption (expire);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP SCHEMA rate_limit CASCADE');
  }
}
