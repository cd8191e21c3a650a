import { setTimeout as sleep } from 'node:timers/promises';
import { Region, SizeBand, Tier } from '../src/common/catalog-enums';
import { Role } from '../src/common/roles';
import { withTransaction } from '../src/context/transaction';
import * as customers from '../src/domain/catalog/customer.service';
import { type TestProvider, TestApp } from './support/test-app';

/**
 * PGlite is one session shared by every caller: two open transactions there would share one
 * BEGIN ... COMMIT, and a failing one would roll back the other's work. The server runs
 * transactions one at a time on the embedded database; this shows it, always on PGlite.
 */
describe('embedded database: concurrent mutations', () => {
  let t: TestApp;
  let admin: string;
  let provider: TestProvider;
  beforeAll(async () => {
    t = await TestApp.start({ env: { DATABASE_URL: '' } });
    expect(t.app.db.kind).toBe('embedded');
    provider = await t.provider('embedded-co');
    admin = await t.token(provider, [Role.PROVIDER_ADMIN]);
  });
  afterAll(() => t.stop());

  const createSegment = (name: string, includedCustomers: string[]) =>
    t.gql<{ segmentCreate: { segment: { id: string } | null; userErrors: { code: string }[] } }>(
      `mutation($input: SegmentCreateInput!) { segmentCreate(input: $input) { segment { id } userErrors { code field } } }`,
      { input: { name, rules: [{ tiers: ['GOLD'] }], includedCustomers } },
      { token: admin },
    );

  it('keeps each transaction whole when successful and failing mutations run at the same time', async () => {
    const customer = await t.ok(
      `mutation { customerCreate(input: { name: "Anchor", sizeBand: LARGE, industry: "Retail", region: EUROPE, tier: GOLD, country: "DE", timeZone: "Europe/Berlin" }) { customer { id } } }`,
      {},
      admin,
    );
    const good = customer.customerCreate.customer.id as string;
    // A Customer id that does not exist: the segment row is inserted, then the pin fails and
    // the whole transaction must roll back, taking nothing else with it.
    const missing = Buffer.from('Customer:00000000-0000-4000-8000-000000000000').toString('base64url');

    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => createSegment(`Segment ${String(i).padStart(2, '0')}`, i % 2 === 0 ? [good] : [missing])),
    );

    const succeeded = results.filter((r) => r.data.segmentCreate.segment);
    const failed = results.filter((r) => r.data.segmentCreate.userErrors.length > 0);
    expect(succeeded).toHaveLength(10);
    expect(failed).toHaveLength(10);
    for (const f of failed) expect(f.data.segmentCreate.userErrors[0].code).toBe('NOT_FOUND');

    const listed = await t.ok(`{ segments(first: 100) { totalCount nodes { name includedCustomers { id } } } }`, {}, admin);
    expect(listed.segments.totalCount).toBe(10);
    for (const s of listed.segments.nodes) {
      expect(Number(s.name.slice(-2)) % 2).toBe(0);
      expect(s.includedCustomers).toEqual([{ id: good }]);
    }
    const [{ n }] = await t.app.db.dataSource.query('SELECT count(*)::int AS n FROM segment_pin');
    expect(n).toBe(10);
  });

  it('runs one transaction at a time, even when a transaction waits on a timer or I/O midway', async () => {
    const ctx = t.context({ kind: 'USER', id: 'test', name: 'test', providerId: provider.id, roles: [Role.PROVIDER_ADMIN], customerId: null });
    const attrs = (name: string) => ({ name, sizeBand: SizeBand.SMALL, industry: 'Retail', region: Region.EUROPE, tier: Tier.STANDARD, country: 'DE', timeZone: 'Europe/Berlin' });
    // Without the lock, the second transaction's ROLLBACK would undo "Keeps A" (same session),
    // and "Keeps B" would be committed on its own afterwards.
    const keeps = withTransaction(ctx, async (tx) => {
      await customers.create(tx, attrs('Keeps A'));
      await sleep(30);
      await customers.create(tx, attrs('Keeps B'));
    });
    const fails = withTransaction(ctx, async (tx) => {
      await sleep(5);
      await customers.create(tx, attrs('Rolled back'));
      throw new Error('this transaction fails');
    });
    await expect(fails).rejects.toThrow('this transaction fails');
    await keeps;
    const rows: { name: string }[] = await t.app.db.dataSource.query(`SELECT name FROM customer WHERE name IN ('Keeps A', 'Keeps B', 'Rolled back') ORDER BY name`);
    expect(rows.map((r) => r.name)).toEqual(['Keeps A', 'Keeps B']);
  });

  it('applies the same migrations as PostgreSQL', async () => {
    const rows: { name: string }[] = await t.app.db.dataSource.query('SELECT name FROM schema_migrations ORDER BY id');
    expect(rows.map((r) => r.name)).toContain('Foundation1764000000000');
  });
});
