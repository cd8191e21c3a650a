import 'reflect-metadata';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { toGlobalId } from '../src/common/global-id';
import { Role } from '../src/common/roles';
import { mintAccessToken } from '../src/domain/identity/access-token';
import { connect, migrate, recreateDatabase } from './database';
import { type DriverInput, type DriverResult } from './driver';
import { generate, PROVIDER_ID, scaleOf } from './generate';
import { ensurePeers } from './install-peers';
import { type Fixture, hashOf, type RequestSpec, SERVERS, type ServerName, type Workload, workloads } from './workloads';

const USAGE = `npm run bench -- [--scale 1] [--duration 10] [--workloads W0,W1,W2,W3,W4] [--rounds 2] [--warmup 2]
  [--connections 16] [--pool 10] [--database-url postgres://.../sla_bench] [--reuse] [--generate-only] [--port-base 4300] [--out bench/results/latest.json]
  [--cpu-profile bench/results/profiles]

Generates the data set (scale 1: 2,000 customers, 10,000 agreements, 1,000,000 incidents) into a
fresh database (dropped and created), starts our server, PostGraphile 5 and the raw SQL ceiling on
it, checks that they answer the same, and drives each workload with autocannon, servers in turn.
--reuse keeps a database generated before at the same scale (running any new migration on it);
--generate-only stops after generating. --cpu-profile runs our server with --cpu-prof and writes its
profile into that folder when it stops; node dist/bench/profile-summary.js <file> sums it up.`;

const ROOT = resolve(__dirname, '..', '..');
const log = (line: string) => process.stderr.write(`${line}\n`);
/** Part of every idempotency key, so that a run on a reused database never replays an earlier run's keys. */
const RUN = Date.now().toString(36);

interface Options {
  scale: number;
  duration: number;
  workloads: string[];
  rounds: number;
  warmup: number;
  connections: number;
  pool: number;
  databaseUrl: string;
  reuse: boolean;
  generateOnly: boolean;
  portBase: number;
  out: string;
  rotate: number;
  /** When set: our server runs with `--cpu-prof` and writes its CPU profile here at its exit. */
  cpuProfile: string | null;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: '1' },
      duration: { type: 'string', default: '10' },
      workloads: { type: 'string', default: 'W0,W1,W2,W3,W4' },
      rounds: { type: 'string', default: '2' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: '16' },
      pool: { type: 'string', default: '10' },
      'database-url': { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/sla_bench' },
      reuse: { type: 'boolean', default: false },
      'generate-only': { type: 'boolean', default: false },
      'port-base': { type: 'string', default: '4300' },
      out: { type: 'string', default: join(ROOT, 'bench', 'results', 'latest.json') },
      rotate: { type: 'string', default: '50' },
      'cpu-profile': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  return {
    scale: Number(values.scale),
    duration: Number(values.duration),
    workloads: String(values.workloads).split(',').map((w) => w.trim()).filter(Boolean),
    rounds: Number(values.rounds),
    warmup: Number(values.warmup),
    connections: Number(values.connections),
    pool: Number(values.pool),
    databaseUrl: String(values['database-url']),
    reuse: Boolean(values.reuse),
    generateOnly: Boolean(values['generate-only']),
    portBase: Number(values['port-base']),
    out: resolve(String(values.out)),
    rotate: Number(values.rotate),
    cpuProfile: values['cpu-profile'] ? resolve(String(values['cpu-profile'])) : null,
  };
}

interface Server {
  name: ServerName;
  url: string;
  process: ChildProcess;
  headers: Record<string, string>;
  /** Statements sent so far (peers: their pool counter); null for ours (per-request header). */
  statements: () => Promise<number | null>;
}

function procCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the line (11 and 12 after the command name), in clock ticks.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

function procPeakMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 102.4) / 10;
}

/**
 * Resets the peak resident memory (VmHWM) of a process to what it holds now (Linux: writing 5 to
 * /proc/<pid>/clear_refs), so that the peak read after a workload is that workload's, not the
 * process's since it started. False where the kernel refuses (then the peak is since the start).
 */
