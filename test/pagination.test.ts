import { Role } from '../src/common/roles';
import { type GqlResponse, TestApp } from './support/test-app';

/**
 * Lists are Relay connections: `first` defaults to 20 and is at most 100, cursors are opaque,
 * tied to their ordering and stable under inserts, and nested lists cost the same number of
 * SQL statements however many parents a page holds.
 */

const TIERS = ['STANDARD', 'SILVER', 'GOLD', 'PLATINUM'];
const REGIONS = ['EUROPE', 'NORTH_AMERICA', 'ASIA_PACIFIC'];

const CREATE_CUSTOMER = `mutation ($input: CustomerCreateInput!) {
  customerCreate(input: $input) { customer { id name } userErrors { code field message } }
}`;

const CREATE_SEGMENT = `mutation ($input: SegmentCreateInput!) {
  segmentCreate(input: $input) { segment { id name } userErrors { code field message } }
}`;

type ErrorList = GqlResponse['errors'];

/** The field paths an error names, whether it carries one (`field`) or several (`userErrors`). */
function fieldsNamedBy(errors: ErrorList): string[][] {
  return (errors ?? []).flatMap((e) => {
    const ext = (e.extensions ?? {}) as { field?: string[]; userErrors?: { field: string[] }[] };
    return [...(ext.field ? [ext.field] : []), ...(ext.userErrors ?? []).map((u) => u.field)];
  });
}

/** `Customer 007`: zero-padded so that name order is the same under every collation. */
const customerName = (i: number) => `Customer ${String(i).padStart(3, '0')}`;

/** 1..n in an order unlike both name order and its reverse, so that name order is really tested. */
function shuffled(n: number): number[] {
  const all = Array.from({ length: n }, (_, i) => i + 1);
  return [...all.filter((i) => i % 3 === 2), ...all.filter((i) => i % 3 === 0).reverse(), ...all.filter((i) => i % 3 === 1)];
}

