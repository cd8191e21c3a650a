import { FixedClock } from '../src/common/clock';
import { Role } from '../src/common/roles';
import { activeAgreement, agreementWorld, type AgreementWorld } from './support/agreement-fixtures';
import { describeOnBothDatabases } from './support/both-databases';
import { TestApp } from './support/test-app';

const ANNOUNCE_RECURRING = `mutation($i: MaintenanceRecurrenceAnnounceInput!) { maintenanceRecurrenceAnnounce(input: $i) {
  maintenanceRecurrence { id title rule firstStart duration timeZone announcedAt endedAt service { id } calendar { id }
    occurrences(from: "2026-03-20T00:00:00Z", to: "2026-04-13T00:00:00Z") { startsAt endsAt } }
  userErrors { code field message } } }`;
const END = `mutation($id: ID!) { maintenanceRecurrenceEnd(input: { id: $id }) { maintenanceRecurrence { endedAt endedBy } userErrors { code field message } } }`;
const ANNOUNCE = `mutation($i: MaintenanceWindowAnnounceInput!) { maintenanceWindowAnnounce(input: $i) { userErrors { code field message } } }`;
const REPORT = `mutation($input: IncidentReportInput!) { incidentReport(input: $input) { incident { id } userErrors { code field message } } }`;
const MOVE = `mutation($input: IncidentTransitionInput!) { incidentTransition(input: $input) { userErrors { code field message } } }`;
const COMPLIANCE = `query($a: ID!) {
  complianceReport(agreement: $a, from: "2026-03-01T00:00:00+01:00", to: "2026-05-01T00:00:00+02:00", granularity: MONTH) {
    periods { start objectives { errorBudget { consumed } maintenance { windows excused overCap windowsOverCap windowsWithoutNotice } } }
  }
}`;
const H = 3_600_000;

/**
 * Terms: maintenance announced two days ahead is excused up to 4 hours per calendar month (the
 * provider's time zone, Europe/Berlin). A weekly Sunday 02:30 window of two hours, announced on
 * Friday 2026-03-20: 02:30 is 01:30 UTC in winter, 00:30 UTC in summer, and on 2026-03-29 (the
 * change) 02:30 does not exist and is 03:30 CEST (01:30 UTC). Every occurrence is also an outage,
 * so what is not excused is downtime.
 */
