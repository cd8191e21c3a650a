import { FixedClock } from '../src/common/clock';
import { Role } from '../src/common/roles';
import { AGREEMENT_AMEND, AGREEMENT_CREATE, REVISION_UPDATE } from './support/agreement-fixtures';
import { ACKNOWLEDGE, domainEvents, escalationWorld, type EscalationWorld, INCIDENT_ESCALATIONS, LEVELS, report, UNKNOWN_ENDPOINT } from './support/escalation-fixtures';
import { describeOnPostgres } from './support/postgres-only';
import { TestApp } from './support/test-app';

const QUEUE = `query($filter: EscalationFilter, $first: Int, $after: String) {
  escalations(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id status currentLevel trigger customer { name } incident { title } }
  }
}`;

describe('escalation queues, access and policy rules', () => {
  const clock = new FixedClock(new Date('2026-05-04T08:00:00Z'));
  let t: TestApp;
  let w: EscalationWorld;
  const ids: Record<string, string> = {};

  const at = (iso: string) => clock.set(new Date(iso));
  const escalationOf = async (incident: string) => (await t.ok(INCIDENT_ESCALATIONS, { id: incident }, w.admin)).incident.escalations.nodes[0];
  const queue = async (filter: Record<string, unknown>, token = w.admin) => (await t.ok(QUEUE, { filter, first: 50 }, token)).escalations;

  beforeAll(async () => {
    t = await TestApp.start({ clock });
    w = await escalationWorld(t);
    // Alpha Bank: a1 stays at level 1 and is acknowledged, a2 reaches level 2, a3 is open at level 1; Beta: b1 open at level 1.
    at('2026-05-04T08:00:00Z');
    const a2 = await report(t, w, { title: 'a2' });
    at('2026-05-04T08:30:00Z');
    const a1 = await report(t, w, { title: 'a1' });
    const a3 = await report(t, w, { title: 'a3' });
    const b1 = await report(t, w, { customer: w.customerB.id, title: 'b1' });
    at('2026-05-04T08:16:00Z');
    await t.app.jobs.clockEvents!.runNow();
    at('2026-05-04T08:46:00Z');
    await t.app.jobs.clockEvents!.runNow();
    await t.app.jobs.runDue();
    for (const [name, incident] of Object.entries({ a1, a2, a3, b1 })) ids[name] = (await escalationOf(incident)).id;
    await t.ok(ACKNOWLEDGE, { input: { id: ids.a1 } }, w.admin);
  }, 120_000); // built through the API: slow on the embedded database under a loaded suite
  afterAll(async () => {
    await t.stop();
    await w.pagerReceiver.stop();
  });

  describe('filters', () => {
    it('by status: one or several', async () => {
      expect((await queue({ status: 'OPEN' })).nodes.map((n: any) => n.incident.title).sort()).toEqual(['a2', 'a3', 'b1']);
      expect((await queue({ status: ['OPEN', 'ACKNOWLEDGED'] })).totalCount).toBe(4);
      expect((await queue({ status: 'RESOLVED' })).totalCount).toBe(0);
    });

    it('by level, agreement and customer, combined', async () => {
      expect((await queue({ level: 2 })).nodes.map((n: any) => n.incident.title)).toEqual(['a2']);
      expect((await queue({ agreement: w.bAgreement })).nodes.map((n: any) => n.incident.title)).toEqual(['b1']);
      expect((await queue({ customer: w.customerA.id })).totalCount).toBe(3);
      expect((await queue({ customer: w.customerA.id, status: 'OPEN', level: 1 })).nodes.map((n: any) => n.incident.title)).toEqual(['a3']);
    });

    it('pages latest raised first with stable cursors', async () => {
      const first = (await t.ok(QUEUE, { first: 3 }, w.admin)).escalations;
      expect(first.pageInfo.hasNextPage).toBe(true);
      const rest = (await t.ok(QUEUE, { first: 3, after: first.pageInfo.endCursor }, w.admin)).escalations;
      expect([...first.nodes, ...rest.nodes].map((n: any) => n.id).sort()).toEqual(Object.values(ids).sort());
      expect(rest.pageInfo.hasNextPage).toBe(false);
    });

    it('refuses a filter id of the wrong type and a level below 1, naming the field', async () => {
      const wrong = await t.gql<any>(QUEUE, { filter: { agreement: w.customerA.id } }, { token: w.admin });
      expect(wrong.errors?.[0]?.extensions).toMatchObject({ reason: 'INVALID_ID', field: ['filter', 'agreement'] });
      const level = await t.gql<any>(QUEUE, { filter: { level: 0 } }, { token: w.admin });
      expect(level.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', userErrors: [expect.objectContaining({ field: ['filter', 'level'] })] });
    });
  });

  describe('who sees and acts on what', () => {
    it("customer users see their own customer's escalations only, also through node and the incident", async () => {
      const viewerA = await t.token(w.provider, [Role.CUSTOMER_VIEWER], w.customerA.id);
      const viewerB = await t.token(w.provider, [Role.CUSTOMER_VIEWER], w.customerB.id);
      expect((await queue({}, viewerA)).nodes.map((n: any) => n.customer.name)).toEqual(['Alpha Bank', 'Alpha Bank', 'Alpha Bank']);
      expect((await queue({}, viewerB)).nodes.map((n: any) => n.id)).toEqual([ids.b1]);
      expect((await queue({ customer: w.customerA.id }, viewerB)).totalCount).toBe(0);
      const node = `query($id: ID!) { node(id: $id) { ... on Escalation { id history { kind } } } }`;
      expect((await t.ok(node, { id: ids.a1 }, viewerA)).node.id).toBe(ids.a1);
      expect((await t.ok(node, { id: ids.a1 }, viewerB)).node).toBeNull();
      const ack = await t.gql<any>(ACKNOWLEDGE, { input: { id: ids.b1 } }, { token: viewerB });
      expect(ack.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });

    it("another provider's escalations behave exactly like missing ones", async () => {
      const other = await t.provider('other');
      const otherAdmin = await t.token(other, [Role.PROVIDER_ADMIN]);
      expect((await queue({}, otherAdmin)).totalCount).toBe(0);
      expect((await t.ok(`query($id: ID!) { node(id: $id) { id } escalation(id: $id) { id } }`, { id: ids.a2 }, otherAdmin))).toEqual({ node: null, escalation: null });
      const ack = await t.ok(ACKNOWLEDGE, { input: { id: ids.a2 } }, otherAdmin);
      expect(ack.escalationAcknowledge).toEqual({ escalation: null, userErrors: [{ code: 'NOT_FOUND', field: ['input', 'id'], message: 'The escalation was not found.' }] });
      expect((await escalationOf((await t.ok(`{ escalations(filter: { level: 2 }) { nodes { incident { id } } } }`, {}, w.admin)).escalations.nodes[0].incident.id)).status).toBe('OPEN');
    });

    it('analysts read but do not act; integrations act', async () => {
      const analyst = await t.token(w.provider, [Role.ANALYST]);
      expect((await queue({}, analyst)).totalCount).toBe(4);
      const denied = await t.gql<any>(ACKNOWLEDGE, { input: { id: ids.a3 } }, { token: analyst });
      expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const ok = await t.ok(ACKNOWLEDGE, { input: { id: ids.a3, note: 'Paged via the on-call tool' } }, w.integration);
      expect(ok.escalationAcknowledge.escalation).toMatchObject({ status: 'ACKNOWLEDGED', acknowledgedBy: 'Monitoring' });
    });

    it('names the field of a bad acknowledgement', async () => {
      const wrongType = await t.ok(ACKNOWLEDGE, { input: { id: w.customerA.id } }, w.admin);
      expect(wrongType.escalationAcknowledge.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_ID', field: ['input', 'id'] })]);
      const long = await t.ok(ACKNOWLEDGE, { input: { id: ids.a2, note: 'x'.repeat(4001) } }, w.admin);
      expect(long.escalationAcknowledge.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'note'] })]);
    });
  });

  it('a queue page costs the same SQL statements for 2 and for 4 escalations with their incident, objective, agreement, customer and history', async () => {
    const page = `query($first: Int) { escalations(first: $first) { totalCount nodes { id trigger incident { title events(first: 2) { nodes { type } } } objective { metric }
      agreement { id } customer { name } history { kind channel recipients } } } }`;
    const small = await t.gql<any>(page, { first: 2 }, { token: w.admin });
    const large = await t.gql<any>(page, { first: 4 }, { token: w.admin });
    expect(small.errors).toBeUndefined();
    expect(large.data.escalations.nodes).toHaveLength(4);
    expect(large.statements).toBe(small.statements);
    const incidents = `query($first: Int) { incidents(first: $first) { nodes { title escalations(first: 5) { totalCount nodes { status history { kind } } } } } }`;
    const fewIncidents = await t.gql<any>(incidents, { first: 2 }, { token: w.admin });
    const moreIncidents = await t.gql<any>(incidents, { first: 4 }, { token: w.admin });
    expect(moreIncidents.data.incidents.nodes.every((n: any) => n.escalations.totalCount === 1)).toBe(true);
    expect(moreIncidents.statements).toBe(fewIncidents.statements);
  });

  describe('the escalation policy of a revision', () => {
    const create = (escalationPolicy: Record<string, unknown>) =>
      t.ok(AGREEMENT_CREATE, {
        input: {
          kind: 'SERVICE_BASED',
          level: 'SERVICE',
          services: [w.serviceDesk.id],
          terms: { title: 'Desk', effectiveFrom: '2027-01-01T00:00:00Z', objectives: [{ metric: 'FIRST_RESPONSE_TIME', priority: 'P2', targetDuration: 'PT1H' }], escalationPolicy },
        },
      }, w.admin);
    const LEVEL_PATH = ['input', 'terms', 'escalationPolicy', 'levels'];

    it.each<[string, Record<string, unknown>, string, string[]]>([
      ['levels out of order', { levels: [{ ...LEVELS[1], level: 2 }, { ...LEVELS[0], level: 1 }] }, 'INVALID_INPUT', [...LEVEL_PATH, '0', 'level']],
      ['a zero duration', { levels: [{ ...LEVELS[0], after: 'PT0S' }] }, 'INVALID_INPUT', [...LEVEL_PATH, '0', 'after']],
      ['a duration in months', { levels: [{ ...LEVELS[0], after: 'P1M' }] }, 'INVALID_INPUT', [...LEVEL_PATH, '0', 'after']],
      ['a level notifying nobody', { levels: [{ level: 1, name: 'Nobody', after: 'PT5M' }] }, 'INVALID_INPUT', [...LEVEL_PATH, '0']],
      ['an unacknowledgedAfter in months', { levels: [LEVELS[0]], triggers: { unacknowledgedAfter: 'P1M' } }, 'INVALID_INPUT', ['input', 'terms', 'escalationPolicy', 'triggers', 'unacknowledgedAfter']],
      ['a webhook endpoint that is another kind of id', { levels: [{ ...LEVELS[0], notifyWebhookEndpoints: [UNKNOWN_ENDPOINT, 'abc'] }] }, 'INVALID_ID', [...LEVEL_PATH, '0', 'notifyWebhookEndpoints', '1']],
      ['a webhook endpoint that does not exist', { levels: [{ ...LEVELS[0], notifyWebhookEndpoints: [UNKNOWN_ENDPOINT] }] }, 'NOT_FOUND', [...LEVEL_PATH, '0', 'notifyWebhookEndpoints', '0']],
    ])('refuses %s, naming the field', async (_what, policy, code, field) => {
      const res = await create(policy);
      expect(res.agreementCreate.userErrors).toEqual(expect.arrayContaining([expect.objectContaining({ code, field })]));
      expect(res.agreementCreate.agreement).toBeNull();
    });

    it('shows levels, webhook endpoints and triggers as written; stored terms without triggers read with the defaults', async () => {
      const res = await create({ levels: w.levels, triggers: { clockWarning: true, unacknowledgedAfter: 'PT10M' } });
      expect(res.agreementCreate.userErrors).toEqual([]);
      const revisionId = res.agreementCreate.revision.id;
      const read = `query($id: ID!) { node(id: $id) { ... on AgreementRevision { escalationPolicy { levels { level name notifyRoles notifyUsers notifyWebhookEndpoints after } triggers { clockWarning clockBreach unacknowledgedAfter objectiveBreached } } } } }`;
      const policy = (await t.ok(read, { id: revisionId }, w.admin)).node.escalationPolicy;
      expect(policy.levels[0]).toEqual({ level: 1, name: 'On call', notifyRoles: ['ACCOUNT_MANAGER'], notifyUsers: ['oncall@acme.example'], notifyWebhookEndpoints: [w.pager], after: 'PT30M' });
      expect(policy.triggers).toEqual({ clockWarning: true, clockBreach: true, unacknowledgedAfter: 'PT10M', objectiveBreached: false });

      // A draft stored before triggers and webhook endpoints existed.
      await t.app.db.dataSource.query(
        `UPDATE agreement_revision SET terms = jsonb_set(terms, '{escalationPolicy}', jsonb_build_object('levels', jsonb_build_array(jsonb_build_object('level', 1, 'name', 'Old', 'notifyRoles', jsonb_build_array('ANALYST'), 'notifyUsers', '[]'::jsonb, 'after', 'PT1H'))))
         WHERE agreement_id = (SELECT agreement_id FROM agreement_revision WHERE terms->>'title' = 'Desk' AND state = 'DRAFT' LIMIT 1) AND state = 'DRAFT'`,
      );
      const old = (await t.ok(read, { id: revisionId }, w.admin)).node.escalationPolicy;
      expect(old).toEqual({
        levels: [{ level: 1, name: 'Old', notifyRoles: ['ANALYST'], notifyUsers: [], notifyWebhookEndpoints: [], after: 'PT1H' }],
        triggers: { clockWarning: false, clockBreach: true, unacknowledgedAfter: null, objectiveBreached: false },
      });
      const proposed = await t.ok(`mutation($id: ID!) { revisionPropose(input: { id: $id }) { revision { state } userErrors { message } } }`, { id: revisionId }, w.admin);
      expect(proposed.revisionPropose).toEqual({ revision: { state: 'PROPOSED' }, userErrors: [] });
    });

    it('an amendment that changes the webhook endpoints or triggers shows in the diff, endpoints as global ids', async () => {
      const amended = await t.ok(AGREEMENT_AMEND, { id: w.mpgAgreement }, w.admin);
      const draft = amended.agreementAmend.revision;
      const quiet = w.levels.map((l) => ({ ...l, notifyWebhookEndpoints: [] as string[] }));
      const updated = await t.ok(REVISION_UPDATE, { input: { id: draft.id, version: draft.version, terms: { escalationPolicy: { levels: quiet, triggers: { clockWarning: true, objectiveBreached: true } } } } }, w.admin);
      expect(updated.revisionUpdate.userErrors).toEqual([]);
      const diff = (await t.ok(`query($id: ID!) { node(id: $id) { ... on AgreementRevision { diff(against: 1) { path kind before after } } } }`, { id: draft.id }, w.admin)).node.diff;
      expect(diff.filter((d: any) => d.path.startsWith('escalationPolicy.'))).toEqual([
        { path: 'escalationPolicy.levels[level=1].notifyWebhookEndpoints', kind: 'CHANGED', before: [w.pager], after: [] },
        { path: 'escalationPolicy.triggers.clockWarning', kind: 'CHANGED', before: false, after: true },
      ]);
    });
  });
});

