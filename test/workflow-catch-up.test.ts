import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FixedClock } from '../src/common/clock';
import { fromGlobalId } from '../src/common/global-id';
import { escalationWorld } from './support/escalation-fixtures';
import { REVIEWS } from './support/review-fixtures';
import { TestApp } from './support/test-app';

/**
 * Agreements that took effect before reviews and objective checks existed (or whose jobs were
 * lost) get them when a server starts.
 */
describe('workflows caught up at start', () => {
  const clock = new FixedClock(new Date('2026-03-10T09:00:00Z'));
  let t: TestApp;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sla-catch-up-'));
  // On PostgreSQL the worker's database; without DATABASE_URL an embedded database on disk, so that it survives the restarts.
  const env: Record<string, string> = process.env.DATABASE_URL ? {} : { DATABASE_URL: '', DATA_DIR: dataDir };
  afterEach(() => t?.stop());
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("plans the review of the period under way for an active agreement that has none, and schedules its objectives' check", async () => {
    t = await TestApp.start({ clock, env });
    const e = await escalationWorld(t);
    await e.pagerReceiver.stop();
    const mpg = fromGlobalId(e.mpgAgreement)!.uuid;
    const reviewsOfMpg = async () => (await t.ok(REVIEWS, { filter: { agreement: e.mpgAgreement }, first: 5 }, e.admin)).reviews;
    await t.app.jobs.runDue();
    expect((await reviewsOfMpg()).totalCount).toBe(1);
    // As if these agreements had taken effect before this version ran: no reviews, no jobs.
    await t.app.db.dataSource.query('TRUNCATE review, review_participant, review_finding, review_action_item, pgboss.job CASCADE');
    expect((await reviewsOfMpg()).totalCount).toBe(0);
    await t.stop();

    t = await TestApp.start({ clock, env, keepData: true });
    // The quarter under way in Berlin (the terms' default cadence).
    expect((await reviewsOfMpg()).nodes).toMatchObject([{ kind: 'QUARTERLY', status: 'SCHEDULED', periodStart: '2025-12-31T23:00:00.000Z' }]);
    const checks: { agreement_id: string; run_at: string }[] = await t.app.db.dataSource.query(
      `SELECT data->>'agreementId' AS agreement_id, data->>'runAt' AS run_at FROM pgboss.job WHERE name = 'escalation.check-objectives'`,
    );
    expect(checks.filter((c) => c.agreement_id === mpg)).toHaveLength(1);

    // A second start adds nothing.
    await t.stop();
    t = await TestApp.start({ clock, env, keepData: true });
    expect((await reviewsOfMpg()).totalCount).toBe(1);
    const [{ n }] = await t.app.db.dataSource.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'escalation.check-objectives' AND data->>'agreementId' = $1`, [mpg]);
    expect(n).toBe(1);
  });
});