describeOnBothDatabases('recurring maintenance windows', (db) => {
  const clock = new FixedClock(new Date('2026-03-20T08:00:00Z'));
  let t: TestApp;
  let w: AgreementWorld;
  let agreementId: string;

  beforeAll(async () => {
    t = await TestApp.start({ clock, env: db.env });
    w = await agreementWorld(t);
    ({ agreementId } = await activeAgreement(t, w.admin, {
      kind: 'SERVICE_BASED',
      level: 'SERVICE',
      services: [w.serviceMpg.id],
      terms: {
        title: 'Managed PostgreSQL',
        effectiveFrom: '2026-02-28T23:00:00Z',
        objectives: [{ metric: 'AVAILABILITY', target: 99 }],
        exclusions: { maintenanceWindows: [{ name: 'Planned', noticePeriod: 'P2D', maxPerMonth: 'PT4H' }] },
      },
    }));
  });
  afterAll(() => t.stop());

  const outage = async (startedAt: string, resolvedAt: string) => {
    clock.set(new Date(startedAt));
    const reported = await t.ok(REPORT, { input: { customer: w.customerA.id, service: w.serviceMpg.id, priority: 'P3', impact: 'OUTAGE', title: `Down ${startedAt}`, startedAt } }, w.admin);
    expect(reported.incidentReport.userErrors).toEqual([]);
    clock.set(new Date(resolvedAt));
    expect((await t.ok(MOVE, { input: { id: reported.incidentReport.incident.id, to: 'RESOLVED' } }, w.admin)).incidentTransition.userErrors).toEqual([]);
  };
  const announceRecurring = (i: Record<string, unknown>, token = w.admin) => t.ok(ANNOUNCE_RECURRING, { i: { service: w.serviceMpg.id, title: 'Sunday patching', ...i } }, token);
  const recurrenceRows = async () => (await t.app.db.dataSource.query('SELECT count(*)::int AS n FROM maintenance_recurrence'))[0].n;

  it('refuses bad rules and an occurrence longer than the monthly cap, naming the field, and records nothing', async () => {
    const before = await recurrenceRows();
    const tooLong = await announceRecurring({ rule: 'FREQ=WEEKLY;BYDAY=SU', firstStart: '2026-03-01T02:30', duration: 'PT4H1M' });
    expect(tooLong.maintenanceRecurrenceAnnounce.maintenanceRecurrence).toBeNull();
    expect(tooLong.maintenanceRecurrenceAnnounce.userErrors).toEqual([
      {
        code: 'NOT_ALLOWED',
        field: ['input', 'duration'],
        message: expect.stringContaining('The occurrence of Sunday 2026-03-22 02:30 (Europe/Berlin) has PT4H1M of maintenance in March 2026, more than the PT4H a month that "Managed PostgreSQL" (revision 1) excuses'),
      },
    ]);
    const bad = await announceRecurring({ rule: 'FREQ=HOURLY', firstStart: '2026-03-01 02:30', duration: 'PT2H' });
    expect(bad.maintenanceRecurrenceAnnounce.userErrors.map((e: { field: string[] }) => e.field)).toEqual([
      ['input', 'rule'],
      ['input', 'firstStart'],
    ]);
    const over = await announceRecurring({ rule: 'FREQ=WEEKLY;BYDAY=SU;UNTIL=20260301T000000Z', firstStart: '2026-02-01T02:30', duration: 'PT2H' });
    expect(over.maintenanceRecurrenceAnnounce.userErrors).toEqual([{ code: 'INVALID_INPUT', field: ['input', 'rule'], message: expect.stringContaining('no occurrence in the next ten years') }]);
    const viewer = await t.token(w.provider, [Role.ANALYST]);
    const forbidden = await t.gql(ANNOUNCE_RECURRING, { i: { service: w.serviceMpg.id, title: 'x', rule: 'FREQ=DAILY', firstStart: '2026-04-01T02:00', duration: 'PT1H' } }, { token: viewer });
    expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await recurrenceRows()).toBe(before);
  });

  it('expands in the time zone of a calendar when given one: New York in November', async () => {
    const calendar = (
      await t.ok(
        `mutation { businessCalendarCreate(input: { name: "NY office", timeZone: "America/New_York", weeklyHours: [{ weekday: 1, from: "09:00", to: "17:00" }] }) { calendar { id } } }`,
        {},
        w.admin,
      )
    ).businessCalendarCreate.calendar;
    const ny = await t.ok(
      `mutation($i: MaintenanceRecurrenceAnnounceInput!) { maintenanceRecurrenceAnnounce(input: $i) {
        maintenanceRecurrence { timeZone calendar { id } occurrences(from: "2026-10-31T00:00:00Z", to: "2026-11-03T00:00:00Z") { startsAt endsAt } } userErrors { code field message } } }`,
      { i: { service: w.serviceDesk.id, calendar: calendar.id, title: 'Nightly', rule: 'FREQ=DAILY', firstStart: '2026-10-01T01:30', duration: 'PT2H' } },
      w.admin,
    );
    expect(ny.maintenanceRecurrenceAnnounce.userErrors).toEqual([]);
    expect(ny.maintenanceRecurrenceAnnounce.maintenanceRecurrence).toEqual({
      timeZone: 'America/New_York',
      calendar: { id: calendar.id },
      occurrences: [
        { startsAt: '2026-10-31T05:30:00.000Z', endsAt: '2026-10-31T07:30:00.000Z' },
        { startsAt: '2026-11-01T05:30:00.000Z', endsAt: '2026-11-01T07:30:00.000Z' }, // 01:30 EDT, the first 01:30 of the night
        { startsAt: '2026-11-02T06:30:00.000Z', endsAt: '2026-11-02T08:30:00.000Z' },
      ],
    });
  });

  it('lists occurrences in the provider\'s time zone across the March change, and counts each like an announced window in compliance', async () => {
    clock.set(new Date('2026-03-20T08:00:00Z'));
    const announced = await announceRecurring({ rule: 'RRULE:FREQ=WEEKLY;BYDAY=SU', firstStart: '2026-03-01T02:30', duration: 'PT2H' });
    expect(announced.maintenanceRecurrenceAnnounce.userErrors).toEqual([]);
    const recurrence = announced.maintenanceRecurrenceAnnounce.maintenanceRecurrence;
    expect(recurrence).toMatchObject({ rule: 'FREQ=WEEKLY;BYDAY=SU', firstStart: '2026-03-01T02:30', duration: 'PT2H', timeZone: 'Europe/Berlin', endedAt: null, calendar: null });
    // Occurrences before the announcement (March 1, 8 and 15) are not maintenance: a rule announces what is to come.
    expect(recurrence.occurrences).toEqual([
      { startsAt: '2026-03-22T01:30:00.000Z', endsAt: '2026-03-22T03:30:00.000Z' },
      { startsAt: '2026-03-29T01:30:00.000Z', endsAt: '2026-03-29T03:30:00.000Z' },
      { startsAt: '2026-04-05T00:30:00.000Z', endsAt: '2026-04-05T02:30:00.000Z' },
      { startsAt: '2026-04-12T00:30:00.000Z', endsAt: '2026-04-12T02:30:00.000Z' },
    ]);
    // A one-off window overlapping the April 5 occurrence: together 3 hours, counted once.
    expect((await t.ok(ANNOUNCE, { i: { service: w.serviceMpg.id, title: 'Extra', startsAt: '2026-04-05T01:30:00Z', endsAt: '2026-04-05T03:30:00Z' } }, w.admin)).maintenanceWindowAnnounce.userErrors).toEqual([]);

    await outage('2026-03-22T01:30:00Z', '2026-03-22T03:30:00Z'); // less than two days after the announcement: no notice
    await outage('2026-03-29T01:30:00Z', '2026-03-29T03:30:00Z');
    await outage('2026-04-05T00:30:00Z', '2026-04-05T03:30:00Z');
    await outage('2026-04-12T00:30:00Z', '2026-04-12T02:30:00Z');
    await outage('2026-04-19T00:30:00Z', '2026-04-19T02:30:00Z');
    // Ended before April 26: that occurrence is no maintenance, its outage is downtime.
    clock.set(new Date('2026-04-22T00:00:00Z'));
    const ended = await t.ok(END, { id: recurrence.id }, w.admin);
    expect(ended.maintenanceRecurrenceEnd).toEqual({ maintenanceRecurrence: { endedAt: '2026-04-22T00:00:00.000Z', endedBy: expect.any(String) }, userErrors: [] });
    clock.set(new Date('2026-04-23T00:00:00Z'));
    expect((await t.ok(END, { id: recurrence.id }, w.admin)).maintenanceRecurrenceEnd.maintenanceRecurrence.endedAt).toBe('2026-04-22T00:00:00.000Z');
    await outage('2026-04-26T00:30:00Z', '2026-04-26T02:30:00Z');

    clock.set(new Date('2026-05-02T00:00:00Z'));
    const [march, april] = (await t.ok(COMPLIANCE, { a: agreementId }, w.admin)).complianceReport.periods.map((p: any) => p.objectives[0]);
    // March: the 22nd had no notice (downtime, none of the cap); the 29th is excused.
    expect(march).toEqual({ errorBudget: { consumed: String(2 * H) }, maintenance: { windows: 1, excused: 'PT2H', overCap: 'PT0S', windowsOverCap: 0, windowsWithoutNotice: 1 } });
    // April, in time order: the 5th (3 h with the one-off window) and 1 h of the 12th use the cap;
    // the 12th's second hour and the 19th are over it; the 26th is no maintenance after the end.
    expect(april).toEqual({
      errorBudget: { consumed: String(5 * H) },
      maintenance: { windows: 4, excused: 'PT4H', overCap: 'PT3H', windowsOverCap: 2, windowsWithoutNotice: 0 },
    });

    const listed = await t.ok(`query($s: ID!) { maintenanceRecurrences(service: $s) { totalCount nodes { id title occurrences(from: "2026-04-01T00:00:00Z", to: "2026-05-01T00:00:00Z") { startsAt } } } }`, { s: w.serviceMpg.id }, w.admin);
    expect(listed.maintenanceRecurrences).toEqual({
      totalCount: 1,
      nodes: [{ id: recurrence.id, title: 'Sunday patching', occurrences: [{ startsAt: '2026-04-05T00:30:00.000Z' }, { startsAt: '2026-04-12T00:30:00.000Z' }, { startsAt: '2026-04-19T00:30:00.000Z' }] }],
    });
    const tooWide = await t.gql(`query($id: ID!) { node(id: $id) { ... on MaintenanceRecurrence { occurrences(from: "2026-01-01T00:00:00Z", to: "2027-01-03T00:00:00Z") { startsAt } } } }`, { id: recurrence.id }, { token: w.admin });
    expect(tooWide.errors?.[0].message).toContain('at most 366 days');
  });

  it('another provider neither sees nor ends the recurrence', async () => {
    const other = await agreementWorld(t, 'other-co');
    const mine = await t.ok(`{ maintenanceRecurrences { nodes { id } } }`, {}, w.admin);
    const id = mine.maintenanceRecurrences.nodes[0].id;
    expect((await t.ok(`{ maintenanceRecurrences { totalCount } }`, {}, other.admin)).maintenanceRecurrences.totalCount).toBe(0);
    expect((await t.ok(`query($id: ID!) { node(id: $id) { id } }`, { id }, other.admin)).node).toBeNull();
    expect((await t.ok(END, { id }, other.admin)).maintenanceRecurrenceEnd.userErrors).toEqual([{ code: 'NOT_FOUND', field: ['input', 'id'], message: expect.any(String) }]);
  });
});
