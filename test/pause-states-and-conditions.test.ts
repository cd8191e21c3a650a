import { FixedClock } from '../src/common/clock';
import { Role } from '../src/common/roles';
import { AGREEMENT_AMEND, activeAgreement, agreementWorld, type AgreementWorld, REVISION_APPROVE, REVISION_PROPOSE, REVISION_UPDATE } from './support/agreement-fixtures';
import { describeOnBothDatabases } from './support/both-databases';
import { TestApp } from './support/test-app';

const REPORT = `mutation($input: IncidentReportInput!) { incidentReport(input: $input) { incident { id status statusKey category channel revision { number } } userErrors { code field message } } }`;
const MOVE = `mutation($input: IncidentTransitionInput!) { incidentTransition(input: $input) { incident { status statusKey } userErrors { code field message } } }`;
const STATUSES = `{ incidentStatuses { key label meaning builtIn } }`;
const STATUS_CREATE = `mutation($input: IncidentStatusCreateInput!) { incidentStatusCreate(input: $input) { status { key label meaning builtIn } userErrors { code field message } } }`;
const CLOCKS = `query($id: ID!) { incident(id: $id) {
  status statusKey
  clocks { metric state target elapsed dueAt pausingStatuses pausedIntervals { start end }
           objective { name conditions { customerTiers impacts } } matchedConditions { customerTiers impacts categories } selectionReason }
  events(first: 50) { nodes { type toStatus toStatusKey } } } }`;
const REVISION = `query($id: ID!) { node(id: $id) { ... on AgreementRevision { number pauseRules { metric statuses } objectives { name conditions { customerTiers impacts } } } } }`;

const RESOLUTION_OBJECTIVES = [
  { metric: 'RESOLUTION_TIME', priority: 'P1', targetDuration: 'PT8H', name: 'P1 resolution' },
  { metric: 'RESOLUTION_TIME', priority: 'P1', targetDuration: 'PT4H', name: 'Gold P1 resolution', conditions: { customerTiers: ['GOLD'] } },
  { metric: 'RESOLUTION_TIME', priority: 'P1', targetDuration: 'PT2H', name: 'Gold P1 outage resolution', conditions: { customerTiers: ['GOLD'], impacts: ['OUTAGE'] } },
];

/**
 * Pause states (a provider's own status of a fixed meaning; the terms say which status pauses which
 * metric, per revision) and objectives chosen by conditions (the most specific match wins; the
 * clock says which and why), through the API.
 */
