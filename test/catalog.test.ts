import { randomUUID } from 'node:crypto';
import { toGlobalId } from '../src/common/global-id';
import { Role } from '../src/common/roles';
import { TestApp } from './support/test-app';

/** The catalog (customers, services, segments) through the API, as a provider's staff uses it. */

const USER_ERRORS = 'userErrors { code field message }';
const CUSTOMER = 'id name externalRef sizeBand employeeCount industry region tier country timeZone archived archivedAt version createdAt updatedAt';
const SERVICE = 'id code name description category archived archivedAt version';
const SEGMENT = 'id name description rules { sizeBands industries regions tiers countries } archived archivedAt version';

const M = {
  customerCreate: `mutation($input: CustomerCreateInput!) { customerCreate(input: $input) { customer { ${CUSTOMER} } ${USER_ERRORS} } }`,
  customerUpdate: `mutation($input: CustomerUpdateInput!) { customerUpdate(input: $input) { customer { ${CUSTOMER} } ${USER_ERRORS} } }`,
  customerArchive: `mutation($input: CustomerArchiveInput!) { customerArchive(input: $input) { customer { ${CUSTOMER} } ${USER_ERRORS} } }`,
  serviceCreate: `mutation($input: ServiceCreateInput!) { serviceCreate(input: $input) { service { ${SERVICE} } ${USER_ERRORS} } }`,
  serviceUpdate: `mutation($input: ServiceUpdateInput!) { serviceUpdate(input: $input) { service { ${SERVICE} } ${USER_ERRORS} } }`,
  serviceArchive: `mutation($input: ServiceArchiveInput!) { serviceArchive(input: $input) { service { ${SERVICE} } ${USER_ERRORS} } }`,
  segmentCreate: `mutation($input: SegmentCreateInput!) { segmentCreate(input: $input) { segment { ${SEGMENT} } ${USER_ERRORS} } }`,
  segmentUpdate: `mutation($input: SegmentUpdateInput!) { segmentUpdate(input: $input) { segment { ${SEGMENT} } ${USER_ERRORS} } }`,
  segmentArchive: `mutation($input: SegmentArchiveInput!) { segmentArchive(input: $input) { segment { ${SEGMENT} } ${USER_ERRORS} } }`,
} as const;

type Mutation = keyof typeof M;
interface UserError {
  code: string;
  field: string[];
  message: string;
}
// Responses are checked against literal expectations, so their fields stay loosely typed.
type Obj = Record<string, any>;

const CUSTOMER_BY_ID = `query($id: ID!) { customer(id: $id) { ${CUSTOMER} } }`;
const SERVICE_BY_ID = `query($id: ID!) { service(id: $id) { ${SERVICE} } }`;
const SEGMENT_BY_ID = `query($id: ID!) { segment(id: $id) { ${SEGMENT} } }`;
const MEMBERS = `query($id: ID!) { segment(id: $id) { customers(first: 100) { totalCount nodes { name } } } }`;
const CUSTOMER_NAMES = `query($filter: CustomerFilter, $orderBy: CustomerOrder) {
  customers(first: 100, filter: $filter, orderBy: $orderBy) { totalCount nodes { name } }
}`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const customerInput = (name: string, overrides: Obj = {}) => ({
  name,
  sizeBand: 'LARGE',
  industry: 'Finance',
  region: 'EUROPE',
  tier: 'GOLD',
  country: 'DE',
  timeZone: 'Europe/Berlin',
  ...overrides,
});

