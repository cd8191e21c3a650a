import type PgBoss from 'pg-boss';
import { type EntityManager } from 'typeorm';
import { type Database } from '../context/database';
import { asOwner } from '../db/tenant-scope';

type Pool = { query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }> };

/**
 * How pg-boss reaches the database: through our own pool (so one pool size bounds every
 * connection), as the owner: the queue spans tenants, also when a request sets off one of its
 * statements. On the embedded database that "pool" is the single PGlite session, so each of
 * pg-boss's statement batches waits for the transaction lock and never lands inside another
 * caller's transaction.
 */
export function bossDatabase(db: Database): PgBoss.Db {
  const pool = (db.dataSource.driver as unknown as { master: Pool }).master;
  const lock = db.transactionLock;
  if (!lock) return { executeSql: (text, values) => asOwner(() => pool.query(text, values)) };
  return { executeSql: (text, values) => lock.run(() => pool.query(text, values)) };
}

/** Runs pg-boss's statement inside the caller's open transaction, so the job commits with the work. */
export function transactionDatabase(em: EntityManager): PgBoss.Db {
  return {
    async executeSql(text, values) {
      const result = await em.queryRunner!.query(text, values, true);
      return { rows: result.records ?? [] };
    },
  };
}
