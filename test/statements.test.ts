import { FixedClock } from '../src/common/clock';
import { Role } from '../src/common/roles';
import { closeDueStatements } from '../src/domain/settlement/statement-close.service';
import { activeAgreement, agreementWorld, type AgreementWorld } from './support/agreement-fixtures';
import { describeOnBothDatabases } from './support/both-databases';
import { TestApp } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';

/**
 * Statements, adjustments and the credit ledger (issue 13, parts 2 and 3), through the API as a
 * client sees them, on PostgreSQL and on the embedded database.
 */

const REPORT = `mutation($input: IncidentReportInput!) { incidentReport(input: $input) { incident { id } userErrors { code field message } } }`;
const MOVE = `mutation($input: IncidentTransitionInput!) { incidentTransition(input: $input) { userErrors { code field message } } }`;
const STATEMENTS = `query($a: ID!) { node(id: $a) { ... on Agreement {
  statements(first: 10) { totalCount nodes { id periodStart periodEnd periodStatus status issuedAt acceptedBy credit { amount currency } revision { number }
    figures { status objectives { metric status attainedPercent errorBudget { consumed } } credit { tierBelow totalPercent amount explanation } }
    terminationRight { requiredConsecutiveBreaches arises currentStreak }
    violations { id rule actual consequence objective { metric } statement { id } }
    adjustments { id cause { kind description subjectId } difference { statusBefore statusAfter creditBefore creditAfter creditDifference objectives { metric statusBefore statusAfter attainedBefore attainedAfter attainedDifference } } creditDifference { amount currency } carriedOn { periodStart } }
    carriedAdjustments { id statement { periodStart } creditDifference { amount } }
    carriedCredit { amount currency } } }
  creditLedger { total { amount currency } statements entries { kind periodStart amount { amount currency } } } } } }`;
const LIVE = `query($a: ID!, $from: DateTime!, $to: DateTime!) {
  complianceReport(agreement: $a, from: $from, to: $to) { periods { start credit { amount }
    settlement { statement { id } settledCredit differsFromStatement sinceStatement { creditDifference creditBefore creditAfter } sinceSettled { creditDifference } } } }
  creditLedger(agreement: $a, from: $from, to: $to) { start credit { amount } } }`;
const ACCEPT = `mutation($id: ID!) { statementAccept(input: { id: $id }) { statement { id status acceptedBy } userErrors { code field message } } }`;

