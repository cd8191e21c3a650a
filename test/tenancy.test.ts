import { randomUUID } from 'node:crypto';
import { toGlobalId } from '../src/common/global-id';
import { Role } from '../src/common/roles';
import { type TestProvider, TestApp } from './support/test-app';

/**
 * Another tenant's (or, for a customer user, another customer's) object behaves exactly as a
 * missing one, through every path: it is null when read, absent from lists, NOT_FOUND when
 * written, and the answer cannot be told apart from the answer for a random id.
 */

const USER_ERRORS = 'userErrors { code field message }';

const CUSTOMER_CREATE = `mutation($input: CustomerCreateInput!) { customerCreate(input: $input) { customer { id } ${USER_ERRORS} } }`;
const SEGMENT_CREATE = `mutation($input: SegmentCreateInput!) { segmentCreate(input: $input) { segment { id } ${USER_ERRORS} } }`;
const SERVICE_CREATE = `mutation($input: ServiceCreateInput!) { serviceCreate(input: $input) { service { id } ${USER_ERRORS} } }`;

const NODE = `query($id: ID!) {
  node(id: $id) {
    __typename id
    ... on Customer { name }
    ... on Segment { name }
    ... on Service { code }
  }
}`;

const CUSTOMER_LIST = `query($filter: CustomerFilter) { customers(first: 100, filter: $filter) { totalCount nodes { id name } } }`;

interface Tenant {
  provider: TestProvider;
  admin: string;
  /** "Common Holdings": both tenants have a customer of this name. */
  common: string;
  /** "<Prefix> Bank", externalRef "CRM-<PREFIX>-1". */
  bank: string;
  segment: string;
  service: string;
}

const randomId = (type: 'Customer' | 'Segment' | 'Service') => toGlobalId(type, randomUUID());

const customerInput = (name: string, externalRef: string | null = null) => ({
  name,
  externalRef,
  sizeBand: 'LARGE',
  industry: 'Finance',
  region: 'EUROPE',
  tier: 'GOLD',
  country: 'DE',
  timeZone: 'Europe/Berlin',
});

/**
 * A provider with two European finance customers, a segment whose rule (region EUROPE)
 * would match the other tenant's customers too if tenancy leaked, and a service. Both tenants
 * use the same names and codes, so only tenancy tells their objects apart.
 */
async function seedTenant(t: TestApp, slug: string, prefix: string): Promise<Tenant> {
  const provider = await t.provider(slug);
  const admin = await t.token(provider, [Role.PROVIDER_ADMIN]);
  const create = async (query: string, input: Record<string, unknown>, key: string): Promise<string> => {
    const data = await t.ok(query, { input }, admin);
    const payload = Object.values(data)[0];
    expect(payload.userErrors).toEqual([]);
    return payload[key].id;
  };
  const common = await create(CUSTOMER_CREATE, customerInput('Common Holdings'), 'customer');
  const bank = await create(CUSTOMER_CREATE, customerInput(`${prefix} Bank`, `CRM-${prefix.toUpperCase()}-1`), 'customer');
  const segment = await create(
    SEGMENT_CREATE,
    { name: 'Europe Finance', description: `${prefix} key accounts`, rules: [{ regions: ['EUROPE'] }], includedCustomers: [bank] },
    'segment',
  );
  const service = await create(SERVICE_CREATE, { code: 'MPG', name: 'Managed PostgreSQL', category: 'Databases' }, 'service');
  return { provider, admin, common, bank, segment, service };
}

