import { FixedClock } from '../src/common/clock';
import { activeAgreement, agreementWorld, type AgreementWorld } from './support/agreement-fixtures';
import { describeOnBothDatabases } from './support/both-databases';
import { TestApp } from './support/test-app';

const ANNOUNCE = `mutation($i: MaintenanceWindowAnnounceInput!) { maintenanceWindowAnnounce(input: $i) { maintenanceWindow { title startsAt endsAt } userErrors { code field message } } }`;
const REPORT = `mutation($input: IncidentReportInput!) { incidentReport(input: $input) { incident { id } userErrors { code field message } } }`;
const MOVE = `mutation($input: IncidentTransitionInput!) { incidentTransition(input: $input) { userErrors { code field message } } }`;
const COMPLIANCE = `query($a: ID!) {
  complianceReport(agreement: $a, from: "2026-05-01T00:00:00+02:00", to: "2026-07-01T00:00:00+02:00", granularity: MONTH) {
    periods { start objectives { objective { metric } errorBudget { consumed }
      maintenance { noticePeriod capPerMonth windows excused overCap windowsOverCap windowsWithoutNotice } } }
  }
}`;

/**
 * Terms: maintenance announced two days ahead is excused up to 4 hours per calendar month (the
 * provider's, Berlin: May ends at 2026-05-31T22:00Z). Every window below is also an outage, so what
 * is not excused is downtime.
 */
