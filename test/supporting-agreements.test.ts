import { FixedClock } from '../src/common/clock';
import { Role } from '../src/common/roles';
import { activeAgreement, AGREEMENT_CREATE, agreementWorld, type AgreementWorld } from './support/agreement-fixtures';
import { describeOnBothDatabases } from './support/both-databases';
import { TestApp } from './support/test-app';

const PARTY_CREATE = `mutation($i: SupportingPartyCreateInput!) { supportingPartyCreate(input: $i) { supportingParty { id kind name contacts calendar { name } } userErrors { code field message } } }`;
const REPORT = `mutation($i: IncidentReportInput!) { incidentReport(input: $i) { incident { id } userErrors { code field message } } }`;
const MOVE = `mutation($i: IncidentTransitionInput!) { incidentTransition(input: $i) { userErrors { code field message } } }`;
const ASSIGN = `mutation($i: IncidentAssignInput!) { incidentAssign(input: $i) {
  incident { id } assignment { party { name } agreement { kind } assignedAt endedAt } userErrors { code field message } } }`;
const CLOCKS = `query($id: ID!) { incident(id: $id) {
  assignedTo { name }
  assignments { party { name } assignedAt endedAt }
  clocks { metric state warned dueAt
    supportingClocks { party { name kind } agreement { kind } holding supports
      clock { metric state elapsed twentyFourSeven dueAt stoppedAt breachedAt calendar { name } } } } } }`;
const OFFICE = `mutation { businessCalendarCreate(input: { name: "DBA office hours", timeZone: "Europe/Berlin",
  weeklyHours: [{ weekday: 1, from: "09:00", to: "17:00" }, { weekday: 2, from: "09:00", to: "17:00" }, { weekday: 3, from: "09:00", to: "17:00" },
                { weekday: 4, from: "09:00", to: "17:00" }, { weekday: 5, from: "09:00", to: "17:00" }] }) { calendar { id } userErrors { message } } }`;

type Clock = { metric: string; state: string; warned: boolean; dueAt: string | null; supportingClocks: SupportingClock[] };
type SupportingClock = { party: { name: string }; holding: boolean; supports: string[]; clock: Record<string, unknown> };

/**
 * OLAs and underpinning contracts, as a client uses them: the provider's database team (an OLA, in
 * its Berlin office hours) and its hosting supplier (an underpinning contract, 24x7) support the
 * Managed PostgreSQL SLA (P1 resolution in 6 hours, 24x7). An incident handed from one to the other
 * and back runs their clocks in turn.
 */
