import { FixedClock } from '../src/common/clock';
import { Role } from '../src/common/roles';
import { activeAgreement, AGREEMENT_AMEND, agreementWorld, REVISION_UPDATE } from './support/agreement-fixtures';
import { describeOnBothDatabases } from './support/both-databases';
import { TestApp } from './support/test-app';

/** What-if (issue 14, point 2): a revision replayed over the last closed months of real incidents and measurements, on both databases. */

const REPORT = `mutation($input: IncidentReportInput!) { incidentReport(input: $input) { incident { id } userErrors { message } } }`;
const MOVE = `mutation($input: IncidentTransitionInput!) { incidentTransition(input: $input) { userErrors { message } } }`;
const RECORD = `mutation($input: MeasurementsRecordInput!) { measurementsRecord(input: $input) { accepted userErrors { code field message } } }`;
const PERIOD = `start end status revision { number }
  objectives { objective { metric priority target targetDuration } status attainedPercent clocksMet clocksBreached
    errorBudget { unit allowed consumed remaining burnRate burnRateInfinite exceeded } }
  credit { currency periodFee tierBelow tierCreditPercent perBreach { metric priority count creditPercentEach creditPercent } totalPercentBeforeCap capPercent capApplied totalPercent amount explanation }
  violations { objective { metric priority } rule target actual unit consequence }`;
const COMPLIANCE = `query($a: ID!, $from: DateTime!, $to: DateTime!) {
  complianceReport(agreement: $a, from: $from, to: $to) { periods { ${PERIOD} } terminationRight { requiredConsecutiveBreaches arises period currentStreak } } }`;
const WHAT_IF = `query($id: ID!, $periods: Int) { node(id: $id) { ... on AgreementRevision { number whatIf(periods: $periods) {
  revision { number state }
  periods { start end inForce { ${PERIOD} } replayed { ${PERIOD} } credit { currency inForce replayed difference } }
  inForceTerminationRight { requiredConsecutiveBreaches arises period currentStreak }
  replayedTerminationRight { requiredConsecutiveBreaches arises period currentStreak }
  exposure { currency inForce replayed difference } } } } }`;

const TERMS = {
  title: 'Alpha Bank SLA',
  // Midnight of 1 January 2026 in Berlin, the provider's time zone.
  effectiveFrom: '2025-12-31T23:00:00Z',
  objectives: [
    { metric: 'AVAILABILITY', target: 99.9 },
    { metric: 'FIRST_RESPONSE_TIME', priority: 'P1', targetDuration: 'PT15M' },
    { metric: 'RATIO', target: 99.5 },
  ],
  creditPolicy: {
    currency: 'EUR',
    periodFee: '10000.00',
    tiers: [{ below: 99.9, creditPercent: 10 }],
    perBreach: [{ metric: 'FIRST_RESPONSE_TIME', priority: 'P1', creditPercent: 5 }],
    terminationAfterConsecutiveBreaches: 3,
  },
};

