import { gatheringBeforeCommit } from './before-commit';
import { type RequestContext } from './request-context';

const RETRYABLE = new Set(['40001', '40P01']); // serialization_failure, deadlock_detected
const MAX_ATTEMPTS = 5;

function sqlState(error: unknown): string | undefined {
  const e = error as { code?: unknown; driverError?: { code?: unknown } };
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` in one transaction: everything it does through the context it is given commits
 * together or not at all. Retried on serialization failure and deadlock. Nested calls join
 * the open transaction. What `work` gathered with beforeCommit is written just before the
 * commit. On the embedded database, transactions run one at a time.
 */
export async function withTransaction<T>(ctx: RequestContext, work: (tx: RequestContext) => Promise<T>): Promise<T> {
  if (ctx.inTransaction) return work(ctx);
  const attempt = async (): Promise<T> => {
    for (let n = 1; ; n++) {
      try {
        // READ COMMITTED: every connection's default (src/db/data-source.ts; the embedded database's too),
        // so the transaction starts with START TRANSACTION alone, no SET TRANSACTION ISOLATION LEVEL after it.
        return await ctx.db.dataSource.transaction((em) => gatheringBeforeCommit(ctx.inside(em), work));
      } catch (error) {
        const state = sqlState(error);
        if (!state || !RETRYABLE.has(state) || n >= MAX_ATTEMPTS) throw error;
        ctx.logger.debug({ attempt: n, sqlState: state }, 'transaction retried');
        await pause(Math.random() * 20 * 2 ** n);
      }
    }
  };
  const lock = ctx.db.transactionLock;
  return lock ? lock.run(attempt) : attempt();
}

/**
 * Runs `work`, which only reads, on one snapshot of the database: what it reads in several
 * statements (say the periods of a compliance report) agrees, whatever commits meanwhile. On
 * PostgreSQL one REPEATABLE READ READ ONLY transaction (its snapshot is taken by its first
 * statement); on the embedded database, a single session, one transaction under the lock that
 * keeps every other transaction out until it ends. Inside an open transaction, `work` joins it
 * and reads what that transaction reads.
 */
export async function withSnapshot<T>(ctx: RequestContext, work: (snapshot: RequestContext) => Promise<T>): Promise<T> {
  if (ctx.inTransaction) return work(ctx);
  const lock = ctx.db.transactionLock;
  if (lock) return lock.run(() => ctx.db.dataSource.transaction((em) => work(ctx.inside(em))));
  const runner = ctx.db.dataSource.createQueryRunner();
  await runner.connect();
  try {
    // One round trip to open it: the isolation level and read-only mode are part of the BEGIN.
    await runner.query('START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const result = await work(ctx.inside(runner.manager));
    await runner.query('COMMIT');
    return result;
  } catch (error) {
    await runner.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}

export { sqlState };
