import { describeOnPostgres } from './support/postgres-only';
import { TestApp } from './support/test-app';

describeOnPostgres('PostgreSQL session settings from the environment', () => {
  let t: TestApp;
  beforeAll(async () => {
    // The statement timeout applies to the set-up too (migrations, emptying the tables): generous
    // enough for those on a loaded machine, and well below the sleep that must be cancelled.
    t = await TestApp.start({ env: { DB_STATEMENT_TIMEOUT_MS: '2500', DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '6543', DB_POOL_MAX: '7' } });
  });
  afterAll(() => t.stop());

  it('sets statement_timeout and idle_in_transaction_session_timeout on every connection', async () => {
    const [{ statement_timeout }] = await t.app.db.dataSource.query('SHOW statement_timeout');
    const [{ idle_in_transaction_session_timeout }] = await t.app.db.dataSource.query('SHOW idle_in_transaction_session_timeout');
    expect(statement_timeout).toBe('2500ms');
    expect(idle_in_transaction_session_timeout).toBe('6543ms');
  });

  it('bounds the pool', async () => {
    const before: { n: number }[] = await t.app.db.dataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'sla-contracts-api' AND datname = current_database()`);
    await Promise.all(Array.from({ length: 20 }, () => t.app.db.dataSource.query('SELECT pg_sleep(0.2)')));
    const after: { n: number }[] = await t.app.db.dataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'sla-contracts-api' AND datname = current_database()`);
    expect(before[0].n).toBeLessThanOrEqual(7);
    expect(after[0].n).toBeLessThanOrEqual(7);
    expect(after[0].n).toBeGreaterThan(1);
  });

  it('cancels a statement that runs longer than statement_timeout', async () => {
    await expect(t.app.db.dataSource.query('SELECT pg_sleep(6)')).rejects.toThrow(/statement timeout/);
  });
});
