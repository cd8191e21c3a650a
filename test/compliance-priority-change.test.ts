import { BACKFILL_JUDGED_PRIORITY } from '../migrations/1765310000000-clock-judged-priority';
import { FixedClock } from '../src/common/clock';
import { Role } from '../src/common/roles';
import { activeAgreement, agreementWorld, type AgreementWorld } from './support/agreement-fixtures';
import { describeOnBothDatabases } from './support/both-databases';
import { TestApp } from './support/test-app';

const REPORT = `mutation($input: IncidentReportInput!) { incidentReport(input: $input) { incident { id } userErrors { code field message } } }`;
const MOVE = `mutation($input: IncidentTransitionInput!) { incidentTransition(input: $input) { userErrors { code field message } } }`;
const UPDATE = `mutation($input: IncidentUpdateInput!) { incidentUpdate(input: $input) { incident { priority } userErrors { code field message } } }`;
const CLOCK = `query($id: ID!) { incident(id: $id) { priority clocks { metric state priority judgedPriority target breachedAt } } }`;
const COMPLIANCE = `query($a: ID!, $from: DateTime!, $to: DateTime!) {
  complianceReport(agreement: $a, from: $from, to: $to, granularity: MONTH) {
    periods { start objectives { objective { metric priority } status clocksMet clocksBreached breachIncidents { title } }
      credit { perBreach { metric priority count creditPercent } totalPercent } }
  }
}`;

/**
 * A clock is counted under the objective its verdict was reached under: a first response met
 * under P2 stays with P2 when the incident is raised to P1 afterwards; a clock still running at a
 * change is judged by (and counted under) the new priority's target; a breach stays with the
 * priority it breached. Each case has a month of its own, so each month's counts are its alone.
 */
