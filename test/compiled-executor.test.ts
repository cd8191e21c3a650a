import { FixedClock } from '../src/common/clock';
import { Role } from '../src/common/roles';
import { activeAgreement, AGREEMENT_AMEND, agreementWorld, objectives, type AgreementWorld } from './support/agreement-fixtures';
import { describeOnPostgres } from './support/postgres-only';
import { type GqlResponse, TestApp } from './support/test-app';

/*
 * The compiled executor (graphql-jit, the default) answers every kind of request exactly as
 * graphql-js's executor does: two servers on the same data, one with GRAPHQL_EXECUTOR=graphql-js,
 * the same requests to both, the answers compared whole (data, errors with their codes, paths and
 * fields, HTTP status), request ids aside.
 */

const AGREEMENT_FIELDS = `id kind status version coversAllCustomers __typename
  customer { id name tier }
  services { id code name }
  currentRevision { id number state effectiveFrom title objectives { id metric priority target targetDuration } }
  incidents(first: 3) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id title priority status startedAt } } }`;

const REQUESTS: { name: string; query: string; variables?: (ids: Ids) => Record<string, unknown>; as?: 'admin' | 'viewer'; refused?: true; nothing?: true }[] = [
  { name: 'the portal page', query: `query($first: Int!) { agreements(first: $first) { totalCount pageInfo { hasNextPage } nodes { ${AGREEMENT_FIELDS} } } }`, variables: () => ({ first: 10 }) },
  { name: 'the portal page for a customer user', query: `query { agreements(first: 10) { nodes { ${AGREEMENT_FIELDS} } } }`, as: 'viewer' },
  {
    name: 'history with diffs, aliases and fragments',
    query: `query($id: ID!) { a: agreement(id: $id) { ...A } b: agreement(id: $id) { id revisions(first: 1) { nodes { number } } } }
      fragment A on Agreement { id revisions(first: 10) { nodes { number state title diff { path kind before after } objectives { metric target } } } }`,
    variables: (ids) => ({ id: ids.agreement }),
  },
  {
    name: 'node and nodes through the Node interface, with inline fragments and __typename',
    query: `query($ids: [ID!]!, $id: ID!) { node(id: $id) { __typename id ... on Agreement { kind } } nodes(ids: $ids) { __typename id ... on Customer { name } ... on Service { code } } }`,
    variables: (ids) => ({ id: ids.agreement, ids: [ids.customer, ids.service, ids.agreement] }),
  },
  {
    name: '@include and @skip driven by variables',
    query: `query($id: ID!, $more: Boolean!) { agreement(id: $id) { id customer @include(if: $more) { name } services @skip(if: $more) { code } } }`,
    variables: (ids) => ({ id: ids.agreement, more: true }),
  },
  {
    name: 'a compliance report over months',
    query: `query($id: ID!) { complianceReport(agreement: $id, from: "2026-01-01T00:00:00Z", to: "2026-07-01T00:00:00Z") {
      granularity periods { start end status credit { amount currency totalPercent explanation } objectives { attainedPercent status clocksMet clocksBreached breachIncidents { id } objective { metric } } violations { objective { metric } } } } }`,
    variables: (ids) => ({ id: ids.agreement }),
  },
  { name: 'an invalid argument (BAD_USER_INPUT naming it)', query: '{ customers(first: -1) { nodes { name } } }', refused: true },
  { name: 'an id of another type (nothing found)', query: `query($id: ID!) { agreement(id: $id) { id } }`, variables: (ids) => ({ id: ids.customer }), nothing: true },
  { name: 'a malformed id (nothing found)', query: '{ node(id: "not-an-id") { id } }', nothing: true },
  { name: 'a field the role may not read', query: '{ apiKeys(first: 5) { nodes { id } } }', as: 'viewer', refused: true },
  { name: 'a variable of the wrong type', query: 'query($first: Int!) { customers(first: $first) { nodes { id } } }', variables: () => ({ first: 'ten' }), refused: true },
  {
    name: 'a mutation refused with userErrors',
    query: `mutation($id: ID!) { agreementAmend(input: { agreement: $id }) { revision { id } userErrors { code field message } } }`,
    variables: (ids) => ({ id: ids.agreement }),
  },
];

type Ids = { agreement: string; customer: string; service: string };

