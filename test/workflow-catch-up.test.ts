import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FixedClock } from '../src/common/clock';
import { fromGlobalId } from '../src/common/global-id';
import { escalationWorld } from './support/escalation-fixtures';
import { REVIEWS } from './support/review-fixtures';
import { describeOnBothDatabases } from './support/both-databases';
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

/** What the catch-up leaves in the database: reviews and the jobs of each kind. */
async function workflowCounts(t: TestApp): Promise<Record<string, number>> {
  const [row] = await t.app.db.dataSource.query(
    `SELECT (SELECT count(*)::int FROM review) AS reviews,
            (SELECT count(*)::int FROM pgboss.job WHERE name = 'review.due') AS "review.due",
            (SELECT count(*)::int FROM pgboss.job WHERE name = 'review.overdue') AS "review.overdue",
            (SELECT count(*)::int FROM pgboss.job WHERE name = 'escalation.check-objectives') AS "escalation.check-objectives"`,
  );
  return row;
}

const CLONES = 10_000;

/**
 * A provider with 10,000 active agreements that predate reviews and objective checks (or lost
 * their jobs) must start in seconds: the catch-up plans them in bulk, exactly once.
 */
describeOnBothDatabases('workflow catch-up at start with 10,000 agreements', (db) => {
  const clock = new FixedClock(new Date('2026-03-10T09:00:00Z'));
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sla-catch-up-bulk-'));
  const env: Record<string, string> = db.name === 'PostgreSQL' ? db.env : { DATABASE_URL: '', DATA_DIR: dataDir };
  const apps: TestApp[] = [];
  const start = async (keepData = true) => {
    const app = await TestApp.start({ clock, env, keepData });
    apps.push(app);
    return app;
  };
  const stopAll = async () => {
    for (const app of apps.splice(0)) await app.stop();
  };
  afterAll(async () => {
    await stopAll();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('plans a review (with its due and overdue jobs) and an objective check for each, once, however often and however many processes start', async () => {
    const t = await start(false);
    const e = await escalationWorld(t);
    await e.pagerReceiver.stop();
    await t.app.jobs.runDue(); // activation asks for the reviews' planning in a job
    // What activation planned for the world's own agreements.
    const world = await workflowCounts(t);
    expect(world.reviews).toBeGreaterThan(0);
    expect(world['escalation.check-objectives']).toBeGreaterThan(0);

    // 10,000 more active agreements like the Managed PostgreSQL one (quarterly reviews, breached objectives escalate), written in SQL
    // as a migration from an older version would leave them: no reviews, no jobs.
    const template = fromGlobalId(e.mpgAgreement)!.uuid;
    await t.app.db.dataSource.transaction(async (m) => {
      // Bulk set-up, not a request: no statement timeout.
      await m.query('SET LOCAL statement_timeout = 0');
      const q = (sql: string, params: unknown[] = []) => m.query(sql, params);
      await q(
        `INSERT INTO agreement (id, provider_id, kind, level, customer_id, status, created_by)
         SELECT md5('catch-up-' || n)::uuid, a.provider_id, a.kind, a.level, a.customer_id, 'ACTIVE', 'test'
         FROM agreement a, generate_series(1, $2) n WHERE a.id = $1`,
        [template, CLONES],
      );
      await q(
        `INSERT INTO agreement_revision (provider_id, agreement_id, number, state, terms, effective_from, created_by)
         SELECT r.provider_id, md5('catch-up-' || n)::uuid, 1, 'DRAFT', r.terms, r.effective_from, 'test'
         FROM agreement_revision r, generate_series(1, $2) n WHERE r.agreement_id = $1 AND r.state = 'ACTIVE'`,
        [template, CLONES],
      );
      await q(
        `UPDATE agreement_revision SET state = 'ACTIVE', proposed_at = effective_from, approved_at = effective_from, activated_at = effective_from
         WHERE created_by = 'test' AND state = 'DRAFT'`,
      );
    });
    await t.app.db.dataSource.query('TRUNCATE review, review_participant, review_finding, review_action_item, pgboss.job CASCADE');
    await stopAll();

    const expected = {
      reviews: world.reviews + CLONES,
      'review.due': world['review.due'] + CLONES,
      'review.overdue': world['review.overdue'] + CLONES,
      'escalation.check-objectives': world['escalation.check-objectives'] + CLONES,
    };
    const started = Date.now();
    const first = await start();
    console.log(`${db.name}: start with the catch-up of ${CLONES + 3} agreements took ${Date.now() - started} ms`);
    expect(await workflowCounts(first)).toEqual(expected);
    // The clones' reviews are those of the quarter under way, as for the agreement they copy.
    const [{ periods }] = await first.app.db.dataSource.query(`SELECT count(DISTINCT (kind, period_start, period_end, due_at))::int AS periods FROM review`);
    expect(periods).toBe(1);
    await stopAll();

    // A second start adds nothing.
    const second = await start();
    expect(await workflowCounts(second)).toEqual(expected);
    await stopAll();

    if (db.name !== 'PostgreSQL') return; // the embedded database belongs to one process
    // Two processes starting together on a database that lost its reviews and jobs: each is planned once.
    const cleaner = await start();
    await cleaner.app.db.dataSource.query('TRUNCATE review, review_participant, review_finding, review_action_item, pgboss.job CASCADE');
    await stopAll();
    const [a, b] = await Promise.all([start(), start()]);
    expect(await workflowCounts(a)).toEqual(expected);
    expect(await workflowCounts(b)).toEqual(expected);
  }, 900_000);
});
