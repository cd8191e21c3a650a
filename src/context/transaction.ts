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
        return await ctx.db.dataSource.transaction('READ COMMITTED', (em) => gatheringBeforeCommit(ctx.inside(em), work));
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

export { sqlState };
