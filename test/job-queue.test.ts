import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FixedClock, systemClock } from '../src/common/clock';
import { loadConfig } from '../src/common/config';
import { createLogger } from '../src/common/logger';
import { Database } from '../src/context/database';
import { RequestContext } from '../src/context/request-context';
import { type JobName } from '../src/context/scheduled-jobs';
import { withTransaction } from '../src/context/transaction';
import { createDataSource } from '../src/db/data-source';
import { type JobHandler } from '../src/jobs/job-handlers';
import { JOB_SCHEMA, JobQueue } from '../src/jobs/job-queue';
import { databaseUrlFor, workerDatabaseName } from './support/database';
import { describeOnPostgres } from './support/postgres-only';
import { TestApp } from './support/test-app';

// A job name of the test's own, so that no product handler is involved.
const ECHO = 'test.echo' as JobName;
const MINUTE = 60_000;
const silent = createLogger('silent');
const queueOptions = { workers: false, pollIntervalSeconds: 1, expireSeconds: 30, maintenanceIntervalSeconds: 30 };

/** A queue on the app's database whose only job records what it was given. */
function echoQueue(db: Database, clock: FixedClock | typeof systemClock, seen: string[], workers = false): JobQueue {
  const handler: JobHandler = async (_ctx: RequestContext, data) => {
    seen.push(String(data.label));
  };
  return new JobQueue(db, clock, silent, { ...queueOptions, workers }, { [ECHO]: handler });
}

describe('durable job queue', () => {
  const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
  let t: TestApp;
  let queue: JobQueue;
  let seen: string[];

  beforeAll(async () => {
    t = await TestApp.start({ clock });
  });
  afterAll(async () => {
    await t.stop();
  });
  beforeEach(async () => {
    await t.reset();
    clock.set(new Date('2026-03-02T09:00:00Z'));
    seen = [];
    queue = echoQueue(t.app.db, clock, seen);
    await queue.start();
  });
  afterEach(async () => {
    await queue.stop();
  });

  it('runs a job when the application clock reaches its time, and only once', async () => {
    const ctx = t.context(null);
    await queue.schedule(ctx, ECHO, { label: 'in-30-minutes' }, new Date(clock.now().getTime() + 30 * MINUTE));

    expect(await queue.runDue()).toBe(0);
    clock.advance(29 * MINUTE);
    expect(await queue.runDue()).toBe(0);
    clock.advance(MINUTE);
    expect(await queue.runDue()).toBe(1);
    expect(seen).toEqual(['in-30-minutes']);
    clock.advance(60 * MINUTE);
    expect(await queue.runDue()).toBe(0);
    expect(seen).toEqual(['in-30-minutes']);
  });

  it('waits again for a job fetched before its time (a database clock running ahead), instead of dropping it', async () => {
    await queue.schedule(t.context(null), ECHO, { label: 'at 09:30' }, new Date(clock.now().getTime() + 30 * MINUTE));
    await t.app.db.dataSource.query(`UPDATE pgboss.job SET start_after = now() - interval '1 second' WHERE name = $1`, [ECHO]);

    await queue.runDue();
    expect(seen).toEqual([]);
    clock.advance(30 * MINUTE);
    await queue.runDue();
    expect(seen).toEqual(['at 09:30']);
  });

  it('keeps a job scheduled in a transaction only if the transaction commits', async () => {
    const ctx = t.context(null);
    await expect(
      withTransaction(ctx, async (tx) => {
        await queue.schedule(tx, ECHO, { label: 'rolled-back' }, clock.now());
        throw new Error('the work failed');
      }),
    ).rejects.toThrow('the work failed');
    await withTransaction(ctx, (tx) => queue.schedule(tx, ECHO, { label: 'committed' }, clock.now()));

    await queue.runDue();
    expect(seen).toEqual(['committed']);
  });

  it('drops a second request with the same key', async () => {
    const ctx = t.context(null);
    await queue.schedule(ctx, ECHO, { label: 'first' }, clock.now(), { singletonKey: 'escalation-1-level-2' });
    await queue.schedule(ctx, ECHO, { label: 'second' }, clock.now(), { singletonKey: 'escalation-1-level-2' });
    await queue.schedule(ctx, ECHO, { label: 'other key' }, clock.now(), { singletonKey: 'escalation-1-level-3' });

    await queue.runDue();
    expect(seen.sort()).toEqual(['first', 'other key']);
  });

  it('runs the jobs that a job schedules when they are due too', async () => {
    const chained: string[] = [];
    const chain: JobHandler = async (ctx, data) => {
      const step = Number(data.step);
      chained.push(`step ${step} at ${ctx.now.toISOString()}`);
      if (step < 3) await ctx.db.jobs.schedule(ctx, ECHO, { step: step + 1 }, new Date(new Date(String(data.runAt)).getTime() + 10 * MINUTE));
    };
    const chainQueue = new JobQueue(t.app.db, clock, silent, queueOptions, { [ECHO]: chain });
    await queue.stop();
    await chainQueue.start();
    const previous = t.app.db.jobs;
    t.app.db.jobs = chainQueue;
    try {
      await chainQueue.schedule(t.context(null), ECHO, { step: 1 }, clock.now());
      await chainQueue.runDue();
      clock.advance(25 * MINUTE);
      await chainQueue.runDue();
      expect(chained).toEqual(['step 1 at 2026-03-02T09:00:00.000Z', 'step 2 at 2026-03-02T09:25:00.000Z', 'step 3 at 2026-03-02T09:25:00.000Z']);
    } finally {
      t.app.db.jobs = previous;
      await chainQueue.stop();
    }
  });

  it('reports a failing job instead of hiding it', async () => {
    const failing = new JobQueue(t.app.db, clock, silent, queueOptions, {
      [ECHO]: async () => {
        throw new Error('receiver exploded');
      },
    });
    await queue.stop();
    await failing.start();
    try {
      await failing.schedule(t.context(null), ECHO, {}, clock.now());
      await expect(failing.runDue()).rejects.toThrow('1 job(s) failed');
    } finally {
      await failing.stop();
    }
  });
});

