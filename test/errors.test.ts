import { Role } from '../src/common/roles';
import { AGREEMENT_CREATE, agreementWorld, type AgreementWorld, REVISION_UPDATE } from './support/agreement-fixtures';
import { describeOnBothDatabases } from './support/both-databases';
import { CapturedLogs, LOG_LEVEL } from './support/captured-logs';
import { type GqlResponse, TestApp } from './support/test-app';

/**
 * What a client sees when something goes wrong: unexpected failures are opaque (a code and a
 * request id, nothing of the server's insides); client mistakes are HTTP 400 or a userError,
 * naming their field, and are not logged as errors of the server.
 */

/** The field paths an error names, whether it carries one (`field`) or several (`userErrors`). */
function fieldsNamedBy(errors: GqlResponse['errors']): string[][] {
  return (errors ?? []).flatMap((e) => {
    const ext = (e.extensions ?? {}) as { field?: string[]; userErrors?: { field: string[] }[] };
    return [...(ext.field ? [ext.field] : []), ...(ext.userErrors ?? []).map((u) => u.field)];
  });
}

type UserErrorData = { code: string; field: string[]; message: string };

const TERMINATE = `mutation($i: AgreementTerminateInput!){ agreementTerminate(input: $i){ userErrors { code } } }`;
const CUSTOMER_CREATE = `mutation($i: CustomerCreateInput!) { customerCreate(input: $i) { customer { id } userErrors { code field message } } }`;
const customerInput = (extra: Record<string, unknown> = {}) => ({
  name: 'Globex',
  sizeBand: 'LARGE',
  industry: 'Energy',
  region: 'EUROPE',
  tier: 'GOLD',
  country: 'DE',
  timeZone: 'Europe/Berlin',
  ...extra,
});

