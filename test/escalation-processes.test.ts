import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { EventEmitter } from 'node:events';
import { Role } from '../src/common/roles';
import { activeAgreement, agreementWorld } from './support/agreement-fixtures';
import { databaseUrlFor, workerDatabaseName } from './support/database';
import { REPORT, RAISE } from './support/escalation-fixtures';
import { describeOnPostgres } from './support/postgres-only';
import { JOB_SCHEMA } from '../src/jobs/job-queue';
import { TEST_JWT_SECRET, TestApp } from './support/test-app';

const MAIN = path.join(__dirname, '..', 'dist', 'src', 'main.js');

interface ServerProcess {
  name: string;
  child: ChildProcess;
  url: string;
  /** Jobs this process finished, by name, as its log says. */
  jobsDone: string[];
  /** Resolves when its log says it finished a job of that name (at once if it already did); rejects if it exits first. */
  finished(job: string): Promise<ServerProcess>;
}

/** `node dist/src/main.js` on the test's database, working the job queue every second. */
async function startServer(name: string): Promise<ServerProcess> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build first (npm test does).`);
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'development',
      DATABASE_URL: databaseUrlFor(workerDatabaseName()),
      DB_POOL_MAX: '5',
      HOST: '127.0.0.1',
      PORT: '0',
      SEED_DEMO: 'false',
      JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: 'debug',
      JOB_POLL_INTERVAL_SECONDS: '1',
      JOB_EXPIRE_SECONDS: '3',
      JOB_MAINTENANCE_INTERVAL_SECONDS: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const jobsDone: string[] = [];
  const log = new EventEmitter();
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (!line.startsWith('{')) return;
    const entry = JSON.parse(line) as { msg?: string; url?: string; job?: string };
    if (entry.msg === 'job done' && entry.job) jobsDone.push(entry.job);
    log.emit('entry', entry);
  });
  child.stderr!.resume();
  // No deadline of its own: it waits for the log line however slow the machine (jest's testTimeout guards a hang).
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before listening`)));
    log.on('entry', (entry: { msg?: string; url?: string }) => {
      if (entry.msg === 'listening' && entry.url) resolve(entry.url);
    });
  });
  const server: ServerProcess = {
    name,
    child,
    url,
    jobsDone,
    finished: (job) =>
      new Promise((resolve, reject) => {
        if (jobsDone.includes(job)) return resolve(server);
        child.once('exit', (code, signal) => reject(new Error(`${name} exited (${code ?? signal}) before finishing a ${job} job`)));
        log.on('entry', (entry: { msg?: string; job?: string }) => {
          if (entry.msg === 'job done' && entry.job === job) resolve(server);
        });
      }),
  };
  return server;
}