describeOnBothDatabases('statements, adjustments and the credit ledger', (db) => {
  const clock = new FixedClock(new Date('2026-08-20T09:00:00Z'));
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ clock, env: db.env });
  });
  afterAll(() => t.stop());

  const at = (iso: string) => clock.set(new Date(iso));
  const statementsOf = async (token: string, agreement: string) => (await t.ok(STATEMENTS, { a: agreement }, token)).node;

  /** Alpha Bank's SLA from September 2026 (Berlin): availability 99.9%, fee 35,000.00 EUR, 25% below 99.9%, two days' grace. */
  async function world(slug: string): Promise<{ w: AgreementWorld; agreementId: string; signatory: string }> {
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
          objectives: [{ metric: 'AVAILABILITY', target: 99.9 }],
          creditPolicy: { currency: 'EUR', periodFee: '35000.00', tiers: [{ below: 99.9, creditPercent: 25 }], perBreach: [], terminationAfterConsecutiveBreaches: 2 },
          settlement: { statementGracePeriod: 'P2D' },
        },
      },
      { customerSignatory: signatory },
    );
    at('2026-09-01T00:00:00Z');
    await t.app.jobs.revisionActivation!.runNow();
    await t.app.jobs.runDue();
    return { w, agreementId, signatory };
  }

  it('closes a month into a frozen statement after the grace period, once, and issues it as an event', async () => {
    const { w, agreementId } = await world('close-co');
    // A partner's receiver subscribed to statement.issued (a real HTTP server on loopback).
    const receiver = await WebhookReceiver.start(() => 204);
    const created = await t.ok(
      `mutation($input: WebhookEndpointCreateInput!) { webhookEndpointCreate(input: $input) { webhookEndpoint { id } userErrors { code field message } } }`,
      { input: { url: receiver.url, events: ['statement.issued'], description: 'Billing bridge' } },
      w.admin,
    );
    expect(created.webhookEndpointCreate.userErrors).toEqual([]);
    // September ends on 2026-09-30T22:00Z (Berlin); two days' grace.
    at('2026-10-02T21:59:00Z');
    await t.app.jobs.runDue();
    expect((await statementsOf(w.admin, agreementId)).statements.totalCount).toBe(0);
    at('2026-10-02T22:00:00Z');
    await t.app.jobs.runDue();
    const { statements, creditLedger } = await statementsOf(w.admin, agreementId);
    expect(statements.totalCount).toBe(1);
    const [september] = statements.nodes;
    expect(september).toMatchObject({
      periodStart: '2026-08-31T22:00:00.000Z',
      periodEnd: '2026-09-30T22:00:00.000Z',
      periodStatus: 'MET',
      status: 'ISSUED',
      issuedAt: '2026-10-02T22:00:00.000Z',
      credit: { amount: '0.00', currency: 'EUR' },
      revision: { number: 1 },
      figures: { status: 'MET', objectives: [{ metric: 'AVAILABILITY', status: 'MET', attainedPercent: '100.0000', errorBudget: { consumed: '0' } }], credit: { totalPercent: '0', amount: '0.00' } },
      terminationRight: { requiredConsecutiveBreaches: 2, arises: false, currentStreak: 0 },
      violations: [],
      adjustments: [],
    });
    expect(creditLedger).toEqual({ total: { amount: '0.00', currency: 'EUR' }, statements: 1, entries: [{ kind: 'STATEMENT', periodStart: '2026-08-31T22:00:00.000Z', amount: { amount: '0.00', currency: 'EUR' } }] });
    // Issued as an event (webhook statement.issued, live event), once.
    const events: { type: string; subject_type: string; customer_id: string | null }[] = await t.app.db.dataSource.query(
      `SELECT type, subject_type, customer_id FROM domain_event WHERE agreement_id = (SELECT id FROM agreement WHERE provider_id = $1) AND type = 'statement.issued'`,
      [w.provider.id],
    );
    expect(events).toHaveLength(1);
    expect(events[0].subject_type).toBe('Statement');
    // The partner received it once, with the statement's id and figures.
    try {
      expect(receiver.requests).toHaveLength(1);
      const body = JSON.parse(receiver.requests[0].body);
      expect(body).toMatchObject({ type: 'statement.issued', data: expect.objectContaining({}) });
      expect(JSON.stringify(body.data)).toContain(september.id);
    } finally {
      await receiver.stop();
    }
    // Running the close again, directly or through the queue, issues nothing more.
    const [{ id: agreementUuid }] = await t.app.db.dataSource.query(`SELECT id FROM agreement WHERE provider_id = $1`, [w.provider.id]);
    expect(await closeDueStatements(t.context(null), agreementUuid)).toEqual([]);
    await t.app.jobs.runDue();
    expect((await statementsOf(w.admin, agreementId)).statements.totalCount).toBe(1);
    // The node is reachable by id.
    expect((await t.ok(`query($id: ID!) { node(id: $id) { ... on Statement { periodStatus } } }`, { id: september.id }, w.admin)).node).toEqual({ periodStatus: 'MET' });
  });

  it('keeps a closed statement as issued when an incident is back-filled, records the difference as an adjustment carried on the next statement, and the ledger sums to the data of now', async () => {
    const { w, agreementId } = await world('late-co');
    at('2026-10-03T08:00:00Z');
    await t.app.jobs.runDue();
    // Back-filled on 5 October: three hours down on 10 September.
    at('2026-10-05T09:00:00Z');
    const reported = await t.ok(REPORT, { input: { customer: w.customerA.id, service: w.serviceMpg.id, priority: 'P1', impact: 'OUTAGE', title: 'Storage outage', startedAt: '2026-09-10T10:00:00Z' } }, w.admin);
    const incident = reported.incidentReport.incident.id;
    expect((await t.ok(MOVE, { input: { id: incident, to: 'RESOLVED', at: '2026-09-10T13:00:00Z' } }, w.admin)).incidentTransition.userErrors).toEqual([]);
    await t.app.jobs.runDue();

    const { statements, creditLedger } = await statementsOf(w.admin, agreementId);
    const [september] = statements.nodes;
    // The statement is as issued: 0.00.
    expect(september.credit).toEqual({ amount: '0.00', currency: 'EUR' });
    expect(september.figures.status).toBe('MET');
    // 3 h of 720 h: 99.5833% < 99.9% -> 25% of 35,000.00 = 8,750.00.
    expect(september.adjustments).toHaveLength(1);
    expect(september.adjustments[0]).toMatchObject({
      cause: { kind: 'INCIDENT', subjectId: incident },
      difference: {
        statusBefore: 'MET',
        statusAfter: 'BREACHED',
        creditBefore: '0.00',
        creditAfter: '8750.00',
        creditDifference: '8750.00',
        objectives: [{ metric: 'AVAILABILITY', statusBefore: 'MET', statusAfter: 'BREACHED', attainedBefore: '100.0000', attainedAfter: '99.5833', attainedDifference: '-0.4167' }],
      },
      creditDifference: { amount: '8750.00', currency: 'EUR' },
      carriedOn: null,
    });
    expect(september.adjustments[0].cause.description).toMatch(/Storage outage/);
    expect(creditLedger.total).toEqual({ amount: '8750.00', currency: 'EUR' });
    expect(creditLedger.entries.map((e: any) => [e.kind, e.amount.amount])).toEqual([
      ['STATEMENT', '0.00'],
      ['ADJUSTMENT', '8750.00'],
    ]);

    // The live report shows the data of now, and that it differs from the statement, by how much.
    const live = await t.ok(LIVE, { a: agreementId, from: '2026-09-01T00:00:00+02:00', to: '2026-10-01T00:00:00+02:00' }, w.admin);
    expect(live.complianceReport.periods[0]).toEqual({
      start: '2026-09-01T00:00:00.000+02:00',
      credit: { amount: '8750.00' },
      settlement: {
        statement: { id: september.id },
        settledCredit: '8750.00',
        differsFromStatement: true,
        sinceStatement: { creditDifference: '8750.00', creditBefore: '0.00', creditAfter: '8750.00' },
        sinceSettled: null,
      },
    });
    // The ledger (statements + adjustments) sums to what the current data says.
    expect(live.creditLedger.map((e: any) => e.credit.amount)).toEqual([creditLedger.total.amount]);

    // Rechecking changes nothing more (idempotent).
    await t.app.jobs.runDue();
    expect((await statementsOf(w.admin, agreementId)).statements.nodes[0].adjustments).toHaveLength(1);

    // October closes and carries September's adjustment.
    at('2026-11-03T00:00:00Z');
    await t.app.jobs.runDue();
    const after = await statementsOf(w.admin, agreementId);
    expect(after.statements.nodes.map((s: any) => s.periodStart)).toEqual(['2026-09-30T22:00:00.000Z', '2026-08-31T22:00:00.000Z']);
    const [october, septemberAgain] = after.statements.nodes;
    expect(october.carriedAdjustments).toEqual([{ id: september.adjustments[0].id, statement: { periodStart: '2026-08-31T22:00:00.000Z' }, creditDifference: { amount: '8750.00' } }]);
    expect(october.carriedCredit).toEqual({ amount: '8750.00', currency: 'EUR' });
    expect(septemberAgain.adjustments[0].carriedOn).toEqual({ periodStart: '2026-09-30T22:00:00.000Z' });
    // September (adjusted) breached, October met: no termination right at October's end.
    expect(october.terminationRight).toEqual({ requiredConsecutiveBreaches: 2, arises: false, currentStreak: 0 });
    expect(after.creditLedger.total).toEqual({ amount: '8750.00', currency: 'EUR' });
  });

  it('the database refuses to change or delete a statement, a violation or an adjustment', async () => {
    const q = (sql: string) => t.app.db.dataSource.query(sql);
    const [{ n }] = await q(`SELECT count(*)::int AS n FROM statement`);
    expect(n).toBeGreaterThan(0);
    await expect(q(`UPDATE statement SET credit_amount = 0, document = '{}'::jsonb`)).rejects.toThrow(/frozen/);
    await expect(q(`UPDATE statement SET period_status = 'BREACHED'`)).rejects.toThrow(/frozen/);
    await expect(q(`DELETE FROM statement`)).rejects.toThrow(/never deleted/);
    await expect(q(`UPDATE statement_adjustment SET credit_difference = 0`)).rejects.toThrow(/frozen/);
    await expect(q(`DELETE FROM statement_adjustment`)).rejects.toThrow(/never deleted/);
  });

  it("the customer's signatory accepts a statement, once; other customers and other providers do not see it", async () => {
    const { w, agreementId, signatory } = await world('accept-co');
    at('2026-10-03T08:00:00Z');
    await t.app.jobs.runDue();
    const [september] = (await statementsOf(w.admin, agreementId)).statements.nodes;
    const asSignatory = await statementsOf(signatory, agreementId);
    expect(asSignatory.statements.nodes.map((s: any) => s.id)).toEqual([september.id]);
    // Provider staff may not accept for the customer.
    const byAdmin = await t.gql(ACCEPT, { id: september.id }, { token: w.admin });
    expect(byAdmin.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    at('2026-10-04T10:00:00Z');
    const accepted = await t.ok(ACCEPT, { id: september.id }, signatory);
    expect(accepted.statementAccept).toEqual({ statement: { id: september.id, status: 'ACCEPTED', acceptedBy: expect.stringContaining('customer_signatory') }, userErrors: [] });
    // Accepting again changes nothing.
    at('2026-10-05T10:00:00Z');
    expect((await t.ok(ACCEPT, { id: september.id }, signatory)).statementAccept.statement).toEqual(accepted.statementAccept.statement);
    // The signatory of customer B sees nothing of A's statements, and cannot accept them.
    const signatoryB = await t.token(w.provider, [Role.CUSTOMER_SIGNATORY], w.customerB.id);
    expect((await t.ok(`query($id: ID!) { statement(id: $id) { id } }`, { id: september.id }, signatoryB)).statement).toBeNull();
    expect((await t.ok(ACCEPT, { id: september.id }, signatoryB)).statementAccept).toEqual({ statement: null, userErrors: [{ code: 'NOT_FOUND', field: ['input', 'id'], message: expect.any(String) }] });
    // Another provider sees nothing.
    const other = await t.token(await t.provider('accept-other'), [Role.PROVIDER_ADMIN]);
    expect((await t.ok(`query($id: ID!) { statement(id: $id) { id } }`, { id: september.id }, other)).statement).toBeNull();
    // A bad id names the field.
    expect((await t.ok(ACCEPT, { id: agreementId }, signatory)).statementAccept.userErrors).toEqual([{ code: 'INVALID_ID', field: ['input', 'id'], message: expect.any(String) }]);
  });

  it('catches up after downtime: every month missed closes in one run, oldest first, with the termination right as it stood at each end (once arisen, it stays)', async () => {
    const { w, agreementId } = await world('catchup-co');
    // Down in September and October (one outage each), nothing runs until 10 December.
    at('2026-09-15T10:00:00Z');
    const down = async (startedAt: string, resolvedAt: string) => {
      at(startedAt);
      const id = (await t.ok(REPORT, { input: { customer: w.customerA.id, service: w.serviceMpg.id, priority: 'P2', impact: 'OUTAGE', title: `Down ${startedAt}`, startedAt } }, w.admin)).incidentReport.incident.id;
      at(resolvedAt);
      await t.ok(MOVE, { input: { id, to: 'RESOLVED' } }, w.admin);
    };
    await down('2026-09-15T10:00:00Z', '2026-09-15T12:00:00Z');
    await down('2026-10-15T10:00:00Z', '2026-10-15T12:00:00Z');
    at('2026-12-10T00:00:00Z');
    await t.app.jobs.runDue();
    const { statements, creditLedger } = await statementsOf(w.admin, agreementId);
    expect(statements.nodes.map((s: any) => [s.periodStart, s.periodStatus, s.credit.amount, s.terminationRight.arises, s.terminationRight.currentStreak])).toEqual([
      ['2026-10-31T23:00:00.000Z', 'MET', '0.00', true, 0],
      ['2026-09-30T22:00:00.000Z', 'BREACHED', '8750.00', true, 2],
      ['2026-08-31T22:00:00.000Z', 'BREACHED', '8750.00', false, 1],
    ]);
    expect(statements.nodes[1].violations).toEqual([
      { id: expect.any(String), rule: 'AVAILABILITY at least 99.9% per CALENDAR_MONTH', actual: expect.any(String), consequence: expect.stringContaining('25%'), objective: { metric: 'AVAILABILITY' }, statement: { id: statements.nodes[1].id } },
    ]);
    // A violation is a record with an id of its own.
    const violationId = statements.nodes[1].violations[0].id;
    expect((await t.ok(`query($id: ID!) { node(id: $id) { ... on StatementViolation { rule statement { periodStart } } } }`, { id: violationId }, w.admin)).node).toEqual({
      rule: 'AVAILABILITY at least 99.9% per CALENDAR_MONTH',
      statement: { periodStart: '2026-09-30T22:00:00.000Z' },
    });
    expect(creditLedger.total).toEqual({ amount: '17500.00', currency: 'EUR' });
  });

  it('late measurements of a closed month are an adjustment too, caused by their batch', async () => {
    at('2026-08-20T09:00:00Z');
    const w = await agreementWorld(t, 'ratio-co');
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
          title: 'API success',
          effectiveFrom: '2026-08-31T22:00:00Z',
          objectives: [{ metric: 'RATIO', target: 99 }],
          creditPolicy: { currency: 'EUR', periodFee: '1000.00', tiers: [{ below: 99, creditPercent: 10 }], perBreach: [] },
        },
      },
      { customerSignatory: signatory },
    );
    at('2026-09-01T00:00:00Z');
    await t.app.jobs.revisionActivation!.runNow();
    const objective = (await t.ok(`query($a: ID!) { node(id: $a) { ... on Agreement { currentRevision { objectives { id } } } } }`, { a: agreementId }, w.admin)).node.currentRevision.objectives[0].id;
    const record = (batchKey: string, at: string, good: number) =>
      t.ok(`mutation($input: MeasurementsRecordInput!) { measurementsRecord(input: $input) { accepted userErrors { code } } }`, { input: { batchKey, points: [{ objective, at, good, total: 1000 }] } }, w.admin);
    at('2026-09-06T00:00:00Z');
    await record('gw-0905', '2026-09-05T12:00:00Z', 999);
    // Closed with 99.9% (default grace, three days).
    at('2026-10-04T00:00:00Z');
    await t.app.jobs.runDue();
    // A gateway's late batch for 20 September: 1,899 of 2,000 good, 94.95% < 99%: 10% of 1,000.00.
    at('2026-10-06T00:00:00Z');
    await record('gw-0920-late', '2026-09-20T12:00:00Z', 900);
    await t.app.jobs.runDue();
    const [september] = (await statementsOf(w.admin, agreementId)).statements.nodes;
    expect(september.credit).toEqual({ amount: '0.00', currency: 'EUR' });
    expect(september.adjustments).toEqual([
      expect.objectContaining({
        cause: { kind: 'MEASUREMENTS', description: expect.stringContaining('gw-0920-late'), subjectId: null },
        creditDifference: { amount: '100.00', currency: 'EUR' },
        difference: expect.objectContaining({ objectives: [expect.objectContaining({ metric: 'RATIO', attainedBefore: '99.9000', attainedAfter: '94.9500', attainedDifference: '-4.95' })] }),
      }),
    ]);
  });
});
