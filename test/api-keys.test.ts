import { Role } from '../src/common/roles';
import { type GqlResponse, TestApp, type TestProvider } from './support/test-app';

const { PROVIDER_ADMIN, ACCOUNT_MANAGER, ANALYST, CUSTOMER_VIEWER, CUSTOMER_SIGNATORY, INTEGRATION } = Role;

const KEY_FIELDS = 'id name prefix roles createdBy createdAt expiresAt lastUsedAt revoked revokedAt revokedBy';
const API_KEY_CREATE = `mutation ($input: ApiKeyCreateInput!) {
  apiKeyCreate(input: $input) { apiKey { ${KEY_FIELDS} } secret userErrors { code field message } }
}`;
const API_KEY_REVOKE = `mutation ($id: ID!) {
  apiKeyRevoke(input: { id: $id }) { apiKey { ${KEY_FIELDS} } userErrors { code field message } }
}`;
const API_KEYS = `query ($includeRevoked: Boolean) { apiKeys(includeRevoked: $includeRevoked) { totalCount nodes { ${KEY_FIELDS} } } }`;
const VIEWER = `{ viewer { kind subject name roles provider { id name } customer { id } } }`;
const CUSTOMER_CREATE = `mutation ($input: CustomerCreateInput!) {
  customerCreate(input: $input) { customer { id name } userErrors { code field message } }
}`;

interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  roles: Role[];
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revoked: boolean;
  revokedAt: string | null;
  revokedBy: string | null;
}

const customerInput = (name: string) => ({
  name,
  sizeBand: 'SMALL',
  industry: 'Retail',
  region: 'EUROPE',
  tier: 'SILVER',
  country: 'FR',
  timeZone: 'Europe/Paris',
});

/** The part of a key after `slak_<prefix>_`: what proves it (it may itself contain "_"). */
const secretPart = (key: string) => key.slice('slak_'.length + 12 + 1);

const inAnHour = () => new Date(Date.now() + 3600_000).toISOString();

