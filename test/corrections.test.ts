import { FixedClock } from '../src/common/clock';
import { Role } from '../src/common/roles';
import { activeAgreement, agreementWorld, type AgreementWorld } from './support/agreement-fixtures';
import { describeOnBothDatabases } from './support/both-databases';
import { TestApp } from './support/test-app';

/** Corrections with a reason (issue 13, part 4), through the API, on PostgreSQL and on the embedded database. */

const REPORT = `mutation($input: IncidentReportInput!) { incidentReport(input: $input) { incident { id } userErrors { code field message } } }`;
const MOVE = `mutation($input: IncidentTransitionInput!) { incidentTransition(input: $input) { userErrors { code field message } } }`;
const EXCLUDE = `mutation($input: ExclusionRecordInput!) { exclusionRecord(input: $input) {
  correction { id kind metric priority reason note status recordedBy decidedBy windowStart windowEnd incident { title } objective { metric } } userErrors { code field message } } }`;
const CORRECT_TIMES = `mutation($input: IncidentTimesCorrectInput!) { incidentTimesCorrect(input: $input) {
  correction { id kind status reason times { before { startedAt acknowledgedAt resolvedAt } after { startedAt acknowledgedAt resolvedAt } } } userErrors { code field message } } }`;
const APPROVE = `mutation($id: ID!) { correctionApprove(input: { id: $id, note: "Agreed" }) { correction { status decidedBy decisionNote } userErrors { code field message } } }`;
const REJECT = `mutation($id: ID!) { correctionReject(input: { id: $id }) { correction { status } userErrors { code field message } } }`;
const SEPTEMBER = `query($a: ID!) {
  complianceReport(agreement: $a, from: "2026-09-01T00:00:00+02:00", to: "2026-10-01T00:00:00+02:00") { periods {
    objectives { objective { metric } status attainedPercent clocksMet clocksBreached } credit { amount } } } }`;
const HISTORY = `query($a: ID!) { node(id: $a) { ... on Agreement { corrections(first: 10) { totalCount nodes { kind reason note status recordedBy } }
  statements { nodes { periodStart credit { amount } adjustments { cause { kind subjectId description } creditDifference { amount } } } }
  creditLedger { total { amount } } } } }`;

