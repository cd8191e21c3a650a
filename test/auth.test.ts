import { randomUUID } from 'node:crypto';
import { Role } from '../src/common/roles';
import { mintAccessToken, providerClaim } from '../src/domain/identity/access-token';
import { type GqlResponse, TEST_JWT_SECRET, TestApp, type TestProvider } from './support/test-app';

const { PROVIDER_ADMIN, ACCOUNT_MANAGER, ANALYST, CUSTOMER_VIEWER, CUSTOMER_SIGNATORY, INTEGRATION } = Role;
const CUSTOMER_ROLES = [CUSTOMER_VIEWER, CUSTOMER_SIGNATORY];

const VIEWER = `{ viewer { kind subject name roles provider { id name } customer { id name } } }`;

const CUSTOMER_CREATE = `mutation ($input: CustomerCreateInput!) {
  customerCreate(input: $input) { customer { id name } userErrors { code field message } }
}`;
const SERVICE_CREATE = `mutation ($input: ServiceCreateInput!) {
  serviceCreate(input: $input) { service { id code } userErrors { code field message } }
}`;
const SEGMENT_CREATE = `mutation ($input: SegmentCreateInput!) {
  segmentCreate(input: $input) { segment { id name } userErrors { code field message } }
}`;
const CUSTOMERS = `{ customers(first: 100) { totalCount nodes { id name } } }`;
const SEGMENTS = `{ segments { totalCount nodes { name } } }`;
const SERVICES = `{ services { totalCount nodes { code } } }`;

const customerInput = (name: string) => ({
  name,
  sizeBand: 'LARGE',
  industry: 'Finance',
  region: 'EUROPE',
  tier: 'GOLD',
  country: 'DE',
  timeZone: 'Europe/Berlin',
});

/** The one top-level error of a refused request, as a client reads it. */
function refusal(res: GqlResponse): { code: unknown; message: string } {
  expect(res.errors).toHaveLength(1);
  return { code: res.errors![0].extensions?.code, message: res.errors![0].message };
}

