import { FixedClock } from '../src/common/clock';
import { activeAgreement, agreementWorld, type AgreementWorld } from './support/agreement-fixtures';
import { describeOnBothDatabases } from './support/both-databases';
import { TestApp } from './support/test-app';

/**
 * Rolling windows, time slices and daily and weekly series, as a client reads them (provider in
 * Europe/Berlin; summer time starts on Sunday 2026-03-29 at 02:00 local, 01:00 UTC).
 */
const INCIDENT = `mutation($input: IncidentReportInput!) { incidentReport(input: $input) { incident { id } userErrors { message } } }`;
const MOVE = `mutation($input: IncidentTransitionInput!) { incidentTransition(input: $input) { userErrors { message } } }`;
const RECORD = `mutation($input: MeasurementsRecordInput!) { measurementsRecord(input: $input) { accepted userErrors { code field message } } }`;
const STANDING = `status attainedPercent errorBudget { unit allowed consumed remaining burnRate exceeded } slices { inWindow judged bad }`;
const SERIES = `query($a: ID!, $from: DateTime!, $to: DateTime!, $g: Granularity!) {
  complianceReport(agreement: $a, from: $from, to: $to, granularity: $g) {
    granularity terminationRight { arises }
    periods { label start end status credit { amount }
      objectives { objective { metric } ${STANDING} rollingWindow { label start end standing { ${STANDING} } } } }
  }
}`;
const CURRENT = `query($id: ID!) { node(id: $id) { ... on AgreementRevision { objectives {
  metric window { kind days } budgeting { method sliceDuration sliceTarget }
  currentWindow { label start end standing { ${STANDING} } } } } } }`;

