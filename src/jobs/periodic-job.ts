import { type Clock } from '../common/clock';
import { type Logger } from '../common/logger';
import { type Database } from '../context/database';
import { RequestContext } from '../context/request-context';

export interface PeriodicJob {
  /** Runs the job once now (also what the timer calls); a run already under way is shared. */
  runNow(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Runs `work` every `intervalMs` without an actor (events it records say SYSTEM). Its state
 * lives in the database, so nothing is lost across restarts: the next run catches up.
 */
export function startPeriodicJob(
  name: string,
  db: Database,
  clock: Clock,
  logger: Logger,
  intervalMs: number,
  work: (ctx: RequestContext) => Promise<number>,
): PeriodicJob {
  let running: Promise<number> | null = null;
  const runNow = () => {
    running ??= work(new RequestContext(db, null, `job:${name}`, clock, logger))
      .then((n) => {
        if (n > 0) logger.info({ job: name, handled: n }, 'scheduled work done');
        return n;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => {
    runNow().catch((error: unknown) => logger.error({ err: error, job: name }, 'scheduled work failed'));
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
