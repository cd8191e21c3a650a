import { Role } from '../src/common/roles';
import { describeOnBothDatabases } from './support/both-databases';
import { TestApp } from './support/test-app';

/**
 * What protects the server from hostile or careless queries: depth, alias and cost limits,
 * no batching, CSRF prevention, no schema hints for strangers, and a bounded request body.
 */

type GraphQLBody = { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };

/** `customers(first: 1) { nodes { segments(first: 1) { nodes { customers ... } } } }`, `levels` lists deep. */
function nestedQuery(levels: number): string {
  let inner = 'name';
  for (let i = levels; i >= 1; i--) inner = `${i % 2 === 1 ? 'customers' : 'segments'}(first: 1) { nodes { ${inner} } }`;
  return `{ ${inner} }`;
}

describeOnBothDatabases('query limits', (db) => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await TestApp.start({ env: db.env });
  });
  afterAll(() => t.stop());

  beforeEach(async () => {
    await t.reset();
    admin = await t.token(await t.provider('acme'), [Role.PROVIDER_ADMIN]);
  });

  it('rejects a query nested deeper than the limit before running it', async () => {
    const maxDepth = t.app.config.graphql.maxDepth;
    const allowed = await t.gql(nestedQuery(4), {}, { token: admin });
    expect(allowed.errors).toBeUndefined();

    // Each list level adds two levels (the list and its `nodes`).
    const tooDeep = nestedQuery(Math.ceil(maxDepth / 2) + 1);
    const res = await t.gql(tooDeep, {}, { token: admin });
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined(); // no `data` at all: nothing was executed
    expect(res.errors).toHaveLength(1);
    expect(res.errors?.[0].message).toMatch(/^Query depth limit of \d+ exceeded/);
    expect(res.errors?.[0].extensions).toEqual({ code: 'QUERY_TOO_DEEP', limit: maxDepth, found: expect.any(Number), requestId: expect.any(String) });
  });

  it('rejects a query with too many aliases', async () => {
    const maxAliases = t.app.config.graphql.maxAliases;
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `v${i}: viewer { name }`).join(' ')} }`;

    const atLimit = await t.gql(aliases(maxAliases), {}, { token: admin });
    expect(atLimit.errors).toBeUndefined();

    const res = await t.gql(aliases(maxAliases + 1), {}, { token: admin });
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0].message).toMatch(/alias/i);
    expect(res.errors?.[0].extensions).toEqual({ code: 'QUERY_TOO_MANY_ALIASES', limit: maxAliases, found: maxAliases + 1, requestId: expect.any(String) });
  });

  it('rejects a query with too many directives, naming the limit', async () => {
    const maxDirectives = t.app.config.graphql.maxDirectives;
    // One directive per aliased field, so that no field repeats a directive.
    const directives = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `v${i % 25}_${i}: __typename @include(if: true)`).join(' ')} }`;
    const atLimit = await t.gql(directives(Math.min(maxDirectives, t.app.config.graphql.maxAliases)), {}, { token: admin });
    expect(atLimit.errors).toBeUndefined();

    const res = await t.gql(`{ viewer { name ${'@include(if: true) '.repeat(maxDirectives + 1)} } }`, {}, { token: admin });
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0].extensions).toEqual({ code: 'QUERY_TOO_MANY_DIRECTIVES', limit: maxDirectives, found: maxDirectives + 1, requestId: expect.any(String) });
  });

  it('rejects a query with too many tokens with 400, naming the limit (it was a 500)', async () => {
    const maxTokens = t.app.config.graphql.maxTokens;
    // `__typename` repeated: one token each, plus the braces.
    const tokens = (n: number) => `{ ${'__typename '.repeat(n - 2)}}`;
    const atLimit = await t.gql(tokens(maxTokens), {}, { token: admin });
    expect(atLimit.status).toBe(200);
    expect(atLimit.errors).toBeUndefined();

    const res = await t.gql(tokens(maxTokens + 1), {}, { token: admin });
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
    expect(res.errors).toEqual([{ message: expect.stringMatching(/tokens/), extensions: { code: 'QUERY_TOO_MANY_TOKENS', limit: maxTokens, requestId: res.headers.get('x-request-id') } }]);
  });

  it('rejects a query that would cost too much, saying why', async () => {
    const res = await t.gql(
      `{ customers(first: 100) { nodes { segments(first: 100) { nodes { customers(first: 100) { nodes { name } } } } } } }`,
      {},
      { token: admin },
    );
    expect(res.data).toBeUndefined();
    expect(res.errors).toHaveLength(1);
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', limit: t.app.config.graphql.maxCost, maxCost: t.app.config.graphql.maxCost });
    expect(res.errors?.[0].message).toMatch(/first/);

    const modest = await t.gql(`{ customers(first: 10) { nodes { segments(first: 5) { nodes { name } } } } }`, {}, { token: admin });
    expect(modest.errors).toBeUndefined();
  });

  it('rejects batched requests (a JSON array of operations)', async () => {
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify([{ query: '{ viewer { name } }' }, { query: '{ viewer { roles } }' }]),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as GraphQLBody;
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0].message).toMatch(/batching/i);
  });

  describe('CSRF prevention', () => {
    it('blocks a GET without a content type or preflight header, and answers one with it', async () => {
      const blocked = await fetch(`${t.url}/graphql?query=${encodeURIComponent('{__typename}')}`);
      expect(blocked.status).toBe(400);
      const body = (await blocked.json()) as GraphQLBody;
      expect(body.data).toBeUndefined();
      expect(body.errors?.[0].message).toMatch(/Cross-Site Request Forgery/);

      const allowed = await fetch(`${t.url}/graphql?query=${encodeURIComponent('{__typename}')}`, { headers: { 'apollo-require-preflight': 'true' } });
      expect(allowed.status).toBe(200);
      expect(await allowed.json()).toEqual({ data: { __typename: 'Query' } });
    });

    it('blocks a POST sent as text/plain (a "simple" request a foreign page could send)', async () => {
      const res = await fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', authorization: `Bearer ${admin}` },
        body: JSON.stringify({ query: '{ viewer { name } }' }),
      });
      expect(res.status).toBe(400);
      const body = (await res.json()) as GraphQLBody;
      expect(body.data).toBeUndefined();
      expect(body.errors?.[0].message).toMatch(/Cross-Site Request Forgery/);
    });
  });

  describe('field suggestions ("Did you mean")', () => {
    it('are not given to callers without credentials', async () => {
      const res = await t.gql('{ viewr { roles } }');
      expect(res.errors?.[0].message).toMatch(/Cannot query field "viewr"/);
      expect(JSON.stringify(res.errors)).not.toMatch(/did you mean/i);
      expect(JSON.stringify(res.errors)).not.toContain('"viewer"');
    });

    it('are given to authenticated callers', async () => {
      const res = await t.gql('{ viewr { roles } }', {}, { token: admin });
      expect(res.errors?.[0].message).toMatch(/Did you mean "viewer"/);
    });
  });
});

describe('request body limit', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await TestApp.start({ env: { GRAPHQL_BODY_LIMIT_BYTES: '2048' } });
    admin = await t.token(await t.provider('acme'), [Role.PROVIDER_ADMIN]);
  });
  afterAll(() => t.stop());

  /** A POST of `{ viewer { name } }` whose JSON body is padded (with a comment) to `bytes`. */
  async function postOfSize(bytes: number): Promise<Response> {
    const empty = JSON.stringify({ query: '{ viewer { name } }\n# ' });
    const body = JSON.stringify({ query: `{ viewer { name } }\n# ${'x'.repeat(bytes - empty.length)}` });
    expect(Buffer.byteLength(body)).toBe(bytes);
    return fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` }, body });
  }

  it('answers a body within the limit', async () => {
    const res = await postOfSize(2000);
    expect(res.status).toBe(200);
    expect(((await res.json()) as GraphQLBody).data).toEqual({ viewer: { name: expect.any(String) } });
  });

  it('answers 413 to a body over the limit', async () => {
    const res = await postOfSize(3000);
    expect(res.status).toBe(413);
    const body = (await res.json()) as GraphQLBody;
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0].message).toMatch(/too large/i);
  });
});