describe('authentication and roles', () => {
  let t: TestApp;
  let acme: TestProvider;
  let globex: TestProvider;
  let admin: string;
  /** Acme's customers, as the API names them. */
  let contoso: { id: string; name: string };
  let fabrikam: { id: string; name: string };
  let globexCustomer: { id: string; name: string };

  /** A token of an Acme person with `role`; customer roles belong to Contoso. */
  const tokenFor = (role: Role) => t.token(acme, [role], CUSTOMER_ROLES.includes(role) ? contoso.id : undefined);

  const createCustomer = async (token: string, name: string) => {
    const data = await t.ok(CUSTOMER_CREATE, { input: customerInput(name) }, token);
    expect(data.customerCreate.userErrors).toEqual([]);
    return data.customerCreate.customer as { id: string; name: string };
  };

  /** How many of Acme's customers carry this name, as an admin sees it. */
  const customersNamed = async (name: string) => {
    const data = await t.ok(`query ($s: String) { customers(filter: { search: $s }) { nodes { name } } }`, { s: name }, admin);
    return (data.customers.nodes as { name: string }[]).filter((c) => c.name === name).length;
  };

  beforeAll(async () => {
    t = await TestApp.start();
    acme = await t.provider('acme', 'Acme Ltd');
    globex = await t.provider('globex', 'Globex Corp');
    admin = await t.token(acme, [PROVIDER_ADMIN]);
    contoso = await createCustomer(admin, 'Contoso');
    fabrikam = await createCustomer(admin, 'Fabrikam');
    globexCustomer = await createCustomer(await t.token(globex, [PROVIDER_ADMIN]), 'Initech');
    await t.ok(SERVICE_CREATE, { input: { code: 'MPG', name: 'Managed PostgreSQL' } }, admin);
    await t.ok(SEGMENT_CREATE, { input: { name: 'Enterprise EU', rules: [{ regions: ['EUROPE'] }] } }, admin);
  });
  afterAll(() => t.stop());

  describe('without a token', () => {
    it('refuses a query with HTTP 401 and UNAUTHENTICATED', async () => {
      const res = await t.gql('{ viewer { roles } }');
      expect(res.status).toBe(401);
      expect(refusal(res)).toEqual({ code: 'UNAUTHENTICATED', message: expect.stringContaining('Authorization: Bearer') });
      expect(res.data ?? null).toBeNull();
    });

    it('answers introspection, so GraphiQL can load the schema', async () => {
      const res = await t.gql('{ __schema { queryType { name } } }');
      expect(res.status).toBe(200);
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    });

    it('does not let a real field ride along with introspection', async () => {
      const res = await t.gql('{ __typename customers { totalCount } }');
      expect(res.status).toBe(401);
      expect(refusal(res).code).toBe('UNAUTHENTICATED');
    });

    it('refuses a mutation and writes nothing', async () => {
      const res = await t.gql(CUSTOMER_CREATE, { input: customerInput('Sneaky Inc') });
      expect(res.status).toBe(401);
      expect(refusal(res).code).toBe('UNAUTHENTICATED');
      expect(await customersNamed('Sneaky Inc')).toBe(0);
    });
  });

  describe('bad credentials', () => {
    const cases: [string, () => Promise<string>, RegExp][] = [
      ['a scheme other than Bearer', async () => 'Basic dXNlcjpwYXNz', /must be "Bearer <token>"/],
      ['Bearer without a token', async () => 'Bearer', /must be "Bearer <token>"/],
      ['a token that is not a JWT', async () => 'Bearer not-a-jwt', /access token is not valid/],
      [
        'a token signed with another secret',
        async () => `Bearer ${await mintAccessToken({ secret: 'another-secret-that-is-long-enough-for-hs256-xyz' }, { sub: 'eve', provider: acme.globalId, roles: [PROVIDER_ADMIN] }, 3600)}`,
        /access token is not valid/,
      ],
      ['an expired token', async () => `Bearer ${await t.token(acme, [PROVIDER_ADMIN], undefined, { ttlSeconds: -60 })}`, /access token has expired/],
      [
        'a token naming a provider that does not exist',
        async () => `Bearer ${await mintAccessToken({ secret: TEST_JWT_SECRET }, { sub: 'ghost', provider: providerClaim(randomUUID()), roles: [PROVIDER_ADMIN] }, 3600)}`,
        /unknown provider/,
      ],
      [
        'a token whose provider claim is not a provider id',
        async () => `Bearer ${await mintAccessToken({ secret: TEST_JWT_SECRET }, { sub: 'x', provider: 'acme', roles: [PROVIDER_ADMIN] }, 3600)}`,
        /names no provider/,
      ],
      ['a token granting no known role', async () => `Bearer ${await t.token(acme, ['SUPERUSER' as Role])}`, /grants no role/],
      ['a customer role without a customer claim', async () => `Bearer ${await t.token(acme, [CUSTOMER_VIEWER])}`, /Customer roles need a customer claim/],
      ['a customer claim that is not a customer id', async () => `Bearer ${await t.token(acme, [CUSTOMER_VIEWER], acme.globalId)}`, /not a Customer id/],
    ];

    it.each(cases)('%s: HTTP 401, UNAUTHENTICATED, with a message that says why', async (_case, header, message) => {
      const res = await t.gql('{ viewer { roles } }', {}, { headers: { authorization: await header() } });
      expect(res.status).toBe(401);
      const { code, message: text } = refusal(res);
      expect(code).toBe('UNAUTHENTICATED');
      expect(text).toMatch(message);
      expect(res.data ?? null).toBeNull();
    });

    it('an expired admin token cannot write', async () => {
      const expired = await t.token(acme, [PROVIDER_ADMIN], undefined, { ttlSeconds: -1 });
      const res = await t.gql(CUSTOMER_CREATE, { input: customerInput('Too Late GmbH') }, { token: expired });
      expect(refusal(res).code).toBe('UNAUTHENTICATED');
      expect(await customersNamed('Too Late GmbH')).toBe(0);
    });
  });

  describe('viewer', () => {
    it.each([PROVIDER_ADMIN, ACCOUNT_MANAGER, ANALYST, INTEGRATION, CUSTOMER_VIEWER, CUSTOMER_SIGNATORY])('tells a %s who they are', async (role) => {
      const data = await t.ok(VIEWER, {}, await tokenFor(role));
      expect(data.viewer).toEqual({
        kind: 'USER',
        subject: `${role.toLowerCase()}@acme`,
        name: `${role.toLowerCase()}@acme`,
        roles: [role],
        provider: { id: acme.globalId, name: 'Acme Ltd' },
        customer: CUSTOMER_ROLES.includes(role) ? { id: contoso.id, name: 'Contoso' } : null,
      });
    });

    it('lists every role a token grants', async () => {
      const data = await t.ok(VIEWER, {}, await t.token(acme, [ANALYST, ACCOUNT_MANAGER], undefined, { sub: 'jane@acme.example' }));
      expect(data.viewer).toMatchObject({ subject: 'jane@acme.example', roles: [ANALYST, ACCOUNT_MANAGER], customer: null });
    });

    it("shows each provider's people their own provider", async () => {
      const data = await t.ok(VIEWER, {}, await t.token(globex, [ANALYST]));
      expect(data.viewer.provider).toEqual({ id: globex.globalId, name: 'Globex Corp' });
    });

    it("refuses a token whose customer is not one of its provider's customers", async () => {
      const token = await t.token(acme, [CUSTOMER_VIEWER], globexCustomer.id);
      const res = await t.gql(`{ viewer { customer { id } } customers { totalCount } }`, {}, { token });
      expect(res.status).toBe(401);
      expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringMatching(/not a customer of its provider/) });
      expect(res.data ?? null).toBeNull();
    });

    it('refuses a token that mixes provider-side and customer-side roles', async () => {
      const token = await t.token(acme, [PROVIDER_ADMIN, CUSTOMER_VIEWER], contoso.id);
      const res = await t.gql(`{ viewer { roles } }`, {}, { token });
      expect(res.status).toBe(401);
      expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringMatching(/only customer roles/) });
    });
  });

  describe('catalog role matrix', () => {
    const expectForbidden = (res: GqlResponse) => {
      const { code, message } = refusal(res);
      expect(code).toBe('FORBIDDEN');
      expect(message).toMatch(/needs one of the roles/);
      expect(res.data ?? null).toBeNull();
    };

    it.each([
      [PROVIDER_ADMIN, 'allowed'],
      [ACCOUNT_MANAGER, 'allowed'],
      [ANALYST, 'FORBIDDEN'],
      [INTEGRATION, 'FORBIDDEN'],
      [CUSTOMER_VIEWER, 'FORBIDDEN'],
      [CUSTOMER_SIGNATORY, 'FORBIDDEN'],
    ])('customerCreate as %s: %s', async (role, outcome) => {
      const name = `Customer by ${role}`;
      const res = await t.gql(CUSTOMER_CREATE, { input: customerInput(name) }, { token: await tokenFor(role) });
      if (outcome === 'allowed') {
        expect(res.errors).toBeUndefined();
        expect(res.data).toEqual({ customerCreate: { customer: { id: expect.any(String), name }, userErrors: [] } });
        expect(await customersNamed(name)).toBe(1);
      } else {
        expectForbidden(res);
        expect(await customersNamed(name)).toBe(0);
      }
    });

    it.each([
      [PROVIDER_ADMIN, 'allowed'],
      [ACCOUNT_MANAGER, 'FORBIDDEN'],
      [ANALYST, 'FORBIDDEN'],
      [INTEGRATION, 'FORBIDDEN'],
      [CUSTOMER_VIEWER, 'FORBIDDEN'],
      [CUSTOMER_SIGNATORY, 'FORBIDDEN'],
    ])('serviceCreate as %s: %s', async (role, outcome) => {
      const code = `SVC-${role.slice(0, 12)}`;
      const res = await t.gql(SERVICE_CREATE, { input: { code, name: `Service by ${role}` } }, { token: await tokenFor(role) });
      const codes = async () => ((await t.ok(SERVICES, {}, admin)).services.nodes as { code: string }[]).map((s) => s.code);
      if (outcome === 'allowed') {
        expect(res.errors).toBeUndefined();
        expect(res.data).toEqual({ serviceCreate: { service: { id: expect.any(String), code }, userErrors: [] } });
        expect(await codes()).toContain(code);
      } else {
        expectForbidden(res);
        expect(await codes()).not.toContain(code);
      }
    });

    it.each([
      [PROVIDER_ADMIN, 'allowed'],
      [ACCOUNT_MANAGER, 'allowed'],
      [ANALYST, 'FORBIDDEN'],
      [INTEGRATION, 'FORBIDDEN'],
      [CUSTOMER_VIEWER, 'FORBIDDEN'],
      [CUSTOMER_SIGNATORY, 'FORBIDDEN'],
    ])('segmentCreate as %s: %s', async (role, outcome) => {
      const name = `Segment by ${role}`;
      const res = await t.gql(SEGMENT_CREATE, { input: { name } }, { token: await tokenFor(role) });
      const names = async () => ((await t.ok(SEGMENTS, {}, admin)).segments.nodes as { name: string }[]).map((s) => s.name);
      if (outcome === 'allowed') {
        expect(res.errors).toBeUndefined();
        expect(res.data).toEqual({ segmentCreate: { segment: { id: expect.any(String), name }, userErrors: [] } });
        expect(await names()).toContain(name);
      } else {
        expectForbidden(res);
        expect(await names()).not.toContain(name);
      }
    });

    it.each([
      [PROVIDER_ADMIN, 'readable'],
      [ACCOUNT_MANAGER, 'readable'],
      [ANALYST, 'readable'],
      [INTEGRATION, 'FORBIDDEN'],
      [CUSTOMER_VIEWER, 'FORBIDDEN'],
      [CUSTOMER_SIGNATORY, 'FORBIDDEN'],
    ])('segments as %s: %s', async (role, outcome) => {
      const res = await t.gql(SEGMENTS, {}, { token: await tokenFor(role) });
      if (outcome === 'readable') {
        expect(res.errors).toBeUndefined();
        expect((res.data.segments as { nodes: { name: string }[] }).nodes.map((s) => s.name)).toContain('Enterprise EU');
      } else {
        expectForbidden(res);
      }
    });

    it.each([PROVIDER_ADMIN, ACCOUNT_MANAGER, ANALYST, INTEGRATION, CUSTOMER_VIEWER, CUSTOMER_SIGNATORY])('services as %s: readable', async (role) => {
      const data = await t.ok(SERVICES, {}, await tokenFor(role));
      expect((data.services.nodes as { code: string }[]).map((s) => s.code)).toContain('MPG');
    });

    it.each([
      [PROVIDER_ADMIN, 'every customer of Acme'],
      [ACCOUNT_MANAGER, 'every customer of Acme'],
      [ANALYST, 'every customer of Acme'],
      [INTEGRATION, 'every customer of Acme'],
      [CUSTOMER_VIEWER, 'only Contoso'],
      [CUSTOMER_SIGNATORY, 'only Contoso'],
    ])('customers as %s: %s', async (role, outcome) => {
      const data = await t.ok(CUSTOMERS, {}, await tokenFor(role));
      const names = (data.customers.nodes as { name: string }[]).map((c) => c.name);
      if (outcome === 'only Contoso') {
        expect(data.customers).toEqual({ totalCount: 1, nodes: [contoso] });
      } else {
        expect(names).toEqual(expect.arrayContaining(['Contoso', 'Fabrikam']));
        expect(names).not.toContain(globexCustomer.name);
        expect(data.customers.totalCount).toBe(names.length);
      }
    });

    it.each([CUSTOMER_VIEWER, CUSTOMER_SIGNATORY])("a %s cannot open another customer by id", async (role) => {
      const token = await tokenFor(role);
      const data = await t.ok(`query ($id: ID!) { customer(id: $id) { name } node(id: $id) { id } }`, { id: fabrikam.id }, token);
      expect(data).toEqual({ customer: null, node: null });
      const own = await t.ok(`query ($id: ID!) { customer(id: $id) { name } }`, { id: contoso.id }, token);
      expect(own.customer).toEqual({ name: 'Contoso' });
    });
  });
});
