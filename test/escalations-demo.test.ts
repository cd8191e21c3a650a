import { createLogger } from '../src/common/logger';
import { RequestContext } from '../src/context/request-context';
import { seedDemo } from '../src/domain/demo/demo-seed';
import { TestApp } from './support/test-app';

describe('the demo seed has escalations to show', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
    await seedDemo(new RequestContext(t.app.db, null, 'seed-test', t.app.clock, createLogger('silent')));
  });
  afterAll(() => t.stop());

  it('open ones for the queues, and acknowledged, resolved and cancelled ones with their history', async () => {
    const rows: { status: string; trigger: string; n: number }[] = await t.app.db.dataSource.query(
      `SELECT status, trigger, count(*)::int AS n FROM escalation GROUP BY status, trigger ORDER BY status, trigger`,
    );
    const count = (status: string, trigger?: string) => rows.filter((r) => r.status === status && (!trigger || r.trigger === trigger)).reduce((s, r) => s + r.n, 0);
    expect(count('OPEN')).toBeGreaterThanOrEqual(2);
    expect(count('OPEN', 'CLOCK_BREACH')).toBeGreaterThanOrEqual(1);
    expect(count('ACKNOWLEDGED')).toBeGreaterThanOrEqual(1);
    expect(count('RESOLVED')).toBeGreaterThanOrEqual(1);
    expect(count('CANCELLED')).toBeGreaterThanOrEqual(1);
    const [history] = await t.app.db.dataSource.query(`SELECT count(*) FILTER (WHERE kind = 'NOTIFIED')::int AS notified, count(*) FILTER (WHERE kind = 'ACKNOWLEDGED')::int AS acknowledged FROM escalation_history`);
    expect(history.notified).toBeGreaterThan(history.acknowledged);
    expect(history.acknowledged).toBeGreaterThanOrEqual(2);
  });
});
