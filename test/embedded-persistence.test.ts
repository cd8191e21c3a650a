import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Role } from '../src/common/roles';
import { TestApp } from './support/test-app';

describe('embedded database on disk', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sla-embedded-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps its data across a restart, and does not apply migrations twice', async () => {
    const env = { DATABASE_URL: '', DATA_DIR: dataDir };
    const first = await TestApp.start({ env });
    const provider = await first.provider('durable-co');
    const admin = await first.token(provider, [Role.PROVIDER_ADMIN]);
    await first.ok(
      `mutation { customerCreate(input: { name: "Survivor", sizeBand: SMALL, industry: "Retail", region: EUROPE, tier: SILVER, country: "AT", timeZone: "Europe/Vienna" }) { customer { id } } }`,
      {},
      admin,
    );
    await first.stop();

    const second = await TestApp.start({ env, keepData: true });
    try {
      const data = await second.ok(`{ customers { nodes { name country } } }`, {}, admin);
      expect(data.customers.nodes).toEqual([{ name: 'Survivor', country: 'AT' }]);
      const [{ n }] = await second.app.db.dataSource.query('SELECT count(*)::int AS n FROM schema_migrations');
      const [{ m }] = await second.app.db.dataSource.query(`SELECT count(DISTINCT name)::int AS m FROM schema_migrations`);
      expect(n).toBe(m);
    } finally {
      await second.stop();
    }
  });
});
