import { type ClientRequest, type IncomingMessage, request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeOnBothDatabases } from './support/both-databases';
import { databaseEnv, httpOnNewConnection, PRODUCTION_JWT_SECRET, ServerProcess } from './support/server-process';

const QUERY = JSON.stringify({ query: '{ __typename }' });

/**
 * A GraphQL request held in flight by its client: the headers and part of the body go now, the
 * rest when the test says so. The server cannot answer before, so the request is in flight for
 * as long as the test wants, without any slow code in the server.
 */
function heldRequest(url: string): { finish: () => void; answer: Promise<{ status: number; connection?: string; body: string }> } {
  let req!: ClientRequest;
  const answer = new Promise<{ status: number; connection?: string; body: string }>((done, fail) => {
    req = request(`${url}/graphql`, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(QUERY)) } }, (res: IncomingMessage) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => done({ status: res.statusCode ?? 0, connection: res.headers.connection, body }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.write(QUERY.slice(0, 5));
  });
  return { finish: () => req.end(QUERY.slice(5)), answer };
}

/** Resolves once the server has the held request (its body is being read). */
async function untilInFlight(url: string, server: ServerProcess): Promise<void> {
  // The request line reaches the server before anything else the test sends on a new connection.
  const probe = await httpOnNewConnection(`${url}/healthz`);
  expect(probe.status).toBe(200);
  expect(server.child.exitCode).toBeNull();
}

describeOnBothDatabases('shutdown of a production process (NODE_ENV=production node dist/src/main.js)', (db) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sla-shutdown-'));
  let server: ServerProcess | undefined;
  afterEach(() => server?.kill());
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const start = (env: Record<string, string>) =>
    ServerProcess.start({ NODE_ENV: 'production', JWT_SECRET: PRODUCTION_JWT_SECRET, ...databaseEnv(db, dataDir), ...env });

  it('on SIGTERM: /readyz answers 503 and new connections are still served during SHUTDOWN_DELAY_MS, then the in-flight request finishes and the process exits 0', async () => {
    // The delay only has to outlast the few requests below; nothing waits for it to pass but the server.
    server = start({ SHUTDOWN_DELAY_MS: '15000', SHUTDOWN_TIMEOUT_MS: '120000' });
    const url = await server.url();
    await server.waitForMessage('SLA contracts API ready');
    const held = heldRequest(url);
    await untilInFlight(url, server);

    server.child.kill('SIGTERM');
    await server.waitForMessage('shutting down');
    const ready = await httpOnNewConnection(`${url}/readyz`);
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.body)).toEqual({ status: 'shutting-down' });
    // A client arriving now (the load balancer has not noticed yet) is still served.
    const served = await httpOnNewConnection(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: QUERY });
    expect(served.status).toBe(200);
    expect(JSON.parse(served.body)).toEqual({ data: { __typename: 'Query' } });
    expect(server.lines.some((l) => l.msg?.includes('no longer accepting connections'))).toBe(false);

    // The delay is over: no new connections, but the request in flight is still waited for.
    await server.waitForMessage('no longer accepting connections');
    await expect(httpOnNewConnection(`${url}/healthz`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    held.finish();
    const answer = await held.answer;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ data: { __typename: 'Query' } });
    // Its connection is not kept alive for requests the server would no longer take.
    expect(answer.connection).toBe('close');

    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.lines.some((l) => l.msg === 'shutdown: every in-flight request was answered')).toBe(true);
    expect(server.lines.some((l) => l.msg === 'shutdown took too long; exiting')).toBe(false);
    expect(server.lines.filter((l) => (l.level ?? 0) >= 50)).toEqual([]);
  }, 180_000);

  it('a request that outlasts SHUTDOWN_TIMEOUT_MS has its connection closed; the process says so and exits 0', async () => {
    server = start({ SHUTDOWN_DELAY_MS: '0', SHUTDOWN_TIMEOUT_MS: '1000' });
    const url = await server.url();
    await server.waitForMessage('SLA contracts API ready');
    const held = heldRequest(url); // never finished
    await untilInFlight(url, server);

    server.child.kill('SIGTERM');
    await expect(held.answer).rejects.toMatchObject({ code: expect.stringMatching(/ECONNRESET|EPIPE/) });
    expect(await server.exited).toEqual({ code: 0, signal: null });
    const warning = server.lines.find((l) => l.msg?.includes('still running after SHUTDOWN_TIMEOUT_MS'));
    expect(warning).toMatchObject({ abandoned: 1, shutdownTimeoutMs: 1000, level: 40 });
  }, 180_000);
});