/** Whether a job of `name` may still run: due, running, or waiting to be retried (the killed process's unfinished ones become that). */
async function jobsLeft(t: TestApp, name: string): Promise<number> {
  const [{ n }] = await t.app.db.dataSource.query(
    `SELECT count(*)::int AS n FROM ${JOB_SCHEMA}.job WHERE name = $1 AND (state IN ('active', 'retry') OR (state = 'created' AND start_after <= now()))`,
    [name],
  );
  return n;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function gql(url: string, token: string, query: string, variables: Record<string, unknown>): Promise<any> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data: any; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

const kill = (server: ServerProcess | undefined) =>
  new Promise<void>((resolve) => {
    if (!server || server.child.exitCode !== null || server.child.signalCode !== null) return resolve();
    server.child.once('exit', () => resolve());
    server.child.kill('SIGKILL');
  });

describeOnPostgres('escalations with two server processes, one killed mid-way', () => {
  let t: TestApp;
  let a: ServerProcess | undefined;
  let b: ServerProcess | undefined;

  afterAll(async () => {
    await kill(a);
    await kill(b);
    await t?.stop();
  });

  it('notifies every level of every escalation exactly once', async () => {
    // Set up through an in-process server that works no jobs; real time, short levels.
    t = await TestApp.start();
    const w = await agreementWorld(t);
    const integration = (await t.ok(`mutation { apiKeyCreate(input: { name: "Monitoring", roles: [INTEGRATION] }) { secret } }`, {}, w.admin)).apiKeyCreate.secret;
    const signatory = await t.token(w.provider, [Role.CUSTOMER_SIGNATORY], w.customerA.id);
    await activeAgreement(
      t,
      w.admin,
      {
        kind: 'CUSTOMER_BASED',
        level: 'CUSTOMER',
        customer: w.customerA.id,
        services: [w.serviceMpg.id],
        terms: {
          title: 'Fast escalation SLA',
          effectiveFrom: '2026-01-01T00:00:00Z',
          objectives: [{ metric: 'RESOLUTION_TIME', priority: 'P1', targetDuration: 'PT8H' }],
          escalationPolicy: {
            levels: [
              { level: 1, name: 'On call', notifyRoles: ['ACCOUNT_MANAGER'], after: 'PT2S' },
              { level: 2, name: 'Service manager', notifyUsers: ['manager@acme.example'], after: 'PT2S' },
              { level: 3, name: 'Account executive', notifyRoles: ['PROVIDER_ADMIN'], after: 'PT1H' },
            ],
            triggers: { clockBreach: false },
          },
        },
      },
      { customerSignatory: signatory },
    );
    const incidents: string[] = [];
    for (let i = 0; i < 12; i++) {
      const reported = await t.ok(
        REPORT,
        { input: { customer: w.customerA.id, service: w.serviceMpg.id, priority: 'P1', impact: 'OUTAGE', title: `Outage ${i}`, startedAt: new Date().toISOString() } },
        integration,
      );
      incidents.push(reported.incidentReport.incident.id);
    }

    [a, b] = await Promise.all([startServer('process A'), startServer('process B')]);
    const escalations: string[] = [];
    for (const [i, incident] of incidents.entries()) {
      // Raised on both processes alike: the timers go to the shared queue, not to the process.
      const raised = await gql(i % 2 === 0 ? a.url : b.url, w.admin, RAISE, { input: { incident, note: 'Customer down' } });
      expect(raised.escalationRaise.userErrors).toEqual([]);
      escalations.push(raised.escalationRaise.escalation.id);
    }
    // Level 2 comes due 2 s after raising. Either process may work any job (they share the queue),
    // so kill whichever finishes a level first, while levels are still to come; the other must
    // finish the rest, each level notified once, including the jobs the killed one had fetched.
    const killed = await Promise.race([a.finished('escalation.advance'), b.finished('escalation.advance')]);
    await kill(killed);
    const survivor = killed === a ? b : a;
    expect(killed.jobsDone).toContain('escalation.advance');
    const [{ pending }] = await t.app.db.dataSource.query(`SELECT count(*)::int AS pending FROM escalation WHERE current_level < 3`);
    expect(pending).toBeGreaterThan(0);

    const LEVELS = `query($filter: EscalationFilter) { escalations(filter: $filter, first: 50) { nodes { id currentLevel history { kind level } } } }`;
    type Node = { id: string; currentLevel: number; history: { kind: string; level: number }[] };
    const read = async (): Promise<Node[]> => (await gql(survivor.url, w.admin, LEVELS, { filter: {} })).escalations.nodes;
    // Wait (no deadline of our own: jest's testTimeout guards a hang) until every escalation is at
    // its last level and no advance can run any more: none due, running, or waiting for its retry
    // (the jobs the killed process held come back once they expire). Only then count.
    for (;;) {
      const now = await read();
      if (now.length === escalations.length && now.every((n) => n.currentLevel === 3) && (await jobsLeft(t, 'escalation.advance')) === 0) break;
      await pause(200);
    }
    const nodes = await read();

    expect(nodes.map((n) => n.id).sort()).toEqual([...escalations].sort());
    for (const n of nodes) {
      expect(n.currentLevel).toBe(3);
      const notifiedLevels = [...new Set(n.history.filter((h) => h.kind === 'NOTIFIED').map((h) => h.level))];
      expect(notifiedLevels.sort()).toEqual([1, 2, 3]);
    }
    const events: { type: string; n: number }[] = await t.app.db.dataSource.query(
      `SELECT type, count(*)::int AS n FROM domain_event WHERE type LIKE 'escalation.%' GROUP BY type ORDER BY type`,
    );
    expect(events).toEqual([
      { type: 'escalation.advanced', n: 2 * escalations.length },
      { type: 'escalation.raised', n: escalations.length },
    ]);
    const perLevel: { level: number; n: number }[] = await t.app.db.dataSource.query(
      `SELECT (data->>'level')::int AS level, count(DISTINCT subject_id)::int AS n FROM domain_event WHERE type = 'escalation.advanced' GROUP BY 1 ORDER BY 1`,
    );
    expect(perLevel).toEqual([
      { level: 2, n: escalations.length },
      { level: 3, n: escalations.length },
    ]);
  });
});