describeOnBothDatabases('what-if: a revision replayed over the real history', (db) => {
  const clock = new FixedClock(new Date('2025-12-20T09:00:00Z'));
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ clock, env: db.env });
  });
  afterAll(() => t.stop());
  const at = (iso: string) => clock.set(new Date(iso));

  it('gives exactly the compliance report for the revision in force, and the cost of a draft beside it', async () => {
    at('2025-12-20T09:00:00Z');
    const w = await agreementWorld(t);
    const signatory = await t.token(w.provider, [Role.CUSTOMER_SIGNATORY], w.customerA.id);
    const { agreementId, revisionId } = await activeAgreement(
      t,
      w.admin,
      { kind: 'CUSTOMER_BASED', level: 'CUSTOMER', customer: w.customerA.id, services: [w.serviceMpg.id], terms: TERMS },
      { customerSignatory: signatory },
    );
    at('2026-01-01T00:00:00Z');
    await t.app.jobs.revisionActivation!.runNow();

    const report = async (priority: string, impact: string, startedAt: string) => {
      at(startedAt);
      const res = await t.ok(REPORT, { input: { customer: w.customerA.id, service: w.serviceMpg.id, priority, impact, title: `${impact} ${startedAt}`, startedAt } }, w.admin);
      return res.incidentReport.incident.id as string;
    };
    const move = async (id: string, to: string, when: string) => {
      at(when);
      await t.ok(MOVE, { input: { id, to } }, w.admin);
    };
    // January: 75 minutes of outage (99.8320%), its P1 answered in 5 minutes.
    const jan = await report('P1', 'OUTAGE', '2026-01-10T10:00:00Z');
    await move(jan, 'ACKNOWLEDGED', '2026-01-10T10:05:00Z');
    await move(jan, 'RESOLVED', '2026-01-10T11:15:00Z');
    // March: 30 minutes of outage (99.9328% of March's 743 hours), its P1 answered after 20 minutes (breached).
    const mar = await report('P1', 'OUTAGE', '2026-03-12T08:00:00Z');
    await move(mar, 'ACKNOWLEDGED', '2026-03-12T08:20:00Z');
    await move(mar, 'RESOLVED', '2026-03-12T08:30:00Z');
    // April: API calls, 99.6% good.
    at('2026-04-30T00:00:00Z');
    const ratio = (await t.ok(`query($id: ID!) { node(id: $id) { ... on AgreementRevision { objectives { id metric } } } }`, { id: revisionId }, w.admin)).node.objectives.find((o: any) => o.metric === 'RATIO').id;
    const points = [0, 1, 2].map((d) => ({ objective: ratio, at: new Date(Date.UTC(2026, 3, 10 + d)).toISOString(), good: 996, total: 1000 }));
    expect((await t.ok(RECORD, { input: { batchKey: 'april', points } }, w.admin)).measurementsRecord.userErrors).toEqual([]);

    // July: the account manager drafts tighter terms and asks what they would have cost.
    at('2026-07-10T12:00:00Z');
    const draft = (await t.ok(AGREEMENT_AMEND, { id: agreementId }, w.admin)).agreementAmend.revision;
    const updated = await t.ok(
      REVISION_UPDATE,
      {
        input: {
          id: draft.id,
          version: draft.version,
          terms: {
            objectives: [
              { metric: 'AVAILABILITY', target: 99.95 },
              { metric: 'FIRST_RESPONSE_TIME', priority: 'P1', targetDuration: 'PT15M' },
              { metric: 'RATIO', target: 99.7 },
            ],
            creditPolicy: { ...TERMS.creditPolicy, tiers: [{ below: 99.95, creditPercent: 15 }, { below: 99.85, creditPercent: 25 }], perBreach: [{ metric: 'FIRST_RESPONSE_TIME', priority: 'P1', creditPercent: 7.5 }], terminationAfterConsecutiveBreaches: 2 },
          },
        },
      },
      w.admin,
    );
    expect(updated.revisionUpdate.userErrors).toEqual([]);
    const counts = async () => (await t.app.db.dataSource.query(`SELECT (SELECT count(*) FROM domain_event)::int AS events, (SELECT count(*) FROM agreement_event)::int AS history, (SELECT count(*) FROM sla_clock)::int AS clocks`))[0];
    const before = await counts();

    // The revision in force, replayed: exactly the compliance report, period by period (Jan-Jun 2026).
    const actual = (await t.ok(COMPLIANCE, { a: agreementId, from: '2026-01-01T00:00:00+01:00', to: '2026-07-01T00:00:00+02:00' }, w.admin)).complianceReport;
    const self = (await t.ok(WHAT_IF, { id: revisionId }, w.admin)).node.whatIf;
    expect(self.periods.map((p: any) => p.start)).toEqual(actual.periods.map((p: any) => p.start));
    expect(self.periods.map((p: any) => p.replayed)).toEqual(actual.periods);
    expect(self.periods.map((p: any) => p.inForce)).toEqual(actual.periods);
    expect(self.replayedTerminationRight).toEqual(actual.terminationRight);
    expect(self.inForceTerminationRight).toEqual(actual.terminationRight);
    expect(self.exposure).toEqual({ currency: 'EUR', inForce: '2500', replayed: '2500', difference: '0' });
    // The report the replay is checked against says what we expect: January 10% (tier), March 5% (one P1 breach), April 10% (its ratio met 99.5, but 99.6 is below the tier's 99.9).
    expect(actual.periods.map((p: any) => [p.status, p.credit?.amount])).toEqual([
      ['BREACHED', '1000.00'],
      ['MET', '0.00'],
      ['BREACHED', '500.00'],
      ['MET', '1000.00'],
      ['MET', '0.00'],
      ['MET', '0.00'],
    ]);

    // The draft: January 25% (99.832 below 99.85), March 15% + 7.5% (99.9328 below 99.95, one breach), April's ratio 99.6 below 99.7 and below 99.85 (tier 25%).
    const what = (await t.ok(WHAT_IF, { id: draft.id }, w.admin)).node.whatIf;
    expect(what.revision).toEqual({ number: 2, state: 'DRAFT' });
    expect(what.periods.map((p: any) => p.inForce)).toEqual(actual.periods);
    expect(what.periods.map((p: any) => [p.replayed.revision?.number, p.replayed.status, p.replayed.credit?.totalPercent, p.replayed.credit?.amount])).toEqual([
      [2, 'BREACHED', '25', '2500.00'],
      [2, 'MET', '0', '0.00'],
      [2, 'BREACHED', '22.5', '2250.00'],
      [2, 'BREACHED', '25', '2500.00'],
      [2, 'MET', '0', '0.00'],
      [2, 'MET', '0', '0.00'],
    ]);
    expect(what.periods.map((p: any) => p.credit.difference)).toEqual(['1500', '0', '1750', '1500', '0', '0']);
    expect(what.periods[3].replayed.violations).toEqual([
      expect.objectContaining({ objective: { metric: 'RATIO', priority: null }, target: '99.7', actual: '99.6000' }),
    ]);
    expect(what.exposure).toEqual({ currency: 'EUR', inForce: '2500', replayed: '7250', difference: '4750' });
    // Under the draft's rule (2 in a row) March and April give the customer the right to terminate.
    expect(what.replayedTerminationRight).toEqual({ requiredConsecutiveBreaches: 2, arises: true, period: 4, currentStreak: 0 });
    expect(what.inForceTerminationRight).toEqual({ requiredConsecutiveBreaches: 3, arises: false, period: null, currentStreak: 0 });

    // Bounded: 1 to 12 closed months; nothing was written by any of it.
    const one = (await t.ok(WHAT_IF, { id: draft.id, periods: 1 }, w.admin)).node.whatIf;
    expect(one.periods.map((p: any) => p.start)).toEqual(['2026-06-01T00:00:00.000+02:00']);
    const tooMany = await t.gql<any>(WHAT_IF, { id: draft.id, periods: 13 }, { token: w.admin });
    expect(tooMany.errors?.[0]).toMatchObject({ message: 'Replay 1 to 12 closed months.', extensions: { code: 'BAD_USER_INPUT' } });
    // Seven months reach back before the agreement: December 2025 had no revision in force, in either column.
    const seven = (await t.ok(WHAT_IF, { id: draft.id, periods: 7 }, w.admin)).node.whatIf;
    expect(seven.periods[0]).toMatchObject({ start: '2025-12-01T00:00:00.000+01:00', inForce: { status: 'NO_DATA', revision: null }, replayed: { status: 'NO_DATA', revision: null } });
    expect(await counts()).toEqual(before);
  });
  it('judges each clock again against a draft that changes a time target: 20 minutes breach PT15M and meet PT30M, 40 minutes breach both', async () => {
    at('2026-07-20T09:00:00Z');
    const w = await agreementWorld(t, 'timely');
    const signatory = await t.token(w.provider, [Role.CUSTOMER_SIGNATORY], w.customerA.id);
    const terms = { ...TERMS, title: 'Response SLA', effectiveFrom: '2026-07-31T22:00:00Z', objectives: TERMS.objectives.filter((o) => o.metric !== 'RATIO') };
    const { agreementId, revisionId } = await activeAgreement(
      t,
      w.admin,
      { kind: 'CUSTOMER_BASED', level: 'CUSTOMER', customer: w.customerA.id, services: [w.serviceMpg.id], terms },
      { customerSignatory: signatory },
    );
    at('2026-08-01T00:00:00Z');
    await t.app.jobs.revisionActivation!.runNow();
    // P1 incidents without impact (availability stays 100%), first answered after 20, 40 and 20 minutes.
    const answered = async (startedAt: string, minutes: number) => {
      at(startedAt);
      const res = await t.ok(REPORT, { input: { customer: w.customerA.id, service: w.serviceMpg.id, priority: 'P1', impact: 'NONE', title: `P1 ${startedAt}`, startedAt } }, w.admin);
      at(new Date(new Date(startedAt).getTime() + minutes * 60_000).toISOString());
      await t.ok(MOVE, { input: { id: res.incidentReport.incident.id, to: 'ACKNOWLEDGED' } }, w.admin);
    };
    await answered('2026-08-05T10:00:00Z', 20);
    await answered('2026-08-12T10:00:00Z', 40);
    await answered('2026-09-03T09:00:00Z', 20);

    // October: a draft that gives P1 thirty minutes to answer, nothing else changed.
    at('2026-10-05T12:00:00Z');
    const draft = (await t.ok(AGREEMENT_AMEND, { id: agreementId }, w.admin)).agreementAmend.revision;
    const objectives = terms.objectives.map((o) => (o.metric === 'FIRST_RESPONSE_TIME' ? { ...o, targetDuration: 'PT30M' } : o));
    const updated = await t.ok(REVISION_UPDATE, { input: { id: draft.id, version: draft.version, terms: { objectives } } }, w.admin);
    expect(updated.revisionUpdate.userErrors).toEqual([]);

    const actual = (await t.ok(COMPLIANCE, { a: agreementId, from: '2026-08-01T00:00:00+02:00', to: '2026-10-01T00:00:00+02:00' }, w.admin)).complianceReport;
    // The revision in force replayed is still exactly the report.
    const self = (await t.ok(WHAT_IF, { id: revisionId, periods: 2 }, w.admin)).node.whatIf;
    expect(self.periods.map((p: any) => p.replayed)).toEqual(actual.periods);
    expect(self.exposure).toEqual({ currency: 'EUR', inForce: '1500', replayed: '1500', difference: '0' });

    const what = (await t.ok(WHAT_IF, { id: draft.id, periods: 2 }, w.admin)).node.whatIf;
    expect(what.periods.map((p: any) => p.inForce)).toEqual(actual.periods);
    const frt = (p: any) => p.objectives.find((o: any) => o.objective.metric === 'FIRST_RESPONSE_TIME');
    // In force (PT15M): all three breached. The draft (PT30M): the 20-minute answers met, the 40-minute one still breached.
    expect(what.periods.map((p: any) => [frt(p.inForce).objective.targetDuration, frt(p.inForce).status, frt(p.inForce).clocksMet, frt(p.inForce).clocksBreached])).toEqual([
      ['PT15M', 'BREACHED', 0, 2],
      ['PT15M', 'BREACHED', 0, 1],
    ]);
    expect(what.periods.map((p: any) => [frt(p.replayed).objective.targetDuration, frt(p.replayed).status, frt(p.replayed).clocksMet, frt(p.replayed).clocksBreached])).toEqual([
      ['PT30M', 'BREACHED', 1, 1],
      ['PT30M', 'MET', 1, 0],
    ]);
    // 5% of the fee per P1 breach: August 10% in force, 5% under the draft; September 5% in force, nothing under the draft.
    expect(what.periods.map((p: any) => [p.inForce.credit.amount, p.replayed.credit.amount, p.credit.difference])).toEqual([
      ['1000.00', '500.00', '-500'],
      ['500.00', '0.00', '-500'],
    ]);
    expect(what.periods.map((p: any) => p.replayed.credit.perBreach)).toEqual([[expect.objectContaining({ metric: 'FIRST_RESPONSE_TIME', priority: 'P1', count: 1 })], []]);
    expect(what.periods.map((p: any) => p.inForce.violations.map((v: any) => [v.objective.metric, v.target]))).toEqual([[['FIRST_RESPONSE_TIME', 'PT15M']], [['FIRST_RESPONSE_TIME', 'PT15M']]]);
    expect(what.periods.map((p: any) => p.replayed.violations.map((v: any) => [v.objective.metric, v.target]))).toEqual([[['FIRST_RESPONSE_TIME', 'PT30M']], []]);
    expect(what.periods.map((p: any) => p.replayed.status)).toEqual(['BREACHED', 'MET']);
    expect(what.exposure).toEqual({ currency: 'EUR', inForce: '1500', replayed: '500', difference: '-1000' });
  });
});
