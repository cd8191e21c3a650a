import { FixedClock } from '../src/common/clock';
import { activeAgreement, agreementWorld, type AgreementWorld } from './support/agreement-fixtures';
import { describeOnBothDatabases } from './support/both-databases';
import { TestApp } from './support/test-app';

const REPORT = `mutation($input: IncidentReportInput!) { incidentReport(input: $input) { incident { id } userErrors { code field message } } }`;
const MOVE = `mutation($input: IncidentTransitionInput!) { incidentTransition(input: $input) { userErrors { code field message } } }`;
const UPDATE = `mutation($input: IncidentUpdateInput!) { incidentUpdate(input: $input) { incident { id } userErrors { code field message } } }`;
const CLOCK = `query($id: ID!) { incident(id: $id) {
  clocks { metric state elapsed dueAt breachedAt pausedIntervals { start end } }
  events(first: 50) { nodes { type at note } } } }`;

/** P1 customers hear back every hour (24x7). The provider's updates restart the interval; a customer's message pauses it until the provider's next update. */
describeOnBothDatabases('reply-driven update interval', (db) => {
  const clock = new FixedClock(new Date('2026-06-01T08:00:00Z'));
  let t: TestApp;
  let w: AgreementWorld;

  beforeAll(async () => {
    t = await TestApp.start({ clock, env: db.env });
    w = await agreementWorld(t);
    await activeAgreement(t, w.admin, {
      kind: 'SERVICE_BASED',
      level: 'SERVICE',
      services: [w.serviceMpg.id],
      terms: { title: 'Managed PostgreSQL', effectiveFrom: '2026-05-31T22:00:00Z', objectives: [{ metric: 'UPDATE_INTERVAL', priority: 'P1', targetDuration: 'PT1H' }] },
    });
  });
  afterAll(() => t.stop());

  const at = (iso: string) => clock.set(new Date(iso));
  const updateClock = async (id: string) => {
    const data = await t.ok(CLOCK, { id }, w.admin);
    return { clock: data.incident.clocks.find((c: { metric: string }) => c.metric === 'UPDATE_INTERVAL'), events: data.incident.events.nodes };
  };

  it('a customer message pauses the interval (no breach while it waits), the provider\'s next update restarts it', async () => {
    at('2026-06-01T08:00:00Z');
    const id = (await t.ok(REPORT, { input: { customer: w.customerA.id, service: w.serviceMpg.id, priority: 'P1', impact: 'OUTAGE', title: 'Primary down', startedAt: '2026-06-01T08:00:00Z' } }, w.admin))
      .incidentReport.incident.id;
    expect((await t.ok(MOVE, { input: { id, to: 'ACKNOWLEDGED' } }, w.admin)).incidentTransition.userErrors).toEqual([]);
    at('2026-06-01T09:00:00Z');
    expect((await t.ok(UPDATE, { input: { id, note: 'Failover under way.' } }, w.admin)).incidentUpdate.userErrors).toEqual([]);
    at('2026-06-01T09:20:00Z');
    expect((await t.ok(UPDATE, { input: { id, note: 'Any news? Our shop is down.', author: 'CUSTOMER' } }, w.admin)).incidentUpdate.userErrors).toEqual([]);

    // 10:05: without the message the interval would have breached at 10:00; it is paused at 20 minutes.
    at('2026-06-01T10:05:00Z');
    await t.app.jobs.clockEvents!.runNow();
    const paused = await updateClock(id);
    expect(paused.clock).toEqual({
      metric: 'UPDATE_INTERVAL',
      state: 'PAUSED',
      elapsed: 'PT20M',
      dueAt: null,
      breachedAt: null,
      pausedIntervals: [{ start: '2026-06-01T09:20:00.000Z', end: '2026-06-01T10:05:00.000Z' }],
    });
    expect(paused.events.map((e: { type: string; note: string | null }) => [e.type, e.note])).toEqual([
      ['REPORTED', null],
      ['STATUS_CHANGED', null],
      ['UPDATE_POSTED', 'Failover under way.'],
      ['CUSTOMER_MESSAGE', 'Any news? Our shop is down.'],
    ]);

    // The provider answers at 10:40: a new interval from there.
    at('2026-06-01T10:40:00Z');
    expect((await t.ok(UPDATE, { input: { id, note: 'Replica promoted; checking data.' } }, w.admin)).incidentUpdate.userErrors).toEqual([]);
    at('2026-06-01T11:00:00Z');
    expect((await updateClock(id)).clock).toEqual({
      metric: 'UPDATE_INTERVAL',
      state: 'RUNNING',
      elapsed: 'PT20M',
      dueAt: '2026-06-01T11:40:00.000Z',
      breachedAt: null,
      pausedIntervals: [{ start: '2026-06-01T09:20:00.000Z', end: '2026-06-01T10:40:00.000Z' }],
    });

    // Nothing more from anyone: the interval breaches at 11:40, recorded by the scheduler.
    at('2026-06-01T11:45:00Z');
    await t.app.jobs.clockEvents!.runNow();
    const late = await updateClock(id);
    expect(late.clock).toMatchObject({ state: 'BREACHED', breachedAt: '2026-06-01T11:40:00.000Z' });
    expect(late.events.filter((e: { type: string }) => e.type === 'CLOCK_BREACHED')).toEqual([{ type: 'CLOCK_BREACHED', at: '2026-06-01T11:40:00.000Z', note: null }]);
  });

  it('a customer message needs its note; the author is checked as an enum', async () => {
    at('2026-06-02T08:00:00Z');
    const id = (await t.ok(REPORT, { input: { customer: w.customerA.id, service: w.serviceMpg.id, priority: 'P1', impact: 'OUTAGE', title: 'Replica lag', startedAt: '2026-06-02T08:00:00Z' } }, w.admin))
      .incidentReport.incident.id;
    expect((await t.ok(UPDATE, { input: { id, note: '  ', author: 'CUSTOMER' } }, w.admin)).incidentUpdate.userErrors).toEqual([
      { code: 'INVALID_INPUT', field: ['input', 'note'], message: "A customer's message needs its note." },
    ]);
    const wrong = await t.gql(UPDATE, { input: { id, note: 'x', author: 'PARTNER' } }, { token: w.admin });
    expect(wrong.errors?.length).toBeGreaterThan(0);
    expect((await updateClock(id)).events.map((e: { type: string }) => e.type)).toEqual(['REPORTED']);
  });
});
