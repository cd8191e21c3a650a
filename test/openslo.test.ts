import { parseAllDocuments } from 'yaml';
import { FixedClock } from '../src/common/clock';
import { Role } from '../src/common/roles';
import { AGREEMENT_AMEND, activeAgreement, agreementWorld, type AgreementWorld } from './support/agreement-fixtures';
import { describeOnBothDatabases } from './support/both-databases';
import { TestApp } from './support/test-app';

const EXPORT = `query($revision: ID!) { openSloExport(revision: $revision) }`;
const IMPORT = `mutation($input: RevisionOpenSloImportInput!) { revisionOpenSloImport(input: $input) {
  revision { id version objectives { metric priority target targetDuration window { kind days } calendar { id } } }
  objectives { metric priority target targetDuration }
  userErrors { code field message } } }`;
const REVISION = `query($id: ID!) { node(id: $id) { ... on AgreementRevision { version objectives { metric priority target targetDuration window { kind days } calendar { id } } } } }`;

/** A third-party SLO, as a Prometheus-based tool writes it: 99.5% of checkout requests over 28 rolling days. */
const CHECKOUT_SLO = `
apiVersion: openslo/v1
kind: SLI
metadata: { name: checkout-success }
spec:
  ratioMetric:
    counter: true
    good: { metricSource: { type: Prometheus, spec: { query: 'sum(rate(http_requests_total{code=~"2.."}[5m]))' } } }
    total: { metricSource: { type: Prometheus, spec: { query: 'sum(rate(http_requests_total[5m]))' } } }
---
apiVersion: openslo/v1
kind: SLO
metadata: { name: checkout-requests, displayName: Checkout requests }
spec:
  service: checkout
  indicatorRef: checkout-success
  budgetingMethod: Occurrences
  timeWindow: [{ duration: 28d, isRolling: true }]
  objectives: [{ displayName: Good, target: 0.995 }]
`;

