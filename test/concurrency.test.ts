import { Client } from 'pg';
import { fromGlobalId } from '../src/common/global-id';
import { Role } from '../src/common/roles';
import { databaseUrlFor, workerDatabaseName } from './support/database';
import { describeOnPostgres } from './support/postgres-only';
import { TestApp } from './support/test-app';

const CREATE = `mutation($input: CustomerCreateInput!) { customerCreate(input: $input) { customer { id version } userErrors { code field } } }`;
const UPDATE = `mutation($input: CustomerUpdateInput!) { customerUpdate(input: $input) { customer { id name version } userErrors { code field message } } }`;
const customerInput = (name: string) => ({ name, sizeBand: 'LARGE', industry: 'Retail', region: 'EUROPE', tier: 'GOLD', country: 'DE', timeZone: 'Europe/Berlin' });

describeOnPostgres('concurrent writes on PostgreSQL', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.token(await t.provider('busy-co'), [Role.PROVIDER_ADMIN]);
  });
  afterAll(() => t.stop());

  it('20 concurrent edits of one customer with the same version: exactly one wins, the others get STALE_VERSION', async () => {
    const created = await t.ok(CREATE, { input: customerInput('Contended') }, admin);
    const { id, version } = created.customerCreate.customer;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => t.gql<any>(UPDATE, { input: { id, version, name: `Contended ${i}` } }, { token: admin })),
    );
    const winners = results.filter((r) => r.data.customerUpdate.customer);
    const losers = results.filter((r) => r.data.customerUpdate.userErrors.length);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(19);
    for (const l of losers) expect(l.data.customerUpdate.userErrors[0]).toMatchObject({ code: 'STALE_VERSION', field: ['input', 'version'] });
    const now = await t.ok(`query($id: ID!) { customer(id: $id) { name version } }`, { id }, admin);
    expect(now.customer).toEqual({ name: winners[0].data.customerUpdate.customer.name, version: version + 1 });
  });

  it('20 concurrent creates with the same name: exactly one customer exists afterwards', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => t.gql<any>(CREATE, { input: customerInput('Only once') }, { token: admin })));
    expect(results.filter((r) => r.data.customerCreate.customer)).toHaveLength(1);
    for (const r of results.filter((x) => !x.data.customerCreate.customer)) {
      expect(r.data.customerCreate.userErrors[0]).toMatchObject({ code: 'ALREADY_EXISTS', field: ['input', 'name'] });
    }
    const list = await t.ok(`{ customers(filter: { search: "Only once" }) { totalCount } }`, {}, admin);
    expect(list.customers.totalCount).toBe(1);
  });
});

/** A session of the server waiting for a lock (application_name as the server sets it). */
const WAITING_ON_A_LOCK = `SELECT count(*)::int AS n FROM pg_stat_activity
  WHERE datname = current_database() AND application_name = 'sla-contracts-api' AND wait_event_type = 'Lock'`;

/** Polls until `check` holds; no deadline of its own (jest's testTimeout guards a hang). */
async function waitFor(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 20));
}

describeOnPostgres('graceful shutdown with a request in flight', () => {
  it('lets the in-flight mutation finish and commit, refuses new connections, then closes the pool', async () => {
    const t = await TestApp.start();
    const admin = await t.token(await t.provider('draining-co'), [Role.PROVIDER_ADMIN]);
    const created = await t.ok(CREATE, { input: customerInput('In flight') }, admin);
    const { id } = created.customerCreate.customer;
    const uuid = fromGlobalId(id)!.uuid;

    // Hold the customer's row lock from another connection, so the update waits in the database.
    const blocker = new Client({ connectionString: databaseUrlFor(workerDatabaseName()) });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('SELECT 1 FROM customer WHERE id = $1 FOR UPDATE', [uuid]);

      const inFlight = t.gql<any>(UPDATE, { input: { id, name: 'Finished during shutdown' } }, { token: admin });
      // Conditions, not pauses: the update is in the database, waiting for the row lock...
      await waitFor(async () => (await blocker.query(WAITING_ON_A_LOCK)).rows[0].n > 0);
      const stopping = t.stop();
      // ...and the server has stopped listening (the shutdown's first step once requests drain).
      await waitFor(async () => !t.app.httpServer.listening);
      await expect(fetch(`${t.url}/healthz`)).rejects.toThrow();

      await blocker.query('COMMIT');
      const answer = await inFlight;
      expect(answer.status).toBe(200);
      expect(answer.data.customerUpdate.customer.name).toBe('Finished during shutdown');
      await stopping;
      expect(t.app.db.dataSource.isInitialized).toBe(false);
      const [row] = (await blocker.query('SELECT name FROM customer WHERE id = $1', [uuid])).rows;
      expect(row.name).toBe('Finished during shutdown');
    } finally {
      await blocker.end();
      await t.stop();
    }
  });
});
