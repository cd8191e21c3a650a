import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FixedClock } from '../src/common/clock';
import { Role } from '../src/common/roles';
import { activeAgreement, agreementWorld, type AgreementWorld } from './support/agreement-fixtures';
import { describeOnBothDatabases } from './support/both-databases';
import { TestApp } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';

/**
 * Credit claims and disputes (issue 14, point 1), through the API as a client sees them, on
 * PostgreSQL and on the embedded database: a customer disputes a statement, and the claim moves
 * through the stages of its terms on time, by the provider's answers, the customer's escalations
 * and missed deadlines (durable jobs that fire once, across restarts).
 */

const REPORT = `mutation($input: IncidentReportInput!) { incidentReport(input: $input) { incident { id } userErrors { code field message } } }`;
const MOVE = `mutation($input: IncidentTransitionInput!) { incidentTransition(input: $input) { userErrors { code field message } } }`;
const STATEMENTS = `query($a: ID!) { node(id: $a) { ... on Agreement { statements(first: 5) { nodes { id periodStart credit { amount currency } violations { id } } } } } }`;
const CLAIM_FIELDS = `id subjectKind description requestedOutcome requestedCredit { amount currency } attachments { name reference } status stage stageName
  stages { number name responseDeadline } responseDueAt overdue claimWindowEndsAt filedAt filedBy
  statement { id } violation { id } incident { id } agreement { id } revision { number }
  history { kind stage at actorKind actorName note responseDueAt credit { amount currency } adjustment { id creditDifference { amount } cause { kind subjectId } } correction { id kind } escalation { id trigger status claim { id } } }`;
const FILE = `mutation($input: ClaimFileInput!) { claimFile(input: $input) { claim { ${CLAIM_FIELDS} } userErrors { code field message } } }`;
const ACCEPT = `mutation($input: ClaimAcceptInput!) { claimAccept(input: $input) { claim { ${CLAIM_FIELDS} } userErrors { code field message } } }`;
const REJECT = `mutation($input: ClaimRejectInput!) { claimReject(input: $input) { claim { id status stage } userErrors { code field message } } }`;
const ESCALATE = `mutation($input: ClaimEscalateInput!) { claimEscalate(input: $input) { claim { id status stage stageName responseDueAt } userErrors { code field message } } }`;
const CLAIM = `query($id: ID!) { node(id: $id) { ... on Claim { ${CLAIM_FIELDS} } } }`;

interface World {
  w: AgreementWorld;
  agreementId: string;
  signatory: string;
  statementId: string;
  violationId: string;
  incidentId: string;
}

/**
 * Alpha Bank's SLA from September 2026 (Berlin): availability 99.9%, fee 35,000.00 EUR, 25% below
 * 99.9%, two days' grace; claims within 30 days, stages Account manager (10 days), Service manager
 * (5 days), Executive (10 days); the escalation policy notifies the account managers. A three-hour
 * outage on 10 September: September closes on 2 October 22:00 UTC, BREACHED, credit 8,750.00 EUR.
 */