function resetPeakMemory(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/**
 * How long a server may take to answer its first request. Ours catches up on scheduled work at
 * start (reviews and objective checks of every active agreement: 10,000 at scale 1), which on a
 * busy machine takes a while; a server that has exited fails at once.
 */
const START_TIMEOUT_MS = 300_000;

async function waitUntil(check: () => Promise<boolean>, what: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not start within ${timeoutMs} ms`);
}

function startProcess(name: string, args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    tail.push(chunk.toString('utf8'));
    if (tail.length > 50) tail.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('exit', (code, signal) => {
    if (code && code !== 0 && signal !== 'SIGTERM') log(`${name} exited with ${code ?? signal}:\n${tail.join('').slice(-3000)}`);
  });
  return child;
}

async function startServers(o: Options, providerId: string): Promise<Server[]> {
  const common = { NODE_ENV: 'production', DATABASE_URL: o.databaseUrl, DB_POOL_MAX: String(o.pool) };
  const jwtSecret = randomBytes(32).toString('hex');
  const token = await mintAccessToken({ secret: jwtSecret }, { sub: 'bench', name: 'Bench', provider: toGlobalId('Provider', providerId), roles: [Role.PROVIDER_ADMIN] }, 86_400);
  const [oursPort, pgPort, pgStats, ceilingPort] = [o.portBase + 1, o.portBase + 2, o.portBase + 3, o.portBase + 4];
  const json = { 'content-type': 'application/json' };
  const counter = (url: string) => async () => ((await (await fetch(url)).json()) as { statements: number }).statements;
  const typename = (s: Server) => fetch(`${s.url}/graphql`, { method: 'POST', headers: s.headers, body: '{"query":"{ __typename }"}' }).then((r) => r.ok);
  const started: Server[] = [];
  // Each server is started and answering before the next starts (their start-ups do not slow each
  // other); if one fails to start, those already started are stopped (their ports freed) before the error.
  const start = async (server: Omit<Server, 'process'>, what: string, args: string[], env: Record<string, string>, ready: (s: Server) => Promise<boolean>) => {
    const t0 = performance.now();
    const s: Server = { ...server, process: startProcess(server.name, args, env) };
    started.push(s);
    await waitUntil(() => ready(s), what, s.process, START_TIMEOUT_MS);
    log(`  ${what} answers (${((performance.now() - t0) / 1000).toFixed(1)} s after its start)`);
    return s;
  };
  try {
    log('starting the servers');
    await start(
      { name: 'ours', url: `http://127.0.0.1:${oursPort}`, headers: { ...json, authorization: `Bearer ${token}` }, statements: async () => null },
      'our server',
      [...(o.cpuProfile ? ['--cpu-prof', `--cpu-prof-dir=${o.cpuProfile}`] : []), 'dist/src/main.js'],
      {
        ...common,
        HOST: '127.0.0.1',
        PORT: String(oursPort),
        SEED_DEMO: 'false',
        JWT_SECRET: jwtSecret,
        EXPOSE_SQL_STATS: 'true',
        LOG_LEVEL: 'warn',
        // Background work off: what is measured is the request path only.
        JOB_WORKERS: 'false',
        // One token sends every request of a run: a budget per caller would refuse most of them (the peers have none).
        RATE_LIMIT_ENABLED: 'false',
        REVISION_ACTIVATION_INTERVAL_MS: '3600000',
        CLOCK_EVENTS_INTERVAL_MS: '3600000',
      },
      typename,
    );
    await start(
      { name: 'postgraphile', url: `http://127.0.0.1:${pgPort}`, headers: json, statements: counter(`http://127.0.0.1:${pgStats}/stats`) },
      'PostGraphile',
      ['bench/servers/postgraphile.js'],
      { ...common, PORT: String(pgPort), STATS_PORT: String(pgStats) },
      typename,
    );
    await start(
      { name: 'ceiling', url: `http://127.0.0.1:${ceilingPort}`, headers: {}, statements: counter(`http://127.0.0.1:${ceilingPort}/stats`) },
      'the ceiling',
      ['dist/bench/servers/ceiling.js'],
      { ...common, PORT: String(ceilingPort), PROVIDER_ID: providerId },
      (s) => s.statements().then(() => true),
    );
    return started;
  } catch (error) {
    await Promise.all(started.map((s) => stop(s.process)));
    throw error;
  }
}

