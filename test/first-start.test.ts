import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databaseUrlFor, recreateDatabase, workerDatabaseName } from './support/database';
import { httpOnNewConnection, type LogLine, ServerProcess } from './support/server-process';
import { onPostgres } from './support/test-app';

/** What an analyst of the demo sees first: the agreements with their histories, incidents and escalations (no ids: they differ between databases). */
const DIGEST = `{
  agreements(first: 50) { totalCount nodes { kind level status currentRevision { title } revisions { totalCount nodes { number state } } } }
  incidents(first: 100) { totalCount nodes { title priority status startedAt clocks { metric judgedPriority breachedAt } } }
  escalations(first: 100) { totalCount }
  reviews(first: 100) { totalCount nodes { kind status periodStart } }
}`;

/** The digest with every list in one order: rows written in one transaction tie on their time, and their ids differ. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, canonical(v)]));
  return value;
}

/** The token the banner prints under "<provider> / <role>:". */
function bannerToken(lines: LogLine[], provider: string, role: string): string {
  const at = lines.findIndex((l) => l.msg?.trim() === `${provider} / ${role}:`);
  if (at < 0) throw new Error(`no ${provider} / ${role} token in the banner`);
  return lines[at + 1].msg!.trim();
}

async function ask(url: string, token: string, query: string): Promise<any> {
  const answer = await httpOnNewConnection(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  const body = JSON.parse(answer.body);
  expect({ status: answer.status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
  return body.data;
}

/** `node dist/src/main.js` as `npm start` runs it (development: the demo on), on a new database, up to its banner; then stopped. */
async function firstStart(env: Record<string, string>): Promise<{ lines: LogLine[]; digest: any }> {
  const server = ServerProcess.start({ JWT_SECRET: 'first-start-test-secret-0123456789abcdef', ...env });
  try {
    const url = await server.url();
    await server.waitForMessage('SLA contracts API ready');
    const digest = canonical(await ask(url, bannerToken(server.lines, 'Northwind Cloud', 'ANALYST'), DIGEST));
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    return { lines: server.lines, digest };
  } finally {
    await server.kill();
  }
}

describe('the first `npm start` on a new database', () => {
  const dirs: string[] = [];
  const newDataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'sla-first-start-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const userDataDir = newDataDir();
  let first: { lines: LogLine[]; digest: any };

  it("on the embedded database starts from the build's demo template: no seed runs, and the banner's tokens open the demo", async () => {
    first = await firstStart({ DATABASE_URL: '', DATA_DIR: userDataDir });
    expect(first.lines.some((l) => l.msg === 'demo data seeded')).toBe(false);
    expect(first.lines.filter((l) => (l.level ?? 0) >= 40)).toEqual([]);
    const { agreements, incidents, reviews } = first.digest;
    expect(new Set(agreements.nodes.map((a: { level: string }) => a.level))).toEqual(new Set(['CORPORATE', 'SEGMENT', 'CUSTOMER', 'SERVICE']));
    expect(incidents.totalCount).toBeGreaterThan(50);
    expect(incidents.nodes.some((i: { clocks: { breachedAt: string | null }[] }) => i.clocks.some((c) => c.breachedAt !== null))).toBe(true);
    expect(reviews.totalCount).toBeGreaterThan(0);
  });

  it('on the embedded database, a restart keeps what the first start had, and seeds nothing', async () => {
    const again = await firstStart({ DATABASE_URL: '', DATA_DIR: userDataDir });
    expect(again.lines.some((l) => l.msg === 'demo data seeded')).toBe(false);
    // Reviews and escalations are planned by jobs, which may have run in between.
    expect({ agreements: again.digest.agreements, incidents: again.digest.incidents }).toEqual({ agreements: first.digest.agreements, incidents: first.digest.incidents });
  });

  // Without DATABASE_URL there is no PostgreSQL to compare with, and the run says so.
  const onPostgresOnly = onPostgres() ? it : (name: string, fn: () => Promise<void>) => it.skip(`${name} (skipped because it compares with PostgreSQL: set DATABASE_URL)`, fn);
  onPostgresOnly('on PostgreSQL seeds the demo through the services, and holds exactly what the embedded template holds', async () => {
    // No job workers on either: what the seed (or the template) wrote, not what jobs did since.
    const embedded = await firstStart({ DATABASE_URL: '', DATA_DIR: newDataDir(), JOB_WORKERS: 'false' });
    const name = `${workerDatabaseName()}_first_start`;
    await recreateDatabase(name);
    const postgres = await firstStart({ DATABASE_URL: databaseUrlFor(name), JOB_WORKERS: 'false' });
    expect(postgres.lines.some((l) => l.msg === 'demo data seeded')).toBe(true);
    expect(postgres.digest).toEqual(embedded.digest);
  });
});
