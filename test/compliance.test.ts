import { FixedClock } from '../src/common/clock';
import { Role } from '../src/common/roles';
import { agreementWorld, AGREEMENT_CREATE, REVISION_APPROVE, REVISION_PROPOSE } from './support/agreement-fixtures';
import { TestApp } from './support/test-app';

const REPORT = `mutation($input: IncidentReportInput!) { incidentReport(input: $input) { incident { id } userErrors { message } } }`;
const MOVE = `mutation($input: IncidentTransitionInput!) { incidentTransition(input: $input) { userErrors { message } } }`;
const REPORT_QUERY = `query($a: ID!, $from: DateTime!, $to: DateTime!) {
  complianceReport(agreement: $a, from: $from, to: $to, granularity: MONTH) {
    agreement { id }
    terminationRight { requiredConsecutiveBreaches arises currentStreak }
    periods {
      start end status revision { number }
      objectives { objective { metric priority } status attainedPercent clocksMet clocksBreached
        errorBudget { unit allowed consumed remaining burnRate exceeded } breachIncidents { title } }
      credit { tierBelow tierCreditPercent perBreach { metric priority count creditPercent } totalPercent capApplied amount currency explanation }
    }
  }
}`;

describe('compliance reports and service credits', () => {
  const clock = new FixedClock(new Date('2025-12-20T09:00:00Z'));
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ clock });
  });
  afterAll(() => t.stop());

  it('judges a month from overlapping outages, weighted degradation and breached clocks, and spells out the credit', async () => {
    const w = await agreementWorld(t);
    const signatory = await t.token(w.provider, [Role.CUSTOMER_SIGNATORY], w.customerA.id);
    const created = await t.ok(
      AGREEMENT_CREATE,
      {
        input: {
          kind: 'CUSTOMER_BASED',
          level: 'CUSTOMER',
          customer: w.customerA.id,
          services: [w.serviceMpg.id],
          terms: {
            title: 'Alpha Bank SLA',
            // Midnight of 1 January in Berlin, the provider's time zone.
            effectiveFrom: '2025-12-31T23:00:00Z',
            objectives: [
              { metric: 'AVAILABILITY', target: 99.9, degradedWeightPercent: 50 },
              { metric: 'FIRST_RESPONSE_TIME', priority: 'P1', targetDuration: 'PT15M' },
            ],
            creditPolicy: {
              currency: 'EUR',
              periodFee: '10000.00',
              tiers: [{ below: 99.99, creditPercent: 10 }, { below: 99.0, creditPercent: 30 }, { below: 95.0, creditPercent: 100 }],
              perBreach: [{ metric: 'FIRST_RESPONSE_TIME', priority: 'P1', creditPercent: 5 }],
              monthlyCapPercent: 50,
              terminationAfterConsecutiveBreaches: 2,
            },
          },
        },
      },
      w.admin,
    );
    const agreement = created.agreementCreate.agreement.id;
    const revision = created.agreementCreate.revision.id;
    await t.ok(REVISION_PROPOSE, { id: revision }, w.admin);
    await t.ok(REVISION_APPROVE, { id: revision }, w.admin);
    await t.ok(REVISION_APPROVE, { id: revision }, signatory);
    clock.set(new Date('2026-01-01T00:00:00Z'));
    await t.app.jobs.revisionActivation!.runNow();

    const at = (iso: string) => clock.set(new Date(iso));
    const report = async (title: string, priority: string, impact: string, startedAt: string) => {
      at(startedAt);
      const res = await t.ok(REPORT, { input: { customer: w.customerA.id, service: w.serviceMpg.id, priority, impact, title, startedAt } }, w.admin);
      return res.incidentReport.incident.id as string;
    };
    const move = async (id: string, to: string, when: string) => {
      at(when);
      await t.ok(MOVE, { input: { id, to } }, w.admin);
    };
    // Two overlapping outages: 10:00-10:30 and 10:15-10:45 count 45 minutes, not 60.
    const first = await report('Primary down', 'P1', 'OUTAGE', '2026-01-10T10:00:00Z');
    await move(first, 'ACKNOWLEDGED', '2026-01-10T10:05:00Z');
    const second = await report('Replica down', 'P1', 'OUTAGE', '2026-01-10T10:15:00Z');
    await move(first, 'RESOLVED', '2026-01-10T10:30:00Z');
    await move(second, 'ACKNOWLEDGED', '2026-01-10T10:40:00Z');
    await move(second, 'RESOLVED', '2026-01-10T10:45:00Z');
    // One hour degraded, weighted 50%: 30 more minutes.
    const slow = await report('Slow queries', 'P3', 'DEGRADED', '2026-01-20T12:00:00Z');
    await move(slow, 'RESOLVED', '2026-01-20T13:00:00Z');

    at('2026-03-05T00:00:00Z');
    const data = await t.ok(REPORT_QUERY, { a: agreement, from: '2026-01-01T00:00:00+01:00', to: '2026-03-01T00:00:00+01:00' }, w.admin);
    const report1 = data.complianceReport;
    expect(report1.periods.map((p: any) => [p.start, p.status])).toEqual([
      ['2026-01-01T00:00:00.000+01:00', 'BREACHED'],
      ['2026-02-01T00:00:00.000+01:00', 'MET'],
    ]);
    const january = report1.periods[0];
    const availability = january.objectives.find((o: any) => o.objective.metric === 'AVAILABILITY');
    // January: 31 days = 2,678,400,000 ms; 99.9% allows 2,678,400 ms; 75 minutes = 4,500,000 ms failed.
    expect(availability).toMatchObject({
      status: 'BREACHED',
      attainedPercent: '99.8320',
      errorBudget: { unit: 'MILLISECONDS', allowed: '2678400', consumed: '4500000', remaining: '-1821600', exceeded: true },
    });
    const response = january.objectives.find((o: any) => o.objective.metric === 'FIRST_RESPONSE_TIME');
    expect(response).toMatchObject({ status: 'BREACHED', clocksMet: 1, clocksBreached: 1, attainedPercent: '50.0000', breachIncidents: [{ title: 'Replica down' }] });
    expect(january.credit).toMatchObject({
      tierBelow: '99.99',
      tierCreditPercent: '10',
      perBreach: [{ metric: 'FIRST_RESPONSE_TIME', priority: 'P1', count: 1, creditPercent: '5' }],
      totalPercent: '15',
      capApplied: false,
      amount: '1500.00',
      currency: 'EUR',
    });
    expect(january.credit.explanation.length).toBeGreaterThan(0);
    const february = report1.periods[1];
    expect(february.objectives.find((o: any) => o.objective.metric === 'AVAILABILITY')).toMatchObject({ status: 'MET', attainedPercent: '100.0000' });
    expect(february.credit).toMatchObject({ totalPercent: '0', amount: '0.00' });
    expect(report1.terminationRight).toEqual({ requiredConsecutiveBreaches: 2, arises: false, currentStreak: 0 });

    const extra = await t.ok(
      `query($a: ID!, $from: DateTime!, $to: DateTime!) {
        complianceReport(agreement: $a, from: $from, to: $to) { periods { violations { rule target actual unit consequence objective { metric } } } }
        creditLedger(agreement: $a, from: $from, to: $to) { start status credit { totalPercent amount } }
        agreement(id: $a) { currentRevision { objectives { metric currentPeriod { status attainedPercent errorBudget { consumed } } } } }
      }`,
      { a: agreement, from: '2026-01-01T00:00:00+01:00', to: '2026-03-01T00:00:00+01:00' },
      w.admin,
    );
    expect(extra.complianceReport.periods[0].violations).toEqual([
      { rule: 'AVAILABILITY at least 99.9% per CALENDAR_MONTH', target: '99.9', actual: '99.8320', unit: 'PERCENT', consequence: 'Tier below 99.99%: 10% of the period fee; period credit 1500.00 EUR.', objective: { metric: 'AVAILABILITY' } },
      { rule: 'FIRST_RESPONSE_TIME P1 at most PT15M per CALENDAR_MONTH', target: 'PT15M', actual: '50.0000', unit: 'PERCENT_OF_CLOCKS_MET', consequence: 'Per-breach credit: 1 x 5% of the period fee.', objective: { metric: 'FIRST_RESPONSE_TIME' } },
    ]);
    expect(extra.complianceReport.periods[1].violations).toEqual([]);
    expect(extra.creditLedger).toEqual([
      { start: '2026-01-01T00:00:00.000+01:00', status: 'BREACHED', credit: { totalPercent: '15', amount: '1500.00' } },
      { start: '2026-02-01T00:00:00.000+01:00', status: 'MET', credit: { totalPercent: '0', amount: '0.00' } },
    ]);
    // March is running: nothing has failed yet.
    const current = extra.agreement.currentRevision.objectives.find((o: any) => o.metric === 'AVAILABILITY').currentPeriod;
    expect(current).toEqual({ status: 'MET', attainedPercent: '100.0000', errorBudget: { consumed: '0' } });
  });

  it('leaves out maintenance announced with the notice the terms require, and only that', async () => {
    clock.set(new Date('2026-03-20T09:00:00Z'));
    const w = await agreementWorld(t, 'maint-co');
    const created = await t.ok(
      AGREEMENT_CREATE,
      {
        input: {
          kind: 'SERVICE_BASED',
          level: 'SERVICE',
          services: [w.serviceMpg.id],
          terms: {
            title: 'MPG for everyone',
            effectiveFrom: '2026-03-31T22:00:00Z',
            objectives: [{ metric: 'AVAILABILITY', target: 99.9 }],
            exclusions: { maintenanceWindows: [{ name: 'Planned', noticePeriod: 'P2D' }] },
          },
        },
      },
      w.admin,
    );
    await t.ok(REVISION_PROPOSE, { id: created.agreementCreate.revision.id }, w.admin);
    await t.ok(REVISION_APPROVE, { id: created.agreementCreate.revision.id }, w.admin);
    const announce = (title: string, startsAt: string, endsAt: string) =>
      t.ok(`mutation($i: MaintenanceWindowAnnounceInput!) { maintenanceWindowAnnounce(input: $i) { maintenanceWindow { title } userErrors { message } } }`, { i: { service: w.serviceMpg.id, title, startsAt, endsAt } }, w.admin);
    clock.set(new Date('2026-04-01T08:00:00Z'));
    await announce('Announced three days ahead', '2026-04-04T02:00:00Z', '2026-04-04T03:00:00Z');
    clock.set(new Date('2026-04-08T01:00:00Z'));
    await announce('Announced one hour ahead', '2026-04-08T02:00:00Z', '2026-04-08T03:00:00Z');
    const outage = async (startedAt: string, resolvedAt: string) => {
      clock.set(new Date(startedAt));
      const id = (await t.ok(REPORT, { input: { customer: w.customerA.id, service: w.serviceMpg.id, priority: 'P2', impact: 'OUTAGE', title: `Down ${startedAt}`, startedAt } }, w.admin)).incidentReport.incident.id;
      clock.set(new Date(resolvedAt));
      await t.ok(MOVE, { input: { id, to: 'RESOLVED' } }, w.admin);
    };
    await outage('2026-04-04T02:00:00Z', '2026-04-04T03:00:00Z');
    await outage('2026-04-08T02:00:00Z', '2026-04-08T03:00:00Z');
    clock.set(new Date('2026-05-02T00:00:00Z'));
    const data = await t.ok(
      `query($a: ID!) { complianceReport(agreement: $a, from: "2026-04-01T00:00:00+02:00", to: "2026-05-01T00:00:00+02:00") { periods { objectives { errorBudget { consumed } } } } }`,
      { a: created.agreementCreate.agreement.id },
      w.admin,
    );
    // Only the second hour counts: the first was maintenance announced in time.
    expect(data.complianceReport.periods[0].objectives[0].errorBudget.consumed).toBe('3600000');

    // A customer user sees its own customer's share of an agreement that covers everyone.
    const viewerOfB = await t.token(w.provider, [Role.CUSTOMER_VIEWER], w.customerB.id);
    const asB = await t.ok(
      `query($a: ID!) { complianceReport(agreement: $a, from: "2026-04-01T00:00:00+02:00", to: "2026-05-01T00:00:00+02:00") { periods { objectives { errorBudget { consumed } } } } }`,
      { a: created.agreementCreate.agreement.id },
      viewerOfB,
    );
    expect(asB.complianceReport.periods[0].objectives[0].errorBudget.consumed).toBe('0');
  });

  it('is null for an agreement the caller may not see', async () => {
    const other = await t.provider('other-co');
    const outsider = await t.token(other, [Role.ANALYST]);
    const list = await t.ok(`{ agreements { nodes { id } } }`, {}, (await t.token(await t.provider('third-co'), [Role.ANALYST])));
    expect(list.agreements.nodes).toEqual([]);
    const anyAgreement = Buffer.from('Agreement:00000000-0000-4000-8000-000000000001').toString('base64url');
    const data = await t.ok(REPORT_QUERY, { a: anyAgreement, from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' }, outsider);
    expect(data.complianceReport).toBeNull();
  });
});