/** SIGTERM, then SIGKILL if it has not exited within 5 s. */
function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      done();
    });
    child.kill('SIGTERM');
  });
}

async function send(s: Server, spec: RequestSpec, key: string): Promise<{ body: unknown; statements: number | null; ms: number }> {
  const before = await s.statements();
  const t0 = performance.now();
  const res = await fetch(`${s.url}${spec.path}`, { method: spec.method, headers: spec.body ? { ...s.headers, 'content-type': 'application/json' } : s.headers, body: spec.body?.replace('__KEY__', key) });
  const text = await res.text();
  const ms = performance.now() - t0;
  if (!res.ok) throw new Error(`${s.name} ${spec.path}: HTTP ${res.status} ${text.slice(0, 500)}`);
  const header = res.headers.get('x-sql-statements');
  const after = await s.statements();
  return { body: JSON.parse(text), ms, statements: header !== null ? Number(header) : before !== null && after !== null ? after - before : null };
}

interface Verified {
  hashes: Partial<Record<ServerName, string>>;
  statements: Partial<Record<ServerName, number | null>>;
  /** Latency of one request alone (median of the checked requests), ms. */
  singleMs: Partial<Record<ServerName, number>>;
}

/** Sends the same requests to every server that can answer them; throws unless their canonical answers agree. */
async function verify(w: Workload, servers: Server[]): Promise<Verified> {
  const hashes: Verified['hashes'] = {};
  const statements: Verified['statements'] = {};
  const singleMs: Verified['singleMs'] = {};
  const canon: Partial<Record<ServerName, unknown>> = {};
  for (const s of servers) {
    const requests = w.requests[s.name];
    if (!requests) continue;
    const answers: unknown[] = [];
    let count = 0;
    const sample = requests.slice(0, 3);
    const times: number[] = [];
    for (const spec of sample) {
      if (w.keys === 'replay') await send(s, spec, `${RUN}-${w.verifyKey ?? 'verify'}`);
      const { body, statements: n, ms } = await send(s, spec, `${RUN}-${w.verifyKey ?? 'verify'}`);
      times.push(ms);
      answers.push(w.canonical[s.name](body));
      count += n ?? 0;
    }
    singleMs[s.name] = round1(times.sort((a, b) => a - b)[Math.floor(times.length / 2)]);
    canon[s.name] = answers;
    hashes[s.name] = hashOf(answers);
    statements[s.name] = count / sample.length;
  }
  const distinct = new Set(Object.values(hashes));
  if (distinct.size > 1) {
    const dir = join(ROOT, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `mismatch-${w.name.replace(/\//g, '-')}.json`), JSON.stringify(canon, null, 2));
    throw new Error(`${w.name}: the servers answer differently (${JSON.stringify(hashes)}); canonical answers in bench/results/mismatch-*.json`);
  }
  return { hashes, statements, singleMs };
}

function drive(input: DriverInput): Promise<DriverResult> {
  return new Promise((resolvePromise, reject) => {
    execFile(process.execPath, [join(__dirname, 'driver.js'), JSON.stringify(input)], { cwd: ROOT, maxBuffer: 1 << 24 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`driver failed: ${error.message}\n${stderr}`));
      resolvePromise(JSON.parse(stdout.trim().split('\n').pop() as string) as DriverResult);
    });
  });
}

