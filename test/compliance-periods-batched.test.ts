import { FixedClock } from '../src/common/clock';
import { activeAgreement, agreementWorld, type AgreementWorld } from './support/agreement-fixtures';
import { describeOnBothDatabases } from './support/both-databases';
import { TestApp } from './support/test-app';

const ANNOUNCE = `mutation($i: MaintenanceWindowAnnounceInput!) { maintenanceWindowAnnounce(input: $i) { userErrors { code field message } } }`;
const REPORT = `mutation($input: IncidentReportInput!) { incidentReport(input: $input) { incident { id } userErrors { code field message } } }`;
const MOVE = `mutation($input: IncidentTransitionInput!) { incidentTransition(input: $input) { userErrors { code field message } } }`;
const COMPLIANCE = `query($a: ID!, $from: DateTime!, $to: DateTime!, $g: Granularity!) {
  complianceReport(agreement: $a, from: $from, to: $to, granularity: $g) {
    periods {
      start end status
      credit { totalPercent amount }
      objectives {
        objective { metric priority } status attainedPercent clocksMet clocksBreached
        errorBudget { allowed consumed remaining }
        maintenance { windows excused overCap windowsOverCap windowsWithoutNotice }
      }
    }
  }
}`;

/**
 * A year of an agreement with an availability objective in business hours, an excused maintenance
 * allowance and time objectives: the report reads each kind of figure once for all its periods, so
 * a year costs the statements of a month, and every month of the year says what that month alone says.
 */
describeOnBothDatabases('a compliance report over many periods', (db) => {
  const clock = new FixedClock(new Date('2025-12-20T08:00:00Z'));
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
        effectiveFrom: '2025-12-31T23:00:00Z',
        objectives: [
          { metric: 'AVAILABILITY', target: 99.5 },
          { metric: 'RESOLUTION_TIME', priority: 'P2', targetDuration: 'PT8H' },
          { metric: 'FIRST_RESPONSE_TIME', targetDuration: 'PT1H' },
        ],
        creditPolicy: { currency: 'EUR', periodFee: '1000.00', tiers: [{ below: 99.5, creditPercent: 10 }] },
        exclusions: { maintenanceWindows: [{ name: 'Planned', noticePeriod: 'P2D', maxPerMonth: 'PT2H' }] },
      },
    }));
    // Outages in several months, one across a month boundary; maintenance announced in time and late.
    const outage = async (startedAt: string, resolvedAt: string, priority = 'P2') => {
      clock.set(new Date(startedAt));
      const reported = await t.ok(REPORT, { input: { customer: w.customerA.id, service: w.serviceMpg.id, priority, impact: 'OUTAGE', title: `Down ${startedAt}`, startedAt } }, w.admin);
      expect(reported.incidentReport.userErrors).toEqual([]);
      clock.set(new Date(resolvedAt));
      expect((await t.ok(MOVE, { input: { id: reported.incidentReport.incident.id, to: 'RESOLVED' } }, w.admin)).incidentTransition.userErrors).toEqual([]);
    };
    const announce = async (at: string, startsAt: string, endsAt: string) => {
      clock.set(new Date(at));
      expect((await t.ok(ANNOUNCE, { i: { service: w.serviceMpg.id, title: `Planned ${startsAt}`, startsAt, endsAt } }, w.admin)).maintenanceWindowAnnounce.userErrors).toEqual([]);
    };
    await announce('2026-02-01T08:00:00Z', '2026-02-10T01:00:00Z', '2026-02-10T02:30:00Z');
    await announce('2026-02-09T23:00:00Z', '2026-02-10T03:00:00Z', '2026-02-10T04:00:00Z');
    await outage('2026-02-10T01:00:00Z', '2026-02-10T04:00:00Z');
    await outage('2026-03-03T10:00:00Z', '2026-03-03T22:00:00Z');
    await outage('2026-04-30T20:00:00Z', '2026-05-01T03:00:00Z', 'P1');
    await outage('2026-07-14T09:00:00Z', '2026-07-14T09:20:00Z', 'P3');
    clock.set(new Date('2026-12-05T12:00:00Z'));
  });
  afterAll(() => t.stop());

  const report = async (from: string, to: string, g = 'MONTH') => {
    const res = await t.gql<{ complianceReport: { periods: unknown[] } }>(COMPLIANCE, { a: agreementId, from, to, g }, { token: w.admin });
    expect(res.errors).toBeUndefined();
    return res;
  };

  it('costs the same statements for twelve months as for one', async () => {
    await report('2026-01-01T00:00:00+01:00', '2026-02-01T00:00:00+01:00');
    const month = await report('2026-02-01T00:00:00+01:00', '2026-03-01T00:00:00+01:00');
    const year = await report('2026-01-01T00:00:00+01:00', '2027-01-01T00:00:00+01:00');
    expect(year.data.complianceReport.periods).toHaveLength(12);
    if (db.name === 'PostgreSQL') {
      expect(Number.isInteger(month.statements)).toBe(true);
      expect(year.statements).toBe(month.statements);
    }
  });

  it('says for every month of a year what that month says alone', async () => {
    const year = (await report('2026-01-01T00:00:00+01:00', '2027-01-01T00:00:00+01:00')).data.complianceReport.periods;
    const months = [];
    for (const period of year as { start: string; end: string }[]) months.push(...(await report(period.start, period.end)).data.complianceReport.periods);
    expect(year).toEqual(months);
    // The figures are not all empty: the months with outages are breached, with maintenance excused in February.
    const statuses = (year as { status: string }[]).map((p) => p.status);
    expect(statuses.filter((s) => s === 'BREACHED').length).toBeGreaterThanOrEqual(3);
    const february = year[1] as { objectives: { maintenance: { windows: number; windowsWithoutNotice: number } | null }[] };
    expect(february.objectives[0].maintenance).toMatchObject({ windows: 1, windowsWithoutNotice: 1 });
  });

  it('counts in each quarter the clocks of its three months', async () => {
    const quarters = (await report('2026-01-01T00:00:00+01:00', '2027-01-01T00:00:00+01:00', 'QUARTER')).data.complianceReport.periods as {
      objectives: { clocksMet: number; clocksBreached: number }[];
    }[];
    const months = (await report('2026-01-01T00:00:00+01:00', '2027-01-01T00:00:00+01:00')).data.complianceReport.periods as typeof quarters;
    expect(quarters).toHaveLength(4);
    for (let q = 0; q < 4; q += 1) {
      for (const i of [1, 2]) {
        const ofMonths = months.slice(q * 3, q * 3 + 3);
        expect(quarters[q].objectives[i].clocksMet).toBe(ofMonths.reduce((s, m) => s + m.objectives[i].clocksMet, 0));
        expect(quarters[q].objectives[i].clocksBreached).toBe(ofMonths.reduce((s, m) => s + m.objectives[i].clocksBreached, 0));
      }
    }
  });
});