describeOnBothDatabases('rolling windows and time slices', (db) => {
  const clock = new FixedClock(new Date('2026-01-20T09:00:00Z'));
  let t: TestApp;
  let w: AgreementWorld;
  let rolling: { agreementId: string; revisionId: string };
  let sliced: { agreementId: string; revisionId: string };

  beforeAll(async () => {
    t = await TestApp.start({ clock, env: db.env });
    w = await agreementWorld(t);
    const agreement = (title: string, objectives: unknown[], creditPolicy: unknown = null) =>
      activeAgreement(t, w.admin, {
        kind: 'SERVICE_BASED',
        level: 'SERVICE',
        services: [w.serviceMpg.id],
        // Midnight of 1 February in Berlin.
        terms: { title, effectiveFrom: '2026-01-31T23:00:00Z', objectives, creditPolicy },
      });
    rolling = await agreement(
      'Rolling availability, sliced ratio',
      [
        { metric: 'AVAILABILITY', target: 99.9, window: { kind: 'ROLLING_DAYS', duration: 'P28D' } },
        { metric: 'RATIO', target: 99, budgeting: { method: 'TIMESLICES', sliceDuration: 'PT1M', sliceTarget: 99 } },
      ],
      { currency: 'EUR', periodFee: '1000.00', tiers: [{ below: 99.99, creditPercent: 10 }], perBreach: [] },
    );
    sliced = await agreement('Sliced availability', [
      { metric: 'AVAILABILITY', target: 99, window: { kind: 'ROLLING_DAYS', days: 7 }, budgeting: { method: 'TIMESLICES', sliceDuration: 'PT5M', sliceTarget: 80 } },
    ]);
    clock.set(new Date('2026-02-01T00:00:00Z'));
    await t.app.jobs.revisionActivation!.runNow();

    // Two outages on the day summer time starts: 10:04-10:06 UTC cuts the five-minute slices
    // 10:00-10:05 and 10:05-10:10 to exactly 80% up each (good: at the target); 12:00-12:02 leaves
    // 60% of its slice up (bad). Four minutes of downtime in all.
    const outage = async (from: string, to: string) => {
      clock.set(new Date(from));
      const id = (await t.ok(INCIDENT, { input: { customer: w.customerA.id, service: w.serviceMpg.id, priority: 'P2', impact: 'OUTAGE', title: `Down ${from}`, startedAt: from } }, w.admin)).incidentReport.incident.id;
      clock.set(new Date(to));
      await t.ok(MOVE, { input: { id, to: 'RESOLVED' } }, w.admin);
    };
    await outage('2026-03-29T10:04:00Z', '2026-03-29T10:06:00Z');
    await outage('2026-03-29T12:00:00Z', '2026-03-29T12:02:00Z');

    // Ratio measurements in three minutes of the same day: 99.0% (exactly the slice target: good),
    // 98.9% (bad), and two points that together make 98.0% (bad). Every other minute has no data.
    const revision = (await t.ok(CURRENT, { id: rolling.revisionId }, w.admin)).node;
    const ratio = (await t.ok(`query($id: ID!) { node(id: $id) { ... on AgreementRevision { objectives { id metric } } } }`, { id: rolling.revisionId }, w.admin)).node.objectives.find(
      (o: any) => o.metric === 'RATIO',
    ).id;
    expect(revision.objectives.map((o: any) => [o.metric, o.window, o.budgeting])).toEqual([
      ['AVAILABILITY', { kind: 'ROLLING_DAYS', days: 28 }, { method: 'OCCURRENCES', sliceDuration: null, sliceTarget: null }],
      ['RATIO', { kind: 'CALENDAR_MONTH', days: null }, { method: 'TIMESLICES', sliceDuration: 'PT1M', sliceTarget: 99 }],
    ]);
    const points = [
      { at: '2026-03-29T10:00:10Z', good: 990, total: 1000 },
      { at: '2026-03-29T10:01:10Z', good: 989, total: 1000 },
      { at: '2026-03-29T10:02:00Z', good: 500, total: 500 },
      { at: '2026-03-29T10:02:59.999Z', good: 480, total: 500 },
    ].map((p) => ({ ...p, objective: ratio }));
    expect((await t.ok(RECORD, { input: { batchKey: 'march-29', points } }, w.admin)).measurementsRecord).toMatchObject({ accepted: 4, userErrors: [] });
    clock.set(new Date('2026-03-31T10:00:30Z'));
  });
  afterAll(() => t.stop());

  it('cuts a daily series at local midnight, with local labels and bounds, and the rolling window ending with each day', async () => {
    const { complianceReport: r } = await t.ok(SERIES, { a: rolling.agreementId, from: '2026-03-28T00:00:00+01:00', to: '2026-03-30T00:00:00+02:00', g: 'DAY' }, w.admin);
    expect(r.periods.map((p: any) => [p.label, p.start, p.end])).toEqual([
      ['2026-03-28', '2026-03-28T00:00:00.000+01:00', '2026-03-29T00:00:00.000+01:00'],
      ['2026-03-29', '2026-03-29T00:00:00.000+01:00', '2026-03-30T00:00:00.000+02:00'],
    ]);
    // Days carry no credit and no termination right, even under a credit policy.
    expect(r.terminationRight).toBeNull();
    expect(r.periods.map((p: any) => p.credit)).toEqual([null, null]);

    const [saturday, sunday] = r.periods.map((p: any) => Object.fromEntries(p.objectives.map((o: any) => [o.objective.metric, o])));
    // Sunday has 23 hours (82,800 s); 4 minutes down: 99.7101%, over its own 0.1% (82.8 s).
    expect(sunday.AVAILABILITY).toMatchObject({ status: 'BREACHED', attainedPercent: '99.7101', errorBudget: { unit: 'MILLISECONDS', allowed: '82800', consumed: '240000' }, slices: null });
    // ...but the 28 x 24 hours ending with Sunday (local midnight of Monday, summer time) allow 2,419.2 s: 240 s used.
    expect(sunday.AVAILABILITY.rollingWindow).toEqual({
      label: 'P28D/2026-03-30T00:00:00.000+02:00',
      start: '2026-03-01T23:00:00.000+01:00',
      end: '2026-03-30T00:00:00.000+02:00',
      standing: {
        status: 'MET',
        attainedPercent: '99.9901',
        errorBudget: { unit: 'MILLISECONDS', allowed: '2419200', consumed: '240000', remaining: '2179200', burnRate: '0.0992', exceeded: false },
        slices: null,
      },
    });
    expect(saturday.AVAILABILITY).toMatchObject({ status: 'MET', errorBudget: { consumed: '0' }, rollingWindow: { label: 'P28D/2026-03-29T00:00:00.000+01:00', standing: { errorBudget: { consumed: '0' } } } });
    // Ratio by minute slices: three minutes with data, one good (exactly 99%), two bad; the others are not judged.
    expect(sunday.RATIO).toMatchObject({
      status: 'BREACHED',
      attainedPercent: '33.3333',
      errorBudget: { unit: 'SLICES', allowed: '0.03', consumed: '2', exceeded: true },
      slices: { inWindow: 3, judged: 3, bad: 2 },
      rollingWindow: null,
    });
    expect(saturday.RATIO).toMatchObject({ status: 'NO_DATA', attainedPercent: null, slices: { inWindow: 0, judged: 0, bad: 0 } });
  });

  it('cuts ISO weeks from Monday, and keeps credits per calendar month', async () => {
    const week = (await t.ok(SERIES, { a: rolling.agreementId, from: '2026-03-29T12:00:00+02:00', to: '2026-03-29T13:00:00+02:00', g: 'WEEK' }, w.admin)).complianceReport;
    expect(week.periods.map((p: any) => [p.label, p.start, p.end, p.credit])).toEqual([['2026-W13', '2026-03-23T00:00:00.000+01:00', '2026-03-30T00:00:00.000+02:00', null]]);

    const months = (await t.ok(SERIES, { a: rolling.agreementId, from: '2026-02-01T00:00:00+01:00', to: '2026-04-01T00:00:00+02:00', g: 'MONTH' }, w.admin)).complianceReport;
    expect(months.periods.map((p: any) => [p.label, p.start, p.credit])).toEqual([
      ['2026-02', '2026-02-01T00:00:00.000+01:00', { amount: '0.00' }],
      // March is still running: no credit yet.
      ['2026-03', '2026-03-01T00:00:00.000+01:00', null],
    ]);
    // The rolling objective's month is judged on the month (the credit's basis); its rolling window ends now.
    const march = Object.fromEntries(months.periods[1].objectives.map((o: any) => [o.objective.metric, o]));
    expect(march.AVAILABILITY.rollingWindow).toMatchObject({ label: 'P28D/2026-03-31T12:00:30.000+02:00', end: '2026-03-31T12:00:30.000+02:00', standing: { errorBudget: { consumed: '240000' } } });

    const ledger = await t.gql(`query($a: ID!) { creditLedger(agreement: $a, from: "2026-02-01T00:00:00+01:00", to: "2026-04-01T00:00:00+02:00", granularity: DAY) { label } }`, { a: rolling.agreementId }, { token: w.admin });
    expect(ledger.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: ['granularity'] } });
    const monthly = await t.ok(`query($a: ID!) { creditLedger(agreement: $a, from: "2026-02-01T00:00:00+01:00", to: "2026-04-01T00:00:00+02:00") { label start credit { amount } } }`, { a: rolling.agreementId }, w.admin);
    expect(monthly.creditLedger).toEqual([{ label: '2026-02', start: '2026-02-01T00:00:00.000+01:00', credit: { amount: '0.00' } }]);
  });

  it('gives each objective its error budget over its own window ending now', async () => {
    const objectives = (await t.ok(CURRENT, { id: rolling.revisionId }, w.admin)).node.objectives;
    expect(objectives.map((o: any) => [o.metric, o.currentWindow])).toEqual([
      [
        'AVAILABILITY',
        {
          label: 'P28D/2026-03-31T12:00:30.000+02:00',
          start: '2026-03-03T11:00:30.000+01:00',
          end: '2026-03-31T12:00:30.000+02:00',
          standing: {
            status: 'MET',
            attainedPercent: '99.9901',
            errorBudget: { unit: 'MILLISECONDS', allowed: '2419200', consumed: '240000', remaining: '2179200', burnRate: '0.0992', exceeded: false },
            slices: null,
          },
        },
      ],
      [
        'RATIO',
        {
          label: '2026-03',
          start: '2026-03-01T00:00:00.000+01:00',
          end: '2026-04-01T00:00:00.000+02:00',
          standing: { status: 'BREACHED', attainedPercent: '33.3333', errorBudget: { unit: 'SLICES', allowed: '0.03', consumed: '2', remaining: '-1.97', burnRate: '66.6667', exceeded: true }, slices: { inWindow: 3, judged: 3, bad: 2 } },
        },
      ],
    ]);

    // Seven days of five-minute slices ending at the start of the slice under way (10:00 UTC): 2,016
    // slices, 99% allows 20.16; the slices at exactly 80% up are good, the one at 60% is bad.
    const [availability] = (await t.ok(CURRENT, { id: sliced.revisionId }, w.admin)).node.objectives;
    expect(availability).toMatchObject({ budgeting: { method: 'TIMESLICES', sliceDuration: 'PT5M', sliceTarget: 80 } });
    expect(availability.currentWindow).toEqual({
      label: 'P7D/2026-03-31T12:00:00.000+02:00',
      start: '2026-03-24T11:00:00.000+01:00',
      end: '2026-03-31T12:00:00.000+02:00',
      standing: {
        status: 'MET',
        attainedPercent: '99.9504',
        errorBudget: { unit: 'SLICES', allowed: '20.16', consumed: '1', remaining: '19.16', burnRate: '0.0496', exceeded: false },
        slices: { inWindow: 2016, judged: 2016, bad: 1 },
      },
    });
  });

  it('judges a day of five-minute slices as they end', async () => {
    clock.set(new Date('2026-03-29T12:07:00Z'));
    try {
      const { complianceReport: r } = await t.ok(SERIES, { a: sliced.agreementId, from: '2026-03-29T00:00:00+01:00', to: '2026-03-30T00:00:00+02:00', g: 'DAY' }, w.admin);
      const [day] = r.periods;
      // 23 hours = 276 slices; by 12:07 UTC (14:07 local, 13 h 07 min after local midnight) 157 have
      // ended, among them the bad one of 12:00; the slice 12:05-12:10 is under way and not judged yet.
      expect(day.objectives[0]).toMatchObject({ slices: { inWindow: 276, judged: 157, bad: 1 }, errorBudget: { unit: 'SLICES', allowed: '2.76', consumed: '1' } });
    } finally {
      clock.set(new Date('2026-03-31T10:00:30Z'));
    }
  });

  it('refuses time slices where there is no good share to slice, naming the field', async () => {
    const res = await t.ok(
      `mutation($input: AgreementCreateInput!) { agreementCreate(input: $input) { userErrors { code field } } }`,
      {
        input: {
          kind: 'SERVICE_BASED',
          level: 'SERVICE',
          services: [w.serviceMpg.id],
          terms: { title: 'Bad', objectives: [{ metric: 'SATISFACTION', target: 4.2, budgeting: { method: 'TIMESLICES', sliceDuration: 'PT1M', sliceTarget: 90 } }, { metric: 'RATIO', target: 99, budgeting: { method: 'TIMESLICES', sliceDuration: 'PT7M', sliceTarget: 90 } }] },
        },
      },
      w.admin,
    );
    expect(res.agreementCreate.userErrors).toEqual([
      { code: 'INVALID_INPUT', field: ['input', 'terms', 'objectives', '0', 'budgeting', 'method'] },
      { code: 'INVALID_INPUT', field: ['input', 'terms', 'objectives', '1', 'budgeting', 'sliceDuration'] },
    ]);
  });
});