export interface Measured {
  rps: number;
  p50: number;
  p99: number;
  statementsPerRequest: number | null;
  /** One request alone, no concurrency (median of the equality check's requests). */
  singleMs: number | null;
  /** Server CPU (user + system, all threads) over the requests sent, in-flight ones answered. */
  cpuMsPerRequest: number;
  /** Peak resident memory (VmHWM) over this workload ('workload'), or since the server started where the kernel refuses to reset it ('process'). */
  peakMemoryMb: number;
  peakMemoryOf: 'workload' | 'process';
  requests: number;
  errors: number;
  hash?: string;
}

export interface WorkloadResult {
  name: string;
  description: string;
  notes?: string;
  servers: Partial<Record<ServerName, Measured | null>>;
  ratios: { oursToPostgraphileRps: number | null; oursToCeilingRps: number | null; oursToCeilingP50: number | null };
  /** Seconds per round (see roundSeconds). */
  roundSeconds: number;
}

/**
 * How long each round of a workload lasts: --duration, or longer for a workload whose requests are
 * slow, so that every connection completes a few of them in each round (at scale 1 a provider-month
 * report takes about half a second alone, and several seconds under 16 concurrent requests on 2
 * cores). Judged on the slowest server's lone latency: the same length for every server.
 */
export function roundSeconds(o: Pick<Options, 'duration' | 'connections'>, verified: Pick<Verified, 'singleMs'>): number {
  const slowestMs = Math.max(0, ...Object.values(verified.singleMs).filter((ms): ms is number => typeof ms === 'number'));
  return Math.max(o.duration, Math.ceil((ROUND_LATENCIES * o.connections * slowestMs) / 1000));
}
/** Lone latencies of the slowest server that each connection has, at least, in one round (see roundSeconds). */
const ROUND_LATENCIES = 1.5;

async function measure(w: Workload, servers: Server[], o: Options, verified: Verified, keyRuns: Map<string, number>): Promise<WorkloadResult> {
  const runs = new Map<ServerName, { results: DriverResult[]; cpuMs: number; statements: number }>();
  const duration = roundSeconds(o, verified);
  // A request may take as long as the round itself before it counts as failed (autocannon's default: 10 s).
  const timeout = Math.max(10, duration);
  const input = (s: Server, seconds: number, round: string): DriverInput => {
    const base = { url: s.url, requests: w.requests[s.name] as RequestSpec[], headers: s.headers, connections: o.connections, duration: seconds, timeout };
    if (w.keys === 'fresh') return { ...base, keyPrefix: `${RUN}-${s.name}-${round}` };
    if (w.keys === 'replay') return { ...base, keyPrefix: `${RUN}-${s.name}-${round}`, keyCount: keyRuns.get(`${s.name}-${round}`) ?? 1 };
    return base;
  };
  const active = servers.filter((s) => w.requests[s.name]);
  // Peak memory of this workload: each server's high-water mark starts again from what it holds now.
  const peakPerWorkload = active.map((s) => resetPeakMemory(s.process.pid as number)).every(Boolean);
  if (duration !== o.duration) log(`  ${w.name}: rounds of ${duration} s (its slowest server takes ${Math.max(...Object.values(verified.singleMs))} ms alone)`);
  if (o.warmup > 0) {
    for (const s of active) {
      await drive(input(s, o.warmup, 'warm'));
      // What the warm-up left in flight is answered before anything is timed.
      await settled(s.process.pid as number);
    }
  }
  for (let round = 1; round <= o.rounds; round++) {
    for (const s of active) {
      const cpuBefore = procCpuMs(s.process.pid as number);
      const statementsBefore = await s.statements();
      const result = await drive(input(s, duration, `r${round}`));
      await settled(s.process.pid as number);
      const cpu = procCpuMs(s.process.pid as number) - cpuBefore;
      const statementsAfter = await s.statements();
      if (w.keys === 'fresh') keyRuns.set(`${s.name}-r${round}`, result.requests);
      const run = runs.get(s.name) ?? { results: [], cpuMs: 0, statements: 0 };
      run.results.push(result);
      run.cpuMs += cpu;
      if (statementsBefore !== null && statementsAfter !== null) run.statements += statementsAfter - statementsBefore;
      runs.set(s.name, run);
      log(`  ${w.name} ${s.name} round ${round}: ${result.rps.toFixed(1)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, errors ${result.errors}, non-2xx ${result.non2xx}`);
    }
  }
  const out: WorkloadResult['servers'] = {};
  for (const s of servers) {
    const run = runs.get(s.name);
    if (!run) {
      out[s.name] = null;
      continue;
    }
    const requests = run.results.reduce((n, r) => n + r.requests, 0);
    const sent = run.results.reduce((n, r) => n + r.sent, 0);
    out[s.name] = {
      rps: round1(run.results.reduce((n, r) => n + r.rps, 0) / run.results.length),
      p50: round1(run.results.reduce((n, r) => n + r.p50, 0) / run.results.length),
      p99: Math.max(...run.results.map((r) => r.p99)),
      statementsPerRequest: verified.statements[s.name] ?? null,
      singleMs: verified.singleMs[s.name] ?? null,
      cpuMsPerRequest: round2(sent ? run.cpuMs / sent : 0),
      peakMemoryMb: procPeakMb(s.process.pid as number),
      peakMemoryOf: peakPerWorkload ? 'workload' : 'process',
      requests,
      errors: run.results.reduce((n, r) => n + r.errors + r.non2xx, 0),
      hash: verified.hashes[s.name],
    };
  }
  const ratio = (a: number | undefined, b: number | undefined) => (a && b ? round2(a / b) : null);
  return {
    name: w.name,
    description: w.description,
    notes: w.notes,
    roundSeconds: duration,
    servers: out,
    ratios: {
      oursToPostgraphileRps: ratio(out.ours?.rps, out.postgraphile?.rps),
      oursToCeilingRps: ratio(out.ours?.rps, out.ceiling?.rps),
      oursToCeilingP50: ratio(out.ours?.p50, out.ceiling?.p50),
    },
  };
}

