import { Role } from '../src/common/roles';
import { APP_ROLE } from '../src/db/tenant-scope';
import { list as listCustomers } from '../src/domain/catalog/customer.service';
import { describeOnBothDatabases } from './support/both-databases';
import { describeOnPostgres } from './support/postgres-only';
import { onPostgres, type TestProvider, TestApp } from './support/test-app';

/**
 * The tenant boundary in the database (migrations/1765400000000-row-level-security.ts,
 * src/db/tenant-scope.ts): row-level security on every tenant-owned table, for the role that
 * requests run as. On PostgreSQL, with TEST_WITHOUT_TENANT_FILTERS the agreements, customers and
 * incidents lists leave out the application's own provider (and, for incidents, customer)
 * filters: the isolation tests below then pass on the policies alone.
 */

const CUSTOMER_CREATE = `mutation($input: CustomerCreateInput!) { customerCreate(input: $input) { customer { id } userErrors { code } } }`;
const CUSTOMERS = `{ customers(first: 100) { totalCount nodes { name } } }`;
const customerInput = (name: string) => ({ name, sizeBand: 'LARGE', industry: 'Finance', region: 'EUROPE', tier: 'GOLD', country: 'DE', timeZone: 'Europe/Berlin' });

async function tenantWithCustomer(t: TestApp, slug: string, customer: string): Promise<{ provider: TestProvider; admin: string }> {
  const provider = await t.provider(slug);
  const admin = await t.token(provider, [Role.PROVIDER_ADMIN]);
  const created = await t.ok(CUSTOMER_CREATE, { input: customerInput(customer) }, admin);
  expect(created.customerCreate.userErrors).toEqual([]);
  return { provider, admin };
}

describeOnBothDatabases('row-level security: every tenant-owned table has a policy', (db) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ env: db.env });
  });
  afterAll(() => t.stop());

  it('every table with provider_id (and provider, webhook_attempt) enforces a policy for the app role, which owns nothing and bypasses nothing', async () => {
    const q = (sql: string, params: unknown[] = []) => t.app.db.dataSource.query(sql, params);
    const tables: { name: string; rls: boolean; forced: boolean; policies: number }[] = await q(
      `SELECT c.relname AS name, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
              (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid AND $1::regrole = ANY (p.polroles)) AS policies
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> 'schema_migrations'
       ORDER BY 1`,
      [APP_ROLE],
    );
    const unprotected = tables.filter((x) => !x.rls || x.policies === 0).map((x) => x.name);
    expect(unprotected).toEqual([]);
    expect(tables.map((x) => x.name)).toEqual(expect.arrayContaining(['agreement', 'objective', 'incident', 'provider', 'webhook_attempt']));
    const [role] = await q(
      `SELECT r.rolsuper AS super, r.rolbypassrls AS bypass, r.rolcanlogin AS login,
              (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relowner = r.oid) AS owns
       FROM pg_roles r WHERE r.rolname = $1`,
      [APP_ROLE],
    );
    expect(role).toEqual({ super: false, bypass: false, login: false, owns: 0 });
  });

  it('as the app role in a transaction, a tenant reads and writes its own rows only; with no tenant set, nothing', async () => {
    const a = await tenantWithCustomer(t, 'policy-a', 'Alpha One');
    const b = await tenantWithCustomer(t, 'policy-b', 'Beta One');
    const asTenant = async (providerId: string, sql: string, params: unknown[] = []) =>
      t.app.db.dataSource.transaction(async (em) => {
        await em.query(`SELECT set_config('role', $1, true), set_config('app.provider_id', $2, true)`, [APP_ROLE, providerId]);
        return em.query(sql, params);
      });
    expect(await asTenant(a.provider.id, 'SELECT name FROM customer ORDER BY name')).toEqual([{ name: 'Alpha One' }]);
    expect(await asTenant(b.provider.id, 'SELECT name FROM customer ORDER BY name')).toEqual([{ name: 'Beta One' }]);
    expect(await asTenant('', 'SELECT name FROM customer')).toEqual([]);
    expect(await asTenant(a.provider.id, 'SELECT slug FROM provider')).toEqual([{ slug: 'policy-a' }]);
    // Writing a row of another provider is refused (WITH CHECK), and so is moving one there.
    await expect(
      asTenant(
        a.provider.id,
        `INSERT INTO customer (provider_id, name, size_band, industry, region, tier, country, time_zone) VALUES ($1, 'Smuggled', 'LARGE', 'Finance', 'EUROPE', 'GOLD', 'DE', 'UTC')`,
        [b.provider.id],
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(asTenant(a.provider.id, `UPDATE customer SET provider_id = $1`, [b.provider.id])).rejects.toThrow(/row-level security/);
    // The owner (migrations, jobs, start-up work) is not limited.
    const all: { name: string }[] = await t.app.db.dataSource.query(`SELECT name FROM customer WHERE name IN ('Alpha One', 'Beta One') ORDER BY name`);
    expect(all.map((r) => r.name)).toEqual(['Alpha One', 'Beta One']);
  });
});