describeOnBothDatabases('OpenSLO export and import', (db) => {
  const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
  let t: TestApp;
  let w: AgreementWorld;
  let revisionId: string;
  let agreementId: string;
  let calendar: string;
  beforeAll(async () => {
    t = await TestApp.start({ clock, env: db.env });
    w = await agreementWorld(t);
    calendar = (
      await t.ok(
        `mutation { businessCalendarCreate(input: { name: "Office", timeZone: "Europe/Berlin", weeklyHours: [{ weekday: 1, from: "09:00", to: "17:00" }] }) { calendar { id } } }`,
        {},
        w.admin,
      )
    ).businessCalendarCreate.calendar.id;
    ({ agreementId, revisionId } = await activeAgreement(t, w.admin, {
      kind: 'SERVICE_BASED',
      level: 'SERVICE',
      services: [w.serviceMpg.id],
      terms: {
        title: 'Managed PostgreSQL Gold',
        effectiveFrom: '2026-03-01T00:00:00+01:00',
        objectives: [
          { metric: 'AVAILABILITY', target: 99.9 },
          { metric: 'FIRST_RESPONSE_TIME', priority: 'P1', targetDuration: 'PT15M', calendar },
        ],
      },
    }));
  });
  afterAll(() => t.stop());

  it('exports the terms in force as OpenSLO v1 documents an SLO tool reads', async () => {
    const analyst = await t.token(w.provider, [Role.ANALYST]);
    const { openSloExport } = await t.ok(EXPORT, { revision: revisionId }, analyst);
    const docs = parseAllDocuments(openSloExport).map((d) => d.toJS());
    expect(docs.map((d) => `${d.apiVersion} ${d.kind} ${d.metadata.name}`)).toEqual([
      'openslo/v1 SLI managed-postgresql-gold-availability-sli',
      'openslo/v1 SLO managed-postgresql-gold-availability',
      'openslo/v1 SLI managed-postgresql-gold-first-response-time-p1-sli',
      'openslo/v1 SLO managed-postgresql-gold-first-response-time-p1',
    ]);
    expect(docs[1].spec).toMatchObject({
      service: 'managed-postgresql-gold',
      budgetingMethod: 'Timeslices',
      timeWindow: [{ duration: '1M', isRolling: false, calendar: { startTime: '2026-03-01 00:00:00', timeZone: 'Europe/Berlin' } }],
      objectives: [{ target: 0.999, timeSliceWindow: '1m' }],
    });
    expect(docs[3].metadata.annotations).toMatchObject({ 'sla-contracts-api/metric': 'FIRST_RESPONSE_TIME', 'sla-contracts-api/priority': 'P1', 'sla-contracts-api/business-calendar': calendar });
    expect(docs[3].spec.objectives).toEqual([{ displayName: 'First response P1', op: 'lte', value: 900, target: 1 }]);
  });

  it("is null for another provider's revision", async () => {
    const other = await agreementWorld(t, 'globex');
    expect((await t.ok(EXPORT, { revision: revisionId }, other.admin)).openSloExport).toBeNull();
  });

  it('imports an edited export and a third-party SLO into a draft: objectives set by metric and priority, the rest kept', async () => {
    const draft = (await t.ok(AGREEMENT_AMEND, { id: agreementId }, w.admin)).agreementAmend.revision;
    const exported = (await t.ok(EXPORT, { revision: revisionId }, w.admin)).openSloExport as string;
    // The account manager tightens availability to 99.95% in the exported file and adds the partner's checkout SLO.
    const edited = exported.replace('target: 0.999\n', 'target: 0.9995\n');
    expect(edited).not.toEqual(exported);
    const { revisionOpenSloImport: result } = await t.ok(IMPORT, { input: { id: draft.id, version: draft.version, document: `${edited}---\n${CHECKOUT_SLO}` } }, w.admin);
    expect(result.userErrors).toEqual([]);
    expect(result.objectives).toEqual([
      { metric: 'AVAILABILITY', priority: null, target: 99.95, targetDuration: null },
      { metric: 'FIRST_RESPONSE_TIME', priority: 'P1', target: null, targetDuration: 'PT15M' },
      { metric: 'RATIO', priority: null, target: 99.5, targetDuration: null },
    ]);
    expect(result.revision.version).toBe(draft.version + 1);
    expect(result.revision.objectives).toEqual([
      { metric: 'AVAILABILITY', priority: null, target: 99.95, targetDuration: null, window: { kind: 'CALENDAR_MONTH', days: null }, calendar: null },
      // The draft's business calendar stays with the objective the SLO replaced.
      { metric: 'FIRST_RESPONSE_TIME', priority: 'P1', target: null, targetDuration: 'PT15M', window: { kind: 'CALENDAR_MONTH', days: null }, calendar: { id: calendar } },
      { metric: 'RATIO', priority: null, target: 99.5, targetDuration: null, window: { kind: 'ROLLING_DAYS', days: 28 }, calendar: null },
    ]);

    // What cannot be mapped refuses the whole file, naming each place; the draft is as it was.
    const bad = CHECKOUT_SLO.replace('duration: 28d, isRolling: true', 'duration: 1M, isRolling: true').replace('apiVersion: openslo/v1\nkind: SLI', 'apiVersion: openslo/v1alpha\nkind: SLI');
    const refused = (await t.ok(IMPORT, { input: { id: draft.id, version: result.revision.version, document: bad } }, w.admin)).revisionOpenSloImport;
    expect(refused.revision).toBeNull();
    expect(refused.userErrors).toEqual([
      { code: 'INVALID_INPUT', field: ['input', 'document', '0', 'apiVersion'], message: 'Only openslo/v1 is read; this object says "openslo/v1alpha".' },
      { code: 'INVALID_INPUT', field: ['input', 'document', '1', 'spec', 'indicatorRef'], message: 'No SLI named checkout-success in the document.' },
    ]);
    expect((await t.ok(REVISION, { id: draft.id }, w.admin)).node.version).toBe(result.revision.version);
  });

  it('refuses a revision that is not a draft, a stale version, and a role that may not write', async () => {
    const signed = (await t.ok(IMPORT, { input: { id: revisionId, version: 1, document: CHECKOUT_SLO } }, w.admin)).revisionOpenSloImport;
    expect(signed.userErrors.map((e: { code: string }) => e.code)).toEqual(['INVALID_STATE']);
    const draft = (await t.ok(`query($id: ID!) { agreement(id: $id) { openRevision { id version } } }`, { id: agreementId }, w.admin)).agreement.openRevision;
    const stale = (await t.ok(IMPORT, { input: { id: draft.id, version: draft.version - 1, document: CHECKOUT_SLO } }, w.admin)).revisionOpenSloImport;
    expect(stale.userErrors.map((e: { code: string }) => e.code)).toEqual(['STALE_VERSION']);
    const analyst = await t.token(w.provider, [Role.ANALYST]);
    const forbidden = await t.gql(IMPORT, { input: { id: draft.id, version: draft.version, document: CHECKOUT_SLO } }, { token: analyst });
    expect(forbidden.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});
