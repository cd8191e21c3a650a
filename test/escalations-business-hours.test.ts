import { FixedClock } from '../src/common/clock';
import { activeAgreement, agreementWorld, type AgreementWorld } from './support/agreement-fixtures';
import { describeOnBothDatabases } from './support/both-databases';
import { TestApp } from './support/test-app';

const REPORT = `mutation($input: IncidentReportInput!) { incidentReport(input: $input) { incident { id } userErrors { code field message } } }`;
const RAISE = `mutation($input: EscalationRaiseInput!) { escalationRaise(input: $input) {
  escalation { id currentLevel nextLevelAt levels { level after calendar } } userErrors { code field message } } }`;
const ESCALATION = `query($id: ID!) { node(id: $id) { ... on Escalation { currentLevel nextLevelAt history { kind level at } } } }`;
const CREATE = `mutation($input: AgreementCreateInput!) { agreementCreate(input: $input) { revision { id escalationPolicy { levels { level after calendar } } } userErrors { code field message } } }`;

/**
 * Level 1 (on call) has 4 hours of the Berlin office's business hours (Monday to Friday 09:00-17:00,
 * German public holidays) before level 2 is notified; level 2 has one hour of all time.
 */
describeOnBothDatabases('escalation delays in business hours', (db) => {
  const clock = new FixedClock(new Date('2026-05-01T08:00:00Z'));
  let t: TestApp;
  let w: AgreementWorld;
  let office: string;

  beforeAll(async () => {
    t = await TestApp.start({ clock, env: db.env });
    w = await agreementWorld(t);
    office = (
      await t.ok(
        `mutation { businessCalendarCreate(input: { name: "Berlin office", timeZone: "Europe/Berlin", holidayCountry: "DE",
          weeklyHours: [{ weekday: 1, from: "09:00", to: "17:00" }, { weekday: 2, from: "09:00", to: "17:00" }, { weekday: 3, from: "09:00", to: "17:00" },
                        { weekday: 4, from: "09:00", to: "17:00" }, { weekday: 5, from: "09:00", to: "17:00" }] }) { calendar { id } userErrors { message } } }`,
        {},
        w.admin,
      )
    ).businessCalendarCreate.calendar.id;
    await activeAgreement(t, w.admin, {
      kind: 'SERVICE_BASED',
      level: 'SERVICE',
      services: [w.serviceMpg.id],
      terms: {
        title: 'Managed PostgreSQL',
        effectiveFrom: '2026-04-30T22:00:00Z',
        objectives: [{ metric: 'FIRST_RESPONSE_TIME', priority: 'P2', targetDuration: 'PT8H' }],
        escalationPolicy: {
          levels: [
            { level: 1, name: 'On call', notifyUsers: ['oncall@acme.example'], after: 'PT4H', calendar: office },
            { level: 2, name: 'Service manager', notifyUsers: ['sm@acme.example'], after: 'PT1H' },
            { level: 3, name: 'Account executive', notifyUsers: ['ae@acme.example'], after: 'PT1H' },
          ],
        },
      },
    });
  });
  afterAll(() => t.stop());

  const raiseAt = async (iso: string) => {
    clock.set(new Date(iso));
    const reported = await t.ok(REPORT, { input: { customer: w.customerA.id, service: w.serviceMpg.id, priority: 'P2', impact: 'DEGRADED', title: `Slow ${iso}`, startedAt: iso } }, w.admin);
    const raised = await t.ok(RAISE, { input: { incident: reported.incidentReport.incident.id, note: 'By hand' } }, w.admin);
    expect(raised.escalationRaise.userErrors).toEqual([]);
    return raised.escalationRaise.escalation;
  };

  it('a level with a calendar counts its delay in business hours: over a weekend, and the job advances it then, not before', async () => {
    // Friday 2026-05-15 16:00 CEST: one hour on Friday, three on Monday from 09:00.
    const e = await raiseAt('2026-05-15T14:00:00Z');
    expect(e).toMatchObject({ currentLevel: 1, nextLevelAt: '2026-05-18T10:00:00.000Z' });
    expect(e.levels).toEqual([
      { level: 1, after: 'PT4H', calendar: office },
      { level: 2, after: 'PT1H', calendar: null },
      { level: 3, after: 'PT1H', calendar: null },
    ]);
    // Four hours of all time later (Friday 20:00) nothing moves.
    clock.set(new Date('2026-05-15T18:00:00Z'));
    await t.app.jobs.runDue();
    expect((await t.ok(ESCALATION, { id: e.id }, w.admin)).node).toMatchObject({ currentLevel: 1 });
    // Monday 12:00: level 2, whose hour counts all time (13:00 CEST).
    clock.set(new Date('2026-05-18T10:00:00Z'));
    await t.app.jobs.runDue();
    const advanced = (await t.ok(ESCALATION, { id: e.id }, w.admin)).node;
    expect(advanced).toMatchObject({ currentLevel: 2, nextLevelAt: '2026-05-18T11:00:00.000Z' });
    expect(advanced.history.filter((h: { kind: string }) => h.kind === 'NOTIFIED').map((h: { level: number; at: string }) => [h.level, h.at])).toEqual([
      [1, '2026-05-15T14:00:00.000Z'],
      [2, '2026-05-18T10:00:00.000Z'],
    ]);
  });

  it('skips a public holiday (Ascension Day, Thursday 2026-05-14) and counts across the October DST change in local hours', async () => {
    // Wednesday 15:00 CEST: two hours on Wednesday, none on Thursday, two on Friday from 09:00.
    expect(await raiseAt('2026-05-13T13:00:00Z')).toMatchObject({ nextLevelAt: '2026-05-15T09:00:00.000Z' });
    // Friday 2026-10-23 14:00 CEST: three hours on Friday, one on Monday (now CET) from 09:00.
    expect(await raiseAt('2026-10-23T12:00:00Z')).toMatchObject({ nextLevelAt: '2026-10-26T09:00:00.000Z' });
  });

  it('refuses another provider\'s calendar (or none) on the level, naming it', async () => {
    const other = await agreementWorld(t, 'other-co');
    const input = (calendar: string) => ({
      kind: 'SERVICE_BASED',
      level: 'SERVICE',
      services: [other.serviceMpg.id],
      terms: { title: 'Other', escalationPolicy: { levels: [{ level: 1, name: 'On call', notifyUsers: ['x@other.example'], after: 'PT1H', calendar }, { level: 2, name: 'Boss', notifyUsers: ['b@other.example'], after: 'PT1H' }] } },
    });
    const refused = await t.ok(CREATE, { input: input(office) }, other.admin);
    expect(refused.agreementCreate.userErrors).toEqual([{ code: 'NOT_FOUND', field: ['input', 'terms', 'escalationPolicy', 'levels', '0', 'calendar'], message: 'The business calendar was not found.' }]);
    const wrongType = await t.ok(CREATE, { input: input(other.serviceMpg.id) }, other.admin);
    expect(wrongType.agreementCreate.userErrors).toEqual([{ code: 'INVALID_ID', field: ['input', 'terms', 'escalationPolicy', 'levels', '0', 'calendar'], message: expect.any(String) }]);
  });
});