describe('durable jobs across a restart', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sla-jobs-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('runs after the restart a job scheduled before it', async () => {
    const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
    // On PostgreSQL the same database; without DATABASE_URL an embedded database on disk.
    const env: Record<string, string> = process.env.DATABASE_URL ? {} : { DATABASE_URL: '', DATA_DIR: dataDir };
    const before = await TestApp.start({ clock, env });
    const seenBefore: string[] = [];
    const first = echoQueue(before.app.db, clock, seenBefore);
    await first.start();
    await first.schedule(before.context(null), ECHO, { label: 'tomorrow' }, new Date('2026-03-03T09:00:00Z'));
    await first.stop();
    await before.stop();

    clock.set(new Date('2026-03-03T09:00:01Z'));
    const after = await TestApp.start({ clock, env, keepData: true });
    const seenAfter: string[] = [];
    const second = echoQueue(after.app.db, clock, seenAfter);
    try {
      await second.start();
      expect(await second.runDue()).toBe(1);
      expect(seenBefore).toEqual([]);
      expect(seenAfter).toEqual(['tomorrow']);
    } finally {
      await second.stop();
      await after.stop();
    }
  });
});

describeOnPostgres('durable jobs with two server processes on one database', () => {
  it('runs each job once although both processes work the queue', async () => {
    const url = databaseUrlFor(workerDatabaseName());
    const config = loadConfig({ DATABASE_URL: url, DB_POOL_MAX: '5', LOG_LEVEL: 'silent' });
    const sources = [createDataSource(config.database, silent), createDataSource(config.database, silent)];
    const t = await TestApp.start();
    await t.stop();
    const seenBy: string[][] = [[], []];
    const queues: JobQueue[] = [];
    try {
      const databases: Database[] = [];
      for (const [i, source] of sources.entries()) {
        await source.initialize();
        databases.push(new Database(source, 'postgres'));
        queues.push(echoQueue(databases[i]!, systemClock, seenBy[i]!, true));
      }
      await Promise.all(queues.map((q) => q.start()));
      const ctx = new RequestContext(databases[0]!, null, 'test', systemClock, silent);
      const labels = Array.from({ length: 120 }, (_, i) => `job-${i}`);
      for (const label of labels) await queues[0]!.schedule(ctx, ECHO, { label }, new Date());

      // Until no job is left that either process could still run (none due, running or waiting for
      // a retry): then a job run twice would show. No deadline of our own: jest's testTimeout guards a hang.
      const left = async () =>
        (await sources[0]!.query(`SELECT count(*)::int AS n FROM ${JOB_SCHEMA}.job WHERE name = $1 AND state IN ('created', 'retry', 'active')`, [ECHO]))[0].n;
      while ((await left()) > 0) await new Promise((r) => setTimeout(r, 100));
      const all = [...seenBy[0]!, ...seenBy[1]!].sort();
      expect(all).toEqual([...labels].sort());
      expect(new Set(all).size).toBe(labels.length);
    } finally {
      await Promise.all(queues.map((q) => q.stop()));
      await Promise.all(sources.map((s) => (s.isInitialized ? s.destroy() : undefined)));
    }
  });
});
