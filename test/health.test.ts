import { TestApp } from './support/test-app';

describe('operations endpoints', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.stop());

  it('GET /healthz says the process is alive', async () => {
    const res = await fetch(`${t.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('GET /readyz says the database is reachable', async () => {
    const res = await fetch(`${t.url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ready' });
  });

  it('echoes a sane x-request-id and makes one up otherwise', async () => {
    const given = await fetch(`${t.url}/healthz`, { headers: { 'x-request-id': 'trace-abc-12345' } });
    expect(given.headers.get('x-request-id')).toBe('trace-abc-12345');
    const made = await fetch(`${t.url}/healthz`, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('puts the request id in GraphQL errors, matching the header', async () => {
    const res = await t.gql('{ viewer { roles } }', {}, { headers: { 'x-request-id': 'req-for-error-1' } });
    expect(res.headers.get('x-request-id')).toBe('req-for-error-1');
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', requestId: 'req-for-error-1' });
  });
});

describe('graceful shutdown', () => {
  it('reports not ready while shutting down, then stops accepting and closes', async () => {
    const t = await TestApp.start({ env: { SHUTDOWN_DELAY_MS: '400' } });
    const stopping = t.stop();
    const during = await fetch(`${t.url}/readyz`);
    expect(during.status).toBe(503);
    expect(await during.json()).toEqual({ status: 'shutting-down' });
    const alive = await fetch(`${t.url}/healthz`);
    expect(alive.status).toBe(200);
    await stopping;
    await expect(fetch(`${t.url}/healthz`)).rejects.toThrow();
    expect(t.app.db.dataSource.isInitialized).toBe(false);
  });
});
