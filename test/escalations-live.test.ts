import { FixedClock } from '../src/common/clock';
import { Role } from '../src/common/roles';
import { ACKNOWLEDGE, escalationWorld, type EscalationWorld, RAISE, report } from './support/escalation-fixtures';
import { LiveClient, until } from './support/live-client';
import { TestApp } from './support/test-app';

const ESCALATION_EVENTS = `subscription { escalationEvents { type subjectId data incident { id } customer { name } subject { id ... on Escalation { status currentLevel } } } }`;

describe('escalations heard live', () => {
  const clock = new FixedClock(new Date('2026-05-04T10:00:00Z'));
  let t: TestApp;
  let w: EscalationWorld;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    t = await TestApp.start({ clock });
    w = await escalationWorld(t);
  }, 120_000); // built through the API: slow on the embedded database under a loaded suite
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await t.stop();
    await w.pagerReceiver.stop();
  });

  const listen = async (token: string) => {
    const before = t.app.liveEvents.subscriberCount;
    const client = new LiveClient(t.url, `Bearer ${token}`);
    clients.push(client);
    const sub = client.subscribe<any>(ESCALATION_EVENTS);
    await until(() => t.app.liveEvents.subscriberCount > before, 'the subscription to reach the server');
    return sub;
  };

  it("frontends hear an escalation raised, advanced and acknowledged; a customer user only their own customer's", async () => {
    const admin = await listen(w.admin);
    const customerB = await listen(await t.token(w.provider, [Role.CUSTOMER_VIEWER], w.customerB.id));
    const incident = await report(t, w);
    const raised = (await t.ok(RAISE, { input: { incident, note: 'Heard live' } }, w.admin)).escalationRaise.escalation;
    clock.set(new Date('2026-05-04T10:30:00Z'));
    await t.app.jobs.runDue();
    await t.ok(ACKNOWLEDGE, { input: { id: raised.id } }, w.admin);
    const ofB = await report(t, w, { customer: w.customerB.id, title: 'Beta outage' });
    const raisedB = (await t.ok(RAISE, { input: { incident: ofB } }, w.admin)).escalationRaise.escalation;

    const heard = [];
    for (let i = 0; i < 4; i++) heard.push((await admin.nextData()).escalationEvents);
    expect(heard.map((e) => [e.type, e.subjectId, e.data.level])).toEqual([
      ['escalation.raised', raised.id, 1],
      ['escalation.advanced', raised.id, 2],
      ['escalation.acknowledged', raised.id, 2],
      ['escalation.raised', raisedB.id, 1],
    ]);
    expect(heard[0]).toMatchObject({ incident: { id: incident }, customer: { name: 'Alpha Bank' }, subject: { id: raised.id } });
    expect((await customerB.nextData()).escalationEvents).toMatchObject({ type: 'escalation.raised', subjectId: raisedB.id, customer: { name: 'Beta Insurance' } });
  });
});