describeOnBothDatabases('maintenance windows up to the monthly cap', (db) => {
  const clock = new FixedClock(new Date('2026-04-20T08:00:00Z'));
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
        effectiveFrom: '2026-03-31T22:00:00Z',
        objectives: [{ metric: 'AVAILABILITY', target: 99 }],
        exclusions: { maintenanceWindows: [{ name: 'Planned', noticePeriod: 'P2D', maxPerMonth: 'PT4H' }] },
      },
    }));
  });
  afterAll(() => t.stop());

  const announce = (title: string, startsAt: string, endsAt: string) => t.ok(ANNOUNCE, { i: { service: w.serviceMpg.id, title, startsAt, endsAt } }, w.admin);
  const outage = async (startedAt: string, resolvedAt: string) => {
    clock.set(new Date(startedAt));
    const reported = await t.ok(REPORT, { input: { customer: w.customerA.id, service: w.serviceMpg.id, priority: 'P3', impact: 'OUTAGE', title: `Down ${startedAt}`, startedAt } }, w.admin);
    expect(reported.incidentReport.userErrors).toEqual([]);
    clock.set(new Date(resolvedAt));
    expect((await t.ok(MOVE, { input: { id: reported.incidentReport.incident.id, to: 'RESOLVED' } }, w.admin)).incidentTransition.userErrors).toEqual([]);
  };

  it('refuses a window that alone is longer than the monthly cap, naming endsAt, and records nothing', async () => {
    const before = await t.app.db.dataSource.query('SELECT count(*)::int AS n FROM maintenance_window');
    const tooLong = await announce('Major upgrade', '2026-06-20T02:00:00Z', '2026-06-20T06:00:00.001Z');
    expect(tooLong.maintenanceWindowAnnounce.maintenanceWindow).toBeNull();
    expect(tooLong.maintenanceWindowAnnounce.userErrors).toEqual([
      {
        code: 'NOT_ALLOWED',
        field: ['input', 'endsAt'],
        message: expect.stringContaining('more than the PT4H a month that "Managed PostgreSQL" (revision 1) excuses (maxPerMonth)'),
      },
    ]);
    expect(await t.app.db.dataSource.query('SELECT count(*)::int AS n FROM maintenance_window')).toEqual(before);
    // Exactly the cap is allowed, and so is a window across a month boundary whose share of each month fits.
    const exactly = await announce('Exactly the cap', '2026-07-15T02:00:00Z', '2026-07-15T06:00:00Z');
    expect(exactly.maintenanceWindowAnnounce.userErrors).toEqual([]);
    const across = await announce('Across the month end', '2026-07-31T19:00:00Z', '2026-08-01T01:00:00Z');
    expect(across.maintenanceWindowAnnounce.userErrors).toEqual([]);
  });

  it('excuses windows announced in time, in time order, until each month\'s cap is used up; the rest is downtime', async () => {
    clock.set(new Date('2026-04-20T08:00:00Z'));
    // May: 1 h, then 3.5 h of two overlapping windows (3 h excused: the cap is used up, 30 min over),
    // then 1 h over the cap, and the May hour of a window across the month end.
    for (const [title, startsAt, endsAt] of [
      ['W1', '2026-05-05T02:00:00Z', '2026-05-05T03:00:00Z'],
      ['W2', '2026-05-10T02:00:00Z', '2026-05-10T04:00:00Z'],
      ['W3 overlaps W2', '2026-05-10T03:00:00Z', '2026-05-10T05:30:00Z'],
      ['W4', '2026-05-20T02:00:00Z', '2026-05-20T03:00:00Z'],
      ['W6 across the month end', '2026-05-31T21:00:00Z', '2026-06-01T01:00:00Z'],
      ['W7', '2026-06-10T02:00:00Z', '2026-06-10T03:00:00Z'],
    ]) {
      expect((await announce(title, startsAt, endsAt)).maintenanceWindowAnnounce.userErrors).toEqual([]);
    }
    await outage('2026-05-05T02:00:00Z', '2026-05-05T03:00:00Z');
    await outage('2026-05-10T02:00:00Z', '2026-05-10T05:30:00Z');
    await outage('2026-05-20T02:00:00Z', '2026-05-20T03:00:00Z');
    // Announced an hour ahead, two days are required: not excused, and it uses none of the cap.
    clock.set(new Date('2026-05-25T01:00:00Z'));
    expect((await announce('W5 announced too late', '2026-05-25T02:00:00Z', '2026-05-25T03:00:00Z')).maintenanceWindowAnnounce.userErrors).toEqual([]);
    await outage('2026-05-25T02:00:00Z', '2026-05-25T03:00:00Z');
    await outage('2026-05-31T21:00:00Z', '2026-06-01T01:00:00Z');
    await outage('2026-06-10T02:00:00Z', '2026-06-10T03:00:00Z');

    clock.set(new Date('2026-07-02T00:00:00Z'));
    const data = await t.ok(COMPLIANCE, { a: agreementId }, w.admin);
    const [may, june] = data.complianceReport.periods.map((p: any) => p.objectives[0]);
    const H = 3_600_000;
    expect(may).toEqual({
      objective: { metric: 'AVAILABILITY' },
      // 30 min of W3 + W4 + W5 (no notice) + the May hour of W6.
      errorBudget: { consumed: String(3.5 * H) },
      // Durations read in hours, as everywhere in the API: the terms' P2D notice is PT48H.
      maintenance: { noticePeriod: 'PT48H', capPerMonth: 'PT4H', windows: 5, excused: 'PT4H', overCap: 'PT2H30M', windowsOverCap: 3, windowsWithoutNotice: 1 },
    });
    // June: the 3 June hours of W6 and W7's hour use the cap exactly; nothing counts.
    expect(june).toEqual({
      objective: { metric: 'AVAILABILITY' },
      errorBudget: { consumed: '0' },
      maintenance: { noticePeriod: 'PT48H', capPerMonth: 'PT4H', windows: 2, excused: 'PT4H', overCap: 'PT0S', windowsOverCap: 0, windowsWithoutNotice: 0 },
    });

    // A quarter is judged month by month: the same downtime, the caps of May and June, W6 once.
    const quarter = await t.ok(
      `query($a: ID!) { complianceReport(agreement: $a, from: "2026-04-01T00:00:00+02:00", to: "2026-07-01T00:00:00+02:00", granularity: QUARTER) {
        periods { objectives { errorBudget { consumed } maintenance { windows excused overCap windowsOverCap windowsWithoutNotice } } } } }`,
      { a: agreementId },
      w.admin,
    );
    expect(quarter.complianceReport.periods[0].objectives[0]).toEqual({
      errorBudget: { consumed: String(3.5 * H) },
      maintenance: { windows: 6, excused: 'PT8H', overCap: 'PT2H30M', windowsOverCap: 3, windowsWithoutNotice: 1 },
    });
  });
});