describe('catalog', () => {
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

  /** Runs a catalog mutation as the admin; returns its payload (object and userErrors). */
  async function mutate(name: Mutation, input: Obj): Promise<Obj & { userErrors: UserError[] }> {
    const data = await t.ok(M[name], { input }, admin);
    return data[name];
  }

  /** Like mutate, but the mutation must succeed; returns the changed object. */
  async function must(name: Mutation, input: Obj): Promise<Obj> {
    const payload = await mutate(name, input);
    expect(payload.userErrors).toEqual([]);
    return Object.values(payload).find((v) => v && !Array.isArray(v)) as Obj;
  }

  const read = async (query: string, id: string) => Object.values(await t.ok(query, { id }, admin))[0];
  const rows = async (table: string): Promise<number> => (await t.app.db.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
  const names = async (filter: Obj = {}, orderBy?: string): Promise<string[]> =>
    (await t.ok(CUSTOMER_NAMES, { filter, orderBy }, admin)).customers.nodes.map((c: Obj) => c.name);
  const members = async (segmentId: string): Promise<string[]> => (await read(MEMBERS, segmentId)).customers.nodes.map((c: Obj) => c.name);

  describe('customers', () => {
    it('creates a customer with every attribute, readable by id, version 1', async () => {
      const created = await must('customerCreate', customerInput('Anvil GmbH', { externalRef: 'CRM-1', employeeCount: 420, country: 'de' }));
      expect(created).toMatchObject({
        name: 'Anvil GmbH',
        externalRef: 'CRM-1',
        sizeBand: 'LARGE',
        employeeCount: 420,
        industry: 'Finance',
        region: 'EUROPE',
        tier: 'GOLD',
        country: 'DE',
        timeZone: 'Europe/Berlin',
        archived: false,
        archivedAt: null,
        version: 1,
      });
      expect(await read(CUSTOMER_BY_ID, created.id)).toEqual(created);
    });

    it('updates only the fields given, and each update increments the version', async () => {
      const created = await must('customerCreate', customerInput('Anvil GmbH', { externalRef: 'CRM-1' }));
      const first = await must('customerUpdate', { id: created.id, version: 1, tier: 'PLATINUM' });
      expect(first).toMatchObject({ name: 'Anvil GmbH', externalRef: 'CRM-1', tier: 'PLATINUM', region: 'EUROPE', version: 2 });
      const second = await must('customerUpdate', { id: created.id, name: 'Anvil AG' });
      expect(second).toMatchObject({ name: 'Anvil AG', tier: 'PLATINUM', version: 3 });
      expect(await read(CUSTOMER_BY_ID, created.id)).toMatchObject({ name: 'Anvil AG', tier: 'PLATINUM', version: 3 });
    });

    it('an update with a stale version gives STALE_VERSION and changes nothing', async () => {
      const created = await must('customerCreate', customerInput('Anvil GmbH'));
      await must('customerUpdate', { id: created.id, version: 1, tier: 'SILVER' });
      const stale = await mutate('customerUpdate', { id: created.id, version: 1, name: 'Lost Update', tier: 'PLATINUM' });
      expect(stale).toEqual({ customer: null, userErrors: [{ code: 'STALE_VERSION', field: ['input', 'version'], message: expect.any(String) }] });
      expect(await read(CUSTOMER_BY_ID, created.id)).toMatchObject({ name: 'Anvil GmbH', tier: 'SILVER', version: 2 });
    });

    it('a duplicate name (any case) or external reference gives ALREADY_EXISTS naming the field', async () => {
      await must('customerCreate', customerInput('Anvil GmbH', { externalRef: 'CRM-1' }));
      const other = await must('customerCreate', customerInput('Birch Ltd'));
      const before = await rows('customer');

      const sameName = await mutate('customerCreate', customerInput('ANVIL gmbh'));
      expect(sameName.userErrors).toEqual([{ code: 'ALREADY_EXISTS', field: ['input', 'name'], message: expect.any(String) }]);
      const sameRef = await mutate('customerCreate', customerInput('Cedar Inc', { externalRef: 'CRM-1' }));
      expect(sameRef.userErrors).toEqual([{ code: 'ALREADY_EXISTS', field: ['input', 'externalRef'], message: expect.any(String) }]);
      const renamed = await mutate('customerUpdate', { id: other.id, name: 'anvil GmbH' });
      expect(renamed).toEqual({ customer: null, userErrors: [{ code: 'ALREADY_EXISTS', field: ['input', 'name'], message: expect.any(String) }] });

      expect(await rows('customer')).toBe(before);
      expect(await read(CUSTOMER_BY_ID, other.id)).toMatchObject({ name: 'Birch Ltd', version: 1 });
    });

    it.each([
      ['an empty name', { name: '' }, ['input', 'name']],
      ['a country that is not an ISO code', { country: 'Germany' }, ['input', 'country']],
      ['an unknown time zone', { timeZone: 'Mars/Base' }, ['input', 'timeZone']],
      ['a negative headcount', { employeeCount: -1 }, ['input', 'employeeCount']],
    ])('refuses %s, naming the field, and writes nothing', async (_what, bad, field) => {
      const created = await must('customerCreate', customerInput('Anvil GmbH'));
      const before = await rows('customer');

      const onCreate = await mutate('customerCreate', customerInput('Birch Ltd', bad));
      expect(onCreate).toEqual({ customer: null, userErrors: [{ code: 'INVALID_INPUT', field, message: expect.any(String) }] });
      const onUpdate = await mutate('customerUpdate', { id: created.id, ...bad });
      expect(onUpdate).toEqual({ customer: null, userErrors: [{ code: 'INVALID_INPUT', field, message: expect.any(String) }] });

      expect(await rows('customer')).toBe(before);
      expect(await read(CUSTOMER_BY_ID, created.id)).toEqual(created);
    });

    it('an archived customer leaves the default list but stays readable by id, and can no longer be updated', async () => {
      const anvil = await must('customerCreate', customerInput('Anvil GmbH'));
      await must('customerCreate', customerInput('Birch Ltd'));

      const archived = await must('customerArchive', { id: anvil.id, version: 1 });
      expect(archived).toMatchObject({ id: anvil.id, archived: true, archivedAt: expect.any(String) });
      expect(archived.version).toBeGreaterThan(1);

      expect(await names()).toEqual(['Birch Ltd']);
      expect(await names({ includeArchived: true })).toEqual(['Anvil GmbH', 'Birch Ltd']);
      expect(await read(CUSTOMER_BY_ID, anvil.id)).toEqual(archived);
      expect((await t.ok(`query($id: ID!) { node(id: $id) { ... on Customer { archived archivedAt } } }`, { id: anvil.id }, admin)).node).toEqual({
        archived: true,
        archivedAt: archived.archivedAt,
      });

      const update = await mutate('customerUpdate', { id: anvil.id, name: 'Anvil Reborn' });
      expect(update).toEqual({ customer: null, userErrors: [{ code: 'ARCHIVED', field: ['input', 'id'], message: expect.any(String) }] });
      expect(await read(CUSTOMER_BY_ID, anvil.id)).toEqual(archived);
    });

    it('archiving twice is harmless: no error, nothing changes the second time', async () => {
      const anvil = await must('customerCreate', customerInput('Anvil GmbH'));
      const first = await must('customerArchive', { id: anvil.id });
      await sleep(5);
      const second = await mutate('customerArchive', { id: anvil.id });
      expect(second).toEqual({ customer: first, userErrors: [] });
      expect(await read(CUSTOMER_BY_ID, anvil.id)).toEqual(first);
    });
  });

  describe('services', () => {
    it('creates a service with its code upper-cased, updates it with version increments', async () => {
      const created = await must('serviceCreate', { code: 'mpg', name: 'Managed PostgreSQL', description: 'HA clusters', category: 'Databases' });
      expect(created).toMatchObject({ code: 'MPG', name: 'Managed PostgreSQL', description: 'HA clusters', category: 'Databases', archived: false, version: 1 });
      expect(await read(SERVICE_BY_ID, created.id)).toEqual(created);

      const updated = await must('serviceUpdate', { id: created.id, version: 1, name: 'Managed Postgres' });
      expect(updated).toMatchObject({ code: 'MPG', name: 'Managed Postgres', category: 'Databases', version: 2 });
      expect(await read(SERVICE_BY_ID, created.id)).toEqual(updated);
    });

    it('an update with a stale version gives STALE_VERSION and changes nothing', async () => {
      const created = await must('serviceCreate', { code: 'MPG', name: 'Managed PostgreSQL' });
      await must('serviceUpdate', { id: created.id, description: 'Now with replicas' });
      const stale = await mutate('serviceUpdate', { id: created.id, version: 1, name: 'Lost Update' });
      expect(stale).toEqual({ service: null, userErrors: [{ code: 'STALE_VERSION', field: ['input', 'version'], message: expect.any(String) }] });
      expect(await read(SERVICE_BY_ID, created.id)).toMatchObject({ name: 'Managed PostgreSQL', description: 'Now with replicas', version: 2 });
    });

    it('a duplicate code (any case) gives ALREADY_EXISTS naming code, on create and on update', async () => {
      await must('serviceCreate', { code: 'MPG', name: 'Managed PostgreSQL' });
      const helpdesk = await must('serviceCreate', { code: 'HELP', name: '24x7 Helpdesk' });
      const before = await rows('service');

      const dup = await mutate('serviceCreate', { code: 'mpg', name: 'Another Postgres' });
      expect(dup).toEqual({ service: null, userErrors: [{ code: 'ALREADY_EXISTS', field: ['input', 'code'], message: expect.any(String) }] });
      const recode = await mutate('serviceUpdate', { id: helpdesk.id, code: 'Mpg' });
      expect(recode).toEqual({ service: null, userErrors: [{ code: 'ALREADY_EXISTS', field: ['input', 'code'], message: expect.any(String) }] });

      expect(await rows('service')).toBe(before);
      expect(await read(SERVICE_BY_ID, helpdesk.id)).toEqual(helpdesk);
    });

    it('refuses a code with spaces or punctuation and an empty name, naming the field', async () => {
      const before = await rows('service');
      const badCode = await mutate('serviceCreate', { code: 'no spaces!', name: 'Managed PostgreSQL' });
      expect(badCode).toEqual({ service: null, userErrors: [{ code: 'INVALID_INPUT', field: ['input', 'code'], message: expect.any(String) }] });
      const noName = await mutate('serviceCreate', { code: 'MPG', name: '' });
      expect(noName).toEqual({ service: null, userErrors: [{ code: 'INVALID_INPUT', field: ['input', 'name'], message: expect.any(String) }] });
      expect(await rows('service')).toBe(before);
    });

    it('an archived service leaves the list, stays readable, and archiving again is harmless', async () => {
      const mpg = await must('serviceCreate', { code: 'MPG', name: 'Managed PostgreSQL' });
      await must('serviceCreate', { code: 'HELP', name: '24x7 Helpdesk' });
      const archived = await must('serviceArchive', { id: mpg.id });
      expect(archived).toMatchObject({ archived: true, archivedAt: expect.any(String) });

      const list = async (includeArchived: boolean) =>
        (await t.ok(`query($f: ServiceFilter) { services(filter: $f) { nodes { code } } }`, { f: { includeArchived } }, admin)).services.nodes.map((s: Obj) => s.code);
      expect(await list(false)).toEqual(['HELP']);
      expect(await list(true)).toEqual(['HELP', 'MPG']);
      expect(await read(SERVICE_BY_ID, mpg.id)).toEqual(archived);

      expect(await mutate('serviceArchive', { id: mpg.id })).toEqual({ service: archived, userErrors: [] });
      const update = await mutate('serviceUpdate', { id: mpg.id, name: 'Revived' });
      expect(update.userErrors).toEqual([{ code: 'ARCHIVED', field: ['input', 'id'], message: expect.any(String) }]);
    });

    it('filters by categories and by search over name and code, case-insensitively', async () => {
      await must('serviceCreate', { code: 'MPG', name: 'Managed PostgreSQL', category: 'Databases' });
      await must('serviceCreate', { code: 'MRD', name: 'Managed Redis', category: 'Databases' });
      await must('serviceCreate', { code: 'HELP', name: '24x7 Helpdesk', category: 'Support' });
      await must('serviceCreate', { code: 'TAM', name: 'Technical Account Manager' });
      const codes = async (filter: Obj) =>
        (await t.ok(`query($f: ServiceFilter) { services(filter: $f) { totalCount nodes { code } } }`, { f: filter }, admin)).services;

      expect(await codes({ categories: ['Databases'] })).toEqual({ totalCount: 2, nodes: [{ code: 'MPG' }, { code: 'MRD' }] });
      expect(await codes({ categories: ['Support', 'Databases'] })).toMatchObject({ totalCount: 3 });
      expect(await codes({ search: 'managed' })).toEqual({ totalCount: 2, nodes: [{ code: 'MPG' }, { code: 'MRD' }] });
      expect(await codes({ search: 'help' })).toEqual({ totalCount: 1, nodes: [{ code: 'HELP' }] });
      expect(await codes({ search: 'tam' })).toEqual({ totalCount: 1, nodes: [{ code: 'TAM' }] });
      expect(await codes({ search: 'redis', categories: ['Support'] })).toEqual({ totalCount: 0, nodes: [] });
    });
  });

  describe('segments', () => {
    it('creates, updates (rules, name, pins) with version increments, and archives a segment', async () => {
      const anvil = await must('customerCreate', customerInput('Anvil GmbH'));
      const created = await must('segmentCreate', {
        name: 'EU Finance',
        description: 'Banks in Europe',
        rules: [{ regions: ['EUROPE'], industries: ['Finance'] }, { countries: ['us'] }],
      });
      expect(created).toMatchObject({
        name: 'EU Finance',
        description: 'Banks in Europe',
        rules: [
          { regions: ['EUROPE'], industries: ['Finance'], sizeBands: null, tiers: null, countries: null },
          { countries: ['US'], regions: null, industries: null, sizeBands: null, tiers: null },
        ],
        archived: false,
        version: 1,
      });
      expect(await read(SEGMENT_BY_ID, created.id)).toEqual(created);

      const renamed = await must('segmentUpdate', { id: created.id, version: 1, name: 'Europe Finance', rules: [{ tiers: ['GOLD'] }] });
      expect(renamed).toMatchObject({ name: 'Europe Finance', description: 'Banks in Europe', version: 2 });
      expect(renamed.rules).toEqual([{ tiers: ['GOLD'], regions: null, industries: null, sizeBands: null, countries: null }]);

      // A change of pins alone is a change of the segment too.
      const pinned = await must('segmentUpdate', { id: created.id, version: 2, excludedCustomers: [anvil.id] });
      expect(pinned.version).toBe(3);
      expect(await members(created.id)).toEqual([]);

      const archived = await must('segmentArchive', { id: created.id });
      expect(archived).toMatchObject({ archived: true, archivedAt: expect.any(String) });
      expect(await read(SEGMENT_BY_ID, created.id)).toEqual(archived);
      const list = async (includeArchived: boolean) =>
        (await t.ok(`query($f: SegmentFilter) { segments(filter: $f) { totalCount } }`, { f: { includeArchived } }, admin)).segments.totalCount;
      expect(await list(false)).toBe(0);
      expect(await list(true)).toBe(1);
      expect(await mutate('segmentArchive', { id: created.id })).toEqual({ segment: archived, userErrors: [] });
    });

    it('an update with a stale version gives STALE_VERSION and changes nothing', async () => {
      const segment = await must('segmentCreate', { name: 'Gold', rules: [{ tiers: ['GOLD'] }] });
      await must('segmentUpdate', { id: segment.id, description: 'Gold accounts' });
      const stale = await mutate('segmentUpdate', { id: segment.id, version: 1, name: 'Lost Update', rules: [{ tiers: ['SILVER'] }] });
      expect(stale).toEqual({ segment: null, userErrors: [{ code: 'STALE_VERSION', field: ['input', 'version'], message: expect.any(String) }] });
      expect(await read(SEGMENT_BY_ID, segment.id)).toMatchObject({ name: 'Gold', description: 'Gold accounts', rules: [{ tiers: ['GOLD'] }], version: 2 });
    });

    it('refuses a rule that names no attribute, and an empty attribute list, naming the rule', async () => {
      const before = await rows('segment');
      const noAttribute = await mutate('segmentCreate', { name: 'Everyone', rules: [{}] });
      expect(noAttribute).toEqual({ segment: null, userErrors: [{ code: 'INVALID_INPUT', field: ['input', 'rules', '0'], message: expect.any(String) }] });

      const emptyList = await mutate('segmentCreate', { name: 'Nobody', rules: [{ sizeBands: [] }] });
      expect(emptyList.segment).toBeNull();
      expect(emptyList.userErrors).toHaveLength(1);
      expect(emptyList.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT' });
      expect(emptyList.userErrors[0].field.slice(0, 3)).toEqual(['input', 'rules', '0']);

      const second = await mutate('segmentCreate', { name: 'Second', rules: [{ tiers: ['GOLD'] }, { countries: ['Germany'] }] });
      expect(second.userErrors).toHaveLength(1);
      expect(second.userErrors[0].field.slice(0, 3)).toEqual(['input', 'rules', '1']);
      expect(await rows('segment')).toBe(before);
    });

    it('a customer both included and excluded is a userError, and nothing is written', async () => {
      const anvil = await must('customerCreate', customerInput('Anvil GmbH'));
      const birch = await must('customerCreate', customerInput('Birch Ltd'));
      const segment = await must('segmentCreate', { name: 'Pinned', includedCustomers: [birch.id] });
      const [segmentsBefore, pinsBefore] = [await rows('segment'), await rows('segment_pin')];

      const both = await mutate('segmentCreate', { name: 'Confused', includedCustomers: [anvil.id, birch.id], excludedCustomers: [birch.id] });
      expect(both.segment).toBeNull();
      expect(both.userErrors).toEqual([{ code: 'INVALID_INPUT', field: ['input', 'excludedCustomers', '0'], message: expect.any(String) }]);
      const onUpdate = await mutate('segmentUpdate', { id: segment.id, includedCustomers: [anvil.id], excludedCustomers: [anvil.id] });
      expect(onUpdate.userErrors).toEqual([{ code: 'INVALID_INPUT', field: ['input', 'excludedCustomers', '0'], message: expect.any(String) }]);

      expect([await rows('segment'), await rows('segment_pin')]).toEqual([segmentsBefore, pinsBefore]);
      expect(await t.ok(`query($id: ID!) { segment(id: $id) { version includedCustomers { name } excludedCustomers { name } } }`, { id: segment.id }, admin)).toEqual({
        segment: { version: 1, includedCustomers: [{ name: 'Birch Ltd' }], excludedCustomers: [] },
      });
    });

    it('an unknown customer in the pins leaves nothing half-written', async () => {
      const anvil = await must('customerCreate', customerInput('Anvil GmbH'));
      const [segmentsBefore, pinsBefore] = [await rows('segment'), await rows('segment_pin')];
      const res = await mutate('segmentCreate', {
        name: 'Half',
        includedCustomers: [anvil.id],
        excludedCustomers: [toGlobalId('Customer', randomUUID())],
      });
      expect(res).toEqual({ segment: null, userErrors: [{ code: 'NOT_FOUND', field: ['input', 'excludedCustomers', '0'], message: expect.any(String) }] });
      expect([await rows('segment'), await rows('segment_pin')]).toEqual([segmentsBefore, pinsBefore]);
    });

    describe('membership', () => {
      let ids: Record<'anvil' | 'birch' | 'cedar' | 'dune', string>;

      beforeEach(async () => {
        ids = {
          anvil: (await must('customerCreate', customerInput('Anvil', { sizeBand: 'LARGE', industry: 'Finance', region: 'EUROPE', tier: 'GOLD', country: 'DE' }))).id,
          birch: (await must('customerCreate', customerInput('Birch', { sizeBand: 'SMALL', industry: 'finance', region: 'EUROPE', tier: 'SILVER', country: 'FR' }))).id,
          cedar: (await must('customerCreate', customerInput('Cedar', { sizeBand: 'ENTERPRISE', industry: 'Retail', region: 'NORTH_AMERICA', tier: 'PLATINUM', country: 'US', timeZone: 'America/New_York' }))).id,
          dune: (await must('customerCreate', customerInput('Dune', { sizeBand: 'MEDIUM', industry: 'Healthcare', region: 'ASIA_PACIFIC', tier: 'STANDARD', country: 'JP', timeZone: 'Asia/Tokyo' }))).id,
        };
      });

      it('a customer matches any rule (OR), and a rule when all its attributes match (AND)', async () => {
        const segment = await must('segmentCreate', {
          name: 'Gold EU finance or US',
          rules: [{ regions: ['EUROPE'], industries: ['Finance'], tiers: ['GOLD', 'PLATINUM'] }, { countries: ['US'] }],
        });
        // Birch is European finance but SILVER: the first rule needs all three.
        expect(await members(segment.id)).toEqual(['Anvil', 'Cedar']);
      });

      it('industries compare case-insensitively', async () => {
        const segment = await must('segmentCreate', { name: 'Finance', rules: [{ industries: ['FINANCE'] }] });
        expect(await members(segment.id)).toEqual(['Anvil', 'Birch']);
      });

      it('included customers join whatever the rules say; excluded ones never do', async () => {
        const segment = await must('segmentCreate', {
          name: 'Europe',
          rules: [{ regions: ['EUROPE'] }],
          includedCustomers: [ids.dune],
          excludedCustomers: [ids.birch],
        });
        expect(await members(segment.id)).toEqual(['Anvil', 'Dune']);
        expect(await t.ok(`query($id: ID!) { segment(id: $id) { includedCustomers { name } excludedCustomers { name } } }`, { id: segment.id }, admin)).toEqual({
          segment: { includedCustomers: [{ name: 'Dune' }], excludedCustomers: [{ name: 'Birch' }] },
        });

        // A list given replaces the old one: Birch is no longer excluded, Dune no longer pinned.
        await must('segmentUpdate', { id: segment.id, includedCustomers: [], excludedCustomers: [] });
        expect(await members(segment.id)).toEqual(['Anvil', 'Birch']);
      });

      it('changing a customer’s attributes moves it into and out of segments', async () => {
        const segment = await must('segmentCreate', { name: 'Gold', rules: [{ tiers: ['GOLD'] }] });
        expect(await members(segment.id)).toEqual(['Anvil']);

        await must('customerUpdate', { id: ids.birch, tier: 'GOLD' });
        await must('customerUpdate', { id: ids.anvil, tier: 'PLATINUM' });
        expect(await members(segment.id)).toEqual(['Birch']);
        const customerSegments = async (id: string) =>
          (await t.ok(`query($id: ID!) { customer(id: $id) { segments { nodes { name } } } }`, { id }, admin)).customer.segments.nodes;
        expect(await customerSegments(ids.birch)).toEqual([{ name: 'Gold' }]);
        expect(await customerSegments(ids.anvil)).toEqual([]);
      });

      it('Customer.segments agrees with Segment.customers and with the customers filter by segment', async () => {
        await must('segmentCreate', { name: 'Europe', rules: [{ regions: ['EUROPE'] }], excludedCustomers: [ids.anvil] });
        await must('segmentCreate', { name: 'Big', rules: [{ sizeBands: ['LARGE', 'ENTERPRISE'] }], includedCustomers: [ids.dune] });
        await must('segmentCreate', { name: 'Finance', rules: [{ industries: ['finance'] }] });
        await must('segmentCreate', { name: 'Nobody', rules: [{ countries: ['BR'] }] });

        const data = await t.ok(`{
          segments(first: 10) { nodes { id name customers(first: 10) { totalCount nodes { name } } } }
          customers(first: 10) { nodes { name segments(first: 10) { totalCount nodes { name } } } }
        }`, {}, admin);
        const fromSegments = data.segments.nodes.flatMap((s: Obj) => s.customers.nodes.map((c: Obj) => `${c.name} in ${s.name}`)).sort();
        const fromCustomers = data.customers.nodes.flatMap((c: Obj) => c.segments.nodes.map((s: Obj) => `${c.name} in ${s.name}`)).sort();
        expect(fromSegments).toEqual([
          'Anvil in Big',
          'Anvil in Finance',
          'Birch in Europe',
          'Birch in Finance',
          'Cedar in Big',
          'Dune in Big',
        ]);
        expect(fromCustomers).toEqual(fromSegments);
        for (const s of data.segments.nodes) {
          expect(s.customers.totalCount).toBe(s.customers.nodes.length);
          expect(await names({ segment: s.id })).toEqual(s.customers.nodes.map((c: Obj) => c.name));
        }
      });

      it('archived customers leave segment membership, even when included by hand, but stay readable', async () => {
        const segment = await must('segmentCreate', { name: 'Europe', rules: [{ regions: ['EUROPE'] }], includedCustomers: [ids.dune] });
        expect(await members(segment.id)).toEqual(['Anvil', 'Birch', 'Dune']);

        await must('customerArchive', { id: ids.anvil });
        await must('customerArchive', { id: ids.dune });
        expect(await members(segment.id)).toEqual(['Birch']);
        expect((await read(MEMBERS, segment.id)).customers.totalCount).toBe(1);
        expect(await names({ segment: segment.id })).toEqual(['Birch']);
        expect(await names({ segment: segment.id, includeArchived: true })).toEqual(['Birch']);
        const anvil = await t.ok(`query($id: ID!) { customer(id: $id) { name archived segments { totalCount } } }`, { id: ids.anvil }, admin);
        expect(anvil.customer).toEqual({ name: 'Anvil', archived: true, segments: { totalCount: 0 } });
      });

      it('an archived segment leaves its customers’ segment lists', async () => {
        const gold = await must('segmentCreate', { name: 'Gold', rules: [{ tiers: ['GOLD'] }] });
        await must('segmentCreate', { name: 'Europe', rules: [{ regions: ['EUROPE'] }] });
        await must('segmentArchive', { id: gold.id });
        const anvil = await t.ok(`query($id: ID!) { customer(id: $id) { segments { nodes { name } } } }`, { id: ids.anvil }, admin);
        expect(anvil.customer.segments.nodes).toEqual([{ name: 'Europe' }]);
      });
    });
  });

  describe('customer filters and ordering', () => {
    beforeEach(async () => {
      // Created in an order that differs from the names' order; a pause keeps creation times apart.
      for (const input of [
        customerInput('Cedar', { sizeBand: 'ENTERPRISE', industry: 'Retail', region: 'NORTH_AMERICA', tier: 'PLATINUM', country: 'US', externalRef: 'SF-9', timeZone: 'America/New_York' }),
        customerInput('Anvil', { sizeBand: 'LARGE', industry: 'Finance', region: 'EUROPE', tier: 'GOLD', country: 'DE', externalRef: 'CRM-001' }),
        customerInput('Dune', { sizeBand: 'MEDIUM', industry: 'Healthcare', region: 'ASIA_PACIFIC', tier: 'STANDARD', country: 'JP', timeZone: 'Asia/Tokyo' }),
        customerInput('Birch', { sizeBand: 'SMALL', industry: 'finance', region: 'EUROPE', tier: 'SILVER', country: 'FR', externalRef: 'CRM-002' }),
      ]) {
        await must('customerCreate', input);
        await sleep(5);
      }
    });

    it.each([
      ['sizeBands', { sizeBands: ['LARGE', 'SMALL'] }, ['Anvil', 'Birch']],
      ['regions', { regions: ['NORTH_AMERICA', 'ASIA_PACIFIC'] }, ['Cedar', 'Dune']],
      ['tiers', { tiers: ['PLATINUM'] }, ['Cedar']],
      ['industries, case-insensitively', { industries: ['FINANCE'] }, ['Anvil', 'Birch']],
      ['countries', { countries: ['JP', 'FR'] }, ['Birch', 'Dune']],
      ['search in the name, case-insensitively', { search: 'ced' }, ['Cedar']],
      ['search in the external reference, case-insensitively', { search: 'crm-00' }, ['Anvil', 'Birch']],
      ['several attributes at once (all must hold)', { regions: ['EUROPE'], tiers: ['GOLD'] }, ['Anvil']],
      ['a value nobody has', { countries: ['BR'] }, []],
    ])('filters by %s', async (_what, filter, expected) => {
      const data = await t.ok(CUSTOMER_NAMES, { filter }, admin);
      expect(data.customers).toEqual({ totalCount: expected.length, nodes: expected.map((name) => ({ name })) });
    });

    it('filters by segment membership', async () => {
      const segment = await must('segmentCreate', { name: 'Europe', rules: [{ regions: ['EUROPE'] }] });
      expect(await names({ segment: segment.id })).toEqual(['Anvil', 'Birch']);
      expect(await names({ segment: segment.id, tiers: ['SILVER'] })).toEqual(['Birch']);
    });

    it('orders by name (default), NAME_DESC and CREATED_AT_ASC', async () => {
      expect(await names()).toEqual(['Anvil', 'Birch', 'Cedar', 'Dune']);
      expect(await names({}, 'NAME_DESC')).toEqual(['Dune', 'Cedar', 'Birch', 'Anvil']);
      expect(await names({}, 'CREATED_AT_ASC')).toEqual(['Cedar', 'Anvil', 'Dune', 'Birch']);
      expect(await names({}, 'CREATED_AT_DESC')).toEqual(['Birch', 'Dune', 'Anvil', 'Cedar']);
    });

    it('lists archived customers only with includeArchived: true', async () => {
      const [dune] = (await t.ok(`{ customers(filter: { search: "Dune" }) { nodes { id } } }`, {}, admin)).customers.nodes;
      await must('customerArchive', { id: dune.id });
      expect(await names()).toEqual(['Anvil', 'Birch', 'Cedar']);
      expect(await names({ includeArchived: true })).toEqual(['Anvil', 'Birch', 'Cedar', 'Dune']);
      expect(await names({ includeArchived: true, regions: ['ASIA_PACIFIC'] })).toEqual(['Dune']);
    });
  });

  describe('the database itself', () => {
    it('refuses hard deletes of catalog rows, pointing to archiving', async () => {
      const anvil = await must('customerCreate', customerInput('Anvil GmbH'));
      await must('serviceCreate', { code: 'MPG', name: 'Managed PostgreSQL' });
      await must('segmentCreate', { name: 'Gold', rules: [{ tiers: ['GOLD'] }] });

      for (const table of ['customer', 'service', 'segment']) {
        await expect(t.app.db.dataSource.query(`DELETE FROM ${table}`)).rejects.toThrow(/archived, never deleted/);
        expect(await rows(table)).toBe(1);
      }
      expect(await read(CUSTOMER_BY_ID, anvil.id)).toEqual(anvil);
    });
  });
});
