import { type Client } from 'pg';
import { Role } from '../src/common/roles';
import { FixedClock } from '../src/common/clock';
import { activeAgreement, agreementWorld, type AgreementWorld, objectives } from './support/agreement-fixtures';
import { adminSession, terminateBlockedBackend } from './support/postgres-faults';
import { describeOnPostgres } from './support/postgres-only';
import { TestApp } from './support/test-app';

const REPORT = `mutation($input: IncidentReportInput!) {
  incidentReport(input: $input) {
    incident { id status priority covered agreement { id } revision { number } externalId reportedBy }
    replayed
    userErrors { code field message }
  }
}`;
const TRANSITION = `mutation($input: IncidentTransitionInput!) { incidentTransition(input: $input) { incident { id status acknowledgedAt resolvedAt } userErrors { code field message } } }`;

describe('incidents reported by partners', () => {
  const clock = new FixedClock(new Date('2026-05-01T08:00:00Z'));
  let t: TestApp;
  let w: AgreementWorld;
  let integration: string;
  let covered: { agreementId: string };
  beforeAll(async () => {
    t = await TestApp.start({ clock });
    w = await agreementWorld(t);
    const key = await t.ok(`mutation { apiKeyCreate(input: { name: "Monitoring", roles: [INTEGRATION] }) { secret } }`, {}, w.admin);
    integration = key.apiKeyCreate.secret;
    const signatory = await t.token(w.provider, [Role.CUSTOMER_SIGNATORY], w.customerA.id);
    covered = await activeAgreement(
      t,
      w.admin,
      { kind: 'CUSTOMER_BASED', level: 'CUSTOMER', customer: w.customerA.id, services: [w.serviceMpg.id], terms: { title: 'Alpha SLA', effectiveFrom: '2026-01-01T00:00:00Z', objectives: [objectives.response('P1', 'PT15M')] } },
      { customerSignatory: signatory },
    );
    clock.set(new Date('2026-05-04T10:00:00Z'));
  });
  afterAll(() => t.stop());

  const input = (extra: Record<string, unknown> = {}) => ({
    customer: w.customerA.id,
    service: w.serviceMpg.id,
    priority: 'P1',
    impact: 'OUTAGE',
    title: 'Primary database unreachable',
    startedAt: '2026-05-04T09:30:00Z',
    ...extra,
  });

  it('pins the agreement and revision in force for its customer and service', async () => {
    const res = await t.ok(REPORT, { input: input({ externalId: 'MON-1' }) }, integration);
    expect(res.incidentReport).toMatchObject({
      incident: { status: 'OPEN', priority: 'P1', covered: true, agreement: { id: covered.agreementId }, revision: { number: 1 }, externalId: 'MON-1', reportedBy: 'Monitoring (API_KEY)' },
      replayed: false,
      userErrors: [],
    });
  });

  it('records an incident that no agreement covers, and says so', async () => {
    const res = await t.ok(REPORT, { input: input({ customer: w.customerB.id }) }, integration);
    expect(res.incidentReport.incident).toMatchObject({ covered: false, agreement: null, revision: null });
  });

  it('returns the first answer to a retried idempotency key, and refuses the key with other input', async () => {
    const first = await t.ok(REPORT, { input: input({ idempotencyKey: 'retry-1', title: 'Replica lag' }) }, integration);
    const again = await t.ok(REPORT, { input: input({ idempotencyKey: 'retry-1', title: 'Replica lag' }) }, integration);
    expect(again.incidentReport.incident.id).toBe(first.incidentReport.incident.id);
    expect(again.incidentReport.replayed).toBe(true);
    const other = await t.ok(REPORT, { input: input({ idempotencyKey: 'retry-1', title: 'Something else' }) }, integration);
    expect(other.incidentReport).toMatchObject({ incident: null, userErrors: [{ code: 'IDEMPOTENCY_KEY_REUSED', field: ['input', 'idempotencyKey'] }] });
    const found = await t.ok(`{ incidents(filter: { search: "Replica lag" }) { totalCount } }`, {}, w.admin);
    expect(found.incidents.totalCount).toBe(1);
  });

  it('creates exactly one incident for 50 concurrent identical reports', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => t.gql<any>(REPORT, { input: input({ idempotencyKey: 'storm-1', title: 'Storm' }) }, { token: integration })));
    const ids = new Set(results.map((r) => r.data.incidentReport.incident?.id));
    expect(results.every((r) => r.data.incidentReport.userErrors.length === 0)).toBe(true);
    expect(ids.size).toBe(1);
    expect(results.filter((r) => !r.data.incidentReport.replayed)).toHaveLength(1);
    const found = await t.ok(`{ incidents(filter: { search: "Storm" }) { totalCount } }`, {}, w.admin);
    expect(found.incidents.totalCount).toBe(1);
  });

  describeOnPostgres('a retry after a 503 (the database session ended while the report ran)', () => {
    let session: Client;
    beforeEach(async () => {
      session = await adminSession();
    });
    afterEach(() => session.end());

    const reportsTitled = async (title: string) => (await t.ok(`query($s: String) { incidents(filter: { search: $s }) { totalCount } }`, { s: title }, w.admin)).incidents.totalCount;

    it('still yields exactly one incident when the report itself was cut off (rolled back)', async () => {
      const report = input({ idempotencyKey: 'cut-1', title: 'Cut off once' });
      await session.query('BEGIN');
      await session.query('LOCK TABLE incident IN SHARE MODE'); // the report's insert waits
      const pending = t.gql<any>(REPORT, { input: report }, { token: integration });
      await terminateBlockedBackend(session);
      await session.query('ROLLBACK');
      const cut = await pending;
      expect(cut.status).toBe(503);
      expect(Number(cut.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(cut.errors?.[0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
      expect(await reportsTitled('Cut off once')).toBe(0);

      const retried = await t.ok(REPORT, { input: report }, integration);
      expect(retried.incidentReport).toMatchObject({ replayed: false, userErrors: [] });
      const again = await t.ok(REPORT, { input: report }, integration);
      expect(again.incidentReport).toMatchObject({ replayed: true, incident: { id: retried.incidentReport.incident.id } });
      expect(await reportsTitled('Cut off once')).toBe(1);
    });

    it('still yields exactly one incident when the report was written and the rest of the request was cut off', async () => {
      // One request, two mutations run in order: the report commits, then the second one waits on a lock and its session ends.
      const both = `mutation($input: IncidentReportInput!, $customer: CustomerUpdateInput!) {
        report: incidentReport(input: $input) { incident { id } replayed userErrors { code } }
        rename: customerUpdate(input: $customer) { customer { name } userErrors { code } }
      }`;
      const variables = { input: input({ idempotencyKey: 'cut-2', title: 'Written then cut off' }), customer: { id: w.customerA.id, name: w.customerA.name } };
      const { rows } = await session.query('SELECT id FROM customer WHERE name = $1', [w.customerA.name]);
      await session.query('BEGIN');
      // NO KEY: the incident's foreign key to the customer does not wait, customerUpdate's FOR UPDATE does.
      await session.query('SELECT 1 FROM customer WHERE id = $1 FOR NO KEY UPDATE', [rows[0].id]);
      const pending = t.gql<any>(both, variables, { token: w.admin });
      await terminateBlockedBackend(session);
      await session.query('ROLLBACK');
      const cut = await pending;
      expect(cut.status).toBe(503);
      // Both payloads are non-null: the client sees no data at all, though the incident was written.
      expect(cut.data).toBeNull();
      expect(cut.errors).toEqual([expect.objectContaining({ path: ['rename'], extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE', retryable: true }) })]);
      expect(await reportsTitled('Written then cut off')).toBe(1);

      // It retries the whole request: the report is the one written before.
      const retried = await t.ok(both, variables, w.admin);
      expect(retried.report).toMatchObject({ replayed: true, userErrors: [] });
      expect(retried.rename.userErrors).toEqual([]);
      expect(await reportsTitled('Written then cut off')).toBe(1);
    });
  });

  it('keeps externalId unique per integration, and finds the incident by it', async () => {
    const dup = await t.ok(REPORT, { input: input({ externalId: 'MON-1' }) }, integration);
    expect(dup.incidentReport.userErrors[0]).toMatchObject({ code: 'ALREADY_EXISTS', field: ['input', 'externalId'] });
    const byExternal = await t.ok(`{ incidents(filter: { externalId: "MON-1" }) { nodes { title } } }`, {}, integration);
    expect(byExternal.incidents.nodes).toEqual([{ title: 'Primary database unreachable' }]);
  });

  it('refuses a start in the future and a priority P5, naming the field', async () => {
    const future = await t.ok(REPORT, { input: input({ startedAt: '2026-05-04T11:00:00Z' }) }, integration);
    expect(future.incidentReport.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'startedAt'] });
    const p5 = await t.ok(REPORT, { input: input({ priority: 'P5' }) }, integration);
    expect(p5.incidentReport.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'priority'] });
  });

  it('moves through its lifecycle with back-filled times, never in the future nor before the previous event', async () => {
    const created = await t.ok(REPORT, { input: input({ title: 'Lifecycle' }) }, integration);
    const id = created.incidentReport.incident.id;
    const move = (to: string, at?: string) => t.ok(TRANSITION, { input: { id, to, at } }, integration);
    expect((await move('ACKNOWLEDGED', '2026-05-04T09:40:00Z')).incidentTransition.incident).toMatchObject({ status: 'ACKNOWLEDGED', acknowledgedAt: '2026-05-04T09:40:00.000Z' });
    expect((await move('ACKNOWLEDGED')).incidentTransition.userErrors).toEqual([]);
    expect((await move('IN_PROGRESS', '2026-05-04T09:35:00Z')).incidentTransition.userErrors[0]).toMatchObject({ field: ['input', 'at'] });
    expect((await move('IN_PROGRESS', '2026-05-04T12:00:00Z')).incidentTransition.userErrors[0]).toMatchObject({ field: ['input', 'at'] });
    await move('WAITING_ON_CUSTOMER', '2026-05-04T09:45:00Z');
    await move('IN_PROGRESS', '2026-05-04T09:50:00Z');
    expect((await move('RESOLVED', '2026-05-04T09:55:00Z')).incidentTransition.incident).toMatchObject({ status: 'RESOLVED', resolvedAt: '2026-05-04T09:55:00.000Z' });
    expect((await move('WAITING_ON_CUSTOMER')).incidentTransition.userErrors[0]).toMatchObject({ code: 'INVALID_STATE' });
    expect((await move('REOPENED')).incidentTransition.incident).toMatchObject({ status: 'IN_PROGRESS', resolvedAt: null });
    await t.ok(`mutation($id: ID!) { incidentUpdate(input: { id: $id, priority: "P2", note: "Failover done; monitoring." }) { userErrors { message } } }`, { id }, integration);
    const timeline = await t.ok(`query($id: ID!) { incident(id: $id) { priority events(first: 20) { nodes { type toStatus priority note actorName } } } }`, { id }, w.admin);
    expect(timeline.incident.priority).toBe('P2');
    expect(timeline.incident.events.nodes.map((e: any) => e.type + (e.toStatus ? `:${e.toStatus}` : ''))).toEqual([
      'REPORTED:OPEN',
      'STATUS_CHANGED:ACKNOWLEDGED',
      // Reported at 10:00, 30 minutes after it started and not yet acknowledged: the 15-minute
      // first-response clock had warned and breached by then, and the history says so when it
      // learned it (the acknowledgement back-filled to 09:40 came later).
      'CLOCK_WARNING',
      'CLOCK_BREACHED',
      'STATUS_CHANGED:WAITING_ON_CUSTOMER',
      'STATUS_CHANGED:IN_PROGRESS',
      'STATUS_CHANGED:RESOLVED',
      'STATUS_CHANGED:IN_PROGRESS',
      'PRIORITY_CHANGED',
      'UPDATE_POSTED',
    ]);
  });

  it('shows customer users only their own customer\'s incidents; analysts cannot report', async () => {
    const viewerB = await t.token(w.provider, [Role.CUSTOMER_VIEWER], w.customerB.id);
    const seen = await t.ok(`{ incidents(first: 100) { nodes { customer { name } } } }`, {}, viewerB);
    expect(new Set(seen.incidents.nodes.map((n: any) => n.customer.name))).toEqual(new Set(['Beta Insurance']));
    const analyst = await t.token(w.provider, [Role.ANALYST], undefined);
    const refused = await t.gql(REPORT, { input: input() }, { token: analyst });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