describe('API keys', () => {
  let t: TestApp;
  let acme: TestProvider;
  let globex: TestProvider;
  let admin: string;
  let globexAdmin: string;
  let contosoId: string;

  /** Creates a key as Acme's admin; fails the test on any error. */
  const createKey = async (input: { name: string; roles?: Role[]; expiresAt?: string }): Promise<{ apiKey: ApiKey; secret: string }> => {
    const data = await t.ok(API_KEY_CREATE, { input }, admin);
    expect(data.apiKeyCreate.userErrors).toEqual([]);
    return data.apiKeyCreate;
  };

  /** A request made with an API key, exactly as a partner system sends it. */
  const withKey = (secret: string, query: string, variables: Record<string, unknown> = {}) =>
    t.gql(query, variables, { headers: { authorization: `Bearer ${secret}` } });

  const listKeys = async (token: string, includeRevoked = false): Promise<ApiKey[]> => (await t.ok(API_KEYS, { includeRevoked }, token)).apiKeys.nodes;

  const expectUnauthenticated = (res: GqlResponse, message: RegExp) => {
    expect(res.status).toBe(401);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.errors![0].message).toMatch(message);
  };

  beforeAll(async () => {
    t = await TestApp.start();
  });
  beforeEach(async () => {
    await t.reset();
    acme = await t.provider('acme', 'Acme Ltd');
    globex = await t.provider('globex', 'Globex Corp');
    admin = await t.token(acme, [PROVIDER_ADMIN], undefined, { sub: 'alice@acme.example' });
    globexAdmin = await t.token(globex, [PROVIDER_ADMIN], undefined, { sub: 'gina@globex.example' });
    contosoId = (await t.ok(CUSTOMER_CREATE, { input: customerInput('Contoso') }, admin)).customerCreate.customer.id;
  });
  afterAll(() => t.stop());

  describe('who may manage keys', () => {
    it.each([
      [PROVIDER_ADMIN, 'allowed'],
      [ACCOUNT_MANAGER, 'FORBIDDEN'],
      [ANALYST, 'FORBIDDEN'],
      [INTEGRATION, 'FORBIDDEN'],
      [CUSTOMER_VIEWER, 'FORBIDDEN'],
      [CUSTOMER_SIGNATORY, 'FORBIDDEN'],
    ])('apiKeyCreate and apiKeys as %s: %s', async (role, outcome) => {
      const customer = role === CUSTOMER_VIEWER || role === CUSTOMER_SIGNATORY ? contosoId : undefined;
      const token = await t.token(acme, [role], customer);
      const created = await t.gql(API_KEY_CREATE, { input: { name: `Key by ${role}` } }, { token });
      const listed = await t.gql(API_KEYS, {}, { token });
      if (outcome === 'allowed') {
        expect(created.errors).toBeUndefined();
        expect(listed.errors).toBeUndefined();
        expect((listed.data.apiKeys as { nodes: ApiKey[] }).nodes.map((k) => k.name)).toEqual([`Key by ${role}`]);
      } else {
        for (const res of [created, listed]) {
          expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
          expect(res.data ?? null).toBeNull();
        }
        expect(await listKeys(admin)).toEqual([]);
      }
    });
  });

  describe('creating a key', () => {
    it('returns the secret once, with the key as it is listed from then on', async () => {
      const { apiKey, secret } = await createKey({ name: 'Datadog monitors' });
      expect(secret).toMatch(/^slak_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
      expect(apiKey).toEqual({
        id: expect.any(String),
        name: 'Datadog monitors',
        prefix: secret.slice(0, 'slak_'.length + 12),
        roles: [INTEGRATION],
        createdBy: expect.stringContaining('alice@acme.example'),
        createdAt: expect.any(String),
        expiresAt: null,
        lastUsedAt: null,
        revoked: false,
        revokedAt: null,
        revokedBy: null,
      });
      expect(await listKeys(admin)).toEqual([apiKey]);
    });

    it('two keys never share a secret or prefix, and are listed newest first', async () => {
      const first = await createKey({ name: 'First' });
      const second = await createKey({ name: 'Second' });
      expect(second.secret).not.toBe(first.secret);
      expect(second.apiKey.prefix).not.toBe(first.apiKey.prefix);
      expect((await listKeys(admin)).map((k) => k.name)).toEqual(['Second', 'First']);
    });

    it('apiKeys offers no field that could hold a secret', async () => {
      const { secret } = await createKey({ name: 'Ticketing' });
      const res = await t.gql('{ apiKeys { nodes { secret } } }', {}, { token: admin });
      expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.errors?.[0].message).toMatch(/Cannot query field "secret" on type "ApiKey"/);

      const type = await t.ok(`{ __type(name: "ApiKey") { fields { name } } }`, {}, admin);
      const fields = (type.__type.fields as { name: string }[]).map((f) => f.name);
      expect(fields.filter((f) => /secret|hash|token/i.test(f))).toEqual([]);

      const listed = await t.gql(API_KEYS, {}, { token: admin });
      expect(JSON.stringify(listed.data)).not.toContain(secretPart(secret));
    });

    it.each([
      [[CUSTOMER_VIEWER], '0'],
      [[ANALYST, CUSTOMER_SIGNATORY], '1'],
    ])('refuses roles %j for a key: INVALID_INPUT at input.roles.%s', async (roles, index) => {
      const data = await t.ok(API_KEY_CREATE, { input: { name: 'Bad roles', roles } }, admin);
      expect(data.apiKeyCreate).toEqual({
        apiKey: null,
        secret: null,
        userErrors: [{ code: 'INVALID_INPUT', field: ['input', 'roles', index], message: expect.stringContaining('may carry only') }],
      });
      expect(await listKeys(admin)).toEqual([]);
    });

    it.each([
      ['blank', '   '],
      ['too long', 'k'.repeat(201)],
    ])('refuses a %s name, naming input.name', async (_case, name) => {
      const res = await t.gql(API_KEY_CREATE, { input: { name } }, { token: admin });
      expect(res.errors).toBeUndefined();
      expect(res.data.apiKeyCreate).toEqual({
        apiKey: null,
        secret: null,
        userErrors: [{ code: 'INVALID_INPUT', field: ['input', 'name'], message: expect.stringContaining('name') }],
      });
      expect(await listKeys(admin)).toEqual([]);
    });

    it('refuses an expiresAt in the past, naming expiresAt', async () => {
      const data = await t.ok(API_KEY_CREATE, { input: { name: 'Stale', expiresAt: new Date(Date.now() - 60_000).toISOString() } }, admin);
      expect(data.apiKeyCreate).toEqual({
        apiKey: null,
        secret: null,
        userErrors: [{ code: 'INVALID_INPUT', field: ['input', 'expiresAt'], message: expect.stringContaining('expiresAt') }],
      });
      expect(await listKeys(admin)).toEqual([]);
    });

    it('keeps an expiresAt in the future, and the key works until then', async () => {
      const expiresAt = inAnHour();
      const { apiKey, secret } = await createKey({ name: 'Short-lived', expiresAt });
      expect(new Date(apiKey.expiresAt!).getTime()).toBe(new Date(expiresAt).getTime());
      const res = await withKey(secret, VIEWER);
      expect(res.errors).toBeUndefined();
      expect((res.data.viewer as { kind: string }).kind).toBe('API_KEY');
    });

    it('stores only a hash of the secret', async () => {
      const { apiKey, secret } = await createKey({ name: 'Hashed' });
      const rows: Record<string, unknown>[] = await t.app.db.dataSource.query('SELECT * FROM api_key');
      expect(rows).toHaveLength(1);
      expect(secretPart(secret)).toHaveLength(43);
      const stored = JSON.stringify(rows);
      expect(stored).not.toContain(secret);
      expect(stored).not.toContain(secretPart(secret));
      expect(rows[0].secret_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(`slak_${rows[0].prefix}`).toBe(apiKey.prefix);
    });
  });

  describe('calling with a key', () => {
    it('makes viewer answer as the key, with its roles, and records its use', async () => {
      const before = Date.now();
      const { apiKey, secret } = await createKey({ name: 'Datadog monitors', roles: [INTEGRATION, ANALYST] });
      const res = await withKey(secret, VIEWER);
      expect(res.errors).toBeUndefined();
      expect(res.data.viewer).toEqual({
        kind: 'API_KEY',
        subject: apiKey.id,
        name: 'Datadog monitors',
        roles: [INTEGRATION, ANALYST],
        provider: { id: acme.globalId, name: 'Acme Ltd' },
        customer: null,
      });
      const [listed] = await listKeys(admin);
      expect(listed.lastUsedAt).not.toBeNull();
      expect(new Date(listed.lastUsedAt!).getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(new Date(listed.lastUsedAt!).getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    });

    it('a key with roles [ANALYST] reads customers but cannot create one', async () => {
      const { secret } = await createKey({ name: 'BI export', roles: [ANALYST] });
      const read = await withKey(secret, '{ customers { nodes { name } } }');
      expect(read.errors).toBeUndefined();
      expect(read.data).toEqual({ customers: { nodes: [{ name: 'Contoso' }] } });

      const write = await withKey(secret, CUSTOMER_CREATE, { input: customerInput('Made by a key') });
      expect(write.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const names = (await t.ok('{ customers { nodes { name } } }', {}, admin)).customers.nodes.map((c: { name: string }) => c.name);
      expect(names).toEqual(['Contoso']);
    });

    it('a key cannot manage keys, even its own', async () => {
      const { apiKey, secret } = await createKey({ name: 'Integration' });
      const res = await withKey(secret, API_KEY_REVOKE, { id: apiKey.id });
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await listKeys(admin)).map((k) => k.revoked)).toEqual([false]);
    });

    it.each([
      ['a malformed key', (secret: string) => `${secret.slice(0, 20)}`, /API key is malformed/],
      ['a key with the right prefix and a wrong secret', (secret: string) => `${secret.slice(0, -4)}AAAA`, /API key is not valid/],
    ])('%s is UNAUTHENTICATED', async (_case, tamper, message) => {
      const { secret } = await createKey({ name: 'Real' });
      const forged = tamper(secret);
      expect(forged).not.toBe(secret);
      expectUnauthenticated(await withKey(forged, VIEWER), message);
      expect((await listKeys(admin))[0].lastUsedAt).toBeNull();
    });

    it('a key past its expiresAt is UNAUTHENTICATED', async () => {
      const { apiKey, secret } = await createKey({ name: 'Expiring', expiresAt: inAnHour() });
      // Time passes: the expiry is now behind us.
      await t.app.db.dataSource.query(`UPDATE api_key SET expires_at = now() - interval '1 second' WHERE prefix = $1`, [apiKey.prefix.slice('slak_'.length)]);
      expectUnauthenticated(await withKey(secret, VIEWER), /API key has expired/);
    });
  });

  describe('revoking a key', () => {
    it('makes the key UNAUTHENTICATED at once; revoking twice is harmless', async () => {
      const { apiKey, secret } = await createKey({ name: 'Leaked' });
      expect((await withKey(secret, VIEWER)).errors).toBeUndefined();

      const first = await t.ok(API_KEY_REVOKE, { id: apiKey.id }, admin);
      expect(first.apiKeyRevoke.userErrors).toEqual([]);
      expect(first.apiKeyRevoke.apiKey).toMatchObject({ id: apiKey.id, revoked: true, revokedAt: expect.any(String), revokedBy: expect.stringContaining('alice@acme.example') });

      expectUnauthenticated(await withKey(secret, VIEWER), /API key has been revoked/);

      const second = await t.ok(API_KEY_REVOKE, { id: apiKey.id }, admin);
      expect(second.apiKeyRevoke).toEqual({ apiKey: first.apiKeyRevoke.apiKey, userErrors: [] });
      expectUnauthenticated(await withKey(secret, VIEWER), /API key has been revoked/);
    });

    it('leaves revoked keys out of apiKeys unless asked for', async () => {
      const kept = await createKey({ name: 'Kept' });
      const gone = await createKey({ name: 'Gone' });
      await t.ok(API_KEY_REVOKE, { id: gone.apiKey.id }, admin);
      expect((await listKeys(admin)).map((k) => k.name)).toEqual(['Kept']);
      expect((await listKeys(admin, true)).map((k) => [k.name, k.revoked])).toEqual([
        ['Gone', true],
        ['Kept', false],
      ]);
      expect((await withKey(kept.secret, VIEWER)).errors).toBeUndefined();
    });

    it("another provider's admin can neither see nor revoke the key", async () => {
      const { apiKey, secret } = await createKey({ name: 'Acme only' });
      await t.ok(API_KEY_CREATE, { input: { name: 'Globex own' } }, globexAdmin);

      expect((await listKeys(globexAdmin, true)).map((k) => k.name)).toEqual(['Globex own']);
      const node = await t.ok(`query ($id: ID!) { node(id: $id) { id } }`, { id: apiKey.id }, globexAdmin);
      expect(node.node).toBeNull();

      const res = await t.ok(API_KEY_REVOKE, { id: apiKey.id }, globexAdmin);
      expect(res.apiKeyRevoke).toEqual({
        apiKey: null,
        userErrors: [{ code: 'NOT_FOUND', field: ['input', 'id'], message: expect.any(String) }],
      });
      expect((await withKey(secret, VIEWER)).errors).toBeUndefined();
      expect((await listKeys(admin)).map((k) => [k.name, k.revoked])).toEqual([['Acme only', false]]);
    });

    it('answers INVALID_ID for an id that is not an API key', async () => {
      const res = await t.ok(API_KEY_REVOKE, { id: contosoId }, admin);
      expect(res.apiKeyRevoke).toEqual({ apiKey: null, userErrors: [{ code: 'INVALID_ID', field: ['input', 'id'], message: expect.any(String) }] });
    });
  });
});