describeOnBothDatabases('compliance after a priority change', (db) => {
  const clock = new FixedClock(new Date('2026-01-10T08:00:00Z'));
  let t: TestApp;
  let w: AgreementWorld;
  let agreementId: string;

  beforeAll(async () => {
    t = await TestApp.start({ clock, env: db.env });
    w = await agreementWorld(t);
    const signatory = await t.token(w.provider, [Role.CUSTOMER_SIGNATORY], w.customerA.id);
    ({ agreementId } = await activeAgreement(
      t,
      w.admin,
      {
        kind: 'CUSTOMER_BASED',
        level: 'CUSTOMER',
        customer: w.customerA.id,
        services: [w.serviceMpg.id],
        terms: {
          title: 'Alpha response times',
          effectiveFrom: '2026-01-01T00:00:00Z',
          objectives: [
            { metric: 'FIRST_RESPONSE_TIME', priority: 'P1', targetDuration: 'PT15M' },
            { metric: 'FIRST_RESPONSE_TIME', priority: 'P2', targetDuration: 'PT1H' },
          ],
          creditPolicy: {
            currency: 'EUR',
            periodFee: '1000.00',
            tiers: [],
            perBreach: [
              { metric: 'FIRST_RESPONSE_TIME', priority: 'P1', creditPercent: 5 },
              { metric: 'FIRST_RESPONSE_TIME', priority: 'P2', creditPercent: 2 },
            ],
          },
        },
      },
      { customerSignatory: signatory },
    ));
  });
  afterAll(() => t.stop());

  const at = (iso: string) => clock.set(new Date(iso));
  const report = async (title: string, priority: string, startedAt: string) => {
    at(startedAt);
    const res = await t.ok(REPORT, { input: { customer: w.customerA.id, service: w.serviceMpg.id, priority, impact: 'NONE', title, startedAt } }, w.admin);
    expect(res.incidentReport.userErrors).toEqual([]);
    return res.incidentReport.incident.id as string;
  };
  const prioritise = async (id: string, priority: string, when: string) => {
    at(when);
    const res = await t.ok(UPDATE, { input: { id, priority } }, w.admin);
    expect(res.incidentUpdate).toEqual({ incident: { priority }, userErrors: [] });
  };
  const acknowledge = async (id: string, when: string) => {
    at(when);
    expect((await t.ok(MOVE, { input: { id, to: 'ACKNOWLEDGED' } }, w.admin)).incidentTransition.userErrors).toEqual([]);
  };
  const firstResponse = async (id: string) => {
    at('2026-08-01T00:00:00Z');
    return (await t.ok(CLOCK, { id }, w.admin)).incident.clocks.find((c: { metric: string }) => c.metric === 'FIRST_RESPONSE_TIME');
  };
  /** Met and breached clocks per priority, and the per-breach credit, in `month` of 2026 (months in the provider's zone, Berlin). */
  const countsIn = async (month: string) => {
    at('2026-08-01T00:00:00Z');
    const data = await t.ok(COMPLIANCE, { a: agreementId, from: `${month}-15T00:00:00Z`, to: `${month}-16T00:00:00Z` }, w.admin);
    const [period] = data.complianceReport.periods;
    const of = (priority: string) => period.objectives.find((o: { objective: { priority: string } }) => o.objective.priority === priority);
    return {
      P1: { met: of('P1').clocksMet, breached: of('P1').clocksBreached, status: of('P1').status },
      P2: { met: of('P2').clocksMet, breached: of('P2').clocksBreached, status: of('P2').status },
      perBreach: period.credit?.perBreach ?? null,
    };
  };

  it('met under P2, then raised to P1: counted as met under P2, and the clock reads P2', async () => {
    const id = await report('Met then raised', 'P2', '2026-02-10T10:00:00Z');
    await acknowledge(id, '2026-02-10T10:30:00Z');
    await prioritise(id, 'P1', '2026-02-10T10:40:00Z');
    expect(await firstResponse(id)).toMatchObject({ state: 'MET', priority: 'P2', judgedPriority: 'P2', target: 'PT1H' });
    expect(await countsIn('2026-02')).toEqual({ P1: { met: 0, breached: 0, status: 'NO_DATA' }, P2: { met: 1, breached: 0, status: 'MET' }, perBreach: [] });
  });

  it('running at the raise and met within the P1 target: counted as met under P1', async () => {
    const id = await report('Raised then met', 'P2', '2026-03-10T10:00:00Z');
    await prioritise(id, 'P1', '2026-03-10T10:05:00Z');
    await acknowledge(id, '2026-03-10T10:12:00Z');
    expect(await firstResponse(id)).toMatchObject({ state: 'MET', priority: 'P1', judgedPriority: 'P1', target: 'PT15M' });
    expect(await countsIn('2026-03')).toEqual({ P1: { met: 1, breached: 0, status: 'MET' }, P2: { met: 0, breached: 0, status: 'NO_DATA' }, perBreach: [] });
  });

  it('running at the raise, already past the shorter P1 target: breached under P1 at the change, though P2 would have been met', async () => {
    const id = await report('Raised past the P1 target', 'P2', '2026-04-10T10:00:00Z');
    await prioritise(id, 'P1', '2026-04-10T10:20:00Z');
    await acknowledge(id, '2026-04-10T10:25:00Z');
    expect(await firstResponse(id)).toMatchObject({ state: 'BREACHED', priority: 'P1', judgedPriority: 'P1', breachedAt: '2026-04-10T10:20:00.000Z' });
    expect(await countsIn('2026-04')).toEqual({
      P1: { met: 0, breached: 1, status: 'BREACHED' },
      P2: { met: 0, breached: 0, status: 'NO_DATA' },
      perBreach: [{ metric: 'FIRST_RESPONSE_TIME', priority: 'P1', count: 1, creditPercent: '5' }],
    });
  });

  it('running at a downgrade to P2 and met within the P2 target: counted as met under P2', async () => {
    const id = await report('Lowered then met', 'P1', '2026-05-10T10:00:00Z');
    await prioritise(id, 'P2', '2026-05-10T10:05:00Z');
    await acknowledge(id, '2026-05-10T10:30:00Z');
    expect(await firstResponse(id)).toMatchObject({ state: 'MET', priority: 'P2', judgedPriority: 'P2' });
    expect(await countsIn('2026-05')).toEqual({ P1: { met: 0, breached: 0, status: 'NO_DATA' }, P2: { met: 1, breached: 0, status: 'MET' }, perBreach: [] });
  });

  it('met under P1, then lowered to P2: stays met under P1', async () => {
    const id = await report('Met then lowered', 'P1', '2026-06-10T10:00:00Z');
    await acknowledge(id, '2026-06-10T10:10:00Z');
    await prioritise(id, 'P2', '2026-06-10T10:20:00Z');
    expect(await firstResponse(id)).toMatchObject({ state: 'MET', priority: 'P1', judgedPriority: 'P1' });
    expect(await countsIn('2026-06')).toEqual({ P1: { met: 1, breached: 0, status: 'MET' }, P2: { met: 0, breached: 0, status: 'NO_DATA' }, perBreach: [] });
  });

  it('breached under P1, then lowered to P2 and answered within the P2 target: the breach (and its credit) stays with P1', async () => {
    const id = await report('Breached then lowered', 'P1', '2026-07-10T10:00:00Z');
    await prioritise(id, 'P2', '2026-07-10T10:20:00Z');
    await acknowledge(id, '2026-07-10T10:30:00Z');
    expect(await firstResponse(id)).toMatchObject({ state: 'BREACHED', priority: 'P2', judgedPriority: 'P1', breachedAt: '2026-07-10T10:15:00.000Z' });
    expect(await countsIn('2026-07')).toEqual({
      P1: { met: 0, breached: 1, status: 'BREACHED' },
      P2: { met: 0, breached: 0, status: 'NO_DATA' },
      perBreach: [{ metric: 'FIRST_RESPONSE_TIME', priority: 'P1', count: 1, creditPercent: '5' }],
    });
  });

  it('the migration backfills, from the timelines, the priority the server records for each clock', async () => {
    const written: { incident_id: string; metric: string; judged_priority: string }[] = await t.app.db.dataSource.query(
      'SELECT incident_id, metric, judged_priority FROM sla_clock ORDER BY incident_id, metric',
    );
    expect(written.map((r) => r.judged_priority).sort()).toEqual(['P1', 'P1', 'P1', 'P1', 'P2', 'P2']);
    await t.app.db.dataSource.query(`UPDATE sla_clock SET judged_priority = 'P4'`);
    await t.app.db.dataSource.query(BACKFILL_JUDGED_PRIORITY);
    expect(await t.app.db.dataSource.query('SELECT incident_id, metric, judged_priority FROM sla_clock ORDER BY incident_id, metric')).toEqual(written);
  });
});