describeOnBothDatabases('pause states and objectives chosen by conditions', (db) => {
  const clock = new FixedClock(new Date('2026-06-01T08:00:00Z'));
  let t: TestApp;
  let w: AgreementWorld;
  let standard: string;
  let agreement: string;
  let revision1: string;

  const at = (iso: string) => clock.set(new Date(iso));
  const report = async (customer: string, impact: string, startedAt: string, extra: Record<string, unknown> = {}) => {
    at(startedAt);
    const r = (await t.ok(REPORT, { input: { customer, service: w.serviceMpg.id, priority: 'P1', impact, title: 'Replica down', startedAt, ...extra } }, w.admin)).incidentReport;
    expect(r.userErrors).toEqual([]);
    return r.incident;
  };
  const move = async (id: string, target: Record<string, string>, when: string) => {
    at(when);
    return (await t.ok(MOVE, { input: { id, ...target } }, w.admin)).incidentTransition;
  };
  const resolution = async (id: string) => {
    const i = (await t.ok(CLOCKS, { id }, w.admin)).incident;
    return { ...i, clock: i.clocks.find((c: { metric: string }) => c.metric === 'RESOLUTION_TIME') };
  };

  beforeAll(async () => {
    t = await TestApp.start({ clock, env: db.env });
    w = await agreementWorld(t);
    standard = (
      await t.ok(
        `mutation($i: CustomerCreateInput!) { customerCreate(input: $i) { customer { id } } }`,
        { i: { name: 'Gamma Retail', sizeBand: 'MEDIUM', industry: 'Retail', region: 'EUROPE', tier: 'STANDARD', country: 'DE', timeZone: 'Europe/Berlin' } },
        w.admin,
      )
    ).customerCreate.customer.id;
    ({ agreementId: agreement, revisionId: revision1 } = await activeAgreement(t, w.admin, {
      kind: 'SERVICE_BASED',
      level: 'SERVICE',
      services: [w.serviceMpg.id],
      terms: {
        title: 'Managed PostgreSQL',
        effectiveFrom: '2026-05-31T22:00:00Z',
        objectives: RESOLUTION_OBJECTIVES,
        pauseRules: [{ metric: 'RESOLUTION_TIME', statuses: ['WAITING_ON_CUSTOMER', 'WAITING_ON_THIRD_PARTY'] }],
      },
    }));
  });
  afterAll(() => t.stop());

  it('a provider adds a status of its own with a fixed meaning; the built-in ones are always there', async () => {
    const created = (await t.ok(STATUS_CREATE, { input: { key: 'AWAITING_VENDOR', label: 'Awaiting vendor patch', meaning: 'WAITING_ON_THIRD_PARTY' } }, w.admin)).incidentStatusCreate;
    expect(created).toEqual({ status: { key: 'AWAITING_VENDOR', label: 'Awaiting vendor patch', meaning: 'WAITING_ON_THIRD_PARTY', builtIn: false }, userErrors: [] });
    const list = (await t.ok(STATUSES, {}, w.admin)).incidentStatuses;
    expect(list.map((s: { key: string }) => s.key)).toEqual([
      'OPEN', 'ACKNOWLEDGED', 'IN_PROGRESS', 'WAITING_ON_CUSTOMER', 'WAITING_ON_THIRD_PARTY', 'SCHEDULED', 'RESOLVED_PENDING_CONFIRMATION', 'RESOLVED', 'CLOSED', 'AWAITING_VENDOR',
    ]);
    expect(list[3]).toEqual({ key: 'WAITING_ON_CUSTOMER', label: 'Waiting on customer', meaning: 'WAITING_ON_CUSTOMER', builtIn: true });

    const refused = async (input: Record<string, string>) => (await t.ok(STATUS_CREATE, { input }, w.admin)).incidentStatusCreate.userErrors.map((e: { code: string; field: string[] }) => [e.code, e.field]);
    expect(await refused({ key: 'AWAITING_VENDOR', label: 'Again', meaning: 'SCHEDULED' })).toEqual([['ALREADY_EXISTS', ['input', 'key']]]);
    expect(await refused({ key: 'SCHEDULED', label: 'Mine', meaning: 'SCHEDULED' })).toEqual([['ALREADY_EXISTS', ['input', 'key']]]);
    expect(await refused({ key: 'on hold', label: 'On hold', meaning: 'SCHEDULED' })).toEqual([['INVALID_INPUT', ['input', 'key']]]);
    // Another provider neither sees it nor can use it.
    const other = await agreementWorld(t, 'other');
    expect((await t.ok(STATUSES, {}, other.admin)).incidentStatuses).toHaveLength(9);
    const integration = await t.token(w.provider, [Role.INTEGRATION]);
    const forbidden = await t.gql(STATUS_CREATE, { input: { key: 'ON_HOLD', label: 'On hold', meaning: 'SCHEDULED' } }, { token: integration });
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('the most specific objective the incident matches gives the target, and the clock says which and why', async () => {
    const goldOutage = await report(w.customerA.id, 'OUTAGE', '2026-06-02T08:00:00Z', { category: 'Database', channel: 'monitoring' });
    expect(goldOutage).toMatchObject({ status: 'OPEN', statusKey: 'OPEN', category: 'Database', channel: 'monitoring' });
    expect((await resolution(goldOutage.id)).clock).toMatchObject({
      target: 'PT2H',
      objective: { name: 'Gold P1 outage resolution', conditions: { customerTiers: ['GOLD'], impacts: ['OUTAGE'] } },
      matchedConditions: { customerTiers: ['GOLD'], impacts: ['OUTAGE'], categories: null },
      selectionReason: 'Chosen for P1: the RESOLUTION_TIME objective for P1 with the most specific conditions the incident matches (2: impacts OUTAGE, customerTiers GOLD).',
    });

    const goldDegraded = await report(w.customerA.id, 'DEGRADED', '2026-06-02T08:01:00Z');
    expect((await resolution(goldDegraded.id)).clock).toMatchObject({ target: 'PT4H', objective: { name: 'Gold P1 resolution' }, matchedConditions: { customerTiers: ['GOLD'], impacts: null } });

    const plain = await report(standard, 'OUTAGE', '2026-06-02T08:02:00Z');
    expect((await resolution(plain.id)).clock).toMatchObject({
      target: 'PT8H',
      objective: { name: 'P1 resolution', conditions: null },
      matchedConditions: null,
      selectionReason: 'Chosen for P1: the RESOLUTION_TIME objective for P1 without conditions: the incident matches none of the 2 with conditions.',
    });

    // All three breach (2 h, 4 h, 8 h): the report counts each clock under the objective chosen for it, not under all three P1 objectives.
    at('2026-06-02T17:00:00Z');
    await t.app.jobs.clockEvents!.runNow();
    const report_ = await t.ok(
      `query($a: ID!) { complianceReport(agreement: $a, from: "2026-06-01T00:00:00Z", to: "2026-07-01T00:00:00Z") { periods { objectives { objective { name } clocksMet clocksBreached } } } }`,
      { a: agreement },
      w.admin,
    );
    expect(report_.complianceReport.periods[0].objectives).toEqual([
      { objective: { name: 'P1 resolution' }, clocksMet: 0, clocksBreached: 1 },
      { objective: { name: 'Gold P1 resolution' }, clocksMet: 0, clocksBreached: 1 },
      { objective: { name: 'Gold P1 outage resolution' }, clocksMet: 0, clocksBreached: 1 },
    ]);
  });

  it("a provider's own status pauses as its meaning does under the revision's pause rules", async () => {
    const { id } = await report(w.customerA.id, 'OUTAGE', '2026-06-03T08:00:00Z');
    expect((await move(id, { to: 'ACKNOWLEDGED' }, '2026-06-03T08:10:00Z')).userErrors).toEqual([]);
    expect(await move(id, { status: 'AWAITING_VENDOR' }, '2026-06-03T09:00:00Z')).toEqual({ incident: { status: 'WAITING_ON_THIRD_PARTY', statusKey: 'AWAITING_VENDOR' }, userErrors: [] });
    // The same status again changes nothing (safe to retry).
    expect((await move(id, { status: 'AWAITING_VENDOR' }, '2026-06-03T09:05:00Z')).userErrors).toEqual([]);

    at('2026-06-03T10:00:00Z');
    const paused = await resolution(id);
    expect(paused).toMatchObject({ status: 'WAITING_ON_THIRD_PARTY', statusKey: 'AWAITING_VENDOR' });
    expect(paused.clock).toMatchObject({
      state: 'PAUSED',
      elapsed: 'PT1H',
      dueAt: null,
      pausingStatuses: ['WAITING_ON_CUSTOMER', 'WAITING_ON_THIRD_PARTY'],
      pausedIntervals: [{ start: '2026-06-03T09:00:00.000Z', end: '2026-06-03T10:00:00.000Z' }],
    });

    // Straight on to waiting on the customer (built-in): still one pause; back to work at 11:00, due at 12:00.
    expect((await move(id, { to: 'WAITING_ON_CUSTOMER' }, '2026-06-03T10:30:00Z')).userErrors).toEqual([]);
    expect((await move(id, { status: 'IN_PROGRESS' }, '2026-06-03T11:00:00Z')).incident).toEqual({ status: 'IN_PROGRESS', statusKey: 'IN_PROGRESS' });
    const running = await resolution(id);
    expect(running.clock).toMatchObject({ state: 'RUNNING', elapsed: 'PT1H', dueAt: '2026-06-03T12:00:00.000Z', pausedIntervals: [{ start: '2026-06-03T09:00:00.000Z', end: '2026-06-03T11:00:00.000Z' }] });
    expect(running.events.nodes.filter((e: { type: string }) => e.type === 'STATUS_CHANGED')).toEqual([
      { type: 'STATUS_CHANGED', toStatus: 'ACKNOWLEDGED', toStatusKey: 'ACKNOWLEDGED' },
      { type: 'STATUS_CHANGED', toStatus: 'WAITING_ON_THIRD_PARTY', toStatusKey: 'AWAITING_VENDOR' },
      { type: 'STATUS_CHANGED', toStatus: 'WAITING_ON_CUSTOMER', toStatusKey: 'WAITING_ON_CUSTOMER' },
      { type: 'STATUS_CHANGED', toStatus: 'IN_PROGRESS', toStatusKey: 'IN_PROGRESS' },
    ]);

    const errors = async (target: Record<string, string>) => (await move(id, target, '2026-06-03T11:05:00Z')).userErrors.map((e: { code: string; field: string[] }) => [e.code, e.field]);
    expect(await errors({ status: 'NO_SUCH_STATUS' })).toEqual([['NOT_FOUND', ['input', 'status']]]);
    expect(await errors({ to: 'RESOLVED', status: 'RESOLVED' })).toEqual([['INVALID_INPUT', ['input', 'status']]]);
    expect(await errors({ to: 'REOPENED' })).toEqual([['INVALID_STATE', ['input', 'to']]]);
  });

  it('new pause rules in a new revision judge only the incidents that revision judges', async () => {
    // Revision 2 from 10 June: nothing pauses the resolution clock any more.
    at('2026-06-04T08:00:00Z');
    const draft = (await t.ok(AGREEMENT_AMEND, { id: agreement }, w.admin)).agreementAmend.revision;
    const updated = await t.ok(
      REVISION_UPDATE,
      { input: { id: draft.id, version: draft.version, terms: { effectiveFrom: '2026-06-10T00:00:00Z', pauseRules: [{ metric: 'RESOLUTION_TIME', statuses: [] }] } } },
      w.admin,
    );
    expect(updated.revisionUpdate.userErrors).toEqual([]);
    expect((await t.ok(REVISION_PROPOSE, { id: draft.id }, w.admin)).revisionPropose.userErrors).toEqual([]);
    expect((await t.ok(REVISION_APPROVE, { id: draft.id }, w.admin)).revisionApprove.userErrors).toEqual([]);
    expect((await t.ok(REVISION, { id: draft.id }, w.admin)).node).toMatchObject({
      number: 2,
      pauseRules: [
        { metric: 'RESOLUTION_TIME', statuses: [] },
        { metric: 'UPDATE_INTERVAL', statuses: ['WAITING_ON_CUSTOMER'] },
      ],
      objectives: [{ conditions: null }, { conditions: { customerTiers: ['GOLD'], impacts: null } }, { conditions: { customerTiers: ['GOLD'], impacts: ['OUTAGE'] } }],
    });
    expect((await t.ok(REVISION, { id: revision1 }, w.admin)).node.pauseRules[0]).toEqual({ metric: 'RESOLUTION_TIME', statuses: ['WAITING_ON_CUSTOMER', 'WAITING_ON_THIRD_PARTY'] });

    // Reported under revision 1 on 9 June, waiting on the vendor from 11 June (revision 2 in force by then): still paused.
    const old = await report(w.customerA.id, 'OUTAGE', '2026-06-09T23:00:00Z');
    expect(old.revision).toEqual({ number: 1 });
    await move(old.id, { to: 'IN_PROGRESS' }, '2026-06-09T23:30:00Z');
    await move(old.id, { status: 'AWAITING_VENDOR' }, '2026-06-10T00:30:00Z');
    // Reported under revision 2, the same moves: the clock runs on.
    const fresh = await report(w.customerA.id, 'OUTAGE', '2026-06-10T23:00:00Z');
    expect(fresh.revision).toEqual({ number: 2 });
    await move(fresh.id, { to: 'IN_PROGRESS' }, '2026-06-10T23:30:00Z');
    await move(fresh.id, { status: 'AWAITING_VENDOR' }, '2026-06-11T00:30:00Z');

    at('2026-06-11T00:50:00Z');
    expect((await resolution(old.id)).clock).toMatchObject({ state: 'PAUSED', elapsed: 'PT1H30M', pausingStatuses: ['WAITING_ON_CUSTOMER', 'WAITING_ON_THIRD_PARTY'] });
    expect((await resolution(fresh.id)).clock).toMatchObject({ state: 'RUNNING', elapsed: 'PT1H50M', pausingStatuses: [], pausedIntervals: [], dueAt: '2026-06-11T01:00:00.000Z' });
  });
});