describeOnBothDatabases('OLAs and underpinning contracts', (db) => {
  const clock = new FixedClock(new Date('2026-05-31T12:00:00Z'));
  let t: TestApp;
  let w: AgreementWorld;
  let team: { id: string };
  let supplier: { id: string };
  let network: { id: string };
  let slaResolutionP1: string;
  let slaAgreement: string;
  const supportingAgreements: Record<'ola' | 'uc', string> = { ola: '', uc: '' };
  const at = (iso: string) => clock.set(new Date(iso));

  beforeAll(async () => {
    t = await TestApp.start({ clock, env: db.env });
    w = await agreementWorld(t);
    const sla = await activeAgreement(t, w.admin, {
      kind: 'SERVICE_BASED',
      level: 'SERVICE',
      services: [w.serviceMpg.id],
      terms: {
        title: 'Managed PostgreSQL SLA',
        effectiveFrom: '2026-05-31T00:00:00Z',
        objectives: [
          { metric: 'RESOLUTION_TIME', priority: 'P1', targetDuration: 'PT6H' },
          { metric: 'RESOLUTION_TIME', priority: 'P2', targetDuration: 'PT12H' },
        ],
        escalationPolicy: {
          levels: [{ level: 1, name: 'On call', notifyUsers: ['oncall@example.com'], notifySupportingParty: true, after: 'PT1H' }],
          triggers: { clockBreach: true },
        },
      },
    });
    slaAgreement = sla.agreementId;
    const objectives = await t.ok(`query($id: ID!) { node(id: $id) { ... on AgreementRevision { objectives { id metric priority } } } }`, { id: sla.revisionId }, w.admin);
    slaResolutionP1 = objectives.node.objectives.find((o: { priority: string }) => o.priority === 'P1').id;
  });
  afterAll(() => t.stop());

  it('creates teams and suppliers, with their own calendar and contacts; a name is unique', async () => {
    const calendar = (await t.ok(OFFICE, {}, w.admin)).businessCalendarCreate.calendar.id;
    const created = await t.ok(PARTY_CREATE, { i: { kind: 'TEAM', name: 'Database team', calendar, contacts: ['dba-oncall@example.com'] } }, w.admin);
    expect(created.supportingPartyCreate).toMatchObject({
      supportingParty: { kind: 'TEAM', name: 'Database team', contacts: ['dba-oncall@example.com'], calendar: { name: 'DBA office hours' } },
      userErrors: [],
    });
    team = created.supportingPartyCreate.supportingParty;
    supplier = (await t.ok(PARTY_CREATE, { i: { kind: 'SUPPLIER', name: 'Hetzner', contacts: ['noc@hetzner.example'] } }, w.admin)).supportingPartyCreate.supportingParty;
    network = (await t.ok(PARTY_CREATE, { i: { kind: 'TEAM', name: 'Network team' } }, w.admin)).supportingPartyCreate.supportingParty;
    const again = await t.ok(PARTY_CREATE, { i: { kind: 'TEAM', name: 'Database team' } }, w.admin);
    expect(again.supportingPartyCreate.userErrors).toEqual([{ code: 'ALREADY_EXISTS', field: ['input', 'name'], message: expect.any(String) }]);
    const listed = await t.ok(`{ supportingParties(filter: { kinds: [TEAM] }) { totalCount nodes { name } } }`, {}, w.admin);
    expect(listed.supportingParties).toEqual({ totalCount: 2, nodes: [{ name: 'Database team' }, { name: 'Network team' }] });
  });

  it('refuses supporting agreements that cannot underpin the SLA, each problem on its field', async () => {
    const ola = (objectives: unknown[], extra: Record<string, unknown> = {}) => ({
      kind: 'OLA', level: 'SERVICE', supportingParty: team.id, services: [w.serviceMpg.id],
      terms: { title: 'DBA OLA', effectiveFrom: '2026-05-31T00:00:00Z', objectives, ...extra },
    });
    const errors = async (input: unknown) => (await t.ok(AGREEMENT_CREATE, { input }, w.admin)).agreementCreate.userErrors;
    // Longer than the customer's 6 hours: the customer's clock would breach first.
    expect(await errors(ola([{ metric: 'RESOLUTION_TIME', priority: 'P1', targetDuration: 'PT7H', supportsObjectives: [slaResolutionP1] }]))).toEqual([
      { code: 'SUPPORTING_TARGET_TOO_LONG', field: ['input', 'terms', 'objectives', '0', 'targetDuration'], message: expect.stringContaining('longer') },
    ]);
    expect(await errors(ola([{ metric: 'RESOLUTION_TIME', priority: 'P2', targetDuration: 'PT1H', supportsObjectives: [slaResolutionP1] }]))).toEqual([
      { code: 'INVALID_INPUT', field: ['input', 'terms', 'objectives', '0', 'supportsObjectives', '0'], message: expect.any(String) },
    ]);
    expect(await errors(ola([{ metric: 'FIRST_RESPONSE_TIME', priority: 'P1', targetDuration: 'PT10M' }]))).toEqual([
      { code: 'INVALID_INPUT', field: ['input', 'terms', 'objectives', '0', 'metric'], message: expect.any(String) },
    ]);
    expect(await errors(ola([], { creditPolicy: { currency: 'EUR', periodFee: '100.00', tiers: [] } }))).toEqual([
      { code: 'INVALID_INPUT', field: ['input', 'terms', 'creditPolicy'], message: expect.any(String) },
    ]);
    expect(await errors({ ...ola([]), supportingParty: supplier.id })).toEqual([{ code: 'INVALID_INPUT', field: ['input', 'supportingParty'], message: expect.any(String) }]);
    expect(await errors({ ...ola([]), kind: 'SERVICE_BASED' })).toEqual([{ code: 'INVALID_INPUT', field: ['input', 'supportingParty'], message: expect.any(String) }]);
  });

  it('signed by the provider alone; covers no customer: neither the customer\'s agreements nor its effective objectives show it', async () => {
    const olaIds = await activeAgreement(t, w.admin, {
      kind: 'OLA', level: 'SERVICE', supportingParty: team.id, services: [w.serviceMpg.id],
      terms: { title: 'DBA OLA', effectiveFrom: '2026-05-31T00:00:00Z', objectives: [{ metric: 'RESOLUTION_TIME', priority: 'P1', targetDuration: 'PT3H', supportsObjectives: [slaResolutionP1] }] },
    });
    supportingAgreements.ola = olaIds.agreementId;
    supportingAgreements.uc = (await activeAgreement(t, w.admin, {
      kind: 'UNDERPINNING_CONTRACT', level: 'SERVICE', supportingParty: supplier.id, services: [w.serviceMpg.id],
      terms: { title: 'Hosting contract', effectiveFrom: '2026-05-31T00:00:00Z', objectives: [{ metric: 'RESOLUTION_TIME', priority: 'P1', targetDuration: 'PT2H', supportsObjectives: [slaResolutionP1] }] },
    })).agreementId;
    const read = await t.ok(
      `query($id: ID!, $c: ID!, $s: ID!) {
        node(id: $id) { ... on Agreement { kind status coversAllCustomers supportingParty { name }
          currentRevision { objectives { targetDuration twentyFourSeven supportsObjectives { id } } } } }
        agreements(filter: { customer: $c }) { nodes { kind } }
        effectiveObjectives(customer: $c, service: $s) { objective { targetDuration } agreement { kind } } }`,
      { id: olaIds.agreementId, c: w.customerA.id, s: w.serviceMpg.id },
      w.admin,
    );
    expect(read.node).toEqual({
      kind: 'OLA', status: 'ACTIVE', coversAllCustomers: false, supportingParty: { name: 'Database team' },
      currentRevision: { objectives: [{ targetDuration: 'PT3H', twentyFourSeven: true, supportsObjectives: [{ id: slaResolutionP1 }] }] },
    });
    expect(read.agreements.nodes).toEqual([{ kind: 'SERVICE_BASED' }]);
    expect(read.effectiveObjectives.map((e: { agreement: { kind: string } }) => e.agreement.kind)).toEqual(['SERVICE_BASED', 'SERVICE_BASED']);
  });

  it('an incident handed from the team to the supplier and back: each clock runs while its party holds it, in its own hours; a supporting breach escalates naming the party', async () => {
    at('2026-06-01T08:00:00Z'); // Monday, 10:00 in Berlin
    const id = (await t.ok(REPORT, { i: { customer: w.customerA.id, service: w.serviceMpg.id, priority: 'P1', impact: 'OUTAGE', title: 'Replica lag', startedAt: '2026-06-01T08:00:00Z' } }, w.admin))
      .incidentReport.incident.id;
    expect((await t.ok(MOVE, { i: { id, to: 'IN_PROGRESS' } }, w.admin)).incidentTransition.userErrors).toEqual([]);

    // A party without an agreement in force for the service cannot take it.
    expect((await t.ok(ASSIGN, { i: { id, supportingParty: network.id } }, w.admin)).incidentAssign).toMatchObject({
      assignment: null,
      userErrors: [{ code: 'NOT_ALLOWED', field: ['input', 'supportingParty'], message: expect.stringContaining('Network team') }],
    });

    at('2026-06-01T08:30:00Z');
    expect((await t.ok(ASSIGN, { i: { id, supportingParty: team.id } }, w.admin)).incidentAssign).toMatchObject({
      assignment: { party: { name: 'Database team' }, agreement: { kind: 'OLA' }, assignedAt: '2026-06-01T08:30:00.000Z', endedAt: null },
      userErrors: [],
    });
    // Asking again changes nothing.
    expect((await t.ok(ASSIGN, { i: { id, supportingParty: team.id } }, w.admin)).incidentAssign.assignment.assignedAt).toBe('2026-06-01T08:30:00.000Z');

    const read = async () => {
      const data = (await t.ok(CLOCKS, { id }, w.admin)).incident;
      const resolution: Clock = data.clocks.find((c: Clock) => c.metric === 'RESOLUTION_TIME');
      return { data, resolution, byParty: (name: string) => resolution.supportingClocks.find((s) => s.party.name === name) };
    };

    at('2026-06-01T09:30:00Z');
    let r = await read();
    expect(r.data.assignedTo).toEqual({ name: 'Database team' });
    expect(r.resolution.supportingClocks).toEqual([
      {
        party: { name: 'Database team', kind: 'TEAM' }, agreement: { kind: 'OLA' }, holding: true, supports: ['RESOLUTION_TIME'],
        // In the team's office hours (its calendar: the OLA's objective names none).
        clock: { metric: 'RESOLUTION_TIME', state: 'RUNNING', elapsed: 'PT1H', twentyFourSeven: false, dueAt: '2026-06-01T11:30:00.000Z', stoppedAt: null, breachedAt: null, calendar: { name: 'DBA office hours' } },
      },
    ]);

    // 10:00: to the supplier. The team's clock stops (met: 1.5 of its 3 hours); the supplier's starts.
    at('2026-06-01T10:00:00Z');
    expect((await t.ok(ASSIGN, { i: { id, supportingParty: supplier.id } }, w.admin)).incidentAssign.userErrors).toEqual([]);
    at('2026-06-01T11:00:00Z');
    r = await read();
    expect(r.byParty('Database team')).toMatchObject({ holding: false, clock: { state: 'MET', elapsed: 'PT1H30M', stoppedAt: '2026-06-01T10:00:00.000Z' } });
    expect(r.byParty('Hetzner')).toMatchObject({ holding: true, clock: { state: 'RUNNING', elapsed: 'PT1H', twentyFourSeven: true, dueAt: '2026-06-01T12:00:00.000Z' } });

    // 12:30: the supplier breached at 12:00 (recorded by the scheduler); the customer's clock is at risk (warned at 75% of 6 h) but not breached.
    at('2026-06-01T12:30:00Z');
    await t.app.jobs.clockEvents!.runNow();
    r = await read();
    expect(r.resolution).toMatchObject({ state: 'RUNNING', warned: true, dueAt: '2026-06-01T14:00:00.000Z' });
    expect(r.byParty('Hetzner')).toMatchObject({ holding: true, clock: { state: 'BREACHED', breachedAt: '2026-06-01T12:00:00.000Z' } });
    const escalations = await t.ok(
      `query($id: ID!) { incident(id: $id) { events(first: 20) { nodes { type at data } }
        escalations { nodes { trigger metric supportingMetric supportingParty { name } agreement { id } history { kind channel recipients } } } } }`,
      { id },
      w.admin,
    );
    expect(escalations.incident.escalations.nodes).toEqual([
      {
        trigger: 'CLOCK_BREACH', metric: 'RESOLUTION_TIME', supportingMetric: 'RESOLUTION_TIME', supportingParty: { name: 'Hetzner' }, agreement: { id: slaAgreement },
        history: [
          { kind: 'NOTIFIED', channel: 'USER', recipients: ['oncall@example.com'] },
          { kind: 'NOTIFIED', channel: 'SUPPORTING_PARTY', recipients: ['noc@hetzner.example'] },
        ],
      },
    ]);
    const breach = escalations.incident.events.nodes.find((e: { type: string }) => e.type === 'CLOCK_BREACHED');
    expect(breach).toMatchObject({ at: '2026-06-01T12:00:00.000Z', data: { metric: 'RESOLUTION_TIME', supportingParty: { name: 'Hetzner', kind: 'SUPPLIER', id: supplier.id } } });
    // Once: the scheduler running again records nothing more.
    await t.app.jobs.clockEvents!.runNow();
    expect((await t.ok(`query($id: ID!) { incident(id: $id) { events(first: 20) { nodes { type } } } }`, { id }, w.admin)).incident.events.nodes.filter((e: { type: string }) => e.type === 'CLOCK_BREACHED')).toHaveLength(1);

    // 12:40: back to the team. The supplier's clock stops (still breached); the team's continues with its 1.5 hours: due 14:10 (16:10 in Berlin).
    at('2026-06-01T12:40:00Z');
    expect((await t.ok(ASSIGN, { i: { id, supportingParty: team.id } }, w.admin)).incidentAssign.userErrors).toEqual([]);
    at('2026-06-01T13:10:00Z');
    r = await read();
    expect(r.byParty('Hetzner')).toMatchObject({ holding: false, clock: { state: 'BREACHED', stoppedAt: '2026-06-01T12:40:00.000Z' } });
    expect(r.byParty('Database team')).toMatchObject({ holding: true, clock: { state: 'RUNNING', elapsed: 'PT2H', dueAt: '2026-06-01T14:10:00.000Z', stoppedAt: null } });
    expect(r.data.assignments).toEqual([
      { party: { name: 'Database team' }, assignedAt: '2026-06-01T08:30:00.000Z', endedAt: '2026-06-01T10:00:00.000Z' },
      { party: { name: 'Hetzner' }, assignedAt: '2026-06-01T10:00:00.000Z', endedAt: '2026-06-01T12:40:00.000Z' },
      { party: { name: 'Database team' }, assignedAt: '2026-06-01T12:40:00.000Z', endedAt: null },
    ]);

    // Customer users never see the provider's teams and suppliers.
    const viewer = await t.token(w.provider, [Role.CUSTOMER_VIEWER], w.customerA.id);
    const seen = (await t.ok(CLOCKS, { id }, viewer)).incident;
    const timeline = (await t.ok(`query($id: ID!) { incident(id: $id) { events(first: 50) { totalCount nodes { type data } } } }`, { id }, viewer)).incident.events;
    expect(timeline.nodes.filter((e: { type: string }) => e.type === 'CLOCK_BREACHED')).toEqual([]);
    expect(timeline.totalCount).toBe(timeline.nodes.length);
    expect(seen.assignedTo).toBeNull();
    expect(seen.assignments).toEqual([]);
    expect(seen.clocks.every((c: Clock) => c.supportingClocks.length === 0)).toBe(true);

    // Back to the provider: nobody's clock runs; a resolved incident is not assigned.
    at('2026-06-01T13:20:00Z');
    expect((await t.ok(ASSIGN, { i: { id, supportingParty: null } }, w.admin)).incidentAssign).toMatchObject({ assignment: null, userErrors: [] });
    expect((await t.ok(MOVE, { i: { id, to: 'RESOLVED' } }, w.admin)).incidentTransition.userErrors).toEqual([]);
    expect((await t.ok(ASSIGN, { i: { id, supportingParty: team.id } }, w.admin)).incidentAssign.userErrors).toEqual([
      { code: 'INVALID_STATE', field: ['input', 'id'], message: expect.any(String) },
    ]);
    r = await read();
    expect(r.byParty('Database team')).toMatchObject({ holding: false, clock: { state: 'MET', elapsed: 'PT2H10M', stoppedAt: '2026-06-01T13:20:00.000Z' } });
  });

  it('a list of incidents with their supporting clocks (each held by the team) costs the same statements for 1 and for 4 incidents', async () => {
    at('2026-06-02T08:00:00Z');
    for (let i = 0; i < 4; i++) {
      const id = (await t.ok(REPORT, { i: { customer: w.customerB.id, service: w.serviceMpg.id, priority: 'P1', impact: 'DEGRADED', title: `Slow queries ${i}`, startedAt: '2026-06-02T08:00:00Z' } }, w.admin))
        .incidentReport.incident.id;
      await t.ok(ASSIGN, { i: { id, supportingParty: team.id } }, w.admin);
    }
    const PAGE = `query($first: Int!) { incidents(first: $first, filter: { customer: "${w.customerB.id}" }) { nodes { title assignedTo { name }
      assignments { party { name } } supportingClocks { party { name } clock { state dueAt calendar { name } } }
      clocks { metric supportingClocks { holding party { name } agreement { kind } clock { state elapsed } } } } } }`;
    at('2026-06-02T09:00:00Z');
    const one = await t.gql<any>(PAGE, { first: 1 }, { token: w.admin });
    const four = await t.gql<any>(PAGE, { first: 4 }, { token: w.admin });
    expect(one.errors).toBeUndefined();
    expect(four.errors).toBeUndefined();
    expect(four.data.incidents.nodes).toHaveLength(4);
    expect(four.data.incidents.nodes.every((n: any) => n.clocks[0].supportingClocks.length === 1)).toBe(true);
    expect(four.statements).toBe(one.statements);
  });

  it("a supporting agreement's compliance report counts its party's clocks (met and breached) on the incidents it held", async () => {
    const report = async (agreement: string) =>
      (
        await t.ok(
          `query($a: ID!) { complianceReport(agreement: $a, from: "2026-06-01T00:00:00+02:00", to: "2026-07-01T00:00:00+02:00", granularity: MONTH) {
            periods { objectives { objective { metric priority } clocksMet clocksBreached } credit { amount } } } }`,
          { a: agreement },
          w.admin,
        )
      ).complianceReport.periods;
    // The team met its clock on the first incident (the four of the list still run); the supplier breached.
    expect(await report(supportingAgreements.ola)).toMatchObject([{ objectives: [{ objective: { metric: 'RESOLUTION_TIME', priority: 'P1' }, clocksMet: 1, clocksBreached: 0 }], credit: null }]);
    expect(await report(supportingAgreements.uc)).toMatchObject([{ objectives: [{ objective: { metric: 'RESOLUTION_TIME', priority: 'P1' }, clocksMet: 0, clocksBreached: 1 }], credit: null }]);
  });
});