describeOnPostgres('the compiled executor answers as graphql-js does', () => {
  const clock = new FixedClock(new Date('2026-01-01T08:00:00Z'));
  let compiled: TestApp;
  let interpreted: TestApp;
  let w: AgreementWorld;
  let viewer: string;
  let ids: Ids;

  beforeAll(async () => {
    compiled = await TestApp.start({ clock });
    interpreted = await TestApp.start({ clock, keepData: true, env: { GRAPHQL_EXECUTOR: 'graphql-js' } });
    expect(compiled.app.config.graphql.executor).toBe('compiled');
    expect(interpreted.app.config.graphql.executor).toBe('graphql-js');
    w = await agreementWorld(compiled);
    const signatory = await compiled.token(w.provider, [Role.CUSTOMER_SIGNATORY], w.customerA.id);
    viewer = await compiled.token(w.provider, [Role.CUSTOMER_VIEWER], w.customerA.id);
    const a = await activeAgreement(
      compiled,
      w.admin,
      { kind: 'CUSTOMER_BASED', level: 'CUSTOMER', customer: w.customerA.id, services: [w.serviceMpg.id], terms: { title: 'A', effectiveFrom: '2026-01-01T00:00:00Z', objectives: [objectives.availability(99.9), objectives.response('P1', 'PT15M')] } },
      { customerSignatory: signatory },
    );
    for (let i = 0; i < 4; i++) {
      clock.set(new Date(Date.UTC(2026, 1 + i, 3, 9)));
      await compiled.ok(
        `mutation($i: IncidentReportInput!) { incidentReport(input: $i) { userErrors { message } } }`,
        { i: { customer: w.customerA.id, service: w.serviceMpg.id, priority: 'P1', impact: 'OUTAGE', title: `Outage ${i}`, startedAt: clock.now().toISOString() } },
        w.admin,
      );
    }
    clock.set(new Date('2026-06-15T08:00:00Z'));
    // An amendment in progress: revision 2 is a draft, so amending again is refused (the mutation case).
    await compiled.ok(AGREEMENT_AMEND, { id: a.agreementId }, w.admin);
    ids = { agreement: a.agreementId, customer: w.customerA.id, service: w.serviceMpg.id };
  });
  afterAll(async () => {
    await interpreted?.stop();
    await compiled?.stop();
  });

  /** The answer without what differs by request: request ids. */
  function comparable(res: GqlResponse<unknown>) {
    const errors = res.errors?.map((e) => ({ ...e, extensions: { ...e.extensions, requestId: undefined } }));
    return { status: res.status, data: res.data, errors };
  }

  it.each(REQUESTS)('$name', async (request) => {
    const token = request.as === 'viewer' ? viewer : w.admin;
    const variables = request.variables?.(ids) ?? {};
    const fromCompiled = await compiled.gql(request.query, variables, { token });
    const fromInterpreted = await interpreted.gql(request.query, variables, { token });
    expect(comparable(fromCompiled)).toEqual(comparable(fromInterpreted));
    // Each request is answered with what it is for: data, or errors a client can act on.
    if (request.refused) {
      expect(fromCompiled.errors?.length).toBeGreaterThan(0);
      expect(fromCompiled.errors?.map((e) => e.extensions?.code)).not.toContain('INTERNAL_SERVER_ERROR');
    } else if (request.nothing) {
      expect(fromCompiled.errors).toBeUndefined();
      expect(Object.values(fromCompiled.data as object)).toEqual([null]);
    } else {
      expect(fromCompiled.errors).toBeUndefined();
      expect(Object.values(fromCompiled.data as object)).not.toContain(null);
    }
  });

  it('runs a mutation’s root fields one after the other, as the spec says', async () => {
    const create = (alias: string, name: string) =>
      `${alias}: customerCreate(input: { name: "${name}", sizeBand: SMALL, industry: "Retail", region: EUROPE, tier: STANDARD, country: "DE", timeZone: "Europe/Berlin" }) { customer { name } userErrors { code } }`;
    const res = await compiled.gql(`mutation { ${create('first', 'Gamma')} ${create('second', 'Gamma')} }`, {}, { token: w.admin });
    expect(res.errors).toBeUndefined();
    const data = res.data as { first: { customer: { name: string } | null; userErrors: { code: string }[] }; second: { customer: unknown; userErrors: { code: string }[] } };
    expect(data.first.customer?.name).toBe('Gamma');
    // The second saw the first's customer: a name is unique per provider.
    expect(data.second.customer).toBeNull();
    expect(data.second.userErrors.length).toBeGreaterThan(0);
  });
});
