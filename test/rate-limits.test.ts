import { randomUUID } from 'node:crypto';
import { Role } from '../src/common/roles';
import { describeOnBothDatabases } from './support/both-databases';
import { CapturedLogs } from './support/captured-logs';
import { LiveClient } from './support/live-client';
import { describeOnPostgres } from './support/postgres-only';
import { ServerProcess } from './support/server-process';
import { databaseUrlFor, workerDatabaseName } from './support/database';
import { TEST_JWT_SECRET, TestApp, type TestProvider } from './support/test-app';

/** `customers(first: n) { nodes { id } }` costs 1 + n x 2 (the list, times its page of `nodes { id }`). */
const customers = (n: number) => `query Customers${n} { customers(first: ${n}) { nodes { id } } }`;
const costOf = (n: number) => 1 + n * 2;

const WINDOW = 3600;

async function post(url: string, query: string, token?: string, extra: Record<string, unknown> = {}) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, ...extra }),
  });
  const body = (await response.json()) as { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] };
  const header = (name: string) => response.headers.get(name);
  return { status: response.status, header, body, remaining: Number(header('ratelimit-remaining')), requestId: String(header('x-request-id')) };
}

describeOnBothDatabases('rate limits per caller', (db) => {
  let t: TestApp;
  let provider: TestProvider;
  const logs = new CapturedLogs();

  beforeAll(async () => {
    t = await TestApp.start({
      logger: logs.logger,
      env: { ...db.env, RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_WINDOW_SECONDS: String(WINDOW), RATE_LIMIT_USER_POINTS: '250', RATE_LIMIT_API_KEY_POINTS: '40', RATE_LIMIT_ANONYMOUS_POINTS: '1' },
    });
  });
  afterAll(async () => {
    await t.stop();
  });
  beforeEach(async () => {
    await t.reset();
    provider = await t.provider(`p-${randomUUID().slice(0, 8)}`);
  });

  /** A person of its own for each test: budgets are per person, and the store keeps them for the window. */
  const person = (roles: Role[] = [Role.ANALYST]) => t.token(provider, roles, undefined, { sub: `${randomUUID()}@example.com` });

  it('answers every counted request with the RateLimit headers, and the remaining points fall by the query cost', async () => {
    const token = await person();
    const first = await post(t.url, customers(1), token);
    expect(first.status).toBe(200);
    expect(first.body.errors).toBeUndefined();
    expect(first.header('ratelimit-policy')).toBe(`250;w=${WINDOW}`);
    expect(first.header('ratelimit-limit')).toBe('250');
    expect(first.remaining).toBe(250 - costOf(1));
    const reset = Number(first.header('ratelimit-reset'));
    expect(reset).toBeGreaterThan(0);
    expect(reset).toBeLessThanOrEqual(WINDOW);
    expect(first.header('retry-after')).toBeNull();

    // Cost weighting: a page of 50 costs 1 + 50 x 2 points, not one request.
    const big = await post(t.url, customers(50), token);
    expect(big.status).toBe(200);
    expect(big.remaining).toBe(250 - costOf(1) - costOf(50));
    // The window does not restart with each request.
    expect(Number(big.header('ratelimit-reset'))).toBeLessThanOrEqual(reset);

    // The log line of the request names the operation and its cost.
    const line = logs.entries.find((e) => (e as any).operationName === 'Customers50' && (e as any).res);
    expect(line).toMatchObject({ operationName: 'Customers50', operationType: 'query', cost: costOf(50), rateLimitRemaining: big.remaining });
  });

  it('refuses an operation that would overdraw the budget with 429, Retry-After and RATE_LIMITED, runs nothing, and still serves a cheaper one', async () => {
    const token = await person([Role.PROVIDER_ADMIN]);
    expect((await post(t.url, customers(50), token)).remaining).toBe(250 - 101);
    expect((await post(t.url, customers(50), token)).remaining).toBe(250 - 202);

    // A mutation whose answer would cost more than is left does not run at all.
    const create = `mutation Create($input: CustomerCreateInput!) {
      customerCreate(input: $input) { customer { id agreements(first: 50) { nodes { id } } } userErrors { code } } }`;
    const input = { name: 'Refused Co', sizeBand: 'LARGE', industry: 'Finance', region: 'EUROPE', tier: 'GOLD', country: 'DE', timeZone: 'Europe/Berlin' };
    const refused = await post(t.url, create, token, { variables: { input } });
    expect(refused.status).toBe(429);
    expect(refused.body.data).toBeUndefined();
    const cost = refused.body.errors?.[0].extensions?.cost as number;
    expect(cost).toBeGreaterThan(48);
    expect(refused.body.errors).toEqual([
      {
        message: `Rate limit reached: this operation costs ${cost} points and 48 of your 250 per ${WINDOW} s are left. Retry in ${refused.header('retry-after')} s.`,
        extensions: { code: 'RATE_LIMITED', retryAfter: Number(refused.header('retry-after')), cost, limit: 250, remaining: 48, windowSeconds: WINDOW, requestId: expect.any(String) },
      },
    ]);
    expect(Number(refused.header('retry-after'))).toBeGreaterThan(0);
    expect(refused.header('ratelimit-reset')).toBe(refused.header('retry-after'));
    expect(refused.remaining).toBe(48); // a refused operation spends nothing

    // Nothing was written, and a cheaper operation still runs on what is left.
    const count = await post(t.url, '{ customers(first: 1) { totalCount } }', token);
    expect(count.status).toBe(200);
    expect(count.body.data.customers.totalCount).toBe(0);
    expect(count.remaining).toBe(48 - 2); // 1 + 1 x totalCount
    const cheap = await post(t.url, create.replace('agreements(first: 50) { nodes { id } }', 'name'), token, { variables: { input } });
    expect(cheap.status).toBe(200);
    expect(cheap.body.data.customerCreate.userErrors).toEqual([]);
    expect(cheap.remaining).toBeLessThan(count.remaining);
  });

  it('keeps one budget per API key and one per person, apart from each other', async () => {
    const admin = await person([Role.PROVIDER_ADMIN]);
    const created = await post(t.url, `mutation { apiKeyCreate(input: { name: "Monitor", roles: [INTEGRATION] }) { secret } }`, admin);
    const key = created.body.data.apiKeyCreate.secret as string;
    const adminLeft = created.remaining;

    const byKey = await post(t.url, customers(1), key);
    expect(byKey.status).toBe(200);
    expect(byKey.header('ratelimit-limit')).toBe('40');
    expect(byKey.remaining).toBe(40 - costOf(1));
    const tooMuch = await post(t.url, customers(50), key);
    expect(tooMuch.status).toBe(429);
    expect(tooMuch.body.errors?.[0].message).toContain('more than your whole budget of 40');

    // The person's budget was not touched by the key, nor another person's by either.
    expect((await post(t.url, customers(1), admin)).remaining).toBe(adminLeft - costOf(1));
    expect((await post(t.url, customers(1), await person())).remaining).toBe(250 - costOf(1));
  });

  it('counts a subscription started over WebSocket against the same budget', async () => {
    const token = await person();
    let left = 250;
    for (const n of [50, 50, 20, 2]) {
      const res = await post(t.url, customers(n), token);
      left -= costOf(n);
      expect(res.remaining).toBe(left);
    }
    expect(left).toBe(2);
    expect((await post(t.url, '{ __typename }', token)).remaining).toBe(1);
    const client = new LiveClient(t.url, `Bearer ${token}`);
    try {
      // incidentEvents { type } costs 2: one point short.
      await expect(client.subscribe('subscription { incidentEvents { type } }').next('the refusal')).rejects.toThrow(/RATE_LIMITED.*"retryAfter":\d+/);
    } finally {
      await client.dispose();
    }
    expect((await post(t.url, '{ __typename }', token)).remaining).toBe(0); // the refusal spent nothing
  });

  it('counts requests without credentials by client address (they may only introspect)', async () => {
    const first = await post(t.url, '{ __typename }');
    expect(first.status).toBe(200);
    expect(first.header('ratelimit-limit')).toBe('1');
    const second = await post(t.url, '{ __typename }');
    expect(second.status).toBe(429);
    expect(second.body.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    // An operation they may not run is refused for its credentials, not counted.
    const unauthenticated = await post(t.url, customers(1), undefined, { operationName: 'Customers1' });
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.header('ratelimit-limit')).toBeNull();
    // Its log line still names the operation (the one the request named: the document was not read).
    expect(logs.of(unauthenticated.requestId).find((e) => e.res !== undefined)).toMatchObject({ operationName: 'Customers1' });
  });
});

