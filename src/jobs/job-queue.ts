import { createHash } from 'node:crypto';
import PgBoss from 'pg-boss';
import { type Clock } from '../common/clock';
import { type Config } from '../common/config';
import { type Logger } from '../common/logger';
import { type Database } from '../context/database';
import { RequestContext } from '../context/request-context';
import { APP_ROLE, asOwner } from '../db/tenant-scope';
import { type JobData, type JobName, type JobRequest, type ScheduledJobs, type ScheduleOptions } from '../context/scheduled-jobs';
import { type JobHandler, jobHandlers, type JobHandlers } from './job-handlers';
import { bossDatabase, transactionDatabase } from './job-queue-database';

export const JOB_SCHEMA = 'pgboss';
/** Jobs fetched per poll by each worker; they run side by side. */
const BATCH_SIZE = 10;
/** Jobs written per statement by scheduleMany. */
const INSERT_CHUNK = 5000;

/** A durable job as it is stored: the caller's data plus when it is due by the application clock. */
type StoredJob = Record<string, unknown> & { runAt: string };

/**
 * Durable timers and deliveries on pg-boss (PostgreSQL-backed, `FOR UPDATE SKIP LOCKED`): a
 * job asked for before a restart runs after it, and with several server processes on one
 * database each job is fetched by one of them. On the embedded database pg-boss goes through
 * the same one-at-a-time lock as our transactions (one session), in this process only.
 */
