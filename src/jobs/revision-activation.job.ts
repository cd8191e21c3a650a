import { type Clock } from '../common/clock';
import { type Logger } from '../common/logger';
import { type Database } from '../context/database';
import { RequestContext } from '../context/request-context';
import { settleDueAgreements } from '../domain/agreements/activation';

export interface PeriodicJob {
  /** Runs the job once now (also what the timer calls). */
  runNow(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Activates approved revisions whose effectiveFrom has come and expires agreements whose terms
 * ran out. The state lives in the database, so a revision scheduled before a restart activates
 * at the first run after it (one runs at start); reads of the terms in force go by validity
 * periods and are right even between runs.
 */
export function startRevisionActivation(db: Database, clock: Clock, logger: Logger, intervalMs: number): PeriodicJob {
  let running: Promise<number> | null = null;
  const runNow = () => {
    running ??= settleDueAgreements(new RequestContext(db, null, 'job:revision-activation', clock, logger))
      .then((n) => {
        if (n > 0) logger.info({ agreements: n }, 'revisions activated or agreements expired');
        return n;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => {
    runNow().catch((error: unknown) => logger.error({ err: error }, 'revision activation failed'));
  }, intervalMs);
  timer.unref();
  return {
    runNow,
    async stop() {
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