describeOnBothDatabases('corrections with a reason', (db) => {
  const clock = new FixedClock(new Date('2026-08-20T09:00:00Z'));
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ clock, env: db.env });
  });
  afterAll(() => t.stop());

  const at = (iso: string) => clock.set(new Date(iso));

  /** Alpha Bank's SLA from September 2026: availability 99.9% (25% below), first response P1 in 15 minutes (5% per breach); reasons MAINTENANCE and CUSTOMER_CAUSED. */
  async function world(slug: string, approval: boolean): Promise<{ w: AgreementWorld; agreementId: string; signatory: string; objectives: Record<string, string> }> {
    at('2026-08-20T09:00:00Z');
    const w = await agreementWorld(t, slug);
    const signatory = await t.token(w.provider, [Role.CUSTOMER_SIGNATORY], w.customerA.id);
    const { agreementId } = await activeAgreement(
      t,
      w.admin,
      {
        kind: 'CUSTOMER_BASED',
        level: 'CUSTOMER',
        customer: w.customerA.id,
        services: [w.serviceMpg.id],
        terms: {
          title: 'Alpha Bank SLA',
          effectiveFrom: '2026-08-31T22:00:00Z',
          objectives: [
            { metric: 'AVAILABILITY', target: 99.9 },
            { metric: 'FIRST_RESPONSE_TIME', priority: 'P1', targetDuration: 'PT15M' },
          ],
          creditPolicy: { currency: 'EUR', periodFee: '35000.00', tiers: [{ below: 99.9, creditPercent: 25 }], perBreach: [{ metric: 'FIRST_RESPONSE_TIME', priority: 'P1', creditPercent: 5 }] },
          settlement: { statementGracePeriod: 'P2D', correctionReasons: ['MAINTENANCE', 'CUSTOMER_CAUSED'], correctionsNeedCustomerApproval: approval },
        },
      },
      { customerSignatory: signatory },
    );
    at('2026-09-01T00:00:00Z');
    await t.app.jobs.revisionActivation!.runNow();
    await t.app.jobs.runDue();
    const revision = (await t.ok(`query($a: ID!) { node(id: $a) { ... on Agreement { currentRevision { objectives { id metric } } } } }`, { a: agreementId }, w.admin)).node.currentRevision;
    const objectives = Object.fromEntries(revision.objectives.map((o: any) => [o.metric, o.id]));
    return { w, agreementId, signatory, objectives };
  }

  /** A P1 outage reported at `start`, first responded to at `ack`, resolved at `end`. */
  async function outage(w: AgreementWorld, title: string, start: string, ack: string, end: string): Promise<string> {
    at(start);
    const id = (await t.ok(REPORT, { input: { customer: w.customerA.id, service: w.serviceMpg.id, priority: 'P1', impact: 'OUTAGE', title, startedAt: start } }, w.admin)).incidentReport.incident.id;
    at(ack);
    await t.ok(MOVE, { input: { id, to: 'ACKNOWLEDGED' } }, w.admin);
    at(end);
    await t.ok(MOVE, { input: { id, to: 'RESOLVED' } }, w.admin);
    return id;
  }

  const september = async (token: string, agreementId: string) => {
    const [p] = (await t.ok(SEPTEMBER, { a: agreementId }, token)).complianceReport.periods;
    return { credit: p.credit?.amount ?? null, objectives: Object.fromEntries(p.objectives.map((o: any) => [o.objective.metric, [o.status, o.attainedPercent, o.clocksBreached]])) };
  };

  it('excludes an incident from one objective, then from all, with a reason the terms allow; reports follow at once; after the close it is an adjustment', async () => {
    const { w, agreementId, objectives } = await world('exclude-co', false);
    const incident = await outage(w, 'Customer firewall change', '2026-09-10T10:00:00Z', '2026-09-10T10:30:00Z', '2026-09-10T13:00:00Z');
    at('2026-09-20T08:00:00Z');
    // 3 h down (99.5833% < 99.9%: 25%) and a missed P1 response (5%): 30% of 35,000.00.
    expect(await september(w.admin, agreementId)).toEqual({ credit: null, objectives: { AVAILABILITY: ['BREACHED', '99.5833', 0], FIRST_RESPONSE_TIME: ['BREACHED', '0.0000', 1] } });

    // A reason the terms do not allow is refused, naming the field; nothing is recorded.
    const refused = await t.ok(EXCLUDE, { input: { agreement: agreementId, incident, reason: 'THIRD_PARTY', note: 'Their network' } }, w.admin);
    expect(refused.exclusionRecord).toEqual({ correction: null, userErrors: [{ code: 'NOT_ALLOWED', field: ['input', 'reason'], message: expect.stringContaining('MAINTENANCE, CUSTOMER_CAUSED') }] });
    // Neither an incident nor a window; both; a window that ends before it starts: each names its field.
    expect((await t.ok(EXCLUDE, { input: { agreement: agreementId, reason: 'MAINTENANCE', note: 'x' } }, w.admin)).exclusionRecord.userErrors).toEqual([
      { code: 'INVALID_INPUT', field: ['input', 'incident'], message: expect.any(String) },
    ]);
    expect(
      (await t.ok(EXCLUDE, { input: { agreement: agreementId, windowStart: '2026-09-10T10:00:00Z', windowEnd: '2026-09-10T09:00:00Z', reason: 'MAINTENANCE', note: 'x' } }, w.admin)).exclusionRecord
        .userErrors,
    ).toEqual([{ code: 'INVALID_INPUT', field: ['input', 'windowEnd'], message: expect.any(String) }]);
    expect((await t.ok(HISTORY, { a: agreementId }, w.admin)).node.corrections.totalCount).toBe(0);

    // From availability only: the response breach still counts.
    const one = await t.ok(EXCLUDE, { input: { agreement: agreementId, objective: objectives.AVAILABILITY, incident, reason: 'CUSTOMER_CAUSED', note: 'Change CHG-17 on their firewall.' } }, w.admin);
    expect(one.exclusionRecord).toEqual({
      correction: {
        id: expect.any(String),
        kind: 'EXCLUDE_INCIDENT',
        metric: 'AVAILABILITY',
        priority: null,
        reason: 'CUSTOMER_CAUSED',
        note: 'Change CHG-17 on their firewall.',
        status: 'EFFECTIVE',
        recordedBy: expect.stringContaining('provider_admin'),
        decidedBy: expect.stringContaining('provider_admin'),
        windowStart: null,
        windowEnd: null,
        incident: { title: 'Customer firewall change' },
        objective: { metric: 'AVAILABILITY' },
      },
      userErrors: [],
    });
    expect(await september(w.admin, agreementId)).toEqual({ credit: null, objectives: { AVAILABILITY: ['MET', '100.0000', 0], FIRST_RESPONSE_TIME: ['BREACHED', '0.0000', 1] } });

    // September closes at 5% (1,750.00).
    at('2026-10-03T00:00:00Z');
    await t.app.jobs.runDue();
    expect((await september(w.admin, agreementId)).credit).toBe('1750.00');
    // Excluded from every objective after the close: the statement stays, an adjustment of -1,750.00 records it, with the correction as cause.
    at('2026-10-04T09:00:00Z');
    const all = await t.ok(EXCLUDE, { input: { agreement: agreementId, incident, reason: 'CUSTOMER_CAUSED', note: 'Their change caused the late response too.' } }, w.admin);
    expect(all.exclusionRecord.correction).toMatchObject({ metric: null, objective: null, status: 'EFFECTIVE' });
    expect(await september(w.admin, agreementId)).toEqual({ credit: '0.00', objectives: { AVAILABILITY: ['MET', '100.0000', 0], FIRST_RESPONSE_TIME: ['NO_DATA', null, 0] } });
    await t.app.jobs.runDue();
    const history = (await t.ok(HISTORY, { a: agreementId }, w.admin)).node;
    expect(history.statements.nodes).toEqual([
      {
        periodStart: '2026-08-31T22:00:00.000Z',
        credit: { amount: '1750.00' },
        adjustments: [{ cause: { kind: 'CORRECTION', subjectId: all.exclusionRecord.correction.id, description: expect.stringContaining('Their change') }, creditDifference: { amount: '-1750.00' } }],
      },
    ]);
    expect(history.creditLedger.total).toEqual({ amount: '0.00' });
    // The history: both corrections, latest first, who and why.
    expect(history.corrections).toEqual({
      totalCount: 2,
      nodes: [
        { kind: 'EXCLUDE_INCIDENT', reason: 'CUSTOMER_CAUSED', note: 'Their change caused the late response too.', status: 'EFFECTIVE', recordedBy: expect.any(String) },
        { kind: 'EXCLUDE_INCIDENT', reason: 'CUSTOMER_CAUSED', note: 'Change CHG-17 on their firewall.', status: 'EFFECTIVE', recordedBy: expect.any(String) },
      ],
    });
    // The database keeps corrections as they were.
    await expect(t.app.db.dataSource.query(`UPDATE correction SET note = 'rewritten'`)).rejects.toThrow(/can no longer change/);
    await expect(t.app.db.dataSource.query(`DELETE FROM correction`)).rejects.toThrow(/never deleted/);
  });

  it("corrects an incident's recorded times with a reason: its clocks and the reports follow at once; a time out of order names its field", async () => {
    const { w, agreementId } = await world('times-co', false);
    const incident = await outage(w, 'Late acknowledgement', '2026-09-20T10:00:00Z', '2026-09-20T10:40:00Z', '2026-09-20T11:00:00Z');
    at('2026-09-22T08:00:00Z');
    const before = await september(w.admin, agreementId);
    expect(before.objectives.FIRST_RESPONSE_TIME).toEqual(['BREACHED', '0.0000', 1]);
    const correct = (input: Record<string, unknown>) => t.ok(CORRECT_TIMES, { input: { incident, reason: 'MAINTENANCE', note: 'The pager log shows the response at 10:10.', ...input } }, w.admin);
    // After the resolution, in the future, or for a time the incident never had: refused, naming the field.
    expect((await correct({ acknowledgedAt: '2026-09-20T11:30:00Z' })).incidentTimesCorrect.userErrors).toEqual([{ code: 'INVALID_INPUT', field: ['input', 'acknowledgedAt'], message: expect.any(String) }]);
    expect((await correct({ resolvedAt: '2026-09-23T00:00:00Z' })).incidentTimesCorrect.userErrors).toEqual([{ code: 'INVALID_INPUT', field: ['input', 'resolvedAt'], message: expect.stringContaining('future') }]);
    expect((await correct({ acknowledgedAt: '2026-09-20T10:10:00Z', reason: 'FORCE_MAJEURE' })).incidentTimesCorrect.userErrors).toEqual([{ code: 'NOT_ALLOWED', field: ['input', 'reason'], message: expect.any(String) }]);

    const done = await correct({ acknowledgedAt: '2026-09-20T10:10:00Z' });
    expect(done.incidentTimesCorrect).toEqual({
      correction: {
        id: expect.any(String),
        kind: 'INCIDENT_TIMES',
        status: 'EFFECTIVE',
        reason: 'MAINTENANCE',
        times: {
          before: { startedAt: '2026-09-20T10:00:00.000Z', acknowledgedAt: '2026-09-20T10:40:00.000Z', resolvedAt: '2026-09-20T11:00:00.000Z' },
          after: { startedAt: '2026-09-20T10:00:00.000Z', acknowledgedAt: '2026-09-20T10:10:00.000Z', resolvedAt: '2026-09-20T11:00:00.000Z' },
        },
      },
      userErrors: [],
    });
    const read = await t.ok(`query($id: ID!) { incident(id: $id) { acknowledgedAt clocks { metric state } } }`, { id: incident }, w.admin);
    expect(read.incident).toEqual({ acknowledgedAt: '2026-09-20T10:10:00.000Z', clocks: [{ metric: 'FIRST_RESPONSE_TIME', state: 'MET' }] });
    expect((await september(w.admin, agreementId)).objectives.FIRST_RESPONSE_TIME).toEqual(['MET', '100.0000', 0]);
    // The start moves the downtime with it: an hour down from 10:30 instead of 10:00.
    const later = await correct({ startedAt: '2026-09-20T10:05:00Z', note: 'Monitoring saw it at 10:05.' });
    expect(later.incidentTimesCorrect.userErrors).toEqual([]);
    expect((await september(w.admin, agreementId)).objectives.AVAILABILITY).toEqual(['BREACHED', '99.8727', 0]);
    // Nobody moves a time of the timeline without a correction.
    await expect(t.app.db.dataSource.query(`UPDATE incident_event SET at = at - interval '1 minute'`)).rejects.toThrow(/append-only/);
  });

  it("waits for the customer's approval when the terms say so; only the customer's signatory decides, once", async () => {
    const { w, agreementId, signatory } = await world('approve-co', true);
    await outage(w, 'Storm', '2026-09-12T10:00:00Z', '2026-09-12T10:05:00Z', '2026-09-12T12:00:00Z');
    at('2026-09-15T08:00:00Z');
    const window = { agreement: agreementId, windowStart: '2026-09-12T09:00:00Z', windowEnd: '2026-09-12T13:00:00Z', reason: 'MAINTENANCE', note: 'Emergency maintenance agreed by phone.' };
    const pending = (await t.ok(EXCLUDE, { input: window }, w.admin)).exclusionRecord.correction;
    expect(pending).toMatchObject({ kind: 'EXCLUDE_WINDOW', status: 'PENDING_APPROVAL', decidedBy: null });
    // It does not count yet.
    expect((await september(w.admin, agreementId)).objectives.AVAILABILITY[0]).toBe('BREACHED');
    // Provider staff cannot approve for the customer; another customer's signatory does not see it.
    expect((await t.gql(APPROVE, { id: pending.id }, { token: w.admin })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const signatoryB = await t.token(w.provider, [Role.CUSTOMER_SIGNATORY], w.customerB.id);
    expect((await t.ok(APPROVE, { id: pending.id }, signatoryB)).correctionApprove.userErrors).toEqual([{ code: 'NOT_FOUND', field: ['input', 'id'], message: expect.any(String) }]);
    // The customer sees it in the history, and approves it: it counts from now.
    expect((await t.ok(HISTORY, { a: agreementId }, signatory)).node.corrections.nodes).toEqual([expect.objectContaining({ status: 'PENDING_APPROVAL' })]);
    const approved = await t.ok(APPROVE, { id: pending.id }, signatory);
    expect(approved.correctionApprove).toEqual({ correction: { status: 'EFFECTIVE', decidedBy: expect.stringContaining('customer_signatory'), decisionNote: 'Agreed' }, userErrors: [] });
    expect(await september(w.admin, agreementId)).toMatchObject({ objectives: { AVAILABILITY: ['MET', '100.0000', 0] } });
    // Approving again changes nothing; rejecting now is refused.
    expect((await t.ok(APPROVE, { id: pending.id }, signatory)).correctionApprove.correction.status).toBe('EFFECTIVE');
    expect((await t.ok(REJECT, { id: pending.id }, signatory)).correctionReject.userErrors).toEqual([{ code: 'INVALID_STATE', field: ['input', 'id'], message: expect.any(String) }]);
    // A rejected correction never counts.
    const second = (await t.ok(EXCLUDE, { input: { ...window, windowStart: '2026-09-01T00:00:00Z', windowEnd: '2026-09-02T00:00:00Z', note: 'Another' } }, w.admin)).exclusionRecord.correction;
    expect((await t.ok(REJECT, { id: second.id }, signatory)).correctionReject).toEqual({ correction: { status: 'REJECTED' }, userErrors: [] });
  });
});