export class JobQueue implements ScheduledJobs {
  private readonly boss: PgBoss;
  private readonly names: JobName[];
  private started = false;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: Config['jobs'],
    private readonly handlers: Partial<JobHandlers> = jobHandlers,
  ) {
    this.names = Object.keys(handlers) as JobName[];
    this.boss = new PgBoss({
      db: bossDatabase(db),
      schema: JOB_SCHEMA,
      supervise: options.workers,
      schedule: false,
      migrate: true,
      maintenanceIntervalSeconds: options.maintenanceIntervalSeconds,
    });
    this.boss.on('error', (error) => logger.error({ err: error }, 'job queue error'));
  }

  async start(): Promise<void> {
    await this.boss.start();
    for (const name of this.names) {
      // Retries here are for crashes and unexpected errors; domain retry schedules (webhooks) are the domain's.
      // Retries (5 s doubling: about three hours in all) cover crashes and passing database errors.
      const policy = { name, retryLimit: 11, retryDelay: 5, retryBackoff: true, expireInSeconds: this.options.expireSeconds };
      // createQueue leaves an existing queue as it was; the settings of this start apply from now on.
      await this.boss.createQueue(name, policy);
      await this.boss.updateQueue(name, policy);
    }
    await this.boss.getDb().executeSql(grantQueueToAppRole, []);
    if (this.options.workers) {
      for (const name of this.names) {
        // A batch is handled job by job: one failure is that job's alone (pg-boss completes the others).
        await this.boss.work<Record<string, unknown>>(name, { pollingIntervalSeconds: this.options.pollIntervalSeconds, batchSize: BATCH_SIZE }, (jobs) =>
          Promise.all(
            jobs.map((job) =>
              this.handle(name, job).catch(async (error: unknown) => {
                this.logger.error({ err: error, job: name, jobId: job.id }, 'job failed; pg-boss retries it');
                await this.boss.fail(name, job.id, { message: error instanceof Error ? error.message : String(error) });
              }),
            ),
          ),
        );
      }
    }
    this.started = true;
  }

  async schedule<J extends JobName>(ctx: RequestContext, job: J, data: JobData<J>, runAt: Date, options: ScheduleOptions = {}): Promise<void> {
    this.requireStarted(job);
    await this.boss.send(job, { ...data, runAt: runAt.toISOString() } satisfies StoredJob, {
      startAfter: this.startAfter(runAt),
      ...(options.singletonKey ? { id: jobIdOf(job, options.singletonKey) } : {}),
      ...(ctx.inTransaction ? { db: transactionDatabase(ctx.em) } : {}),
    });
  }

  async scheduleMany<J extends JobName>(ctx: RequestContext, job: J, requests: readonly JobRequest<J>[]): Promise<void> {
    this.requireStarted(job);
    const rows: PgBoss.JobInsert<StoredJob>[] = requests.map((r) => ({
      name: job,
      data: { ...r.data, runAt: r.runAt.toISOString() },
      startAfter: this.startAfter(r.runAt),
      ...(r.singletonKey ? { id: jobIdOf(job, r.singletonKey) } : {}),
    }));
    // One INSERT ... SELECT FROM json_to_recordset per chunk; a job whose id exists already is skipped (ON CONFLICT DO NOTHING).
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      await this.boss.insert(rows.slice(i, i + INSERT_CHUNK), ctx.inTransaction ? { db: transactionDatabase(ctx.em) } : {});
    }
  }

  private requireStarted(job: JobName): void {
    if (!this.handlers[job]) throw new Error(`No handler for job ${job}.`);
    if (!this.started) throw new Error(`The job queue is not started; cannot schedule ${job}.`);
  }

  /**
   * pg-boss waits by the database's time; the domain's due time is by the application clock. The
   * one clock reading outside RequestContext: converting between two clocks needs the clock's
   * reading now, not the instant of the unit of work that asks.
   */
  private startAfter(runAt: Date): Date {
    // eslint-disable-next-line no-restricted-syntax -- converts between the application clock and pg-boss's real time
    return new Date(Date.now() + Math.max(0, runAt.getTime() - this.clock.now().getTime()));
  }

  /**
   * Runs every job due by the application clock, including those the jobs themselves schedule
   * and that are due too, and returns how many ran. For tests and tools that move the clock:
   * the workers (off in tests) would otherwise wait for the database's time.
   */
  async runDue(): Promise<number> {
    let ran = 0;
    const failures: unknown[] = [];
    for (let round = 0; round < 1000; round++) {
      // Each round is a sweep of its own, with its own instant.
      const sweep = new RequestContext(this.db, null, 'jobs:run-due', this.clock, this.logger);
      await this.db.dataSource.query(
        `UPDATE ${JOB_SCHEMA}.job SET start_after = now() - interval '1 millisecond'
         WHERE name = ANY($1) AND state = 'created' AND (data->>'runAt')::timestamptz <= $2 AND start_after > now()`,
        [this.names, sweep.now],
      );
      let fetched = 0;
      for (const name of this.names) {
        const jobs = await this.boss.fetch<Record<string, unknown>>(name, { batchSize: 100 });
        for (const job of jobs) {
          fetched += 1;
          try {
            await this.handle(name, job);
            await this.boss.complete(name, job.id);
          } catch (error) {
            failures.push(Object.assign(error instanceof Error ? error : new Error(String(error)), { job: name }));
            await this.boss.fail(name, job.id, { message: error instanceof Error ? error.message : String(error) });
          }
        }
      }
      ran += fetched;
      if (fetched === 0) break;
    }
    // The message names each job and why, so that a failing test says it without a debugger.
    const why = failures.map((f) => `${(f as { job?: string }).job}: ${(f as Error).message}`).join('; ');
    if (failures.length > 0) throw new AggregateError(failures, `${failures.length} job(s) failed: ${why}`);
    return ran;
  }

  /** Stops fetching; jobs running now get up to `timeoutMs` to finish (then pg-boss retries them later). */
  async stop(timeoutMs = 10_000): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, wait: true, timeout: timeoutMs, close: false });
  }

  private async handle(name: JobName, job: PgBoss.Job<Record<string, unknown>>): Promise<void> {
    const runAt = new Date(String(job.data.runAt));
    // A job is a unit of work of its own, with its own instant.
    const ctx = new RequestContext(this.db, null, `job:${name}:${job.id}`, this.clock, this.logger.child({ job: name, jobId: job.id }));
    if (runAt.getTime() > ctx.now.getTime()) {
      // Fetched before its time by the application clock (the database's clock runs ahead of
      // this host's): wait again rather than let the handler find nothing due and drop it.
      // eslint-disable-next-line no-restricted-syntax -- pg-boss waits by real time
      await this.boss.send(name, job.data, { startAfter: new Date(Date.now() + runAt.getTime() - ctx.now.getTime()) });
      return;
    }
    // The stored data is what schedule was given for this name (JobPayloads), plus runAt.
    const handler = this.handlers[name] as JobHandler;
    // Jobs span tenants (their rows say whose they are): they run as the owner, whoever set them off.
    await asOwner(() => handler(ctx, job.data));
    this.logger.debug({ job: name, jobId: job.id }, 'job done');
  }
}

/**
 * Requests write jobs in their own transaction, as the app role (src/db/tenant-scope.ts): it may
 * use the queue's tables, which pg-boss creates at start (after the migrations). Granted at every
 * start, for the tables of queues new since; a concurrent start granting the same may collide
 * ("tuple concurrently updated"), and has then granted it.
 */
const grantQueueToAppRole = `DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
    GRANT USAGE ON SCHEMA ${JOB_SCHEMA} TO ${APP_ROLE};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${JOB_SCHEMA} TO ${APP_ROLE};
    GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${JOB_SCHEMA} TO ${APP_ROLE};
  END IF;
EXCEPTION WHEN internal_error THEN NULL;
END $$`;

/** A stable job id for a key, so that scheduling the same key twice inserts one job. */
const jobIdOf = (job: JobName, singletonKey: string) => uuidFromKey(`${job}:${singletonKey}`);

function uuidFromKey(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
