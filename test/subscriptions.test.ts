import { randomUUID } from 'node:crypto';
import { FixedClock } from '../src/common/clock';
import { EventType } from '../src/common/event-types';
import { fromGlobalId, toGlobalId } from '../src/common/global-id';
import { Role } from '../src/common/roles';
import { withTransaction } from '../src/context/transaction';
import { raiseEvent } from '../src/domain/events/event.service';
import { activeAgreement, agreementWorld, type AgreementWorld, objectives } from './support/agreement-fixtures';
import { type Closed, LiveClient, type LiveSubscription, until, within } from './support/live-client';
import { describeOnPostgres } from './support/postgres-only';
import { TestApp } from './support/test-app';

const INCIDENT_EVENTS = `subscription($filter: IncidentEventsFilter) {
  incidentEvents(filter: $filter) {
    eventId type occurredAt recordedAt subjectType subjectId data
    incident { id title status priority }
    customer { id name }
    agreement { id }
    subject { id ... on Incident { title } }
  }
}`;

const ESCALATION_EVENTS = `subscription($filter: EscalationEventsFilter) {
  escalationEvents(filter: $filter) { eventId type subjectType subjectId data incident { id title } customer { name } agreement { id } }
}`;

const REPORT = `mutation($input: IncidentReportInput!) { incidentReport(input: $input) { incident { id } replayed userErrors { code field message } } }`;
const TRANSITION = `mutation($input: IncidentTransitionInput!) { incidentTransition(input: $input) { incident { id status } userErrors { code field message } } }`;
const UPDATE = `mutation($input: IncidentUpdateInput!) { incidentUpdate(input: $input) { incident { id priority } userErrors { code field message } } }`;

interface Tenant {
  admin: string;
  customer: string;
  service: string;
}

