import { FixedClock } from '../src/common/clock';
import { Role } from '../src/common/roles';
import { activeAgreement, agreementWorld, type AgreementWorld } from './support/agreement-fixtures';
import { TestApp } from './support/test-app';

const REPORT = `mutation($input: IncidentReportInput!) { incidentReport(input: $input) { incident { id } userErrors { code field message } } }`;
const MOVE = `mutation($input: IncidentTransitionInput!) { incidentTransition(input: $input) { userErrors { code field message } } }`;
const CLOCKS = `query($id: ID!) { incident(id: $id) { clocks { metric state priority target elapsed remaining twentyFourSeven calendar { name } dueAt warnAt warned warnedAt breachedAt stoppedAt pausedIntervals { start end } } events(first: 50) { nodes { type at actorName data } } } }`;

describe('SLA clocks of incidents', () => {
  const clock = new FixedClock(new Date('2026-05-01T08:00:00Z'));
  let t: TestApp;
  let w: AgreementWorld;
  let integration: string;

  beforeAll(async () => {
    t = await TestApp.start({ clock });
    w = await agreementWorld(t);
    integration = (await t.ok(`mutation { apiKeyCreate(input: { name: "Monitoring" }) { secret } }`, {}, w.admin)).apiKeyCreate.secret;
    const calendar = await t.ok(
      `mutation { businessCalendarCreate(input: { name: "Berlin office", timeZone: "Europe/Berlin", weeklyHours: [
        { weekday: 1, from: "09:00", to: "17:00" }, { weekday: 2, from: "09:00", to: "17:00" }, { weekday: 3, from: "09:00", to: "17:00" },
        { weekday: 4, from: "09:00", to: "17:00" }, { weekday: 5, from: "09:00", to: "17:00" }] }) { calendar { id } userErrors { message } } }`,
      {},
      w.admin,
    );
    const signatory = await t.token(w.provider, [Role.CUSTOMER_SIGNATORY], w.customerA.id);
    await activeAgreement(
      t,
      w.admin,
      {
        kind: 'CUSTOMER_BASED',
        level: 'CUSTOMER',
        customer: w.customerA.id,
        services: [w.serviceMpg.id],
        terms: {
          title: 'Alpha SLA',
          effectiveFrom: '2026-01-01T00:00:00Z',
          objectives: [
            { metric: 'FIRST_RESPONSE_TIME', priority: 'P1', targetDuration: 'PT15M' },
            { metric: 'RESOLUTION_TIME', priority: 'P1', targetDuration: 'PT4H' },
            { metric: 'FIRST_RESPONSE_TIME', priority: 'P3', targetDuration: 'PT8H', calendar: calendar.businessCalendarCreate.calendar.id },
          ],
        },
      },
      { customerSignatory: signatory },
    );
  });
  afterAll(() => t.stop());

  const report = async (priority: string, startedAt: string, customer = w.customerA.id) =>
    (await t.ok(REPORT, { input: { customer, service: w.serviceMpg.id, priority, impact: 'OUTAGE', title: `${priority} at ${startedAt}`, startedAt } }, integration)).incidentReport.incident.id;
  const clocksOf = async (id: string) => (await t.ok(CLOCKS, { id }, w.admin)).incident;

  it('runs a 24x7 first-response clock live, and meets it when acknowledged in time', async () => {
    clock.set(new Date('2026-05-04T10:05:00Z'));
    const id = await report('P1', '2026-05-04T10:00:00Z');
    const running = (await clocksOf(id)).clocks.find((c: any) => c.metric === 'FIRST_RESPONSE_TIME');
    expect(running).toMatchObject({ state: 'RUNNING', priority: 'P1', target: 'PT15M', elapsed: 'PT5M', remaining: 'PT10M', twentyFourSeven: true, dueAt: '2026-05-04T10:15:00.000Z', warnAt: '2026-05-04T10:11:15.000Z', warned: false });
    clock.set(new Date('2026-05-04T10:20:00Z'));
    await t.ok(MOVE, { input: { id, to: 'ACKNOWLEDGED', at: '2026-05-04T10:12:00Z' } }, integration);
    const met = (await clocksOf(id)).clocks.find((c: any) => c.metric === 'FIRST_RESPONSE_TIME');
    expect(met).toMatchObject({ state: 'MET', elapsed: 'PT12M', stoppedAt: '2026-05-04T10:12:00.000Z', warned: true, warnedAt: '2026-05-04T10:11:15.000Z', breachedAt: null });
  });

  it('records warnings and breaches when they happen, without anyone reading the incident', async () => {
    clock.set(new Date('2026-05-05T09:00:00Z'));
    const id = await report('P1', '2026-05-05T09:00:00Z');
    await t.ok(MOVE, { input: { id, to: 'ACKNOWLEDGED' } }, integration);
    clock.set(new Date('2026-05-05T13:30:00Z'));
    await t.app.jobs.clockEvents!.runNow();
    clock.set(new Date('2026-05-05T14:30:00Z'));
    await t.app.jobs.clockEvents!.runNow();
    await t.app.jobs.clockEvents!.runNow();
    const incident = await clocksOf(id);
    const clockEvents = incident.events.nodes.filter((e: any) => e.type.startsWith('CLOCK_'));
    expect(clockEvents).toEqual([
      { type: 'CLOCK_WARNING', at: '2026-05-05T12:00:00.000Z', actorName: 'Scheduler', data: expect.objectContaining({ metric: 'RESOLUTION_TIME' }) },
      { type: 'CLOCK_BREACHED', at: '2026-05-05T13:00:00.000Z', actorName: 'Scheduler', data: expect.objectContaining({ metric: 'RESOLUTION_TIME' }) },
    ]);
    expect(incident.clocks.find((c: any) => c.metric === 'RESOLUTION_TIME')).toMatchObject({ state: 'BREACHED', breachedAt: '2026-05-05T13:00:00.000Z' });
  });

  it('counts business hours for P3 and leaves out time waiting on the customer', async () => {
    // Friday 2026-05-08 16:00 Berlin (14:00Z): one business hour on Friday, seven more on Monday: due 16:00 Berlin (14:00Z).
    clock.set(new Date('2026-05-08T14:00:00Z'));
    const id = await report('P3', '2026-05-08T14:00:00Z');
    const friday = (await clocksOf(id)).clocks[0];
    expect(friday).toMatchObject({ metric: 'FIRST_RESPONSE_TIME', state: 'RUNNING', twentyFourSeven: false, calendar: { name: 'Berlin office' }, dueAt: '2026-05-11T14:00:00.000Z' });
    clock.set(new Date('2026-05-11T08:00:00Z'));
    await t.ok(MOVE, { input: { id, to: 'WAITING_ON_CUSTOMER', at: '2026-05-11T07:30:00Z' } }, integration);
    clock.set(new Date('2026-05-11T09:00:00Z'));
    const paused = (await clocksOf(id)).clocks[0];
    // Acknowledged by moving to WAITING_ON_CUSTOMER: the first response happened on Monday 09:30 Berlin, after 1.5 business hours.
    expect(paused).toMatchObject({ state: 'MET', elapsed: 'PT1H30M' });
  });

  it('runs no clock for an incident no agreement covers', async () => {
    clock.set(new Date('2026-05-12T10:00:00Z'));
    const id = await report('P1', '2026-05-12T10:00:00Z', w.customerB.id);
    expect((await clocksOf(id)).clocks).toEqual([]);
  });
});