describeOnPostgres('escalations under concurrent requests (PostgreSQL)', () => {
  const clock = new FixedClock(new Date('2026-05-04T08:00:00Z'));
  let t: TestApp;
  let w: EscalationWorld;

  beforeAll(async () => {
    t = await TestApp.start({ clock });
    w = await escalationWorld(t);
  }, 120_000); // built through the API: slow on the embedded database under a loaded suite
  afterAll(async () => {
    await t.stop();
    await w.pagerReceiver.stop();
  });

  const raiseOne = async (title: string) => {
    const incident = await report(t, w, { title });
    clock.advance(16 * 60_000);
    await t.app.jobs.clockEvents!.runNow();
    return (await t.ok(INCIDENT_ESCALATIONS, { id: incident }, w.admin)).incident.escalations.nodes[0];
  };

  it('two acknowledgements at once: both succeed, one is recorded', async () => {
    const e = await raiseOne('Twice acknowledged');
    const manager = await t.token(w.provider, [Role.ACCOUNT_MANAGER], undefined, { sub: 'manager@acme' });
    const [first, second] = await Promise.all([t.ok(ACKNOWLEDGE, { input: { id: e.id } }, w.admin), t.ok(ACKNOWLEDGE, { input: { id: e.id } }, manager)]);
    expect(first.escalationAcknowledge.userErrors).toEqual([]);
    expect(second.escalationAcknowledge.userErrors).toEqual([]);
    const by = first.escalationAcknowledge.escalation.acknowledgedBy;
    expect(['provider_admin@acme', 'manager@acme']).toContain(by);
    expect(second.escalationAcknowledge.escalation.acknowledgedBy).toBe(by);
    const after = (await t.ok(`query($id: ID!) { escalation(id: $id) { version history { kind actorName } } }`, { id: e.id }, w.admin)).escalation;
    expect(after.history.filter((h: any) => h.kind === 'ACKNOWLEDGED')).toEqual([{ kind: 'ACKNOWLEDGED', actorName: by }]);
    expect((await domainEvents(t, 'escalation.acknowledged')).filter((x) => x.data.escalation === e.id)).toHaveLength(1);
  });

  it('an acknowledgement racing the advance job: the level it stopped at is the last notified', async () => {
    for (let i = 0; i < 5; i++) {
      const e = await raiseOne(`Race ${i}`);
      clock.advance(30 * 60_000);
      const [ack] = await Promise.all([t.ok(ACKNOWLEDGE, { input: { id: e.id } }, w.admin), t.app.jobs.runDue()]);
      const final = (await t.ok(`query($id: ID!) { escalation(id: $id) { status currentLevel history { kind level } } }`, { id: e.id }, w.admin)).escalation;
      expect(ack.escalationAcknowledge.userErrors).toEqual([]);
      expect(final.status).toBe('ACKNOWLEDGED');
      const notifiedLevels = final.history.filter((h: any) => h.kind === 'NOTIFIED').map((h: any) => h.level);
      expect(Math.max(...notifiedLevels)).toBe(final.currentLevel);
      expect(final.history.at(-1)).toEqual({ kind: 'ACKNOWLEDGED', level: final.currentLevel });
      await t.app.jobs.runDue();
    }
  });
});