async function world(t: TestApp, at: (iso: string) => void, slug: string): Promise<World> {
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
        creditPolicy: { currency: 'EUR', periodFee: '35000.00', tiers: [{ below: 99.9, creditPercent: 25 }], perBreach: [] },
        settlement: { statementGracePeriod: 'P2D' },
        escalationPolicy: { levels: [{ level: 1, name: 'Account managers', notifyRoles: ['ACCOUNT_MANAGER'], after: 'PT4H' }] },
        disputeResolution: 'Account manager, service manager, executive; then mediation under the master agreement.',
        disputeProcedure: { claimWindow: 'P30D', responseDeadline: 'P10D', stages: [{ name: 'Account manager' }, { name: 'Service manager', responseDeadline: 'P5D' }, { name: 'Executive' }] },
      },
    },
    { customerSignatory: signatory },
  );
  at('2026-09-01T00:00:00Z');
  await t.app.jobs.revisionActivation!.runNow();
  await t.app.jobs.runDue();
  at('2026-09-10T10:00:00Z');
  const reported = await t.ok(REPORT, { input: { customer: w.customerA.id, service: w.serviceMpg.id, priority: 'P1', impact: 'OUTAGE', title: 'Storage outage', startedAt: '2026-09-10T10:00:00Z' } }, w.admin);
  const incidentId = reported.incidentReport.incident.id;
  at('2026-09-10T13:00:00Z');
  expect((await t.ok(MOVE, { input: { id: incidentId, to: 'RESOLVED' } }, w.admin)).incidentTransition.userErrors).toEqual([]);
  at('2026-10-02T22:00:00Z');
  await t.app.jobs.runDue();
  const [september] = (await t.ok(STATEMENTS, { a: agreementId }, w.admin)).node.statements.nodes;
  expect(september.credit).toEqual({ amount: '8750.00', currency: 'EUR' });
  expect(september.violations).toHaveLength(1);
  return { w, agreementId, signatory, statementId: september.id, violationId: september.violations[0].id, incidentId };
}

