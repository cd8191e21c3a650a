import { FixedClock } from '../src/common/clock';
import { fromGlobalId } from '../src/common/global-id';
import { checkObjectiveBreaches } from '../src/domain/escalations/objective-breaches';
import { domainEvents, ESCALATIONS, escalationWorld, type EscalationWorld, MOVE, report } from './support/escalation-fixtures';
import { TestApp } from './support/test-app';

describe('escalation of objectives breached for a period', () => {
  const clock = new FixedClock(new Date('2026-05-04T10:00:00Z'));
  let t: TestApp;
  let w: EscalationWorld;

  beforeAll(async () => {
    t = await TestApp.start({ clock });
    w = await escalationWorld(t);
  }, 120_000); // built through the API: slow on the embedded database under a loaded suite
  afterAll(async () => {
    await t.stop();
    await w.pagerReceiver.stop();
  });

  const at = (iso: string) => clock.set(new Date(iso));
  const objectiveEscalations = async () =>
    (await t.ok(ESCALATIONS, { first: 50 }, w.admin)).escalations.nodes.filter((e: any) => e.trigger === 'OBJECTIVE_BREACHED');

  it('raises one escalation per breached objective when the month ends, and only then', async () => {
    // Two hours of outage in May: 99.9% of the month allows 44.6 minutes.
    at('2026-05-04T10:00:00Z');
    const outage = await report(t, w, { title: 'Storage array failed' });
    at('2026-05-04T10:05:00Z');
    await t.ok(MOVE, { input: { id: outage, to: 'IN_PROGRESS' } }, w.integration);
    at('2026-05-04T12:00:00Z');
    await t.ok(MOVE, { input: { id: outage, to: 'RESOLVED' } }, w.integration);
    // Customer B's first response breaches, but its policy does not escalate objectives.
    const late = await report(t, w, { customer: w.customerB.id, title: 'Login fails' });
    at('2026-05-04T13:00:00Z');
    await t.ok(MOVE, { input: { id: late, to: 'RESOLVED' } }, w.integration);

    at('2026-05-31T21:59:59Z');
    await t.app.jobs.runDue();
    expect(await objectiveEscalations()).toEqual([]);

    at('2026-05-31T22:00:00Z'); // midnight in Berlin, the provider's time zone
    expect(await t.app.jobs.runDue()).toBeGreaterThanOrEqual(1);
    const [e, ...others] = await objectiveEscalations();
    expect(others).toEqual([]);
    expect(e).toMatchObject({
      status: 'OPEN',
      currentLevel: 1,
      incident: null,
      objective: { metric: 'AVAILABILITY' },
      period: { start: '2026-04-30T22:00:00.000Z', end: '2026-05-31T22:00:00.000Z' },
      agreement: { id: w.mpgAgreement },
      customer: { name: 'Alpha Bank' },
      raisedBy: 'Scheduler',
    });
    expect(e.note).toMatch(/^AVAILABILITY breached for the period: 99\.7\d*% attained\.$/);
    const raised = (await domainEvents(t, 'escalation.raised')).filter((x) => x.data.escalation === e.id);
    expect(raised[0].data).toMatchObject({ trigger: 'OBJECTIVE_BREACHED', period: { start: '2026-04-30T22:00:00.000Z', end: '2026-05-31T22:00:00.000Z' } });
  });

  it('raises it once however often the check runs', async () => {
    await t.app.jobs.runDue();
    const again = await checkObjectiveBreaches(t.context(null), fromGlobalId(w.mpgAgreement)!.uuid, { start: new Date('2026-04-30T22:00:00Z'), end: new Date('2026-05-31T22:00:00Z') });
    expect(again).toEqual([]);
    expect(await objectiveEscalations()).toHaveLength(1);
  });

  it('checks the next month in turn: a month without breach raises nothing, the escalation advances meanwhile', async () => {
    at('2026-06-30T22:00:00Z');
    await t.app.jobs.runDue();
    const all = await objectiveEscalations();
    expect(all).toHaveLength(1);
    // Level 2 was due in May but is notified when the job runs; level 3 counts from then.
    expect(all[0]).toMatchObject({ currentLevel: 2, nextLevelAt: '2026-06-30T23:00:00.000Z' });
    const jobs: { n: number }[] = await t.app.db.dataSource.query(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'escalation.check-objectives' AND data->>'periodStart' = '2026-06-30T22:00:00.000Z'`,
    );
    expect(jobs[0].n).toBe(1); // July's check waits for the end of July
  });
});