describeOnPostgres('row-level security: requests run as the app role in their caller’s tenant', () => {
  let t: TestApp;
  let a: { provider: TestProvider; admin: string };
  let b: { provider: TestProvider; admin: string };
  beforeAll(async () => {
    // One connection for everything: each request gets the connection the one before it used.
    t = await TestApp.start({ env: { DB_POOL_MAX: '1', TEST_WITHOUT_TENANT_FILTERS: 'true' } });
    a = await tenantWithCustomer(t, 'pool-a', 'Alpha One');
    b = await tenantWithCustomer(t, 'pool-b', 'Beta One');
  });
  afterAll(() => t.stop());

  it('without the application’s filter, the customers list is still one tenant’s: the filter is really gone, the policy holds', async () => {
    // The same service call as the owner (outside any request: no tenant, no row-level security) sees both tenants ...
    const actor = { kind: 'USER' as const, id: 'admin', name: 'admin', providerId: a.provider.id, roles: [Role.PROVIDER_ADMIN], customerId: null };
    const unfiltered = await listCustomers(t.context(actor), {}, 'NAME_ASC', { first: 100 });
    expect(unfiltered.nodes.map((c) => c.name).sort()).toEqual(expect.arrayContaining(['Alpha One', 'Beta One']));
    // ... while a request of A's admin, through that very path, sees A's only.
    expect((await t.ok(CUSTOMERS, {}, a.admin)).customers).toEqual({ totalCount: 1, nodes: [{ name: 'Alpha One' }] });
  });

  it('on a pool of one connection, A then B then A again each see their own rows only, and owner work after them is not limited', async () => {
    for (const [admin, name] of [
      [a.admin, 'Alpha One'],
      [b.admin, 'Beta One'],
      [a.admin, 'Alpha One'],
      [b.admin, 'Beta One'],
    ] as const) {
      expect((await t.ok(CUSTOMERS, {}, admin)).customers).toEqual({ totalCount: 1, nodes: [{ name }] });
    }
    // The connection B's request used now serves the owner: its role and settings are the owner's again.
    const [session] = await t.app.db.dataSource.query(`SELECT current_user = session_user AS owner, current_setting('app.provider_id', true) AS provider, current_setting('app.customer_id', true) AS customer`);
    expect(session).toEqual({ owner: true, provider: '', customer: '' });
    const all: { n: number }[] = await t.app.db.dataSource.query(`SELECT count(*)::int AS n FROM customer`);
    expect(all[0]!.n).toBe(2);
  });
});

if (onPostgres()) {
  // The isolation tests, once more, with the application's filters left out of the agreements,
  // customers and incidents lists (TestApp passes this on to the server's configuration).
  process.env.TEST_WITHOUT_TENANT_FILTERS = 'true';
  describe('with the application’s tenant filters left out, row-level security alone', () => {
    /* eslint-disable @typescript-eslint/no-require-imports -- the same test files, registered here under the switch */
    require('./tenancy.test');
    require('./agreement-access.test');
    require('./incidents.test');
    /* eslint-enable @typescript-eslint/no-require-imports */
  });
} else {
  console.log('Left out the isolation tests without application filters: requests run under row-level security on PostgreSQL only (set DATABASE_URL).');
}