describe('connections', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.stop());

  beforeEach(async () => {
    await t.reset();
    admin = await t.token(await t.provider('acme'), [Role.PROVIDER_ADMIN]);
  });

  async function createCustomer(name: string, i = 0): Promise<{ id: string; name: string }> {
    const data = await t.ok<{ customerCreate: { customer: { id: string; name: string }; userErrors: unknown[] } }>(
      CREATE_CUSTOMER,
      {
        input: {
          name,
          sizeBand: 'MEDIUM',
          industry: i % 2 === 0 ? 'Retail' : 'Banking',
          region: REGIONS[i % REGIONS.length],
          tier: TIERS[i % TIERS.length],
          country: 'DE',
          timeZone: 'Europe/Berlin',
        },
      },
      admin,
    );
    expect(data.customerCreate.userErrors).toEqual([]);
    return data.customerCreate.customer;
  }

  /** Customers `Customer 001`..`Customer <n>`, created in a shuffled order. */
  async function createCustomers(n: number): Promise<{ id: string; name: string }[]> {
    const created = [];
    for (const i of shuffled(n)) created.push(await createCustomer(customerName(i), i));
    return created;
  }

  async function createSegment(input: Record<string, unknown>): Promise<void> {
    const data = await t.ok<{ segmentCreate: { userErrors: unknown[] } }>(CREATE_SEGMENT, { input }, admin);
    expect(data.segmentCreate.userErrors).toEqual([]);
  }

  type CustomersPage = {
    customers: { totalCount: number; nodes: { name: string }[]; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null } };
  };
  const CUSTOMERS_PAGE = `query ($first: Int, $after: String, $orderBy: CustomerOrder) {
    customers(first: $first, after: $after, orderBy: $orderBy) {
      totalCount
      nodes { name }
      pageInfo { hasNextPage hasPreviousPage endCursor }
    }
  }`;
  const customersPage = (vars: { first?: number; after?: string | null; orderBy?: string }) => t.gql<CustomersPage>(CUSTOMERS_PAGE, vars, { token: admin });

  it('gives 20 items when `first` is not given, and says there are more', async () => {
    await createCustomers(25);
    const data = await t.ok<CustomersPage>(`{ customers { totalCount nodes { name } pageInfo { hasNextPage } } }`, {}, admin);
    expect(data.customers.nodes).toHaveLength(20);
    expect(data.customers.pageInfo.hasNextPage).toBe(true);
    expect(data.customers.totalCount).toBe(25);
  });

  it('refuses more than 100 items per page, naming `first`', async () => {
    await createCustomers(3);
    const res = await customersPage({ first: 101 });
    expect(res.data?.customers ?? null).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(fieldsNamedBy(res.errors)).toContainEqual(['first']);
  });

  it('visits every customer exactly once, in name order, when walking pages with `after`', async () => {
    await createCustomers(25);
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const res: GqlResponse<CustomersPage> = await customersPage({ first: 7, after });
      expect(res.errors).toBeUndefined();
      const page = res.data.customers;
      pages += 1;
      expect(page.totalCount).toBe(25);
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...page.nodes.map((n) => n.name));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
      expect(pages).toBeLessThan(10);
    }
    expect(pages).toBe(4);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => customerName(i + 1)));
  });

  it('keeps cursors stable when customers are added before and after them', async () => {
    await createCustomers(10);
    const page1 = await customersPage({ first: 4 });
    expect(page1.data.customers.nodes.map((n) => n.name)).toEqual([customerName(1), customerName(2), customerName(3), customerName(4)]);

    await createCustomer('Customer 000'); // sorts before the whole first page
    await createCustomer('Customer 004a'); // sorts right after the last item of page 1

    const page2 = await customersPage({ first: 4, after: page1.data.customers.pageInfo.endCursor });
    expect(page2.errors).toBeUndefined();
    const names2 = page2.data.customers.nodes.map((n) => n.name);
    expect(names2).toEqual(['Customer 004a', customerName(5), customerName(6), customerName(7)]);
    expect(names2.filter((n) => page1.data.customers.nodes.some((p) => p.name === n))).toEqual([]);
    expect(page2.data.customers.totalCount).toBe(12);
  });

  it('refuses a cursor it did not make, naming `after`', async () => {
    await createCustomers(3);
    for (const garbage of ['not-a-cursor', 'eyJmb28iOiJiYXIifQ', Buffer.from('["name:ASC","x","1"]').toString('base64url')]) {
      const res = await customersPage({ first: 2, after: garbage });
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(fieldsNamedBy(res.errors)).toContainEqual(['after']);
      expect(res.data?.customers ?? null).toBeNull();
    }
  });

  it('refuses a cursor from another ordering, naming `after`', async () => {
    await createCustomers(5);
    const byName = await customersPage({ first: 2, orderBy: 'NAME_ASC' });
    const cursor = byName.data.customers.pageInfo.endCursor;
    expect(cursor).toEqual(expect.any(String));

    const sameOrder = await customersPage({ first: 2, after: cursor, orderBy: 'NAME_ASC' });
    expect(sameOrder.errors).toBeUndefined();

    const otherOrder = await customersPage({ first: 2, after: cursor, orderBy: 'CREATED_AT_DESC' });
    expect(otherOrder.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(fieldsNamedBy(otherOrder.errors)).toContainEqual(['after']);
  });

  it('answers `first: 0` with no items but the total count', async () => {
    await createCustomers(4);
    const res = await customersPage({ first: 0 });
    expect(res.errors).toBeUndefined();
    expect(res.data.customers.nodes).toEqual([]);
    expect(res.data.customers.totalCount).toBe(4);
  });

  describe('nested lists (no N+1)', () => {
    /** 55 customers over several rule-based segments, with customers pinned in and out by hand. */
    async function catalogWithSegments(): Promise<void> {
      const customers = await createCustomers(55);
      await createSegment({ name: 'Gold and Platinum', rules: [{ tiers: ['GOLD', 'PLATINUM'] }] });
      await createSegment({ name: 'Europe', rules: [{ regions: ['EUROPE'] }], excludedCustomers: [customers[0].id, customers[1].id] });
      await createSegment({ name: 'Retail', rules: [{ industries: ['retail'] }], includedCustomers: [customers[2].id] });
      await createSegment({ name: 'Hand-picked', includedCustomers: customers.slice(10, 16).map((c) => c.id) });
      await createSegment({ name: 'North American banks', rules: [{ regions: ['NORTH_AMERICA'], industries: ['Banking'] }], excludedCustomers: [customers[5].id] });
      await createSegment({ name: 'Asia Pacific', rules: [{ regions: ['ASIA_PACIFIC'] }] });
    }

    /** The statements a query costs, after one request has warmed up per-process caches (the token's provider). */
    async function statementsFor<T>(query: string, variables: Record<string, unknown>): Promise<{ statements: number; data: T }> {
      const res = await t.gql<T>(query, variables, { token: admin });
      expect(res.errors).toBeUndefined();
      expect(Number.isInteger(res.statements)).toBe(true);
      return { statements: res.statements, data: res.data };
    }

    const CUSTOMERS_WITH_SEGMENTS = `query ($first: Int!) {
      customers(first: $first) {
        nodes {
          name
          segments(first: 5) { totalCount nodes { name customers(first: 3) { nodes { name } } } }
        }
      }
    }`;
    type CustomersWithSegments = {
      customers: { nodes: { name: string; segments: { totalCount: number; nodes: { name: string; customers: { nodes: { name: string }[] } }[] } }[] };
    };

    it('costs as many SQL statements for 50 customers with their segments as for 10', async () => {
      await catalogWithSegments();
      await t.ok('{ viewer { roles } }', {}, admin);

      const ten = await statementsFor<CustomersWithSegments>(CUSTOMERS_WITH_SEGMENTS, { first: 10 });
      const fifty = await statementsFor<CustomersWithSegments>(CUSTOMERS_WITH_SEGMENTS, { first: 50 });

      expect(ten.data.customers.nodes).toHaveLength(10);
      expect(fifty.data.customers.nodes).toHaveLength(50);
      const nested = fifty.data.customers.nodes.flatMap((c) => c.segments.nodes);
      expect(nested.length).toBeGreaterThan(50);
      expect(nested.every((s) => s.customers.nodes.length > 0)).toBe(true);
      expect(fifty.statements).toBe(ten.statements);
    });

    const SEGMENTS_WITH_MEMBERS = `query ($first: Int!) {
      segments(first: $first) {
        nodes {
          name
          includedCustomers { name }
          excludedCustomers { name }
          customers(first: 5) { totalCount nodes { name } }
        }
      }
    }`;
    type SegmentsWithMembers = {
      segments: {
        nodes: { name: string; includedCustomers: { name: string }[]; excludedCustomers: { name: string }[]; customers: { totalCount: number; nodes: { name: string }[] } }[];
      };
    };

    it('costs as many SQL statements for every segment with its members as for two', async () => {
      await catalogWithSegments();
      await t.ok('{ viewer { roles } }', {}, admin);

      const two = await statementsFor<SegmentsWithMembers>(SEGMENTS_WITH_MEMBERS, { first: 2 });
      const all = await statementsFor<SegmentsWithMembers>(SEGMENTS_WITH_MEMBERS, { first: 100 });

      expect(two.data.segments.nodes).toHaveLength(2);
      expect(all.data.segments.nodes).toHaveLength(6);
      const nodes = all.data.segments.nodes;
      expect(nodes.filter((s) => s.includedCustomers.length > 0).map((s) => s.name).sort()).toEqual(['Hand-picked', 'Retail']);
      expect(nodes.filter((s) => s.excludedCustomers.length > 0).map((s) => s.name).sort()).toEqual(['Europe', 'North American banks']);
      expect(nodes.every((s) => s.customers.totalCount > 0 && s.customers.nodes.length > 0)).toBe(true);
      expect(all.statements).toBe(two.statements);
    });
  });
});
