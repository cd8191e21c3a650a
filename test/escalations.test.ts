import { FixedClock } from '../src/common/clock';
import { Role } from '../src/common/roles';
import { activeAgreement } from './support/agreement-fixtures';
import {
  ACKNOWLEDGE,
  domainEvents,
  escalationWorld,
  type EscalationWorld,
  INCIDENT_ESCALATIONS,
  MOVE,
  RAISE,
  report,
  RESOLVE,
} from './support/escalation-fixtures';
import { TestApp } from './support/test-app';

describe('escalation workflows', () => {
  const clock = new FixedClock(new Date('2026-05-04T10:00:00Z'));
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

  const at = (iso: string) => clock.set(new Date(iso));
  const escalationsOf = async (incident: string, token = w.admin) => (await t.ok(INCIDENT_ESCALATIONS, { id: incident }, token)).incident.escalations.nodes;
  /** What the scheduler does when time passes: clock events are recorded, then due jobs run. */
  const timePasses = async () => {
    await t.app.jobs.clockEvents!.runNow();
    return t.app.jobs.runDue();
  };

  describe('a breached clock', () => {
    let incident: string;

    it('raises an escalation at level 1, notifies level 1 on each channel and tells partners', async () => {
      at('2026-05-04T10:00:00Z');
      incident = await report(t, w);
      at('2026-05-04T10:14:00Z');
      await timePasses();
      expect(await escalationsOf(incident)).toEqual([]);

      at('2026-05-04T10:16:00Z');
      await timePasses();
      const [e] = await escalationsOf(incident);
      expect(e).toMatchObject({
        trigger: 'CLOCK_BREACH',
        metric: 'FIRST_RESPONSE_TIME',
        status: 'OPEN',
        currentLevel: 1,
        currentLevelName: 'On call',
        raisedAt: '2026-05-04T10:16:00.000Z',
        raisedBy: 'Scheduler',
        nextLevelAt: '2026-05-04T10:46:00.000Z',
        incident: { id: incident },
        objective: null,
        period: null,
        agreement: { id: w.mpgAgreement },
        customer: { name: 'Alpha Bank' },
      });
      expect(e.history).toEqual([
        { kind: 'NOTIFIED', level: 1, channel: 'ROLE', recipients: ['ACCOUNT_MANAGER'], at: '2026-05-04T10:16:00.000Z', actorKind: 'SYSTEM', actorName: 'Scheduler', note: null },
        { kind: 'NOTIFIED', level: 1, channel: 'USER', recipients: ['oncall@acme.example'], at: '2026-05-04T10:16:00.000Z', actorKind: 'SYSTEM', actorName: 'Scheduler', note: null },
        { kind: 'NOTIFIED', level: 1, channel: 'WEBHOOK', recipients: [w.pager], at: '2026-05-04T10:16:00.000Z', actorKind: 'SYSTEM', actorName: 'Scheduler', note: null },
      ]);

      const breached = (await domainEvents(t, 'incident.breached')).filter((x) => x.data.incident === incident);
      expect(breached).toHaveLength(1);
      expect(breached[0].data).toMatchObject({ incident, status: 'OPEN', clock: { metric: 'FIRST_RESPONSE_TIME', priority: 'P1', targetSeconds: 900, dueAt: '2026-05-04T10:15:00.000Z' }, at: '2026-05-04T10:15:00.000Z' });
      const raised = (await domainEvents(t, 'escalation.raised')).filter((x) => x.data.escalation === e.id);
      expect(raised).toHaveLength(1);
      expect(raised[0].data).toMatchObject({ trigger: 'CLOCK_BREACH', level: 1, levelName: 'On call', incident, notify: { roles: ['ACCOUNT_MANAGER'], users: ['oncall@acme.example'], webhookEndpoints: [w.pager] } });
      // The pager subscribes to no escalation event: it hears this one because level 1 names it, and nothing else.
      const delivered = w.pagerReceiver.requests.map((r) => JSON.parse(r.body));
      expect(delivered.map((b) => [b.type, b.data.escalation])).toEqual([['escalation.raised', e.id]]);
    });

    it('the same trigger firing again raises nothing new', async () => {
      at('2026-05-04T10:20:00Z');
      await timePasses();
      await timePasses();
      expect(await escalationsOf(incident)).toHaveLength(1);
    });

    it("advances to level 2 once level 1's time is up, exactly once however often due jobs run", async () => {
      at('2026-05-04T10:45:59Z');
      await timePasses();
      expect((await escalationsOf(incident))[0].currentLevel).toBe(1);

      at('2026-05-04T10:46:00Z');
      await timePasses();
      await timePasses();
      await t.app.jobs.runDue();
      const [e] = await escalationsOf(incident);
      expect(e).toMatchObject({ status: 'OPEN', currentLevel: 2, currentLevelName: 'Service manager', nextLevelAt: '2026-05-04T11:46:00.000Z' });
      expect(e.history.filter((h: any) => h.level === 2)).toEqual([
        { kind: 'NOTIFIED', level: 2, channel: 'USER', recipients: ['service.manager@acme.example'], at: '2026-05-04T10:46:00.000Z', actorKind: 'SYSTEM', actorName: 'Scheduler', note: null },
      ]);
      const advanced = (await domainEvents(t, 'escalation.advanced')).filter((x) => x.data.escalation === e.id);
      expect(advanced.map((x) => [x.data.fromLevel, x.data.level])).toEqual([[1, 2]]);
      // Level 2 names no webhook endpoint: the pager of level 1 is not told of the advance.
      expect(w.pagerReceiver.requests.map((r) => JSON.parse(r.body).type)).toEqual(['escalation.raised']);
    });

    it('reaches the last level and stays there', async () => {
      at('2026-05-04T11:46:00Z');
      await timePasses();
      at('2026-05-05T11:46:00Z');
      await timePasses();
      const [e] = await escalationsOf(incident);
      expect(e).toMatchObject({ status: 'OPEN', currentLevel: 3, currentLevelName: 'Account executive', nextLevelAt: null });
      expect(e.history.map((h: any) => `${h.level}:${h.channel}`)).toEqual(['1:ROLE', '1:USER', '1:WEBHOOK', '2:USER', '3:ROLE']);
    });

    it('resolving the incident cancels an escalation nobody acknowledged', async () => {
      const moved = await t.ok(MOVE, { input: { id: incident, to: 'RESOLVED' } }, w.integration);
      expect(moved.incidentTransition.userErrors).toEqual([]);
      const [e] = await escalationsOf(incident);
      expect(e).toMatchObject({ status: 'CANCELLED', resolvedAt: '2026-05-05T11:46:00.000Z', nextLevelAt: null });
      expect(e.history.at(-1)).toMatchObject({ kind: 'CANCELLED', level: 3, note: 'Cancelled: the incident was resolved before anyone acknowledged the escalation.' });
      expect((await domainEvents(t, 'escalation.cancelled')).filter((x) => x.data.escalation === e.id)).toHaveLength(1);
    });
  });

  describe('acknowledging', () => {
    let incident: string;
    let escalation: any;

    it('stops the escalation advancing', async () => {
      at('2026-05-06T09:00:00Z');
      incident = await report(t, w, { title: 'Replica lag' });
      at('2026-05-06T09:16:00Z');
      await timePasses();
      [escalation] = await escalationsOf(incident);
      const acked = await t.ok(ACKNOWLEDGE, { input: { id: escalation.id, note: 'On it.', version: escalation.version } }, w.admin);
      expect(acked.escalationAcknowledge.userErrors).toEqual([]);
      expect(acked.escalationAcknowledge.escalation).toMatchObject({ status: 'ACKNOWLEDGED', acknowledgedAt: '2026-05-06T09:16:00.000Z', acknowledgedBy: 'provider_admin@acme', nextLevelAt: null, currentLevel: 1 });

      at('2026-05-06T12:00:00Z');
      await timePasses();
      const [after] = await escalationsOf(incident);
      expect(after).toMatchObject({ status: 'ACKNOWLEDGED', currentLevel: 1 });
      expect(after.history.map((h: any) => h.kind)).toEqual(['NOTIFIED', 'NOTIFIED', 'NOTIFIED', 'ACKNOWLEDGED']);
      expect(after.history.at(-1)).toMatchObject({ kind: 'ACKNOWLEDGED', level: 1, actorKind: 'USER', actorName: 'provider_admin@acme', note: 'On it.' });
      const events = (await domainEvents(t)).filter((x) => x.data.escalation === escalation.id).map((x) => x.type);
      expect(events).toEqual(['escalation.raised', 'escalation.acknowledged']);
    });

    it('acknowledging again changes nothing; a stale version on a real change is refused', async () => {
      const again = await t.ok(ACKNOWLEDGE, { input: { id: escalation.id } }, w.integration);
      expect(again.escalationAcknowledge).toMatchObject({ userErrors: [], escalation: { status: 'ACKNOWLEDGED', acknowledgedBy: 'provider_admin@acme' } });
      const stale = await t.ok(RESOLVE, { input: { id: escalation.id, version: escalation.version } }, w.admin);
      expect(stale.escalationResolve).toMatchObject({ escalation: null, userErrors: [{ code: 'STALE_VERSION', field: ['input', 'version'] }] });
    });

    it('resolving the incident resolves an acknowledged escalation', async () => {
      at('2026-05-06T12:30:00Z');
      await t.ok(MOVE, { input: { id: incident, to: 'RESOLVED' } }, w.integration);
      const [e] = await escalationsOf(incident);
      expect(e).toMatchObject({ status: 'RESOLVED', resolvedAt: '2026-05-06T12:30:00.000Z', resolvedBy: 'Monitoring' });
      expect(e.history.at(-1)).toMatchObject({ kind: 'RESOLVED', note: 'Resolved with its incident.' });
      const resolve = await t.ok(ACKNOWLEDGE, { input: { id: e.id } }, w.admin);
      expect(resolve.escalationAcknowledge.userErrors).toEqual([{ code: 'INVALID_STATE', field: ['input', 'id'], message: 'An escalation that is RESOLVED cannot be acknowledged.' }]);
    });

    it('escalationResolve closes an escalation by hand and names who did', async () => {
      at('2026-05-07T09:00:00Z');
      const id = await report(t, w, { title: 'Backup failed' });
      at('2026-05-07T09:20:00Z');
      await timePasses();
      const [e] = await escalationsOf(id);
      const resolved = await t.ok(RESOLVE, { input: { id: e.id, note: 'False alarm' } }, w.admin);
      expect(resolved.escalationResolve.escalation).toMatchObject({ status: 'RESOLVED', resolvedBy: 'provider_admin@acme', acknowledgedAt: null });
      at('2026-05-07T10:00:00Z');
      await timePasses();
      expect((await escalationsOf(id))[0]).toMatchObject({ status: 'RESOLVED', currentLevel: 1 });
      expect((await domainEvents(t, 'escalation.resolved')).filter((x) => x.data.escalation === e.id)).toHaveLength(1);
    });
  });

  describe('an incident left unacknowledged', () => {
    it('escalates only if it is still unacknowledged when the time is up', async () => {
      at('2026-05-08T08:00:00Z');
      const ignored = await report(t, w, { service: w.serviceDesk.id, priority: 'P2', impact: 'NONE', title: 'VPN access' });
      const answered = await report(t, w, { service: w.serviceDesk.id, priority: 'P2', impact: 'NONE', title: 'Portal slow' });
      at('2026-05-08T08:05:00Z');
      await t.ok(MOVE, { input: { id: answered, to: 'ACKNOWLEDGED' } }, w.integration);

      at('2026-05-08T08:19:59Z');
      await timePasses();
      expect(await escalationsOf(ignored)).toEqual([]);

      at('2026-05-08T08:20:00Z');
      expect(await timePasses()).toBeGreaterThanOrEqual(2);
      expect(await escalationsOf(answered)).toEqual([]);
      const [e] = await escalationsOf(ignored);
      expect(e).toMatchObject({ trigger: 'UNACKNOWLEDGED', status: 'OPEN', currentLevel: 1, metric: null, raisedAt: '2026-05-08T08:20:00.000Z' });

      // Its first-response target breaches later: this policy does not escalate breaches.
      at('2026-05-08T09:30:00Z');
      await timePasses();
      expect((await escalationsOf(ignored)).map((x: any) => x.trigger)).toEqual(['UNACKNOWLEDGED']);
      expect((await escalationsOf(ignored))[0].currentLevel).toBe(2);
    });
  });

  describe('raising by hand', () => {
    let incident: string;

    it('raises a MANUAL escalation of an incident with the note, at level 1', async () => {
      at('2026-05-11T10:00:00Z');
      incident = await report(t, w, { priority: 'P3', impact: 'DEGRADED', title: 'Slow queries' });
      const raised = await t.ok(RAISE, { input: { incident, note: 'Customer called the CEO.' } }, w.admin);
      expect(raised.escalationRaise.userErrors).toEqual([]);
      expect(raised.escalationRaise.escalation).toMatchObject({
        trigger: 'MANUAL',
        status: 'OPEN',
        currentLevel: 1,
        note: 'Customer called the CEO.',
        raisedBy: 'provider_admin@acme',
        nextLevelAt: '2026-05-11T10:30:00.000Z',
        incident: { id: incident },
      });
      expect(raised.escalationRaise.escalation.history.map((h: any) => [h.channel, h.actorName])).toEqual([
        ['ROLE', 'provider_admin@acme'],
        ['USER', 'provider_admin@acme'],
        ['WEBHOOK', 'provider_admin@acme'],
      ]);
      at('2026-05-11T10:30:00Z');
      await timePasses();
      expect((await escalationsOf(incident))[0].currentLevel).toBe(2);
    });

    it('refuses a second open one for the same incident, naming the field', async () => {
      const again = await t.ok(RAISE, { input: { incident } }, w.integration);
      expect(again.escalationRaise).toMatchObject({ escalation: null, userErrors: [{ code: 'ALREADY_EXISTS', field: ['input', 'incident'] }] });
    });

    it('refuses bad input with the field at fault', async () => {
      const cases: [Record<string, unknown>, string, (string | number)[]][] = [
        [{}, 'INVALID_INPUT', ['input', 'incident']],
        [{ incident, objective: w.mpgAgreement }, 'INVALID_ID', ['input', 'objective']],
        [{ incident: w.customerA.id }, 'INVALID_ID', ['input', 'incident']],
        [{ incident, note: 'x'.repeat(4001) }, 'INVALID_INPUT', ['input', 'note']],
      ];
      for (const [input, code, field] of cases) {
        const res = await t.ok(RAISE, { input }, w.admin);
        expect(res.escalationRaise.userErrors).toEqual([expect.objectContaining({ code, field })]);
      }
    });

    it('refuses a resolved incident and an incident no policy covers', async () => {
      await t.ok(MOVE, { input: { id: incident, to: 'RESOLVED' } }, w.integration);
      const resolved = await t.ok(RAISE, { input: { incident } }, w.admin);
      expect(resolved.escalationRaise.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_STATE', field: ['input', 'incident'] })]);
      const uncovered = await report(t, w, { customer: w.customerB.id, service: w.serviceDesk.id, priority: 'P3', impact: 'NONE', title: 'Not covered' });
      const none = await t.ok(RAISE, { input: { incident: uncovered } }, w.admin);
      expect(none.escalationRaise.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_STATE', field: ['input', 'incident'] })]);
    });

    it('raises an objective for the period under way, once', async () => {
      const objectives = await t.ok(`query($id: ID!) { agreement(id: $id) { currentRevision { objectives { id metric } } } }`, { id: w.mpgAgreement }, w.admin);
      const availability = objectives.agreement.currentRevision.objectives.find((o: any) => o.metric === 'AVAILABILITY');
      const raised = await t.ok(RAISE, { input: { objective: availability.id, note: 'Budget nearly spent' } }, w.admin);
      expect(raised.escalationRaise.escalation).toMatchObject({
        trigger: 'MANUAL',
        incident: null,
        objective: { id: availability.id, metric: 'AVAILABILITY' },
        period: { start: '2026-04-30T22:00:00.000Z', end: '2026-05-31T22:00:00.000Z' },
        customer: { name: 'Alpha Bank' },
      });
      const again = await t.ok(RAISE, { input: { objective: availability.id } }, w.admin);
      expect(again.escalationRaise.userErrors).toEqual([expect.objectContaining({ code: 'ALREADY_EXISTS', field: ['input', 'objective'] })]);
    });

    it('is for provider staff and integrations only', async () => {
      const id = await report(t, w, { priority: 'P4', impact: 'NONE', title: 'Question' });
      for (const token of [await t.token(w.provider, [Role.ANALYST]), await t.token(w.provider, [Role.CUSTOMER_VIEWER], w.customerA.id)]) {
        const res = await t.gql<any>(RAISE, { input: { incident: id } }, { token });
        expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
    });
  });

  describe('a clock warning', () => {
    it('escalates when the policy says so, and a breach it does not escalate is still told to partners', async () => {
      const signatoryB = await t.token(w.provider, [Role.CUSTOMER_SIGNATORY], w.customerB.id);
      await activeAgreement(
        t,
        w.admin,
        {
          kind: 'CUSTOMER_BASED',
          level: 'CUSTOMER',
          customer: w.customerB.id,
          services: [w.serviceDesk.id],
          terms: {
            title: 'Beta service desk SLA',
            effectiveFrom: '2026-01-01T00:00:00Z',
            objectives: [{ metric: 'FIRST_RESPONSE_TIME', priority: 'P2', targetDuration: 'PT1H', warningThresholdPercent: 50 }],
            escalationPolicy: { levels: [{ level: 1, name: 'Desk lead', notifyUsers: ['lead@acme.example'], after: 'PT15M' }], triggers: { clockWarning: true, clockBreach: false } },
          },
        },
        { customerSignatory: signatoryB },
      );
      at('2026-05-12T09:00:00Z');
      const id = await report(t, w, { customer: w.customerB.id, service: w.serviceDesk.id, priority: 'P2', impact: 'NONE', title: 'Printer queue' });
      at('2026-05-12T09:30:00Z');
      await timePasses();
      const [e] = await escalationsOf(id);
      expect(e).toMatchObject({ trigger: 'CLOCK_WARNING', metric: 'FIRST_RESPONSE_TIME', status: 'OPEN', currentLevel: 1, currentLevelName: 'Desk lead', nextLevelAt: null });
      expect((await domainEvents(t, 'incident.warning')).filter((x) => x.data.incident === id).map((x) => x.data.at)).toEqual(['2026-05-12T09:30:00.000Z']);

      at('2026-05-12T10:01:00Z');
      await timePasses();
      expect((await escalationsOf(id)).map((x: any) => x.trigger)).toEqual(['CLOCK_WARNING']);
      expect((await domainEvents(t, 'incident.breached')).filter((x) => x.data.incident === id)).toHaveLength(1);
    });
  });
});
