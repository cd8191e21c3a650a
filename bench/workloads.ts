import { createHash } from 'node:crypto';
import { fromGlobalId, toGlobalId } from '../src/common/global-id';
import { durationSeconds } from '../src/domain/shared/iso-duration';

export type ServerName = 'ours' | 'postgraphile' | 'ceiling';
export const SERVERS: ServerName[] = ['ours', 'postgraphile', 'ceiling'];

/** One HTTP request as the driver sends it; in `body`, __KEY__ is replaced by an idempotency key. */
export interface RequestSpec {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

export interface Workload {
  name: string;
  description: string;
  /** Requests sent in turn (round robin); null: this server cannot express the workload. */
  requests: Record<ServerName, RequestSpec[] | null>;
  /** Maps each server's answer to one canonical form, compared (hashed) before timing. */
  canonical: Record<ServerName, (body: unknown) => unknown>;
  /** Why a server is n/a, or what is (not) comparable. */
  notes?: string;
  /** Ingest: each request carries a fresh idempotency key, or replays the keys of the previous run. */
  keys?: 'fresh' | 'replay';
  /** Turns a request body into the one the equality check sends (a key of its own). */
  verifyKey?: string;
}

export interface Fixture {
  providerId: string;
  agreementIds: string[];
  corporateId: string;
  anchor: Date;
  /** A customer and one of its agreement's services, for incident reports. */
  report: { customerId: string; serviceId: string };
}

const gql = (query: string, variables: Record<string, unknown>): RequestSpec => ({ method: 'POST', path: '/graphql', body: JSON.stringify({ query, variables }) });
const iso = (v: unknown) => (v == null ? null : new Date(v as string).toISOString());
const num = (v: unknown) => (v == null ? null : Number(v));
const uuid = (v: unknown) => (v == null ? null : (fromGlobalId(String(v))?.uuid ?? String(v)));
const sortBy = <T>(xs: T[], key: (x: T) => string) => [...xs].sort((a, b) => key(a).localeCompare(key(b)));
type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function data(body: unknown): J {
  const b = body as J;
  if (b?.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(b.errors).slice(0, 500)}`);
  return b.data;
}

export function hashOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}

const objective = (o: J) => ({ metric: o.metric, priority: o.priority ?? null, target: num(o.target), targetSeconds: o.targetDuration !== undefined ? (o.targetDuration ? durationSeconds(o.targetDuration) : null) : num(o.targetSeconds) });

export function workloads(f: Fixture, rotate: number): Workload[] {
  const ids = f.agreementIds.slice(0, Math.max(1, Math.min(rotate, f.agreementIds.length)));
  const gid = (id: string) => toGlobalId('Agreement', id);
  const out: Workload[] = [];

  // W0: one agreement by id.
  const W0_OURS = 'query($id: ID!) { agreement(id: $id) { id kind level status createdAt version } }';
  const W0_PG = 'query($id: UUID!) { agreement(id: $id) { id kind level status createdAt version } }';
  const w0 = (a: J) => a && { id: uuid(a.id), kind: a.kind, level: a.level, status: a.status, createdAt: iso(a.createdAt), version: a.version };
  out.push({
    name: 'W0',
    description: 'one agreement by id',
    requests: {
      ours: ids.map((id) => gql(W0_OURS, { id: gid(id) })),
      postgraphile: ids.map((id) => gql(W0_PG, { id })),
      ceiling: ids.map((id) => ({ method: 'GET', path: `/w0?id=${id}` })),
    },
    canonical: { ours: (b) => w0(data(b).agreement), postgraphile: (b) => w0(data(b).agreement), ceiling: (b) => w0(b as J) },
  });

  // W1: a page of agreements with customer, services, current revision and objectives, last 10 incidents.
  const W1_OURS = `query($n: Int!) { agreements(first: $n) { edges { node { id status customer { id name } services { id code name }
    currentRevision { number state effectiveFrom objectives { metric priority target targetDuration } }
    incidents(first: 10) { edges { node { id title priority status startedAt } } } } } } }`;
  const W1_PG = `query($n: Int!) { agreementsList(first: $n, orderBy: [CREATED_AT_DESC, ID_DESC]) { id status providerCustomer { id name }
    agreementServicesByProviderIdAndAgreementIdList { providerService { id code name } }
    agreementRevisionsByProviderIdAndAgreementIdList(condition: { state: "ACTIVE" }) { number state effectiveFrom objectivesByProviderIdAndRevisionIdList(orderBy: POSITION_ASC) { metric priority target targetSeconds } }
    incidentsByProviderIdAndAgreementIdList(first: 10, orderBy: [STARTED_AT_DESC, ID_DESC]) { id title priority status startedAt } } }`;
  const w1 = (a: J, customer: J, services: J[], revision: J | null, incidents: J[]) => ({
    id: uuid(a.id),
    status: a.status,
    customer: customer && { id: uuid(customer.id), name: customer.name },
    services: sortBy(services.map((s) => ({ id: uuid(s.id), code: s.code, name: s.name })), (s) => s.code),
    currentRevision: revision && { number: revision.number, state: revision.state, effectiveFrom: iso(revision.effectiveFrom), objectives: (revision.objectives ?? []).map(objective) },
    incidents: incidents.map((i) => ({ id: uuid(i.id), title: i.title, priority: i.priority, status: i.status, startedAt: iso(i.startedAt) })),
  });
  for (const n of [10, 50, 100]) {
    out.push({
      name: `W1/${n}`,
      description: `a page of ${n} agreements, nested`,
      requests: {
        ours: [gql(W1_OURS, { n })],
        postgraphile: [gql(W1_PG, { n })],
        ceiling: [{ method: 'GET', path: `/w1?first=${n}` }],
      },
      canonical: {
        ours: (b) =>
          data(b).agreements.edges.map(({ node: a }: J) =>
            w1(a, a.customer, a.services, a.currentRevision, a.incidents.edges.map((e: J) => e.node)),
          ),
        postgraphile: (b) =>
          data(b).agreementsList.map((a: J) => {
            const r = a.agreementRevisionsByProviderIdAndAgreementIdList[0] ?? null;
            return w1(
              a,
              a.providerCustomer,
              a.agreementServicesByProviderIdAndAgreementIdList.map((x: J) => x.providerService),
              r && { ...r, objectives: r.objectivesByProviderIdAndRevisionIdList },
              a.incidentsByProviderIdAndAgreementIdList,
            );
          }),
        ceiling: (b) => (b as J[]).map((a) => w1(a, a.customer, a.services, a.currentRevision, a.incidents)),
      },
      notes: 'PostGraphile: current revision = the ACTIVE one (condition), as no "in force now" relation exists.',
    });
  }

  // W2: one agreement's history, all revisions. Only ours computes the diffs; the peers return
  // the data a client would diff (terms and objectives); compared: revisions, dates, objectives.
  const W2_OURS = `query($id: ID!) { agreement(id: $id) { revisions(first: 50) { edges { node { number state effectiveFrom effectiveTo title
    objectives { metric priority target targetDuration } diff { path kind before after } } } } } }`;
  const W2_PG = `query($id: UUID!) { agreement(id: $id) { agreementRevisionsByProviderIdAndAgreementIdList(orderBy: NUMBER_ASC) { number state effectiveFrom effectiveTo basedOnId terms
    objectivesByProviderIdAndRevisionIdList(orderBy: POSITION_ASC) { metric priority target targetSeconds } } } }`;
  const w2 = (r: J, title: string, objectives: J[]) => ({ number: r.number, state: r.state, effectiveFrom: iso(r.effectiveFrom), effectiveTo: iso(r.effectiveTo), title, objectives: objectives.map(objective) });
  out.push({
    name: 'W2',
    description: "one agreement's revisions with diffs",
    requests: {
      ours: ids.map((id) => gql(W2_OURS, { id: gid(id) })),
      postgraphile: ids.map((id) => gql(W2_PG, { id })),
      ceiling: ids.map((id) => ({ method: 'GET', path: `/w2?id=${id}` })),
    },
    canonical: {
      ours: (b) => data(b).agreement.revisions.edges.map(({ node: r }: J) => w2(r, r.title, r.objectives)),
      postgraphile: (b) => data(b).agreement.agreementRevisionsByProviderIdAndAgreementIdList.map((r: J) => w2(r, r.terms.title, r.objectivesByProviderIdAndRevisionIdList)),
      ceiling: (b) => (b as J[]).map((r) => w2(r, r.terms.title, r.objectives)),
    },
    notes: 'Diffs are computed by ours only; the peers return terms + objectives for the client to diff (compared: revisions, dates, titles, objectives).',
  });

  // W3: compliance reports.
  const W3_OURS = `query($id: ID!, $from: DateTime!, $to: DateTime!) { complianceReport(agreement: $id, from: $from, to: $to, granularity: MONTH) {
    periods { start end objectives { objective { metric priority } attainedPercent clocksMet clocksBreached } } } }`;
  const w3 = (periods: J[], objectivesOf: (p: J) => J[]) =>
    periods.map((p) => ({
      start: iso(p.start),
      end: iso(p.end),
      objectives: sortBy(
        objectivesOf(p).map((o) => ({
          metric: o.metric,
          priority: o.priority ?? null,
          attainedPercent: o.metric === 'AVAILABILITY' && o.attainedPercent != null ? Number(o.attainedPercent).toFixed(4) : null,
          clocksMet: Number(o.clocksMet),
          clocksBreached: Number(o.clocksBreached),
        })),
        (o) => `${o.metric}/${o.priority}`,
      ),
    }));
  const oursW3 = (b: unknown) => w3(data(b).complianceReport.periods, (p) => p.objectives.map((o: J) => ({ ...o, ...o.objective })));
  const ceilingW3 = (b: unknown) => w3(b as J[], (p) => p.objectives);
  const month = (k: number) => new Date(Date.UTC(f.anchor.getUTCFullYear(), f.anchor.getUTCMonth() + k, 1)).toISOString();
  const [from12, to] = [month(-12), month(0)];
  out.push({
    name: 'W3/agreement-12m',
    description: 'compliance of one agreement, 12 months',
    requests: {
      ours: ids.map((id) => gql(W3_OURS, { id: gid(id), from: from12, to })),
      postgraphile: null,
      ceiling: ids.map((id) => ({ method: 'GET', path: `/w3?id=${id}&from=${from12}&to=${to}` })),
    },
    canonical: { ours: oursW3, postgraphile: () => null, ceiling: ceilingW3 },
    notes: 'PostGraphile: n/a (it exposes rows; the compliance arithmetic is not expressible). Ours also computes budgets, burn rates, credits and the termination right.',
  });
  out.push({
    name: 'W3/provider-month',
    description: "compliance of the provider's corporate agreement over last month, all incidents",
    requests: {
      ours: [gql(W3_OURS, { id: gid(f.corporateId), from: month(-1), to })],
      postgraphile: null,
      ceiling: [{ method: 'GET', path: `/w3?id=${f.corporateId}&from=${month(-1)}&to=${to}` }],
    },
    canonical: { ours: oursW3, postgraphile: () => null, ceiling: ceilingW3 },
    notes: 'The corporate agreement covers every customer and service: its downtime runs over all incidents of the month.',
  });

  // W4: incident ingest with idempotency keys, then the same keys replayed. The incidents started a
  // minute ago: their clocks run (a back-filled incident would also record its warnings and breaches).
  const report = { customer: f.report.customerId, service: f.report.serviceId, priority: 'P2', impact: 'NONE', title: 'Bench incident', startedAt: new Date(Date.now() - 60_000).toISOString() };
  const W4_OURS = `mutation($i: IncidentReportInput!) { incidentReport(input: $i) { replayed userErrors { message }
    incident { id title priority impact status startedAt customer { id } service { id } agreement { id } } } }`;
  const oursBody = JSON.stringify({ query: W4_OURS, variables: { i: { ...report, customer: toGlobalId('Customer', report.customer), service: toGlobalId('Service', report.service), idempotencyKey: '__KEY__' } } });
  const ceilingBody = JSON.stringify({ ...report, idempotencyKey: '__KEY__' });
  const w4 = (r: J, i: J) => ({ replayed: r.replayed, title: i.title, priority: i.priority, impact: i.impact, status: i.status, startedAt: iso(i.startedAt), customer: uuid(i.customer), service: uuid(i.service), agreement: uuid(i.agreement) });
  const canonicalW4 = {
    ours: (b: unknown) => {
      const r = data(b).incidentReport;
      if (r.userErrors.length) throw new Error(JSON.stringify(r.userErrors));
      return w4(r, { ...r.incident, customer: r.incident.customer.id, service: r.incident.service.id, agreement: r.incident.agreement?.id });
    },
    postgraphile: () => null,
    ceiling: (b: unknown) => {
      const r = b as J;
      return w4(r, { ...r.incident, customer: r.incident.customerId, service: r.incident.serviceId, agreement: r.incident.agreementId });
    },
  };
  for (const keys of ['fresh', 'replay'] as const) {
    out.push({
      name: `W4/${keys}`,
      description: keys === 'fresh' ? 'incidentReport, a new idempotency key each' : 'incidentReport, the same keys replayed',
      requests: { ours: [{ method: 'POST', path: '/graphql', body: oursBody }], postgraphile: null, ceiling: [{ method: 'POST', path: '/w4', body: ceilingBody }] },
      canonical: canonicalW4,
      keys,
      verifyKey: `verify-${keys}`,
      notes: 'PostGraphile: n/a (a create mutation has no idempotency key and no agreement pinning). The ceiling writes key, incident and REPORTED event in one statement; ours also computes the SLA clocks.',
    });
  }
  return out;
}