describeOnBothDatabases('credit claims and disputes', (db) => {
  const clock = new FixedClock(new Date('2026-08-20T09:00:00Z'));
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ clock, env: db.env });
  });
  afterAll(() => t.stop());
  const at = (iso: string) => clock.set(new Date(iso));

  it('the terms carry the structured dispute procedure beside its text, and the diff names its fields', async () => {
    const { w, agreementId } = await world(t, at, 'terms-co');
    const read = await t.ok(
      `query($a: ID!) { node(id: $a) { ... on Agreement { currentRevision { disputeResolution disputeProcedure { claimWindow responseDeadline stages { name responseDeadline } } } } } }`,
      { a: agreementId },
      w.admin,
    );
    expect(read.node.currentRevision).toEqual({
      disputeResolution: 'Account manager, service manager, executive; then mediation under the master agreement.',
      disputeProcedure: {
        claimWindow: 'P30D',
        responseDeadline: 'P10D',
        stages: [
          { name: 'Account manager', responseDeadline: 'P10D' },
          { name: 'Service manager', responseDeadline: 'P5D' },
          { name: 'Executive', responseDeadline: 'P10D' },
        ],
      },
    });
    // A bad procedure is refused field by field.
    const bad = await t.ok(
      `mutation($input: AgreementCreateInput!) { agreementCreate(input: $input) { agreement { id } userErrors { code field message } } }`,
      {
        input: {
          kind: 'CUSTOMER_BASED',
          level: 'CUSTOMER',
          customer: w.customerA.id,
          services: [w.serviceMpg.id],
          terms: { title: 'Bad', disputeProcedure: { claimWindow: 'P0D', stages: [{ name: 'Desk' }, { name: 'desk', responseDeadline: 'PT0S' }] } },
        },
      },
      w.admin,
    );
    expect(bad.agreementCreate.agreement).toBeNull();
    expect(bad.agreementCreate.userErrors.map((e: { field: string[] }) => e.field.join('.'))).toEqual(
      expect.arrayContaining([
        'input.terms.disputeProcedure.claimWindow',
        'input.terms.disputeProcedure.stages.1.name',
        'input.terms.disputeProcedure.stages.1.responseDeadline',
      ]),
    );
    // An amendment changing a stage's deadline shows in the revision diff.
    const amended = await t.ok(`mutation($id: ID!) { agreementAmend(input: { agreement: $id }) { revision { id } userErrors { message } } }`, { id: agreementId }, w.admin);
    const draft = amended.agreementAmend.revision.id;
    const updated = await t.ok(
      `mutation($input: RevisionUpdateInput!) { revisionUpdate(input: $input) { revision { version } userErrors { code field message } } }`,
      { input: { id: draft, version: 1, terms: { disputeProcedure: { claimWindow: 'P45D', stages: [{ name: 'Account manager' }, { name: 'Service manager', responseDeadline: 'P3D' }, { name: 'Executive' }] } } } },
      w.admin,
    );
    expect(updated.revisionUpdate.userErrors).toEqual([]);
    const diff = await t.ok(`query($id: ID!) { node(id: $id) { ... on AgreementRevision { diff { path kind before after } } } }`, { id: draft }, w.admin);
    expect(diff.node.diff).toEqual(
      expect.arrayContaining([
        { path: 'disputeProcedure.claimWindow', kind: 'CHANGED', before: 'P30D', after: 'P45D' },
        { path: 'disputeProcedure.stages[name="Service manager"].responseDeadline', kind: 'CHANGED', before: 'P5D', after: 'P3D' },
      ]),
    );
  });

  it('a customer disputes a statement; it moves through its stages on time, by answers, escalations and a missed deadline, each step an event and a webhook', async () => {
    const { w, agreementId, signatory, statementId } = await world(t, at, 'dispute-co');
    const receiver = await WebhookReceiver.start(() => 204);
    try {
      const endpoint = await t.ok(
        `mutation($input: WebhookEndpointCreateInput!) { webhookEndpointCreate(input: $input) { webhookEndpoint { id } userErrors { code field message } } }`,
        { input: { url: receiver.url, events: ['claim.filed', 'claim.rejected', 'claim.escalated', 'claim.deadline_missed', 'claim.partially_accepted', 'claim.accepted'], description: 'Disputes desk' } },
        w.admin,
      );
      expect(endpoint.webhookEndpointCreate.userErrors).toEqual([]);

      // 5 October: the customer's signatory says the credit is too low.
      at('2026-10-05T09:00:00Z');
      const filed = await t.ok(
        FILE,
        {
          input: {
            statement: statementId,
            description: 'The outage of 10 September lasted four hours, not three: our monitoring shows it.',
            requestedOutcome: 'Credit at the 99.0% tier.',
            requestedCredit: '17500.00',
            attachments: [{ name: 'Monitoring export', reference: 'https://files.alpha.example/mon-0910.csv' }],
          },
        },
        signatory,
      );
      expect(filed.claimFile.userErrors).toEqual([]);
      const claim = filed.claimFile.claim;
      expect(claim).toMatchObject({
        subjectKind: 'STATEMENT',
        status: 'OPEN',
        stage: 1,
        stageName: 'Account manager',
        stages: [
          { number: 1, name: 'Account manager', responseDeadline: 'P10D' },
          { number: 2, name: 'Service manager', responseDeadline: 'P5D' },
          { number: 3, name: 'Executive', responseDeadline: 'P10D' },
        ],
        responseDueAt: '2026-10-15T09:00:00.000Z',
        claimWindowEndsAt: '2026-11-01T23:00:00.000Z',
        requestedCredit: { amount: '17500.00', currency: 'EUR' },
        attachments: [{ name: 'Monitoring export', reference: 'https://files.alpha.example/mon-0910.csv' }],
        statement: { id: statementId },
        agreement: { id: agreementId },
        revision: { number: 1 },
        history: [{ kind: 'FILED', stage: 1, responseDueAt: '2026-10-15T09:00:00.000Z', credit: { amount: '17500.00', currency: 'EUR' } }],
      });

      // 6 October: the account manager rejects it; the deadline of 15 October then changes nothing.
      at('2026-10-06T09:00:00Z');
      const signatoryTriesToAnswer = await t.gql(REJECT, { input: { id: claim.id, reason: 'no' } }, { token: signatory });
      expect(signatoryTriesToAnswer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const rejected = await t.ok(REJECT, { input: { id: claim.id, reason: 'Our logs show a three-hour outage.' } }, w.admin);
      expect(rejected.claimReject).toEqual({ claim: { id: claim.id, status: 'REJECTED', stage: 1 }, userErrors: [] });
      expect((await t.ok(REJECT, { input: { id: claim.id, reason: 'again' } }, w.admin)).claimReject.userErrors).toEqual([
        expect.objectContaining({ code: 'INVALID_STATE', field: ['input', 'id'] }),
      ]);

      // 7 October: the customer escalates to the service manager, who has five days.
      at('2026-10-07T09:00:00Z');
      const escalated = await t.ok(ESCALATE, { input: { id: claim.id, note: 'We disagree.' } }, signatory);
      expect(escalated.claimEscalate).toEqual({ claim: { id: claim.id, status: 'OPEN', stage: 2, stageName: 'Service manager', responseDueAt: '2026-10-12T09:00:00.000Z' }, userErrors: [] });

      // Nobody answers: nothing moves a millisecond early; at the deadline the claim moves to the executive by itself, and the escalation policy is raised.
      at('2026-10-12T08:59:59.999Z');
      await t.app.jobs.runDue();
      expect((await t.ok(CLAIM, { id: claim.id }, w.admin)).node).toMatchObject({ stage: 2, status: 'OPEN' });
      at('2026-10-12T09:00:00Z');
      await t.app.jobs.runDue();
      await t.app.jobs.runDue();
      const moved = (await t.ok(CLAIM, { id: claim.id }, w.admin)).node;
      expect(moved).toMatchObject({ stage: 3, stageName: 'Executive', status: 'OPEN', responseDueAt: '2026-10-22T09:00:00.000Z', overdue: false });
      expect(moved.history.map((h: { kind: string; stage: number }) => `${h.kind}@${h.stage}`)).toEqual(['FILED@1', 'REJECTED@1', 'ESCALATED@2', 'DEADLINE_MISSED@2', 'ESCALATED@3']);
      const missed = moved.history[3];
      expect(missed).toMatchObject({ actorKind: 'SYSTEM', escalation: { trigger: 'CLAIM_DEADLINE_MISSED', status: 'OPEN', claim: { id: claim.id } } });

      // 13 October: the executive accepts in part, with a credit: an adjustment of September with the claim as its cause.
      at('2026-10-13T09:00:00Z');
      const noNote = await t.ok(ACCEPT, { input: { id: claim.id, partial: true, credit: '4375.00' } }, w.admin);
      expect(noNote.claimAccept.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'note'] })]);
      const tooPrecise = await t.ok(ACCEPT, { input: { id: claim.id, partial: true, note: 'Half of it.', credit: '4375.001' } }, w.admin);
      expect(tooPrecise.claimAccept.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'credit'] })]);
      const accepted = await t.ok(ACCEPT, { input: { id: claim.id, partial: true, note: 'One more hour is credited as goodwill, not the tier.', credit: '4375.00' } }, w.admin);
      expect(accepted.claimAccept.userErrors).toEqual([]);
      const answered = accepted.claimAccept.claim;
      expect(answered).toMatchObject({ status: 'PARTIALLY_ACCEPTED', stage: 3, responseDueAt: null });
      const grant = answered.history[5];
      expect(grant).toMatchObject({
        kind: 'PARTIALLY_ACCEPTED',
        stage: 3,
        credit: { amount: '4375.00', currency: 'EUR' },
        adjustment: { creditDifference: { amount: '4375.00' }, cause: { kind: 'CLAIM', subjectId: claim.id } },
      });
      const ledger = await t.ok(`query($a: ID!) { node(id: $a) { ... on Agreement { creditLedger { total { amount } } claims(first: 5) { totalCount nodes { id } } } } }`, { a: agreementId }, signatory);
      expect(ledger.node).toEqual({ creditLedger: { total: { amount: '13125.00' } }, claims: { totalCount: 1, nodes: [{ id: claim.id }] } });
      // The deadline of the executive stage, once it comes, changes nothing: the claim was answered.
      at('2026-10-23T00:00:00Z');
      await t.app.jobs.runDue();
      // The last stage: nothing is left to escalate to.
      const last = await t.ok(ESCALATE, { input: { id: claim.id } }, signatory);
      expect(last.claimEscalate.userErrors).toEqual([expect.objectContaining({ code: 'NOT_ALLOWED', field: ['input', 'id'] })]);
      const final = (await t.ok(CLAIM, { id: claim.id }, signatory)).node;
      expect(final.history).toHaveLength(6);
      const onStatement = await t.ok(`query($s: ID!) { node(id: $s) { ... on Statement { claims(first: 5) { nodes { id status } } } } }`, { s: statementId }, w.admin);
      expect(onStatement.node.claims.nodes).toEqual([{ id: claim.id, status: 'PARTIALLY_ACCEPTED' }]);

      // Every step is one event, heard by the partner once.
      const events: { type: string }[] = await t.app.db.dataSource.query(`SELECT type FROM domain_event WHERE subject_type = 'Claim' AND provider_id = $1 ORDER BY occurred_at, type`, [w.provider.id]);
      const expected = ['claim.filed', 'claim.rejected', 'claim.escalated', 'claim.deadline_missed', 'claim.escalated', 'claim.partially_accepted'];
      expect(events.map((e) => e.type).sort()).toEqual([...expected].sort());
      await t.app.jobs.runDue();
      expect(receiver.requests.map((r) => JSON.parse(r.body).type).sort()).toEqual([...expected].sort());
      const filedBody = receiver.requests.map((r) => JSON.parse(r.body)).find((b) => b.type === 'claim.filed');
      expect(filedBody.data).toMatchObject({ claim: claim.id, statement: statementId, status: 'OPEN', stage: 1, stageName: 'Account manager' });
      const raised: { n: number }[] = await t.app.db.dataSource.query(`SELECT count(*)::int AS n FROM escalation WHERE provider_id = $1 AND trigger = 'CLAIM_DEADLINE_MISSED'`, [w.provider.id]);
      expect(raised[0].n).toBe(1);
    } finally {
      await receiver.stop();
    }
  });

  it('refuses a claim outside the window, on what is not one\'s own, or from the wrong side, and records nothing', async () => {
    const { w, signatory, statementId, violationId, incidentId } = await world(t, at, 'window-co');
    const claims = async () => ((await t.app.db.dataSource.query(`SELECT count(*)::int AS n FROM claim WHERE provider_id = $1`, [w.provider.id])) as { n: number }[])[0].n;
     
    const file = (input: Record<string, unknown>, token: string) => t.gql<any>(FILE, { input: { description: 'Too low.', requestedOutcome: 'More credit.', ...input } }, { token });

    // The window of September's statement (issued 2 October 22:00 UTC, 30 days in Berlin) closes on 1 November 23:00 UTC.
    at('2026-11-01T23:00:00.001Z');
    const late = await file({ statement: statementId }, signatory);
    expect(late.data.claimFile.userErrors).toEqual([
      { code: 'NOT_ALLOWED', field: ['input', 'statement'], message: expect.stringContaining('claim window of this statement closed at 2026-11-01T23:00:00.000Z') },
    ]);
    const lateViolation = await file({ violation: violationId }, signatory);
    expect(lateViolation.data.claimFile.userErrors).toEqual([expect.objectContaining({ code: 'NOT_ALLOWED', field: ['input', 'violation'] })]);
    const lateIncident = await file({ incident: incidentId }, signatory);
    expect(lateIncident.data.claimFile.userErrors).toEqual([expect.objectContaining({ code: 'NOT_ALLOWED', field: ['input', 'incident'] })]);
    expect(await claims()).toBe(0);

    at('2026-11-01T23:00:00.000Z'); // the last instant of the window
    const otherCustomer = await t.token(w.provider, [Role.CUSTOMER_SIGNATORY], w.customerB.id);
    expect((await file({ statement: statementId }, otherCustomer)).data.claimFile.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'statement'] })]);
    const stranger = await agreementWorld(t, 'stranger-co');
    const strangerSignatory = await t.token(stranger.provider, [Role.CUSTOMER_SIGNATORY], stranger.customerA.id);
    expect((await file({ statement: statementId }, strangerSignatory)).data.claimFile.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'statement'] })]);
    expect((await file({ statement: statementId }, w.admin)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const viewer = await t.token(w.provider, [Role.CUSTOMER_VIEWER], w.customerA.id);
    expect((await file({ statement: statementId }, viewer)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await file({ statement: statementId, incident: incidentId }, signatory)).data.claimFile.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'statement'] })]);
    expect(await claims()).toBe(0);

    // In time: against the incident ("this outage was yours"): the claim names the statement of its month.
    const onIncident = await file({ incident: incidentId }, signatory);
    expect(onIncident.data.claimFile.userErrors).toEqual([]);
    const claimId = onIncident.data.claimFile.claim.id;
    expect(onIncident.data.claimFile.claim).toMatchObject({ subjectKind: 'INCIDENT', incident: { id: incidentId }, statement: { id: statementId }, responseDueAt: '2026-11-11T23:00:00.000Z' });
    // The provider accepts it in full with corrected times (the outage began an hour earlier): a correction naming the claim, counted at once.
    at('2026-11-02T09:00:00Z');
    const accepted = await t.ok(
      ACCEPT,
      { input: { id: claimId, note: 'Agreed: it started at 09:00.', incidentTimes: { incident: incidentId, startedAt: '2026-09-10T09:00:00Z', reason: 'THIRD_PARTY', note: 'Per the customer\'s monitoring.' } } },
      w.admin,
    );
    expect(accepted.claimAccept.userErrors).toEqual([]);
    expect(accepted.claimAccept.claim).toMatchObject({ status: 'ACCEPTED', history: [{ kind: 'FILED' }, { kind: 'ACCEPTED', correction: { kind: 'INCIDENT_TIMES' } }] });
    const [{ claim_id }] = await t.app.db.dataSource.query(`SELECT claim_id FROM correction WHERE provider_id = $1`, [w.provider.id]);
    expect(claim_id).toBeTruthy();
    // Fully accepted: nothing left to escalate; other tenants and customers see nothing.
    expect((await t.ok(ESCALATE, { input: { id: claimId } }, signatory)).claimEscalate.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_STATE' })]);
    expect((await t.ok(CLAIM, { id: claimId }, otherCustomer)).node).toBeNull();
    const strangerAdmin = stranger.admin;
    expect((await t.ok(CLAIM, { id: claimId }, strangerAdmin)).node).toBeNull();
    expect((await t.ok(REJECT, { input: { id: claimId, reason: 'x' } }, strangerAdmin)).claimReject.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'id'] })]);
    expect((await t.ok(CLAIM, { id: claimId }, viewer)).node).toMatchObject({ status: 'ACCEPTED' });
    // The history is append-only in the database.
    await expect(t.app.db.dataSource.query(`UPDATE claim_event SET note = 'x' WHERE claim_id = (SELECT id FROM claim WHERE provider_id = $1)`, [w.provider.id])).rejects.toThrow();
    await expect(t.app.db.dataSource.query(`UPDATE claim SET description = 'x' WHERE provider_id = $1`, [w.provider.id])).rejects.toThrow();
  });
});