describe('tenancy: another provider’s objects look missing', () => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;
  let aAnalyst: string;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.stop());

  beforeEach(async () => {
    await t.reset();
    a = await seedTenant(t, 'alpha', 'Alpha');
    b = await seedTenant(t, 'bravo', 'Bravo');
    aAnalyst = await t.token(a.provider, [Role.ANALYST]);
  });

  const asAdminAndAnalyst: [string, () => string][] = [
    ['admin', () => a.admin],
    ['analyst', () => aAnalyst],
  ];

  describe.each(asAdminAndAnalyst)('reads as A’s %s', (_role, token) => {
    it('node(id:) is null for B’s customer, segment and service, exactly as for a random id', async () => {
      for (const [type, foreignId] of [
        ['Customer', b.bank],
        ['Segment', b.segment],
        ['Service', b.service],
      ] as const) {
        const foreign = await t.gql(NODE, { id: foreignId }, { token: token() });
        const unknown = await t.gql(NODE, { id: randomId(type) }, { token: token() });
        expect(foreign.errors).toBeUndefined();
        expect(foreign.data).toEqual({ node: null });
        expect(foreign.status).toBe(unknown.status);
        expect(foreign.data).toEqual(unknown.data);
      }
      // A's own objects are found by the same query: the nulls above are not a broken query.
      const own = await t.ok(NODE, { id: a.bank }, token());
      expect(own.node).toEqual({ __typename: 'Customer', id: a.bank, name: 'Alpha Bank' });
    });

    it('nodes(ids:) puts null in place of each of B’s objects and keeps A’s in order', async () => {
      const data = await t.ok(`query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, {
        ids: [a.common, b.common, b.segment, a.service, b.service, b.bank, randomId('Customer'), a.segment],
      }, token());
      expect(data.nodes).toEqual([
        { __typename: 'Customer', id: a.common },
        null,
        null,
        { __typename: 'Service', id: a.service },
        null,
        null,
        null,
        { __typename: 'Segment', id: a.segment },
      ]);
    });

    it('customer(id:), segment(id:) and service(id:) are null for B’s ids, as for random ones', async () => {
      const query = `query($c: ID!, $s: ID!, $v: ID!) { customer(id: $c) { id } segment(id: $s) { id } service(id: $v) { id } }`;
      const foreign = await t.gql(query, { c: b.bank, s: b.segment, v: b.service }, { token: token() });
      const unknown = await t.gql(query, { c: randomId('Customer'), s: randomId('Segment'), v: randomId('Service') }, { token: token() });
      const own = await t.ok(query, { c: a.bank, s: a.segment, v: a.service }, token());
      expect(foreign.errors).toBeUndefined();
      expect(foreign.data).toEqual({ customer: null, segment: null, service: null });
      expect(foreign.data).toEqual(unknown.data);
      expect(own).toEqual({ customer: { id: a.bank }, segment: { id: a.segment }, service: { id: a.service } });
    });

    it('customers, segments and services lists hold only A’s objects, whatever the search', async () => {
      const all = await t.ok(`{
        customers(first: 100) { totalCount nodes { id } }
        segments(first: 100) { totalCount nodes { id } }
        services(first: 100) { totalCount nodes { id } }
      }`, {}, token());
      expect(all.customers.nodes.map((c: { id: string }) => c.id).sort()).toEqual([a.bank, a.common].sort());
      expect(all.customers.totalCount).toBe(2);
      expect(all.segments).toEqual({ totalCount: 1, nodes: [{ id: a.segment }] });
      expect(all.services).toEqual({ totalCount: 1, nodes: [{ id: a.service }] });

      // Names both tenants share find A's object only; names only B uses find nothing.
      const shared = await t.ok(CUSTOMER_LIST, { filter: { search: 'common holdings' } }, token());
      expect(shared.customers).toEqual({ totalCount: 1, nodes: [{ id: a.common, name: 'Common Holdings' }] });
      for (const search of ['Bravo', 'CRM-BRAVO']) {
        const bravo = await t.ok(CUSTOMER_LIST, { filter: { search } }, token());
        expect(bravo.customers).toEqual({ totalCount: 0, nodes: [] });
      }
      const segments = await t.ok(`query($s: String) { segments(filter: { search: $s }) { totalCount nodes { id } } }`, { s: 'Bravo key' }, token());
      expect(segments.segments).toEqual({ totalCount: 0, nodes: [] });
      const services = await t.ok(`query($s: String) { services(filter: { search: $s }) { totalCount nodes { id } } }`, { s: 'mpg' }, token());
      expect(services.services).toEqual({ totalCount: 1, nodes: [{ id: a.service }] });
    });

    it('A’s segments never count B’s customers as members or pins, and B’s segment filters to nothing', async () => {
      const data = await t.ok(`query($id: ID!) {
        segment(id: $id) {
          customers(first: 100) { totalCount nodes { id } }
          includedCustomers { id }
          excludedCustomers { id }
        }
      }`, { id: a.segment }, token());
      expect(data.segment.customers.nodes.map((c: { id: string }) => c.id).sort()).toEqual([a.bank, a.common].sort());
      expect(data.segment.customers.totalCount).toBe(2);
      expect(data.segment.includedCustomers).toEqual([{ id: a.bank }]);
      expect(data.segment.excludedCustomers).toEqual([]);

      const bySegment = await t.ok(CUSTOMER_LIST, { filter: { segment: a.segment } }, token());
      expect(bySegment.customers.totalCount).toBe(2);
      const byForeignSegment = await t.gql(CUSTOMER_LIST, { filter: { segment: b.segment } }, { token: token() });
      const byUnknownSegment = await t.gql(CUSTOMER_LIST, { filter: { segment: randomId('Segment') } }, { token: token() });
      expect(byForeignSegment.data).toEqual({ customers: { totalCount: 0, nodes: [] } });
      expect(byForeignSegment.data).toEqual(byUnknownSegment.data);

      const segmentsOfCustomer = await t.ok(`query($id: ID!) { customer(id: $id) { segments { nodes { id } } } }`, { id: a.common }, token());
      expect(segmentsOfCustomer.customer.segments.nodes).toEqual([{ id: a.segment }]);
    });
  });

  describe('writes as A’s admin', () => {
    const mutations = {
      customerUpdate: `mutation($id: ID!) { customerUpdate(input: { id: $id, name: "Taken Over" }) { customer { id } ${USER_ERRORS} } }`,
      customerArchive: `mutation($id: ID!) { customerArchive(input: { id: $id }) { customer { id } ${USER_ERRORS} } }`,
      serviceUpdate: `mutation($id: ID!) { serviceUpdate(input: { id: $id, name: "Taken Over" }) { service { id } ${USER_ERRORS} } }`,
      serviceArchive: `mutation($id: ID!) { serviceArchive(input: { id: $id }) { service { id } ${USER_ERRORS} } }`,
      segmentUpdate: `mutation($id: ID!) { segmentUpdate(input: { id: $id, name: "Taken Over" }) { segment { id } ${USER_ERRORS} } }`,
      segmentArchive: `mutation($id: ID!) { segmentArchive(input: { id: $id }) { segment { id } ${USER_ERRORS} } }`,
    };
    const targets: [keyof typeof mutations, 'Customer' | 'Segment' | 'Service', () => string][] = [
      ['customerUpdate', 'Customer', () => b.bank],
      ['customerArchive', 'Customer', () => b.bank],
      ['serviceUpdate', 'Service', () => b.service],
      ['serviceArchive', 'Service', () => b.service],
      ['segmentUpdate', 'Segment', () => b.segment],
      ['segmentArchive', 'Segment', () => b.segment],
    ];

    it.each(targets)('%s on B’s %s gives NOT_FOUND, the same answer as for a random id, and changes nothing', async (name, type, foreignId) => {
      const foreign = await t.gql(mutations[name], { id: foreignId() }, { token: a.admin });
      const unknown = await t.gql(mutations[name], { id: randomId(type) }, { token: a.admin });
      expect(foreign.errors).toBeUndefined();
      const payload = (foreign.data as Record<string, { userErrors: unknown[] }>)[name];
      expect(payload.userErrors).toEqual([{ code: 'NOT_FOUND', field: ['input', 'id'], message: expect.any(String) }]);
      expect(foreign.data).toEqual(unknown.data);

      // B still sees its objects as they were.
      const seen = await t.ok(`query($c: ID!, $s: ID!, $v: ID!) {
        customer(id: $c) { name archived version }
        segment(id: $s) { name archived version }
        service(id: $v) { name archived version }
      }`, { c: b.bank, s: b.segment, v: b.service }, b.admin);
      expect(seen).toEqual({
        customer: { name: 'Bravo Bank', archived: false, version: 1 },
        segment: { name: 'Europe Finance', archived: false, version: 1 },
        service: { name: 'Managed PostgreSQL', archived: false, version: 1 },
      });
    });

    it('segmentCreate with B’s customer in includedCustomers gives NOT_FOUND naming that element, as for a random id', async () => {
      const before = await t.ok(`{ segments(first: 100) { totalCount } }`, {}, a.admin);
      const create = (ids: string[]) =>
        t.gql(SEGMENT_CREATE, { input: { name: 'Poached', includedCustomers: ids } }, { token: a.admin });

      const foreign = await create([b.bank]);
      const unknown = await create([randomId('Customer')]);
      expect(foreign.errors).toBeUndefined();
      expect(foreign.data).toEqual({
        segmentCreate: { segment: null, userErrors: [{ code: 'NOT_FOUND', field: ['input', 'includedCustomers', '0'], message: expect.any(String) }] },
      });
      expect(foreign.data).toEqual(unknown.data);

      // Behind one of A's own customers, the foreign one is named by its position.
      const second = await create([a.bank, b.common]);
      expect((second.data as { segmentCreate: { userErrors: unknown[] } }).segmentCreate.userErrors).toEqual([
        { code: 'NOT_FOUND', field: ['input', 'includedCustomers', '1'], message: expect.any(String) },
      ]);

      const after = await t.ok(`{ segments(first: 100) { totalCount } }`, {}, a.admin);
      expect(after.segments.totalCount).toBe(before.segments.totalCount);
    });

    it('segmentUpdate cannot exclude B’s customer from A’s segment: NOT_FOUND, and the segment is unchanged', async () => {
      const res = await t.gql(
        `mutation($input: SegmentUpdateInput!) { segmentUpdate(input: $input) { segment { id } ${USER_ERRORS} } }`,
        { input: { id: a.segment, excludedCustomers: [b.common] } },
        { token: a.admin },
      );
      expect((res.data as { segmentUpdate: unknown }).segmentUpdate).toEqual({
        segment: null,
        userErrors: [{ code: 'NOT_FOUND', field: ['input', 'excludedCustomers', '0'], message: expect.any(String) }],
      });
      const seen = await t.ok(`query($id: ID!) { segment(id: $id) { version excludedCustomers { id } } }`, { id: a.segment }, a.admin);
      expect(seen.segment).toEqual({ version: 1, excludedCustomers: [] });
    });
  });
});

describe('tenancy: a customer user sees its own customer only', () => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;
  /** CUSTOMER_VIEWER of A's "Alpha Bank". */
  let viewer: string;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.stop());

  beforeEach(async () => {
    await t.reset();
    a = await seedTenant(t, 'alpha', 'Alpha');
    b = await seedTenant(t, 'bravo', 'Bravo');
    viewer = await t.token(a.provider, [Role.CUSTOMER_VIEWER], a.bank);
  });

  it('customers lists only its own customer, whatever the filter', async () => {
    const all = await t.ok(CUSTOMER_LIST, {}, viewer);
    expect(all.customers).toEqual({ totalCount: 1, nodes: [{ id: a.bank, name: 'Alpha Bank' }] });
    const other = await t.ok(CUSTOMER_LIST, { filter: { search: 'Common' } }, viewer);
    expect(other.customers).toEqual({ totalCount: 0, nodes: [] });
  });

  it('another customer of the same provider is null through node and customer(id:), as a missing id', async () => {
    const query = `query($id: ID!) { node(id: $id) { id } customer(id: $id) { id } }`;
    const sibling = await t.gql(query, { id: a.common }, { token: viewer });
    const unknown = await t.gql(query, { id: randomId('Customer') }, { token: viewer });
    const own = await t.ok(query, { id: a.bank }, viewer);
    expect(sibling.errors).toBeUndefined();
    expect(sibling.data).toEqual({ node: null, customer: null });
    expect(sibling.data).toEqual(unknown.data);
    expect(own).toEqual({ node: { id: a.bank }, customer: { id: a.bank } });
  });

  it('viewer.customer is its own customer', async () => {
    const data = await t.ok(`{ viewer { roles customer { id name } provider { id } } }`, {}, viewer);
    expect(data.viewer).toEqual({ roles: ['CUSTOMER_VIEWER'], customer: { id: a.bank, name: 'Alpha Bank' }, provider: { id: a.provider.globalId } });
  });

  it('segments are FORBIDDEN, and node(segmentId) is null', async () => {
    const list = await t.gql(`{ segments { nodes { id } } }`, {}, { token: viewer });
    expect(list.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(list.data).toBeNull();

    const node = await t.gql(NODE, { id: a.segment }, { token: viewer });
    expect(node.errors).toBeUndefined();
    expect(node.data).toEqual({ node: null });
  });

  it('a customer token naming another provider’s customer is refused outright', async () => {
    const crossed = await t.token(a.provider, [Role.CUSTOMER_VIEWER], b.bank);
    const res = await t.gql(`query($id: ID!) { customer(id: $id) { id } }`, { id: b.bank }, { token: crossed });
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.data ?? null).toBeNull();
  });
});