/** Waits until the server has answered what was still in flight (its CPU time stops moving). */
async function settled(pid: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  let last = procCpuMs(pid);
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 300));
    const now = procCpuMs(pid);
    if (now - last < 5) return;
    last = now;
  }
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const round2 = (x: number) => Math.round(x * 100) / 100;

export function table(results: WorkloadResult[]): string {
  const rows: string[][] = [['workload', 'server', 'req/s', 'p50 ms', 'p99 ms', 'alone ms', 'SQL/req', 'CPU ms/req', 'peak MB', 'ours/PG', 'ours/ceil', 'p50 ours/ceil']];
  for (const r of results) {
    for (const name of SERVERS) {
      const m = r.servers[name];
      const first = name === 'ours';
      const ratios = first
        ? [r.ratios.oursToPostgraphileRps?.toFixed(2) ?? 'n/a', r.ratios.oursToCeilingRps?.toFixed(2) ?? 'n/a', r.ratios.oursToCeilingP50?.toFixed(2) ?? 'n/a']
        : ['', '', ''];
      rows.push(
        m
          ? [first ? r.name : '', name, m.rps.toFixed(1), m.p50.toFixed(1), m.p99.toFixed(0), m.singleMs?.toFixed(1) ?? '', m.statementsPerRequest?.toFixed(1) ?? '?', m.cpuMsPerRequest.toFixed(2), m.peakMemoryMb.toFixed(0), ...ratios]
          : [first ? r.name : '', name, 'n/a', '', '', '', '', '', '', ...ratios],
      );
    }
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row: string[]) => `| ${row.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(rows[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

async function main(): Promise<void> {
  const o = options();
  const scale = scaleOf(o.scale);
  const started = Date.now();
  if (!o.generateOnly) ensurePeers(ROOT, log);
  const db0 = o.reuse ? await connect(o.databaseUrl).catch(() => null) : null;
  let reused = false;
  if (db0) {
    const { rows } = await db0.query<{ n: number }>('SELECT count(*)::int AS n FROM incident').catch(() => ({ rows: [{ n: -1 }] }));
    reused = rows[0].n >= scale.incidents && rows[0].n < scale.incidents + 200_000;
    await db0.end();
  }
  let generation: Record<string, number> = {};
  if (!reused) {
    log(`generating scale ${o.scale}: ${JSON.stringify(scale)} into ${o.databaseUrl}`);
    await recreateDatabase(o.databaseUrl);
    await migrate(o.databaseUrl);
    const db = await connect(o.databaseUrl);
    generation = (await generate(db, scale, log)).steps;
    await db.end();
  } else {
    log('reusing the generated database (pending migrations run)');
    await migrate(o.databaseUrl);
  }
  if (o.generateOnly) return;

  const db = await connect(o.databaseUrl);
  const providerId = (await db.query<{ id: string }>(`SELECT ${PROVIDER_ID} AS id`)).rows[0].id;
  const agreementIds = (await db.query<{ id: string }>(`SELECT id FROM agreement WHERE provider_id = $1 AND level = 'CUSTOMER' ORDER BY created_at DESC, id DESC LIMIT $2`, [providerId, o.rotate])).rows.map((r) => r.id);
  const corporateId = (await db.query<{ id: string }>(`SELECT id FROM agreement WHERE provider_id = $1 AND level = 'CORPORATE'`, [providerId])).rows[0].id;
  const anchor = (await db.query<{ anchor: Date }>(`SELECT date_trunc('month', min(effective_from) + interval '14 months') AS anchor FROM agreement_revision WHERE agreement_id = $1`, [corporateId])).rows[0].anchor;
  const report = (await db.query<{ customer_id: string; service_id: string }>(
    // The oldest customer agreement: its incidents are outside W1's pages (at scale 1), which the reports would otherwise grow.
    `SELECT a.customer_id, s.service_id FROM agreement a JOIN agreement_service s ON s.agreement_id = a.id
     WHERE a.provider_id = $1 AND a.level = 'CUSTOMER' ORDER BY a.created_at, a.id, s.service_id LIMIT 1`,
    [providerId],
  )).rows[0];
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    postgres: (await db.query<{ v: string }>('SELECT version() AS v')).rows[0].v.split(' on ')[0],
  };
  await db.end();
  const fixture: Fixture = { providerId, agreementIds, corporateId, anchor, report: { customerId: report.customer_id, serviceId: report.service_id } };
  const chosen = workloads(fixture, o.rotate).filter((w) => o.workloads.some((p) => w.name === p || w.name.startsWith(`${p}/`)));

  const servers = await startServers(o, providerId);
  const interrupted = () => {
    void Promise.all(servers.map((s) => stop(s.process))).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const results: WorkloadResult[] = [];
  try {
    log('checking that the servers answer the same');
    const verified = new Map<string, Verified>();
    for (const w of chosen) {
      const v = await verify(w, servers);
      verified.set(w.name, v);
      log(`  ${w.name}: same answer from ${Object.keys(v.hashes).join(', ')} (${Object.values(v.hashes)[0]})`);
    }
    const keyRuns = new Map<string, number>();
    for (const w of chosen) results.push(await measure(w, servers, o, verified.get(w.name) as Verified, keyRuns));
  } finally {
    await Promise.all(servers.map((s) => stop(s.process)));
  }
  const out = {
    at: new Date().toISOString(),
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    machine,
    scale: { fraction: o.scale, ...scale },
    settings: { duration: o.duration, rounds: o.rounds, warmup: o.warmup, connections: o.connections, pool: o.pool },
    generationMs: generation,
    wallSeconds: Math.round((Date.now() - started) / 1000),
    results,
  };
  mkdirSync(resolve(o.out, '..'), { recursive: true });
  writeFileSync(o.out, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`\nscale ${o.scale} (${scale.agreements} agreements, ${scale.incidents} incidents); ${machine.cpus} CPUs, ${machine.memoryGb} GiB, ${machine.postgres}, Node ${machine.node}`);
  console.log(`${o.duration} s x ${o.rounds} rounds per server and workload, ${o.connections} connections, pool ${o.pool}\n`);
  console.log(table(results));
  console.log(`\nwritten to ${o.out}`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