describe('live events over graphql-ws', () => {
  const clock = new FixedClock(new Date('2026-05-01T08:00:00Z'));
  let t: TestApp;
  let w: AgreementWorld;
  let covered: { agreementId: string };
  let other: Tenant;
  const clients: LiveClient[] = [];

  const connect = (token?: string) => {
    const client = new LiveClient(t.url, token ? `Bearer ${token}` : undefined);
    clients.push(client);
    return client;
  };
  /** Subscribes and waits until the server holds the subscription, so that nothing raised next is missed. */
  const listen = async <T = any>(token: string, query: string, variables: Record<string, unknown> = {}, app: TestApp = t): Promise<LiveSubscription<T>> => {
    const before = app.app.liveEvents.subscriberCount;
    const sub = connect(token).subscribe<T>(query, variables);
    await until(() => app.app.liveEvents.subscriberCount > before, 'the subscription to reach the server');
    return sub;
  };

  const report = async (title: string, extra: Record<string, unknown> = {}, token = w.admin): Promise<{ id: string; replayed: boolean }> => {
    // Five minutes before the test's "now": its P1 first response (15 minutes) neither warns nor breaches, so no incident.warning/breached joins the events.
    const res = await t.ok(REPORT, { input: { customer: w.customerA.id, service: w.serviceMpg.id, priority: 'P1', impact: 'OUTAGE', title, startedAt: '2026-05-04T09:55:00Z', ...extra } }, token);
    expect(res.incidentReport.userErrors).toEqual([]);
    return res.incidentReport.incident && { id: res.incidentReport.incident.id, replayed: res.incidentReport.replayed };
  };
  /**
   * Reports, and waits until this process has heard of it. An event committed just before a
   * subscription opens may still reach it (NOTIFY arrives a moment after the commit); tests that
   * subscribe after setting something up wait for it first.
   */
  const reportHeard = async (title: string, extra: Record<string, unknown> = {}) => {
    const before = t.app.liveEvents.subscriberCount;
    const watch = await listen(w.admin, INCIDENT_EVENTS);
    const reported = await report(title, extra);
    while ((await watch.nextData('the report')).incidentEvents.subjectId !== reported.id);
    watch.unsubscribe();
    await until(() => t.app.liveEvents.subscriberCount === before, 'the watch to end');
    return reported;
  };
  const transition = async (id: string, to: string) => {
    const res = await t.ok(TRANSITION, { input: { id, to } }, w.admin);
    expect(res.incidentTransition.userErrors).toEqual([]);
  };

  beforeAll(async () => {
    t = await TestApp.start({ clock });
    w = await agreementWorld(t);
    const signatory = await t.token(w.provider, [Role.CUSTOMER_SIGNATORY], w.customerA.id);
    covered = await activeAgreement(
      t,
      w.admin,
      { kind: 'CUSTOMER_BASED', level: 'CUSTOMER', customer: w.customerA.id, services: [w.serviceMpg.id], terms: { title: 'Alpha SLA', effectiveFrom: '2026-01-01T00:00:00Z', objectives: [objectives.response('P1', 'PT15M')] } },
      { customerSignatory: signatory },
    );
    const globex = await t.provider('globex');
    const globexAdmin = await t.token(globex, [Role.PROVIDER_ADMIN]);
    const customer = await t.ok(
      `mutation($i: CustomerCreateInput!) { customerCreate(input: $i) { customer { id } } }`,
      { i: { name: 'Gamma Retail', sizeBand: 'LARGE', industry: 'Retail', region: 'EUROPE', tier: 'GOLD', country: 'FR', timeZone: 'Europe/Paris' } },
      globexAdmin,
    );
    const service = await t.ok(`mutation { serviceCreate(input: { code: "WEB", name: "Web hosting" }) { service { id } } }`, {}, globexAdmin);
    other = { admin: globexAdmin, customer: customer.customerCreate.customer.id, service: service.serviceCreate.service.id };
    clock.set(new Date('2026-05-04T10:00:00Z'));
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
    await until(() => t.app.liveEvents.subscriberCount === 0, 'every subscription to end');
  });

  afterAll(() => t.stop());

  it('an authenticated subscriber hears incident.reported after incidentReport, with its references resolved', async () => {
    const sub = await listen(w.admin, INCIDENT_EVENTS);
    const { id } = await report('Primary database unreachable');

    const { incidentEvents: e } = await sub.nextData('incident.reported');
    expect(e).toMatchObject({
      type: 'incident.reported',
      subjectType: 'Incident',
      subjectId: id,
      incident: { id, title: 'Primary database unreachable', status: 'OPEN', priority: 'P1' },
      customer: { id: w.customerA.id, name: 'Alpha Bank' },
      agreement: { id: covered.agreementId },
      subject: { id, title: 'Primary database unreachable' },
      data: { incident: id, customer: w.customerA.id, agreement: covered.agreementId, status: 'OPEN', title: 'Primary database unreachable', startedAt: '2026-05-04T09:55:00.000Z' },
    });
    expect(e.eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(e.occurredAt).toBe('2026-05-04T10:00:00.000Z');
  });

  it('hears each change of an incident, the incident as it is at that event: updated (status, priority, note), then resolved', async () => {
    const { id } = await reportHeard('Replica lag');
    const sub = await listen(w.admin, INCIDENT_EVENTS, { filter: { incident: id } });

    await transition(id, 'ACKNOWLEDGED');
    const acknowledged = (await sub.nextData('the acknowledgement')).incidentEvents;
    expect(acknowledged).toMatchObject({ type: 'incident.updated', incident: { status: 'ACKNOWLEDGED' }, data: { status: 'ACKNOWLEDGED', changes: { status: { from: 'OPEN', to: 'ACKNOWLEDGED' } } } });

    await t.ok(UPDATE, { input: { id, priority: 'P2', note: 'Failover under way' } }, w.admin);
    const updated = (await sub.nextData('the priority change')).incidentEvents;
    expect(updated).toMatchObject({ type: 'incident.updated', incident: { priority: 'P2', status: 'ACKNOWLEDGED' }, data: { changes: { priority: { from: 'P1', to: 'P2' }, note: 'Failover under way' } } });

    await transition(id, 'RESOLVED');
    const resolved = (await sub.nextData('the resolution')).incidentEvents;
    expect(resolved).toMatchObject({ type: 'incident.resolved', incident: { status: 'RESOLVED' }, data: { status: 'RESOLVED', resolvedAt: '2026-05-04T10:00:00.000Z' } });
  });

  it('a retried report (same idempotencyKey) and a repeated transition raise no second event', async () => {
    const sub = await listen(w.admin, INCIDENT_EVENTS);
    const first = await report('Disk full', { idempotencyKey: 'disk-1' });
    const retry = await report('Disk full', { idempotencyKey: 'disk-1' });
    expect(retry).toEqual({ id: first.id, replayed: true });
    await transition(first.id, 'ACKNOWLEDGED');
    await transition(first.id, 'ACKNOWLEDGED');
    const sentinel = await report('Sentinel after the retries');

    const seen = [];
    for (let i = 0; i < 3; i++) seen.push((await sub.nextData()).incidentEvents);
    expect(seen.map((e) => [e.type, e.subjectId])).toEqual([
      ['incident.reported', first.id],
      ['incident.updated', first.id],
      ['incident.reported', sentinel.id],
    ]);
  });

  it("a customer user hears only their own customer's incidents", async () => {
    const viewerA = await t.token(w.provider, [Role.CUSTOMER_VIEWER], w.customerA.id);
    const sub = await listen(viewerA, INCIDENT_EVENTS);
    // Asking for another customer does not widen what a customer user hears.
    const asksForB = await listen(viewerA, INCIDENT_EVENTS, { filter: { customer: w.customerB.id } });
    const admin = await listen(w.admin, INCIDENT_EVENTS);

    const ofB = await report('Beta outage', { customer: w.customerB.id });
    const ofA = await report('Alpha outage');
    const ofBAgain = await report('Beta outage again', { customer: w.customerB.id });

    const e = (await sub.nextData("A's incident")).incidentEvents;
    expect(e).toMatchObject({ type: 'incident.reported', subjectId: ofA.id, customer: { name: 'Alpha Bank' }, incident: { title: 'Alpha outage' } });
    expect([ofB.id, ofBAgain.id]).not.toContain(e.subjectId);
    // The admin's view of the same stream has all of them: B's events were raised and delivered.
    const last = await report('Alpha outage two');
    const all = [];
    for (let i = 0; i < 4; i++) all.push((await admin.nextData()).incidentEvents.subjectId);
    expect(all).toEqual([ofB.id, ofA.id, ofBAgain.id, last.id]);
    expect((await sub.nextData()).incidentEvents.subjectId).toBe(last.id);
    expect(asksForB.pending).toBe(0);
  });

  it("another provider's subscribers hear nothing of it", async () => {
    const theirs = await listen(other.admin, INCIDENT_EVENTS);
    await report('Acme-only incident');
    const own = await t.ok(REPORT, { input: { customer: other.customer, service: other.service, priority: 'P2', impact: 'DEGRADED', title: 'Globex incident', startedAt: '2026-05-04T09:00:00Z' } }, other.admin);

    const e = (await theirs.nextData('their own incident')).incidentEvents;
    expect(e).toMatchObject({ subjectId: own.incidentReport.incident.id, incident: { title: 'Globex incident' } });
  });

  it('filters by incident, customer, agreement and types', async () => {
    const x = await reportHeard('X');
    const byType = await listen(w.admin, INCIDENT_EVENTS, { filter: { types: ['incident.resolved'] } });
    const byCustomer = await listen(w.admin, INCIDENT_EVENTS, { filter: { customer: w.customerB.id } });
    const byAgreement = await listen(w.admin, INCIDENT_EVENTS, { filter: { agreement: covered.agreementId } });
    const byIncident = await listen(w.admin, INCIDENT_EVENTS, { filter: { incident: x.id, types: ['incident.updated', 'incident.resolved'] } });

    const b1 = await report('B1', { customer: w.customerB.id });
    await transition(x.id, 'RESOLVED');
    await report('A2');
    await transition(b1.id, 'RESOLVED');
    await t.ok(UPDATE, { input: { id: x.id, note: 'Post-mortem published' } }, w.admin);

    const take = async (sub: LiveSubscription<any>, n: number) => {
      const out: string[] = [];
      for (let i = 0; i < n; i++) {
        const e = (await sub.nextData()).incidentEvents;
        out.push(`${e.type} ${e.incident.title}`);
      }
      return out;
    };
    expect(await take(byType, 2)).toEqual(['incident.resolved X', 'incident.resolved B1']);
    expect(await take(byCustomer, 2)).toEqual(['incident.reported B1', 'incident.resolved B1']);
    expect(await take(byAgreement, 3)).toEqual(['incident.resolved X', 'incident.reported A2', 'incident.updated X']);
    expect(await take(byIncident, 2)).toEqual(['incident.resolved X', 'incident.updated X']);
  });

  it('answers a bad filter with an error naming the field, before anything is heard', async () => {
    const client = connect(w.admin);
    const wrongFamily = await client.subscribe(INCIDENT_EVENTS, { filter: { types: ['escalation.raised'] } }).next('the error');
    expect(wrongFamily.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', reason: 'INVALID_INPUT', field: ['filter', 'types', '0'] }) })]);
    const notAnIncident = await client.subscribe(INCIDENT_EVENTS, { filter: { incident: w.customerA.id } }).next('the error');
    expect(notAnIncident.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ reason: 'INVALID_ID', field: ['filter', 'incident'] }) })]);
    expect(t.app.liveEvents.subscriberCount).toBe(0);
  });

  it('escalationEvents hears escalation events (and incidentEvents does not), with the incident an escalation concerns', async () => {
    const x = await reportHeard('Escalated incident');
    const escalations = await listen(w.admin, ESCALATION_EVENTS);
    const incidents = await listen(w.admin, INCIDENT_EVENTS);
    const viewerB = await t.token(w.provider, [Role.CUSTOMER_VIEWER], w.customerB.id);
    const customerB = await listen(viewerB, ESCALATION_EVENTS);

    // Escalations are raised by their own area; here the event is raised as it would be.
    const escalationId = randomUUID();
    const customerA = fromGlobalId(w.customerA.id)!.uuid;
    const raiseEscalation = (customerId: string, type: EventType) =>
      withTransaction(t.context(null), (tx) =>
        raiseEvent(tx, {
          type,
          providerId: w.provider.id,
          customerId,
          agreementId: fromGlobalId(covered.agreementId)!.uuid,
          subjectType: 'Escalation',
          subjectId: escalationId,
          data: { escalation: toGlobalId('Escalation', escalationId), incident: x.id, level: 1 },
        }),
      );
    await raiseEscalation(customerA, EventType.ESCALATION_RAISED);
    const sentinel = await report('After the escalation');
    await raiseEscalation(fromGlobalId(w.customerB.id)!.uuid, EventType.ESCALATION_ACKNOWLEDGED);

    const e = (await escalations.nextData('escalation.raised')).escalationEvents;
    expect(e).toMatchObject({
      type: 'escalation.raised',
      subjectType: 'Escalation',
      subjectId: toGlobalId('Escalation', escalationId),
      incident: { id: x.id, title: 'Escalated incident' },
      customer: { name: 'Alpha Bank' },
      agreement: { id: covered.agreementId },
      data: { level: 1 },
    });
    expect((await incidents.nextData()).incidentEvents.subjectId).toBe(sentinel.id);
    expect((await customerB.nextData()).escalationEvents).toMatchObject({ type: 'escalation.acknowledged', customer: { name: 'Beta Insurance' } });
  });

  it('refuses a connection without credentials, or with bad ones (4401)', async () => {
    const anonymous = connect();
    expect(await within(anonymous.closed, 'the close')).toMatchObject({ code: 4401 });
    const forged = new LiveClient(t.url, 'Bearer not-a-token');
    clients.push(forged);
    expect(await within(forged.closed, 'the close')).toMatchObject({ code: 4401 });
    const expired = connect(await t.token(w.provider, [Role.ANALYST], undefined, { ttlSeconds: -60 }));
    expect(await within(expired.closed, 'the close')).toMatchObject({ code: 4401 });
    // GraphiQL sends its Headers tab as connectionParams: "Authorization" works as well.
    const graphiql = new LiveClient(t.url, undefined, { Authorization: `Bearer ${w.admin}` });
    clients.push(graphiql);
    const sub = graphiql.subscribe(INCIDENT_EVENTS);
    await until(() => t.app.liveEvents.subscriberCount === 1, 'the subscription');
    const { id } = await report('Seen through GraphiQL');
    expect((await sub.nextData()).incidentEvents.subjectId).toBe(id);
  });

  it('closes a connection with 4401 when its access token expires', async () => {
    // The token must outlive the connection's set-up, however slow the machine: when it expired
    // first (refused at connect, as any expired token is), try again with one that lives twice as long.
    const EXPIRED = { code: 4401, reason: 'The access token has expired.' };
    for (let ttlSeconds = 2; ; ttlSeconds *= 2) {
      const client = connect(await t.token(w.provider, [Role.ANALYST], undefined, { ttlSeconds }));
      let closed: Closed | null = null;
      void client.closed.then((c) => (closed = c));
      client.subscribe(INCIDENT_EVENTS);
      await until(() => t.app.liveEvents.subscriberCount === 1 || closed !== null, 'the subscription, or its refusal');
      if (closed !== null && t.app.liveEvents.subscriberCount === 0) {
        expect(closed).toEqual(EXPIRED);
        expect(ttlSeconds).toBeLessThan(64);
        continue;
      }
      expect(await within(client.closed, 'the close at expiry')).toEqual(EXPIRED);
      await until(() => t.app.liveEvents.subscriberCount === 0, 'the subscription to end');
      return;
    }
  });

  it('serves only subscriptions over WebSocket, within the same limits as HTTP', async () => {
    const client = connect(w.admin);
    await expect(client.subscribe('{ viewer { name } }').next('the refusal')).rejects.toThrow(/Only subscriptions/);
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: id`).join(' ');
    const tooMany = client.subscribe(`subscription { incidentEvents { ${aliases} } }`);
    await expect(tooMany.next('the refusal')).rejects.toThrow(/alias/i);
    expect(t.app.liveEvents.subscriberCount).toBe(0);
  });

  it('tells a subscription sent over HTTP where it runs', async () => {
    const res = await t.gql('subscription { incidentEvents { type } }', {}, { token: w.admin });
    expect(res.status).toBe(400);
    expect(res.errors).toEqual([expect.objectContaining({ message: expect.stringMatching(/WebSocket/), extensions: expect.objectContaining({ code: 'BAD_REQUEST' }) })]);
  });
});

describeOnPostgres('live events across server processes', () => {
  const clock = new FixedClock(new Date('2026-05-04T10:00:00Z'));
  let a: TestApp;
  let b: TestApp;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    a = await TestApp.start({ clock });
    b = await TestApp.start({ clock, keepData: true });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await b.stop();
    await a.stop();
  });

  it('an event raised through one process reaches the subscribers of the other, once', async () => {
    const w = await agreementWorld(a);
    const subscribe = async (app: TestApp) => {
      const client = new LiveClient(app.url, `Bearer ${w.admin}`);
      clients.push(client);
      const sub = client.subscribe(INCIDENT_EVENTS);
      await until(() => app.app.liveEvents.subscriberCount === 1, 'the subscription');
      return { client, sub };
    };
    const onA = await subscribe(a);
    const onB = await subscribe(b);
    const reportOn = async (app: TestApp, title: string) =>
      (await app.ok(REPORT, { input: { customer: w.customerA.id, service: w.serviceMpg.id, priority: 'P1', impact: 'OUTAGE', title, startedAt: '2026-05-04T09:00:00Z' } }, w.admin)).incidentReport.incident.id;

    const first = await reportOn(a, 'Raised on A');
    const second = await reportOn(b, 'Raised on B');

    for (const { sub } of [onA, onB]) {
      const e1 = (await sub.nextData()).incidentEvents;
      const e2 = (await sub.nextData()).incidentEvents;
      expect([e1.subjectId, e1.incident.title, e2.subjectId, e2.incident.title]).toEqual([first, 'Raised on A', second, 'Raised on B']);
    }

    // Stopping a process ends its subscriptions cleanly: the client hears 1001 (going away).
    await b.stop();
    expect(await within(onB.client.closed, 'the close')).toMatchObject({ code: 1001 });
    const third = await reportOn(a, 'After B stopped');
    expect((await onA.sub.nextData()).incidentEvents.subjectId).toBe(third);
  });

  it('listens again after its connection drops, and delivers what was raised meanwhile, once', async () => {
    const w = await agreementWorld(a, 'initech');
    const client = new LiveClient(a.url, `Bearer ${w.admin}`);
    clients.push(client);
    const sub = client.subscribe(INCIDENT_EVENTS);
    await until(() => a.app.liveEvents.subscriberCount === 1, 'the subscription');
    const reportOn = async (title: string) =>
      (await a.ok(REPORT, { input: { customer: w.customerA.id, service: w.serviceMpg.id, priority: 'P3', impact: 'NONE', title, startedAt: '2026-05-04T09:00:00Z' } }, w.admin)).incidentReport.incident.id;

    const [{ count }] = await a.app.db.dataSource.query(
      `SELECT count(pg_terminate_backend(pid))::int AS count FROM pg_stat_activity WHERE application_name = 'sla-contracts-api:events' AND datname = current_database()`,
    );
    expect(count).toBe(1);
    await reportOn('Raised while the listener reconnects');
    const titles = [(await sub.nextData('the missed event')).incidentEvents.incident.title];
    const after = await reportOn('Raised after');
    for (;;) {
      const e = (await sub.nextData('the next event')).incidentEvents;
      titles.push(e.incident.title);
      if (e.subjectId === after) break;
    }
    expect(titles).toEqual(['Raised while the listener reconnects', 'Raised after']);
  });
});
