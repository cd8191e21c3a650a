import { FixedClock } from '../src/common/clock';
import { loadConfig } from '../src/common/config';
import { createLogger } from '../src/common/logger';
import { Role } from '../src/common/roles';
import { RequestContext } from '../src/context/request-context';
import { demoDirectory, seedDemo } from '../src/domain/demo/demo-seed';
import { mintDemoTokens } from '../src/graphql/demo-tokens';
import { TEST_JWT_SECRET, TestApp } from './support/test-app';

describe('demo reviews', () => {
  it('the demo agreements have completed, in-progress, overdue, cancelled and scheduled reviews with findings, action items and decisions', async () => {
    // A few days after the demo's last incident.
    const clock = new FixedClock(new Date('2026-11-20T09:00:00Z'));
    const t = await TestApp.start({ clock });
    try {
      const system = new RequestContext(t.app.db, null, 'seed-test', clock, createLogger('silent'));
      expect(await seedDemo(system)).toBe(true);
      // The jobs the seed scheduled (plans, due and overdue announcements) run without failing.
      await t.app.jobs.runDue();
      const tokens = await mintDemoTokens(loadConfig({ NODE_ENV: 'test' }), TEST_JWT_SECRET, await demoDirectory(system));
      const analyst = tokens.find((x) => x.provider === 'Northwind Cloud' && x.role === Role.ANALYST)!.token;
      const { reviews } = await t.ok(
        `{ reviews(first: 100) { totalCount nodes { status decision agreement { id } amendment { state }
            participants { name } findings { severity } actionItems { totalCount nodes { done } } snapshot { status periods { start } } } } }`,
        {},
        analyst,
      );
      const nodes = reviews.nodes as any[];
      const statuses = new Set(nodes.map((r) => r.status));
      for (const s of ['COMPLETED', 'OVERDUE', 'SCHEDULED', 'CANCELLED']) expect(statuses).toContain(s);
      const completed = nodes.filter((r) => r.status === 'COMPLETED');
      expect(completed.length).toBeGreaterThanOrEqual(4);
      expect(completed.every((r) => r.snapshot && r.snapshot.periods.length === 3 && r.decision)).toBe(true);
      expect(new Set(completed.map((r) => r.decision))).toEqual(new Set(['CONTINUE', 'RENEGOTIATE', 'AMEND']));
      expect(completed.find((r) => r.decision === 'AMEND').amendment).toEqual({ state: 'DRAFT' });
      expect(completed.some((r) => r.findings.length > 0 && r.actionItems.totalCount > 0 && r.participants.length > 0)).toBe(true);
      expect(completed.some((r) => r.actionItems.nodes.some((i: any) => i.done))).toBe(true);
      // One started late and still in progress, one never started: both overdue.
      const overdue = nodes.filter((r) => r.status === 'OVERDUE');
      expect(overdue.some((r) => r.snapshot)).toBe(true);
      expect(overdue.some((r) => !r.snapshot)).toBe(true);
      const [row] = await t.app.db.dataSource.query(`SELECT count(*)::int AS n FROM domain_event WHERE type = 'review.overdue'`);
      expect(row.n).toBe(overdue.length);

      // The bank's signatory sees the bank's reviews only.
      const signatory = tokens.find((x) => x.provider === 'Northwind Cloud' && x.role === Role.CUSTOMER_SIGNATORY)!.token;
      const own = await t.ok(`{ reviews(first: 100) { nodes { agreement { customer { name } } } } }`, {}, signatory);
      expect(own.reviews.nodes.length).toBeGreaterThan(0);
      expect(own.reviews.nodes.every((r: any) => r.agreement.customer?.name === 'Hanseatic Bank AG')).toBe(true);
    } finally {
      await t.stop();
    }
  });
});