describeOnBothDatabases('errors', (db) => {
  const logs = new CapturedLogs();
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await TestApp.start({ env: db.env, logger: logs.logger });
  });
  afterAll(() => t.stop());

  beforeEach(async () => {
    await t.reset();
    admin = await t.token(await t.provider('acme'), [Role.PROVIDER_ADMIN]);
  });

  /** Sends a request with a request id of our own, so that its log lines can be found. */
  let counter = 0;
  async function send(query: string, variables: Record<string, unknown> = {}, opts: { token?: string | null; operationName?: string } = {}) {
    const requestId = `req-errors-${db.name}-${++counter}`;
    const token = opts.token === null ? undefined : (opts.token ?? admin);
    const response = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': requestId, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables, operationName: opts.operationName }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: GqlResponse['errors'] };
    return { status: response.status, requestId, ...body };
  }

  it('reports an unexpected failure as INTERNAL_SERVER_ERROR with the request id, and nothing of the server inside', async () => {
    await t.ok(`mutation { serviceCreate(input: { code: "MPG", name: "Managed PostgreSQL" }) { userErrors { code } } }`, {}, admin);

    // Pull a table from under the running server, as a broken deployment might.
    await t.app.db.dataSource.query('ALTER TABLE service RENAME TO service_gone');
    let res: GqlResponse;
    try {
      res = await t.gql('{ services { nodes { name } } }', {}, { token: admin, headers: { 'x-request-id': 'req-broken-table-1' } });
    } finally {
      await t.app.db.dataSource.query('ALTER TABLE service_gone RENAME TO service');
    }

    expect(res.data).toBeNull();
    expect(res.errors).toHaveLength(1);
    const [error] = res.errors ?? [];
    expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: 'req-broken-table-1' });
    expect(error.path).toEqual(['services']);
    expect(error.message).toMatch(/requestId/);
    // A bug is logged as one.
    expect(logs.highestLevelOf('req-broken-table-1')).toBe(LOG_LEVEL.error);

    const json = JSON.stringify(res.errors);
    for (const leak of ['service_gone', 'relation', 'SELECT', 'QueryFailedError', 'stacktrace', 'node_modules']) expect(json).not.toContain(leak);
    expect(json).not.toMatch(/\bat \S+ \(|\bat \/|\.[jt]s:\d+:\d+/); // stack lines: "    at fn (/path/file.ts:12:3)"

    // Once the cause is gone, the same query works again.
    const data = await t.ok<{ services: { nodes: { name: string }[] } }>('{ services { nodes { name } } }', {}, admin);
    expect(data.services.nodes).toEqual([{ name: 'Managed PostgreSQL' }]);
  });

  it('names the argument at fault when a query argument is invalid', async () => {
    const res = await t.gql('{ customers(first: -1) { nodes { name } } }', {}, { token: admin });
    expect(res.data).toBeNull();
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(fieldsNamedBy(res.errors)).toEqual([['first']]);
    expect(res.errors?.[0].message).toMatch(/first/);
  });

  it('returns invalid mutation input as userErrors with field paths, not as a top-level error', async () => {
    const res = await t.gql(CUSTOMER_CREATE, { i: customerInput({ country: 'Germany', timeZone: 'Mars/Olympus_Mons' }) }, { token: admin });

    expect(res.errors).toBeUndefined();
    const payload = (res.data as { customerCreate: { customer: unknown; userErrors: UserErrorData[] } }).customerCreate;
    expect(payload.customer).toBeNull();
    expect(payload.userErrors).toEqual(
      expect.arrayContaining([
        { code: 'INVALID_INPUT', field: ['input', 'country'], message: expect.stringMatching(/ISO 3166/) },
        { code: 'INVALID_INPUT', field: ['input', 'timeZone'], message: expect.stringMatching(/time zone/) },
      ]),
    );
    expect(payload.userErrors).toHaveLength(2);

    const after = await t.ok<{ customers: { totalCount: number } }>('{ customers { totalCount } }', {}, admin);
    expect(after.customers.totalCount).toBe(0);
  });

  describe('variables that do not fit their types', () => {
    const terminate = (i: Record<string, unknown>) => ({ query: TERMINATE, variables: { i } });
    const ok = { id: 'x', at: '2026-06-01T00:00:00Z', reason: 'r' };
    it.each([
      ['an invalid DateTime', terminate({ ...ok, at: 'not-a-date' }), ['i', 'at'], /i\.at.*DateTime/],
      ['a number for a String', terminate({ ...ok, reason: 5 }), ['i', 'reason'], /String/],
      ['a fractional Int', terminate({ ...ok, version: 1.5 }), ['i', 'version'], /Int cannot represent non-integer/],
      ['an Int out of range', terminate({ ...ok, version: 2 ** 31 }), ['i', 'version'], /32-bit/],
      ['a missing required field', terminate({ id: 'x', reason: 'r' }), ['i'], /"at"/],
      ['an unknown field', terminate({ ...ok, colour: 'red' }), ['i'], /colour/],
      ['null for a required variable', { query: TERMINATE, variables: { i: null } }, ['i'], /must not be null/],
      ['a missing required variable', { query: TERMINATE, variables: {} }, ['i'], /was not provided/],
      ['a bad enum value in a list', { query: 'query($r: [Region!]) { customers(filter: { regions: $r }) { totalCount } }', variables: { r: ['EUROPE', 'MARS'] } }, ['r', '1'], /MARS/],
      [
        'an invalid Duration',
        {
          query: `mutation($i: RevisionUpdateInput!) { revisionUpdate(input: $i) { userErrors { code } } }`,
          variables: { i: { id: 'x', version: 1, terms: { escalationPolicy: { levels: [{ level: 1, name: 'On call', after: 'soon' }] } } } },
        },
        ['i', 'terms', 'escalationPolicy', 'levels', '0', 'after'],
        /Duration/,
      ],
    ])('%s: HTTP 400, BAD_USER_INPUT with the variable path, logged below error level', async (_what, body, field, message) => {
      const res = await send(body.query, body.variables);
      expect(res.status).toBe(400);
      expect(res.data).toBeUndefined(); // nothing ran
      expect(res.errors).toHaveLength(1);
      expect(res.errors?.[0]).toMatchObject({ message: expect.stringMatching(message), extensions: { code: 'BAD_USER_INPUT', field, requestId: res.requestId } });
      expect(logs.highestLevelOf(res.requestId)).toBeLessThan(LOG_LEVEL.error);
    });

    it('lists every bad value of a request, and never echoes a huge one back', async () => {
      const res = await send(TERMINATE, { i: { id: 'x', at: 'x'.repeat(100_000), reason: 7, version: 0.5 } });
      expect(res.status).toBe(400);
      expect(fieldsNamedBy(res.errors).sort()).toEqual([['i', 'at'], ['i', 'reason'], ['i', 'version']]);
      expect(JSON.stringify(res.errors).length).toBeLessThan(2000);
    });
  });

  describe('literal arguments in the document that do not fit their types', () => {
    it.each([
      ['an invalid DateTime', `mutation { agreementTerminate(input: { id: "x", at: "nope", reason: "r" }) { userErrors { code } } }`, ['input', 'at']],
      ['a bad enum value in a list', `{ customers(filter: { regions: [EUROPE, MARS] }) { totalCount } }`, ['filter', 'regions', '1']],
      ['a fractional Int', `{ customers(first: 1.5) { totalCount } }`, ['first']],
      ['an Int out of range', `{ customers(first: 3000000000) { totalCount } }`, ['first']],
      ['a huge invalid DateTime', `mutation { agreementTerminate(input: { id: "x", at: "${'9'.repeat(50_000)}", reason: "r" }) { userErrors { code } } }`, ['input', 'at']],
    ])('%s: HTTP 400, BAD_USER_INPUT with the argument path', async (_what, query, field) => {
      const res = await send(query);
      expect(res.status).toBe(400);
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field, requestId: res.requestId });
      expect(JSON.stringify(res.errors).length).toBeLessThan(2000);
      expect(logs.highestLevelOf(res.requestId)).toBeLessThan(LOG_LEVEL.error);
    });
  });

  it('answers a document that does not parse with 400 GRAPHQL_PARSE_FAILED and the request id', async () => {
    const res = await send('{');
    expect(res.status).toBe(400);
    expect(res.errors).toEqual([expect.objectContaining({ message: expect.stringMatching(/Syntax Error/), extensions: { code: 'GRAPHQL_PARSE_FAILED', requestId: res.requestId } })]);
    expect(logs.highestLevelOf(res.requestId)).toBeLessThan(LOG_LEVEL.error);
  });

  describe('an operationName that is not in the document', () => {
    it('is UNAUTHENTICATED (401) without a token, as any other request without one', async () => {
      const res = await send('{ viewer { name } }', {}, { token: null, operationName: 'Nope' });
      expect(res.status).toBe(401);
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', requestId: res.requestId });
      expect(logs.highestLevelOf(res.requestId)).toBeLessThan(LOG_LEVEL.error);
    });

    it('is 400 OPERATION_RESOLUTION_FAILURE with one', async () => {
      const res = await send('query Mine { viewer { name } }', {}, { operationName: 'Nope' });
      expect(res.status).toBe(400);
      expect(res.errors?.[0]).toMatchObject({ message: expect.stringMatching(/Nope/), extensions: { code: 'OPERATION_RESOLUTION_FAILURE', requestId: res.requestId } });
      expect(logs.highestLevelOf(res.requestId)).toBeLessThan(LOG_LEVEL.error);
    });
  });

  describe('a NUL character in a string input', () => {
    const customers = async () => (await t.ok<{ customers: { totalCount: number } }>('{ customers(filter: { includeArchived: true }) { totalCount } }', {}, admin)).customers.totalCount;

    it('is a userError naming the field, in a variable, and nothing is written', async () => {
      const res = await send(CUSTOMER_CREATE, { i: customerInput({ name: 'nul\u0000byte' }) });
      expect(res.status).toBe(200);
      expect(res.errors).toBeUndefined();
      expect((res.data as { customerCreate: unknown }).customerCreate).toEqual({
        customer: null,
        userErrors: [{ code: 'INVALID_INPUT', field: ['input', 'name'], message: expect.stringMatching(/NUL/) }],
      });
      expect(await customers()).toBe(0);
      expect(logs.highestLevelOf(res.requestId)).toBeLessThan(LOG_LEVEL.error);
    });

    it('is a userError naming the field in a literal of the document', async () => {
      const res = await send(`mutation { customerCreate(input: { name: "nul\\u0000byte", sizeBand: LARGE, industry: "Energy", region: EUROPE, tier: GOLD, country: "DE", timeZone: "Europe/Berlin" }) {
        customer { id } userErrors { code field } } }`);
      expect((res.data as { customerCreate: unknown }).customerCreate).toEqual({ customer: null, userErrors: [{ code: 'INVALID_INPUT', field: ['input', 'name'] }] });
      expect(await customers()).toBe(0);
    });

    it('is found in nested inputs and lists, every one of them', async () => {
      const segment = await send(`mutation($i: SegmentCreateInput!) { segmentCreate(input: $i) { segment { id } userErrors { code field } } }`, {
        i: { name: 'Fin\u0000', rules: [{ industries: ['Finance'] }, { industries: ['Energy', 'Oil\u0000'] }] },
      });
      expect((segment.data as { segmentCreate: unknown }).segmentCreate).toEqual({
        segment: null,
        userErrors: [
          { code: 'INVALID_INPUT', field: ['input', 'name'] },
          { code: 'INVALID_INPUT', field: ['input', 'rules', '1', 'industries', '1'] },
        ],
      });
      const segments = await t.ok<{ segments: { totalCount: number } }>('{ segments { totalCount } }', {}, admin);
      expect(segments.segments.totalCount).toBe(0);
    });

    it('in a query argument is a BAD_USER_INPUT error naming the field, not a failure of the server', async () => {
      const res = await send(`query($f: CustomerFilter) { customers(filter: $f) { totalCount } }`, { f: { search: 'a\u0000b' } });
      expect(res.errors).toHaveLength(1);
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', userErrors: [{ code: 'INVALID_INPUT', field: ['filter', 'search'], message: expect.stringMatching(/NUL/) }] });
      expect(logs.highestLevelOf(res.requestId)).toBeLessThan(LOG_LEVEL.error);
    });
  });

  describe('every problem of one input in one answer', () => {
    let w: AgreementWorld;
    beforeEach(async () => {
      await t.reset();
      w = await agreementWorld(t);
    });

    /** A form with a problem in each of the three stages there were: format (class-validator), the terms' rules, the objectives' rules. */
    const badTerms = {
      title: '  ',
      creditPolicy: { currency: 'EURO', periodFee: '12,50', tiers: [{ below: 99.9, creditPercent: 150 }] },
      objectives: [
        { metric: 'AVAILABILITY', target: 150 },
        { metric: 'FIRST_RESPONSE_TIME', priority: 'P9', targetDuration: 'PT0S' },
      ],
      escalationPolicy: { levels: [{ level: 2, name: 'On call', after: 'PT0S', notifyRoles: ['PROVIDER_ADMIN'] }] },
    };
    const expectedFields = [
      ['input', 'terms', 'title'],
      ['input', 'terms', 'creditPolicy', 'currency'],
      ['input', 'terms', 'creditPolicy', 'periodFee'],
      ['input', 'terms', 'creditPolicy', 'tiers', '0', 'creditPercent'],
      ['input', 'terms', 'escalationPolicy', 'levels', '0', 'level'],
      ['input', 'terms', 'escalationPolicy', 'levels', '0', 'after'],
      ['input', 'terms', 'objectives', '0', 'target'],
      ['input', 'terms', 'objectives', '1', 'priority'],
      ['input', 'terms', 'objectives', '1', 'targetDuration'],
    ];
    const byField = (a: string[], b: string[]) => a.join('.').localeCompare(b.join('.'));

    it('agreementCreate names every bad field at once, each once, and writes nothing', async () => {
      const res = await t.ok(AGREEMENT_CREATE, { input: { kind: 'CUSTOMER_BASED', level: 'CUSTOMER', customer: w.customerA.id, services: [w.serviceMpg.id], terms: badTerms } }, w.admin);
      expect(res.agreementCreate.agreement).toBeNull();
      const fields = (res.agreementCreate.userErrors as UserErrorData[]).map((e) => e.field);
      expect(fields.sort(byField)).toEqual([...expectedFields].sort(byField));
      const agreements = await t.ok<{ agreements: { totalCount: number } }>('{ agreements { totalCount } }', {}, w.admin);
      expect(agreements.agreements.totalCount).toBe(0);
    });

    it('revisionUpdate names every bad field at once', async () => {
      const created = await t.ok(AGREEMENT_CREATE, { input: { kind: 'CUSTOMER_BASED', level: 'CUSTOMER', customer: w.customerA.id, services: [w.serviceMpg.id], terms: { title: 'Alpha SLA' } } }, w.admin);
      const { id, version } = created.agreementCreate.revision;
      const res = await t.ok(REVISION_UPDATE, { input: { id, version, terms: badTerms } }, w.admin);
      expect((res.revisionUpdate.userErrors as UserErrorData[]).map((e) => e.field).sort(byField)).toEqual([...expectedFields].sort(byField));
    });

    it('a bad id in the form is reported with the other problems', async () => {
      const res = await t.ok(
        AGREEMENT_CREATE,
        { input: { kind: 'CUSTOMER_BASED', level: 'CUSTOMER', customer: w.customerA.id, services: [w.serviceMpg.id], terms: { title: 'Alpha', objectives: [{ metric: 'FIRST_RESPONSE_TIME', targetDuration: 'PT0S', calendar: w.customerA.id }] } } },
        w.admin,
      );
      expect(res.agreementCreate.userErrors).toEqual([
        { code: 'INVALID_ID', field: ['input', 'terms', 'objectives', '0', 'calendar'], message: expect.any(String) },
        { code: 'INVALID_INPUT', field: ['input', 'terms', 'objectives', '0', 'targetDuration'], message: expect.any(String) },
      ]);
    });

    it.each([
      [
        'businessCalendarCreate',
        `mutation($i: BusinessCalendarCreateInput!) { businessCalendarCreate(input: $i) { userErrors { field } } }`,
        { name: ' ', timeZone: 'Mars/Base', holidayRegion: 'BY', weeklyHours: [{ weekday: 8, from: '09:00', to: '17:00' }, { weekday: 1, from: '18:00', to: '09:00' }] },
        [['input', 'name'], ['input', 'timeZone'], ['input', 'weeklyHours', '0', 'weekday'], ['input', 'weeklyHours', '1', 'to'], ['input', 'holidayCountry']],
      ],
      [
        'webhookEndpointCreate',
        `mutation($i: WebhookEndpointCreateInput!) { webhookEndpointCreate(input: $i) { userErrors { field } } }`,
        { url: 'ftp://example.com/hook', events: ['incident.breached', 'x'.repeat(101), 'no.such.event'] },
        // class-validator names the list for a rule on each element ("each value in events ..."); the domain names the element.
        [['input', 'url'], ['input', 'events'], ['input', 'events', '1'], ['input', 'events', '2']],
      ],
      [
        'segmentCreate',
        `mutation($i: SegmentCreateInput!) { segmentCreate(input: $i) { userErrors { field } } }`,
        { name: ' ', rules: [{}, { industries: [] }] },
        [['input', 'name'], ['input', 'rules', '0'], ['input', 'rules', '1', 'industries']],
      ],
      [
        'reviewSchedule',
        `mutation($i: ReviewScheduleInput!) { reviewSchedule(input: $i) { userErrors { field } } }`,
        { agreement: 'x', title: 't'.repeat(301), periodStart: '2026-02-01T00:00:00Z', periodEnd: '2026-01-01T00:00:00Z', dueAt: '2025-12-01T00:00:00Z' },
        [['input', 'agreement'], ['input', 'title'], ['input', 'periodEnd'], ['input', 'dueAt']],
      ],
      [
        'incidentReport',
        `mutation($i: IncidentReportInput!) { incidentReport(input: $i) { userErrors { field } } }`,
        { customer: 'x', service: 'Q3VzdG9tZXI6MQ==', priority: 'P9', impact: 'OUTAGE', title: ' ', startedAt: '2999-01-01T00:00:00Z', externalId: 'e'.repeat(201) },
        [['input', 'customer'], ['input', 'service'], ['input', 'priority'], ['input', 'title'], ['input', 'startedAt'], ['input', 'externalId']],
      ],
      [
        'measurementsRecord',
        `mutation($i: MeasurementsRecordInput!) { measurementsRecord(input: $i) { userErrors { field } } }`,
        { batchKey: ' ', points: [{ objective: 'x', at: '2026-01-01T00:00:00Z', good: 1, total: 1 }, { objective: 'x', at: '2999-01-01T00:00:00Z', good: 5, total: 2 }] },
        [['input', 'batchKey'], ['input', 'points', '0', 'objective'], ['input', 'points', '1', 'objective'], ['input', 'points', '1', 'at'], ['input', 'points', '1', 'good']],
      ],
      [
        'apiKeyCreate',
        `mutation($i: ApiKeyCreateInput!) { apiKeyCreate(input: $i) { userErrors { field } } }`,
        { name: ' ', roles: ['INTEGRATION', 'CUSTOMER_VIEWER'], expiresAt: '2000-01-01T00:00:00Z' },
        [['input', 'name'], ['input', 'roles', '1'], ['input', 'expiresAt']],
      ],
      [
        'agreementCreate',
        `mutation($i: AgreementCreateInput!) { agreementCreate(input: $i) { userErrors { field } } }`,
        { kind: 'CUSTOMER_BASED', level: 'CUSTOMER', customer: 'x', services: ['Q3VzdG9tZXI6MQ==', 'y'], terms: { title: ' ' } },
        [['input', 'customer'], ['input', 'services', '0'], ['input', 'services', '1'], ['input', 'terms', 'title']],
      ],
      [
        'reviewActionItemAdd',
        `mutation($i: ReviewActionItemAddInput!) { reviewActionItemAdd(input: $i) { userErrors { field } } }`,
        { review: 'x', description: ' ', owner: 'Ann', dueOn: '2026-02-31' },
        [['input', 'review'], ['input', 'description'], ['input', 'dueOn']],
      ],
    ])('%s names every bad field at once: format and domain rules together', async (mutation, query, i, expected) => {
      const res = await t.ok(query, { i }, w.admin);
      expect((res[mutation].userErrors as { field: string[] }[]).map((e) => e.field).sort(byField)).toEqual([...expected].sort(byField));
    });

    it('agreementCreate refuses an effectiveTo before its effectiveFrom as a userError (it was a constraint violation)', async () => {
      const res = await send(AGREEMENT_CREATE, {
        input: { kind: 'CUSTOMER_BASED', level: 'CUSTOMER', customer: w.customerA.id, services: [w.serviceMpg.id], terms: { title: 'Alpha', effectiveFrom: '2026-03-01T00:00:00Z', effectiveTo: '2026-02-01T00:00:00Z' } },
      }, { token: w.admin });
      expect(res.errors).toBeUndefined();
      expect((res.data as { agreementCreate: { userErrors: UserErrorData[] } }).agreementCreate.userErrors).toEqual([
        { code: 'INVALID_INPUT', field: ['input', 'terms', 'effectiveTo'], message: 'effectiveTo must be after effectiveFrom.' },
      ]);
    });
  });
});