describeOnPostgres('rate limits shared by server processes', () => {
  let t: TestApp;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    t = await TestApp.start(); // migrates and empties this worker's database
  });
  afterAll(async () => {
    for (const s of servers) {
      s.child.kill('SIGTERM');
      await s.exited;
    }
    await t.stop();
  });

  it('spends one budget across two processes on the same database', async () => {
    const env = {
      DATABASE_URL: databaseUrlFor(workerDatabaseName()),
      JWT_SECRET: TEST_JWT_SECRET,
      SEED_DEMO: 'false',
      MIGRATIONS_RUN: 'false',
      JOB_WORKERS: 'false',
      RATE_LIMIT_USER_POINTS: '300',
      RATE_LIMIT_WINDOW_SECONDS: String(WINDOW),
    };
    servers.push(ServerProcess.start(env), ServerProcess.start(env));
    const [a, b] = await Promise.all(servers.map((s) => s.url()));
    expect(a).not.toBe(b);
    const provider = await t.provider(`shared-${randomUUID().slice(0, 8)}`);
    const token = await t.token(provider, [Role.ANALYST], undefined, { sub: `${randomUUID()}@example.com` });

    expect((await post(a, customers(50), token)).remaining).toBe(300 - 101);
    expect((await post(b, customers(50), token)).remaining).toBe(300 - 202);
    const refused = await post(a, customers(50), token);
    expect(refused.status).toBe(429);
    expect(refused.remaining).toBe(98);
    const refusedToo = await post(b, customers(50), token);
    expect(refusedToo.status).toBe(429);
    // Both processes agree on when the window ends (give or take the second they round to).
    expect(Math.abs(Number(refused.header('retry-after')) - Number(refusedToo.header('retry-after')))).toBeLessThanOrEqual(1);
    expect((await post(b, customers(1), token)).remaining).toBe(98 - costOf(1));

    // Each process logged the request it served under the operation's name.
    const logged = await servers[1].waitFor('the request log line of Customers1', (l) => l.operationName === 'Customers1' && l.res !== undefined);
    expect(logged).toMatchObject({ operationName: 'Customers1', operationType: 'query', cost: costOf(1) });
  });
});
