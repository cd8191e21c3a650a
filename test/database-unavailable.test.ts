import { type Client } from 'pg';
import { Role } from '../src/common/roles';
import { CapturedLogs, LOG_LEVEL } from './support/captured-logs';
import { databaseUrlFor, workerDatabaseName } from './support/database';
import { closeEmbeddedDatabase } from './support/embedded-faults';
import { adminSession, terminateBlockedBackend } from './support/postgres-faults';
import { describeOnPostgres } from './support/postgres-only';
import { TcpProxy } from './support/tcp-proxy';
import { TestApp } from './support/test-app';

/**
 * The database unreachable or going away while requests run is not a bug of the server: clients
 * get HTTP 503 with Retry-After and a code they can retry on (SERVICE_UNAVAILABLE, retryable),
 * and the server logs a warning, not an error. Once the database is back, requests succeed again.
 */

type Answer = { status: number; retryAfter: string | null; requestId: string; body: { data?: unknown; errors?: { path?: string[]; extensions?: Record<string, unknown> }[] } };

let counter = 0;
async function ask(t: TestApp, token: string, query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
  const requestId = `req-db-unavailable-${++counter}`;
  const res = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': requestId },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), requestId, body: (await res.json()) as Answer['body'] };
}

function expectUnavailable(answer: Answer, logs: CapturedLogs): void {
  expect(answer.status).toBe(503);
  expect(Number(answer.retryAfter)).toBeGreaterThan(0);
  expect(answer.body.errors?.length).toBeGreaterThan(0);
  for (const error of answer.body.errors ?? []) {
    expect(error.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', retryable: true, requestId: answer.requestId });
  }
  expect(JSON.stringify(answer.body)).not.toMatch(/ECONNREFUSED|terminat|PGlite|127\.0\.0\.1/);
  expect(logs.highestLevelOf(answer.requestId)).toBe(LOG_LEVEL.warn);
}

const SERVICES = '{ services { totalCount } }';

describeOnPostgres('a PostgreSQL that goes away while the server runs', () => {
  const logs = new CapturedLogs();
  let proxy: TcpProxy;
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    // The server reaches its database through a proxy that the tests cut.
    proxy = await TcpProxy.start({ host: new URL(databaseUrlFor(workerDatabaseName())).hostname, port: Number(new URL(databaseUrlFor(workerDatabaseName())).port || 5432) });
    t = await TestApp.start({ env: { DATABASE_URL: proxy.urlFor(databaseUrlFor(workerDatabaseName())) }, logger: logs.logger });
    admin = await t.token(await t.provider('acme'), [Role.PROVIDER_ADMIN]);
  });
  afterAll(async () => {
    await proxy.up();
    await t.stop();
    await proxy.stop();
  });
  afterEach(() => proxy.up());

  it('answers 503 with Retry-After while the host refuses connections (its connections dropped), and serves again once it is back', async () => {
    expect((await ask(t, admin, SERVICES)).status).toBe(200);
    await proxy.down();
    // The first request meets the pool's dropped connections, the next ones a refused connect.
    expectUnavailable(await ask(t, admin, SERVICES), logs);
    expectUnavailable(await ask(t, admin, SERVICES), logs);
    expectUnavailable(await ask(t, admin, `mutation { serviceCreate(input: { code: "MPG", name: "Managed PostgreSQL" }) { service { id } userErrors { code } } }`), logs);
    await proxy.up();
    const back = await ask(t, admin, SERVICES);
    expect(back.status).toBe(200);
    expect(back.body.data).toEqual({ services: { totalCount: 0 } });
  });

  it('answers 503 when the database accepts connections but never answers (the pool gives up after DB_CONNECT_TIMEOUT_MS)', async () => {
    expect((await ask(t, admin, SERVICES)).status).toBe(200);
    await proxy.silent();
    expectUnavailable(await ask(t, admin, SERVICES), logs);
    expectUnavailable(await ask(t, admin, SERVICES), logs);
    await proxy.up();
    expect((await ask(t, admin, SERVICES)).status).toBe(200);
  });

  describe('a session of the server ended while its request runs (pg_terminate_backend, 57P01)', () => {
    let session: Client;
    beforeEach(async () => {
      session = await adminSession();
    });
    afterEach(() => session.end());

    it('answers 503, and nothing of the request is written', async () => {
      await session.query('BEGIN');
      await session.query('LOCK TABLE service IN SHARE MODE'); // the insert waits
      const pending = ask(t, admin, `mutation { serviceCreate(input: { code: "DESK", name: "Service Desk" }) { service { id } userErrors { code } } }`);
      await terminateBlockedBackend(session);
      await session.query('ROLLBACK');
      expectUnavailable(await pending, logs);
      expect((await ask(t, admin, `{ services { nodes { code } } }`)).body.data).toEqual({ services: { nodes: [] } });
    });
  });
});

describe('the embedded database closed under a running server', () => {
  const logs = new CapturedLogs();
  let t: TestApp;
  let admin: string;
  let closed: { forget: () => void } | null = null;

  beforeAll(async () => {
    t = await TestApp.start({ env: { DATABASE_URL: '', DATA_DIR: ':memory:' }, logger: logs.logger });
    admin = await t.token(await t.provider('acme'), [Role.PROVIDER_ADMIN]);
  });
  afterAll(async () => {
    closed?.forget();
    await t.stop();
  });

  it('answers 503 with Retry-After to reads and writes, logged as a warning', async () => {
    expect((await ask(t, admin, SERVICES)).status).toBe(200);
    closed = await closeEmbeddedDatabase();
    expectUnavailable(await ask(t, admin, SERVICES), logs);
    expectUnavailable(await ask(t, admin, `mutation { serviceCreate(input: { code: "MPG", name: "Managed PostgreSQL" }) { service { id } userErrors { code } } }`), logs);
  });
});
