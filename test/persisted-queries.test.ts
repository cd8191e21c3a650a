import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role } from '../src/common/roles';
import { CapturedLogs } from './support/captured-logs';
import { TestApp, type TestProvider } from './support/test-app';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

async function post(url: string, body: Record<string, unknown>, token?: string) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] }, requestId: response.headers.get('x-request-id') };
}

const VIEWER = 'query Viewer { viewer { roles } }';
const apq = (hash: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });

describe('automatic persisted queries', () => {
  const logs = new CapturedLogs();
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await TestApp.start({ logger: logs.logger });
  });
  afterAll(async () => {
    await t.stop();
  });
  beforeEach(async () => {
    await t.reset();
    token = await t.token(await t.provider('apq'), [Role.ANALYST]);
  });

  /** The request's access log line (the one with the response). */
  const logLine = (requestId: string | null) => logs.of(String(requestId)).find((e) => e.res !== undefined);

  it('answers an unknown hash with PERSISTED_QUERY_NOT_FOUND, registers the document sent with its hash, then runs it by hash alone, logging its operation name', async () => {
    const query = `query Apq${randomUUID().slice(0, 8)} { viewer { roles } }`;
    const hash = sha256(query);
    const miss = await post(t.url, apq(hash), token);
    expect(miss.status).toBe(200);
    expect(miss.body.errors).toEqual([{ message: 'PersistedQueryNotFound', extensions: expect.objectContaining({ code: 'PERSISTED_QUERY_NOT_FOUND' }) }]);

    const registered = await post(t.url, { query, ...apq(hash) }, token);
    expect(registered.body).toEqual({ data: { viewer: { roles: ['ANALYST'] } } });
    expect(logLine(registered.requestId)).toMatchObject({ operationName: query.split(' ')[1], persisted: 'apq-registered' });

    const hit = await post(t.url, apq(hash), token);
    expect(hit.body).toEqual({ data: { viewer: { roles: ['ANALYST'] } } });
    // The request named no operation; its log line does, from the stored document.
    expect(logLine(hit.requestId)).toMatchObject({ operationName: query.split(' ')[1], operationType: 'query', persisted: 'apq-hit' });
  });

  it('refuses a hash that is not the document\'s, and does not register documents that are refused', async () => {
    const wrong = await post(t.url, { query: VIEWER, ...apq(sha256('something else')) }, token);
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors?.[0].message).toBe('provided sha does not match query');

    // Without credentials nothing but introspection runs, and nothing else is registered.
    const query = `query Anon${randomUUID().slice(0, 8)} { viewer { roles } }`;
    expect((await post(t.url, { query, ...apq(sha256(query)) })).status).toBe(401);
    expect((await post(t.url, apq(sha256(query)), token)).body.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('keeps a bounded cache: the least recently used documents go first', async () => {
    // Each server on its own database when embedded (in memory): a caller of its own there.
    const callerOf = async (app: TestApp) => app.token(await app.provider(`apq-${randomUUID().slice(0, 8)}`), [Role.ANALYST]);
    const small = await TestApp.start({ env: { GRAPHQL_APQ_CACHE_BYTES: '200' }, keepData: true });
    try {
      const token = await callerOf(small);
      const docs = ['A', 'B', 'C', 'D'].map((n) => `query Bounded${n} { viewer { roles provider { name } } }`); // ~55 bytes each
      for (const query of docs) expect((await post(small.url, { query, ...apq(sha256(query)) }, token)).body.data).toBeDefined();
      expect((await post(small.url, apq(sha256(docs[3])), token)).body.data).toBeDefined();
      expect((await post(small.url, apq(sha256(docs[0])), token)).body.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    } finally {
      await small.stop();
    }
    const off = await TestApp.start({ env: { GRAPHQL_APQ_CACHE_BYTES: '0' }, keepData: true });
    try {
      const token = await callerOf(off);
      expect((await post(off.url, { query: VIEWER, ...apq(sha256(VIEWER)) }, token)).body.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
      expect((await post(off.url, { query: VIEWER }, token)).body.data).toBeDefined();
    } finally {
      await off.stop();
    }
  });
});

describe('trusted documents: only registered operations are accepted', () => {
  const logs = new CapturedLogs();
  const dir = mkdtempSync(join(tmpdir(), 'trusted-documents-'));
  const CUSTOMERS = 'query Customers($first: Int) { customers(first: $first) { totalCount } }';
  let t: TestApp;
  let provider: TestProvider;
  let manager: string;

  beforeAll(async () => {
    // Apollo's persisted query manifest (what @apollo/generate-persisted-query-manifest writes).
    const manifest = {
      format: 'apollo-persisted-query-manifest',
      version: 1,
      operations: [
        { id: sha256(VIEWER), name: 'Viewer', type: 'query', body: VIEWER },
        { id: sha256(CUSTOMERS), name: 'Customers', type: 'query', body: CUSTOMERS },
      ],
    };
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    t = await TestApp.start({ logger: logs.logger, env: { GRAPHQL_TRUSTED_DOCUMENTS: join(dir, 'manifest.json'), GRAPHQL_TRUSTED_DOCUMENTS_BYPASS_ROLES: 'ANALYST' } });
  });
  afterAll(async () => {
    await t.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await t.reset();
    provider = await t.provider('trusted');
    manager = await t.token(provider, [Role.ACCOUNT_MANAGER]);
  });

  it('runs a registered document sent by id (documentId, with or without sha256:, or the APQ hash) or as its exact text', async () => {
    const expected = { data: { viewer: { roles: ['ACCOUNT_MANAGER'] } } };
    const byId = await post(t.url, { documentId: `sha256:${sha256(VIEWER)}` }, manager);
    expect(byId.body).toEqual(expected);
    expect(logs.of(String(byId.requestId)).find((e) => e.res !== undefined)).toMatchObject({ operationName: 'Viewer', persisted: 'manifest' });
    expect((await post(t.url, { documentId: sha256(VIEWER) }, manager)).body).toEqual(expected);
    expect((await post(t.url, apq(sha256(VIEWER)), manager)).body).toEqual(expected);
    expect((await post(t.url, { query: VIEWER }, manager)).body).toEqual(expected);
    const withVariables = await post(t.url, { documentId: sha256(CUSTOMERS), variables: { first: 5 }, operationName: 'Customers' }, manager);
    expect(withVariables.body).toEqual({ data: { customers: { totalCount: 0 } } });
  });

  it('refuses any other document with PERSISTED_QUERY_NOT_IN_LIST (HTTP 400), by POST or GET, and an unknown id with PERSISTED_QUERY_NOT_FOUND', async () => {
    const other = await post(t.url, { query: '{ viewer { roles } }' }, manager);
    expect(other.status).toBe(400);
    expect(other.body.errors).toEqual([{ message: expect.stringContaining('Only registered operations are accepted'), extensions: expect.objectContaining({ code: 'PERSISTED_QUERY_NOT_IN_LIST' }) }]);
    // A write that is not registered does not run.
    const write = await post(t.url, { query: 'mutation { apiKeyCreate(input: { name: "x", roles: [INTEGRATION] }) { secret } }' }, await t.token(provider, [Role.PROVIDER_ADMIN]));
    expect(write.status).toBe(400);
    expect(write.body.data).toBeUndefined();

    const get = await fetch(`${t.url}/graphql?query=${encodeURIComponent('{ viewer { roles } }')}`, { headers: { authorization: `Bearer ${manager}`, 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(400);
    expect(((await get.json()) as any).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');

    // The APQ flow of a client: unknown hash, then the text, which is not registered.
    const unknown = `query Unknown { viewer { name } }`;
    const miss = await post(t.url, apq(sha256(unknown)), manager);
    expect(miss.status).toBe(200);
    expect(miss.body.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await post(t.url, { query: unknown, ...apq(sha256(unknown)) }, manager)).body.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    expect((await post(t.url, { documentId: 'sha256:0000' }, manager)).body.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');

    // Introspection is a document like any other: GraphiQL without a bypass role cannot load the schema.
    const introspection = await post(t.url, { query: '{ __schema { queryType { name } } }' });
    expect(introspection.status).toBe(400);
    expect(introspection.body.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
  });

  it('lets the bypass roles (GRAPHQL_TRUSTED_DOCUMENTS_BYPASS_ROLES) send any document, introspection included', async () => {
    const analyst = await t.token(provider, [Role.ANALYST]);
    expect((await post(t.url, { query: '{ viewer { roles } }' }, analyst)).body).toEqual({ data: { viewer: { roles: ['ANALYST'] } } });
    expect((await post(t.url, { query: '{ __schema { queryType { name } } }' }, analyst)).body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });
});
