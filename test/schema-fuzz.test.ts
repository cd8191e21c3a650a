import fc from 'fast-check';
import { getSchema } from '../src/graphql/schema';
import { activeAgreement, agreementWorld, objectives } from './support/agreement-fixtures';
import { describeOnBothDatabases } from './support/both-databases';
import { argumentsArbitrary, documentFor, type KnownIds, nodeDocumentFor, nodeFieldsWithArguments, rootFieldsWithArguments } from './support/schema-arbitraries';
import { TestApp } from './support/test-app';

/**
 * INTERNAL_SERVER_ERROR means a bug in this server and nothing else. Every argument of every query
 * and mutation of the built schema (so a new one is covered without touching this file) is sent
 * generated values, well formed and not: wrong types, bad enum values, out-of-range and fractional
 * numbers, malformed ids and ids of another type, NUL characters, huge strings, long lists. No
 * answer may be a 5xx or carry INTERNAL_SERVER_ERROR anywhere.
 *
 * Seeded, so that a failure reproduces: FUZZ_SEED=<seed> (printed with a failure) replays it;
 * FUZZ_RUNS sets the calls per field (default 6, a few hundred requests per database);
 * FUZZ_STATS=1 prints how the calls were answered (status, error and userError codes per field).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
const RUNS = Number(process.env.FUZZ_RUNS ?? 6);

const shown = (value: unknown) => {
  const text = JSON.stringify(value);
  return text.length > 400 ? `${text.slice(0, 400)}...` : text;
};

describeOnBothDatabases('every argument of the schema, fed generated values', (db) => {
  let t: TestApp;
  let admin: string;
  const known: KnownIds = {};

  beforeAll(async () => {
    t = await TestApp.start({ env: db.env });
    const w = await agreementWorld(t);
    admin = w.admin;
    const agreement = await activeAgreement(t, admin, {
      kind: 'CUSTOMER_BASED',
      level: 'CUSTOMER',
      customer: w.customerA.id,
      services: [w.serviceMpg.id],
      terms: { title: 'Alpha SLA', effectiveFrom: '2026-01-01T00:00:00Z', objectives: [objectives.response('P1', 'PT15M'), objectives.availability(99.9)] },
    });
    const incident = await t.ok(
      `mutation($i: IncidentReportInput!) { incidentReport(input: $i) { incident { id } } }`,
      { i: { customer: w.customerA.id, service: w.serviceMpg.id, priority: 'P1', impact: 'OUTAGE', title: 'Down', startedAt: new Date(Date.now() - 3600_000).toISOString() } },
      admin,
    );
    const calendar = await t.ok(
      `mutation { businessCalendarCreate(input: { name: "Office", timeZone: "Europe/Berlin", weeklyHours: [{ weekday: 1, from: "09:00", to: "17:00" }] }) { calendar { id } } }`,
      {},
      admin,
    );
    const endpoint = await t.ok(`mutation { webhookEndpointCreate(input: { url: "http://127.0.0.1:9/hook", events: [] }) { webhookEndpoint { id } } }`, {}, admin);
    const revision = await t.ok(`query($id: ID!) { node(id: $id) { ... on AgreementRevision { objectives { id } } } }`, { id: agreement.revisionId }, admin);
    Object.assign(known, {
      Provider: [w.provider.globalId],
      Customer: [w.customerA.id, w.customerB.id],
      Segment: [w.segment.id],
      Service: [w.serviceMpg.id, w.serviceDesk.id],
      Agreement: [agreement.agreementId],
      AgreementRevision: [agreement.revisionId],
      Objective: revision.node.objectives.map((o: { id: string }) => o.id),
      Incident: [incident.incidentReport.incident.id],
      BusinessCalendar: [calendar.businessCalendarCreate.calendar.id],
      WebhookEndpoint: [endpoint.webhookEndpointCreate.webhookEndpoint.id],
    });
  }, 180_000); // a server and a small world: seconds here, longer on a loaded machine
  afterAll(() => t.stop());

  it('answers no call with a 5xx or INTERNAL_SERVER_ERROR', async () => {
    const schema = await getSchema();
    // Every root field with arguments, and every field with arguments of the node types, called on an object of the world.
    const cases = [
      ...rootFieldsWithArguments(schema).map(({ operation, field }) => ({ name: field.name, field, query: documentFor(operation, field), fixed: {} })),
      ...nodeFieldsWithArguments(schema, known).map(({ type, id, field }) => ({ name: `${type}.${field.name}`, field, query: nodeDocumentFor(type, field), fixed: { nodeId: id } })),
    ];
    expect(cases.length).toBeGreaterThan(60); // the walk found the schema's fields
    const failures: string[] = [];
    let calls = 0;
    const stats = new Map<string, number>();
    for (const [i, { name, field, query, fixed }] of cases.entries()) {
      const seed = SEED + i;
      const result = await fc.check(
        fc.asyncProperty(argumentsArbitrary(field, known), async (generated) => {
          calls++;
          const variables = { ...generated, ...fixed };
          const res = await fetch(`${t.url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
            body: JSON.stringify({ query, variables }),
          });
          const text = await res.text();
          if (res.status >= 500) throw new Error(`HTTP ${res.status}: ${text.slice(0, 500)}`);
          if (text.includes('INTERNAL_SERVER_ERROR')) throw new Error(`INTERNAL_SERVER_ERROR: ${text.slice(0, 500)}`);
          const body = JSON.parse(text) as { errors?: { extensions?: { code?: string } }[]; data?: Record<string, { userErrors?: { code: string }[] } | null> | null };
          if (process.env.FUZZ_STATS) {
            const key = `${name} ${res.status} ${(body.errors ?? []).map((e) => e.extensions?.code).join(',')} ${Object.values(body.data ?? {}).flatMap((d) => d?.userErrors?.map((u) => u.code) ?? []).join(',')}`;
            stats.set(key, (stats.get(key) ?? 0) + 1);
          }
        }),
        { seed, numRuns: RUNS, endOnFailure: true },
      );
      if (result.failed) {
        failures.push(`${name} (FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS}): ${result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance)}\n  variables: ${shown(result.counterexample?.[0])}`);
      }
    }
    if (process.env.FUZZ_STATS) console.log([...stats.entries()].map(([k, n]) => `${n} ${k}`).join('\n'));
    expect(calls).toBeGreaterThanOrEqual(cases.length);
    expect(failures).toEqual([]);
  }, 600_000); // a few hundred requests: seconds here, minutes on a slow machine
});
