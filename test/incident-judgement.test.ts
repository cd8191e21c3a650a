import { FixedClock } from '../src/common/clock';
import { Role } from '../src/common/roles';
import { activeAgreement, agreementWorld, AGREEMENT_CREATE, REVISION_APPROVE, REVISION_PROPOSE } from './support/agreement-fixtures';
import { TestApp } from './support/test-app';

const REPORT = `mutation($input: IncidentReportInput!) { incidentReport(input: $input) { incident { id } replayed userErrors { code message } } }`;
const MOVE = `mutation($input: IncidentTransitionInput!) { incidentTransition(input: $input) { userErrors { message } } }`;

describe('how incidents are judged', () => {
  const clock = new FixedClock(new Date('2026-01-05T08:00:00Z'));
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ clock });
  });
  afterAll(() => t.stop());

  it('credits a breach once, under the objective of its own priority, not also under the priority-less one', async () => {
    clock.set(new Date('2026-01-05T08:00:00Z'));
    const w = await agreementWorld(t, 'credit-co');
    const created = await t.ok(
      AGREEMENT_CREATE,
      {
        input: {
          kind: 'SERVICE_BASED',
          level: 'SERVICE',
          services: [w.serviceMpg.id],
          terms: {
            title: 'Resolution SLA',
            effectiveFrom: '2026-01-31T23:00:00Z',
            objectives: [
              { metric: 'RESOLUTION_TIME', priority: 'P1', targetDuration: 'PT4H' },
              { metric: 'RESOLUTION_TIME', targetDuration: 'PT24H' },
            ],
            creditPolicy: {
              currency: 'EUR',
              periodFee: '1000.00',
              tiers: [],
              perBreach: [{ metric: 'RESOLUTION_TIME', priority: 'P1', creditPercent: 10 }, { metric: 'RESOLUTION_TIME', creditPercent: 2 }],
            },
          },
        },
      },
      w.admin,
    );
    await t.ok(REVISION_PROPOSE, { id: created.agreementCreate.revision.id }, w.admin);
    await t.ok(REVISION_APPROVE, { id: created.agreementCreate.revision.id }, w.admin);
    clock.set(new Date('2026-02-03T09:00:00Z'));
    await t.app.jobs.revisionActivation!.runNow();
    const id = (await t.ok(REPORT, { input: { customer: w.customerA.id, service: w.serviceMpg.id, priority: 'P1', impact: 'OUTAGE', title: 'Slow fix', startedAt: '2026-02-03T09:00:00Z' } }, w.admin)).incidentReport.incident.id;
    clock.set(new Date('2026-02-03T15:00:00Z'));
    await t.ok(MOVE, { input: { id, to: 'RESOLVED' } }, w.admin);
    clock.set(new Date('2026-03-02T00:00:00Z'));
    const data = await t.ok(
      `query($a: ID!) { complianceReport(agreement: $a, from: "2026-02-01T00:00:00+01:00", to: "2026-03-01T00:00:00+01:00") { periods {
         objectives { objective { priority } clocksBreached } credit { perBreach { priority count creditPercent } totalPercent amount } } } }`,
      { a: created.agreementCreate.agreement.id },
      w.admin,
    );
    const february = data.complianceReport.periods[0];
    expect(february.objectives).toEqual([
      { objective: { priority: 'P1' }, clocksBreached: 1 },
      { objective: { priority: null }, clocksBreached: 0 },
    ]);
    expect(february.credit).toEqual({ perBreach: [{ priority: 'P1', count: 1, creditPercent: '10' }], totalPercent: '10', amount: '100.00' });
  });

  it('keeps judging an incident by the objectives it was reported under, whatever changes later', async () => {
    clock.set(new Date('2026-04-01T08:00:00Z'));
    const w = await agreementWorld(t, 'pinned-co');
    await activeAgreement(t, w.admin, {
      kind: 'CUSTOMER_BASED',
      level: 'SEGMENT',
      segment: w.segment.id,
      services: [w.serviceMpg.id],
      terms: { title: 'Finance segment', effectiveFrom: '2026-01-01T00:00:00Z', objectives: [{ metric: 'FIRST_RESPONSE_TIME', priority: 'P2', targetDuration: 'PT1H' }] },
    });
    clock.set(new Date('2026-04-02T10:00:00Z'));
    const id = (await t.ok(REPORT, { input: { customer: w.customerA.id, service: w.serviceMpg.id, priority: 'P2', impact: 'DEGRADED', title: 'Pinned', startedAt: '2026-04-02T10:00:00Z' } }, w.admin)).incidentReport.incident.id;
    // The customer leaves the segment: the agreement no longer covers it.
    await t.ok(`mutation($id: ID!) { segmentUpdate(input: { id: $id, rules: [{ industries: ["Retail"] }] }) { userErrors { message } } }`, { id: w.segment.id }, w.admin);
    clock.set(new Date('2026-04-02T10:30:00Z'));
    await t.ok(`mutation($id: ID!) { incidentUpdate(input: { id: $id, note: "Looking into it" }) { userErrors { message } } }`, { id }, w.admin);
    const clocks = (await t.ok(`query($id: ID!) { incident(id: $id) { clocks { metric state target dueAt } } }`, { id }, w.admin)).incident.clocks;
    expect(clocks).toEqual([{ metric: 'FIRST_RESPONSE_TIME', state: 'RUNNING', target: 'PT1H', dueAt: '2026-04-02T11:00:00.000Z' }]);
    // The stored clock, which the scheduler scans, was recomputed with the same objective.
    const uuid = Buffer.from(id, 'base64url').toString('utf8').split(':')[1];
    const [row] = await t.app.db.dataSource.query('SELECT computed_at, due_at FROM sla_clock WHERE incident_id = $1', [uuid]);
    expect(new Date(row.computed_at).toISOString()).toBe('2026-04-02T10:30:00.000Z');
    expect(new Date(row.due_at).toISOString()).toBe('2026-04-02T11:00:00.000Z');
  });

  it('scopes idempotency keys to the caller: two integrations may use the same key', async () => {
    clock.set(new Date('2026-05-01T08:00:00Z'));
    const w = await agreementWorld(t, 'keys-co');
    const key = async (name: string) => (await t.ok(`mutation($n: String!) { apiKeyCreate(input: { name: $n }) { secret } }`, { n: name }, w.admin)).apiKeyCreate.secret;
    const [monitoring, ticketing] = [await key('Monitoring'), await key('Ticketing')];
    const input = { customer: w.customerA.id, service: w.serviceMpg.id, priority: 'P3', impact: 'NONE', title: 'Same counter', startedAt: '2026-05-01T07:00:00Z', idempotencyKey: '1' };
    const a = await t.ok(REPORT, { input }, monitoring);
    const b = await t.ok(REPORT, { input }, ticketing);
    expect(a.incidentReport.replayed).toBe(false);
    expect(b.incidentReport.replayed).toBe(false);
    expect(b.incidentReport.incident.id).not.toBe(a.incidentReport.incident.id);
  });

  it('lets provider staff, not integrations, announce maintenance', async () => {
    const w = await agreementWorld(t, 'maint-roles-co');
    const integration = (await t.ok(`mutation { apiKeyCreate(input: { name: "Bot" }) { secret } }`, {}, w.admin)).apiKeyCreate.secret;
    const res = await t.gql(`mutation($s: ID!) { maintenanceWindowAnnounce(input: { service: $s, title: "x", startsAt: "2026-06-01T00:00:00Z", endsAt: "2026-06-01T01:00:00Z" }) { userErrors { message } } }`, { s: w.serviceMpg.id }, { token: integration });
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const viewer = await t.token(w.provider, [Role.CUSTOMER_VIEWER], w.customerA.id);
    const asViewer = await t.gql(`mutation($s: ID!) { maintenanceWindowAnnounce(input: { service: $s, title: "x", startsAt: "2026-06-01T00:00:00Z", endsAt: "2026-06-01T01:00:00Z" }) { userErrors { message } } }`, { s: w.serviceMpg.id }, { token: viewer });
    expect(asViewer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