/**
 * A deadline is a durable job: scheduled before a restart, it fires after it, once; a job lost while
 * the server was down is asked for again at start and fires once too.
 */
describeOnBothDatabases('claim deadlines across restarts', (db) => {
  const clock = new FixedClock(new Date('2026-08-20T09:00:00Z'));
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sla-claims-'));
  // On PostgreSQL the test database; embedded, a database on disk so that it survives the restarts.
  const env: Record<string, string> = db.name === 'PostgreSQL' ? db.env : { DATABASE_URL: '', DATA_DIR: dataDir };
  let t: TestApp | undefined;
  afterAll(async () => {
    await t?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const at = (iso: string) => clock.set(new Date(iso));
  const restart = async () => {
    await t!.stop();
    t = await TestApp.start({ clock, env, keepData: true });
    return t;
  };

  it('fires each deadline exactly once, whether its job waited through a restart or was lost and asked for again at start', async () => {
    t = await TestApp.start({ clock, env });
    const { w, signatory, statementId } = await world(t, at, 'restart-co');
    at('2026-10-05T09:00:00Z');
    const filed = await t.ok(FILE, { input: { statement: statementId, description: 'Too low.', requestedOutcome: 'More credit.' } }, signatory);
    const claimId = filed.claimFile.claim.id;
    const steps = async (app: TestApp) => (await app.ok(CLAIM, { id: claimId }, w.admin)).node as { stage: number; status: string; history: { kind: string; stage: number }[] };
    const counts = async (app: TestApp) =>
      (
        (await app.app.db.dataSource.query(
          `SELECT (SELECT count(*)::int FROM claim_event WHERE kind = 'DEADLINE_MISSED') AS missed,
                  (SELECT count(*)::int FROM domain_event WHERE type = 'claim.deadline_missed') AS events,
                  (SELECT count(*)::int FROM escalation WHERE trigger = 'CLAIM_DEADLINE_MISSED') AS escalations`,
        )) as { missed: number; events: number; escalations: number }[]
      )[0];

    // The server stops with the stage-1 deadline (15 October 09:00) waiting, and starts again after it.
    at('2026-10-16T00:00:00Z');
    const second = await restart();
    await second.app.jobs.runDue();
    await second.app.jobs.runDue();
    let claim = await steps(second);
    expect(claim).toMatchObject({ stage: 2, status: 'OPEN' });
    // Stage 2's five days run from the deadline missed, not from the restart.
    expect((await second.ok(CLAIM, { id: claimId }, w.admin)).node.responseDueAt).toBe('2026-10-20T09:00:00.000Z');
    expect(await counts(second)).toEqual({ missed: 1, events: 1, escalations: 1 });

    // The stage-2 job is lost (a restore, an operator's mistake); the next start asks for it again, and another start adds nothing.
    await second.app.db.dataSource.query(`DELETE FROM pgboss.job WHERE name = 'claim.deadline'`);
    await restart();
    const fourth = await restart(); // a second start adds nothing
    const waiting: { n: number }[] = await fourth.app.db.dataSource.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'claim.deadline' AND state = 'created'`);
    expect(waiting[0].n).toBe(1);
    at('2026-10-20T09:00:00Z');
    await fourth.app.jobs.runDue();
    await fourth.app.jobs.runDue();
    claim = await steps(fourth);
    expect(claim).toMatchObject({ stage: 3, status: 'OPEN' });
    expect(claim.history.map((h) => `${h.kind}@${h.stage}`)).toEqual(['FILED@1', 'DEADLINE_MISSED@1', 'ESCALATED@2', 'DEADLINE_MISSED@2', 'ESCALATED@3']);
    // One escalation per claim while it is open: the second missed deadline raised none.
    expect(await counts(fourth)).toEqual({ missed: 2, events: 2, escalations: 1 });

    // The last stage's deadline (ten calendar days: 30 October 11:00 Berlin, 10:00 UTC) passes over two more starts: missed once, the claim stays OPEN, overdue.
    at('2026-11-05T00:00:00Z');
    await (await restart()).app.jobs.runDue();
    const sixth = await restart();
    await sixth.app.jobs.runDue();
    const last = (await sixth.ok(CLAIM, { id: claimId }, w.admin)).node;
    expect(last).toMatchObject({ stage: 3, status: 'OPEN', overdue: true, responseDueAt: '2026-10-30T10:00:00.000Z' }); // 11:00 in Berlin, before and after the change to winter time
    expect(await counts(sixth)).toEqual({ missed: 3, events: 3, escalations: 1 });
  });
});
