import { randomUUID } from 'node:crypto';
import { EventType } from '../src/common/event-types';
import { Role } from '../src/common/roles';
import { beforeCommit } from '../src/context/before-commit';
import { withTransaction } from '../src/context/transaction';
import { runWithSqlStats } from '../src/db/sql-stats';
import { raiseEvent } from '../src/domain/events/event.service';
import { describeOnBothDatabases } from './support/both-databases';
import { type TestProvider, TestApp } from './support/test-app';

const ENDPOINT_CREATE = `mutation($input: WebhookEndpointCreateInput!) {
  webhookEndpointCreate(input: $input) { webhookEndpoint { id } userErrors { code field message } }
}`;
const DELIVERIES = `query($id: ID!) { node(id: $id) { ... on WebhookEndpoint { deliveries(first: 50) { totalCount nodes { status event { type data } } } } } }`;

/**
 * The events a transaction raises are written when it commits: one statement records them all,
 * one queues their webhook deliveries, one announces them. A request that raises many events
 * (an incident report that breaches at once, the demo seed's thousand steps) costs no more
 * statements for them than one that raises a single event.
 */
describeOnBothDatabases('events raised in one transaction', (db) => {
  let t: TestApp;
  let provider: TestProvider;
  let admin: string;
  beforeAll(async () => {
    t = await TestApp.start({ env: db.env });
  });
  afterAll(() => t.stop());
  beforeEach(async () => {
    await t.reset();
    provider = await t.provider('eventful');
    admin = await t.token(provider, [Role.PROVIDER_ADMIN]);
  });

  const event = (n: number) => ({
    type: EventType.ESCALATION_RAISED,
    providerId: provider.id,
    customerId: null,
    agreementId: null,
    subjectType: 'Escalation' as const,
    subjectId: randomUUID(),
    data: { n },
  });
  /** Raises `count` events in one transaction; returns the SQL statements it sent. */
  const raise = async (count: number, thenFail = false): Promise<number> => {
    const stats = { statements: 0 };
    await runWithSqlStats(stats, () =>
      withTransaction(t.context(null), async (tx) => {
        for (let n = 1; n <= count; n++) await raiseEvent(tx, event(n));
        if (thenFail) throw new Error('the transaction fails after raising');
      }),
    );
    return stats.statements;
  };
  const stored = async (): Promise<number[]> =>
    (await t.app.db.dataSource.query(`SELECT (data->>'n')::int AS n FROM domain_event ORDER BY 1`)).map((r: { n: number }) => r.n);

  it('records ten events with as many statements as one', async () => {
    const one = await raise(1);
    const ten = await raise(10);
    expect(ten).toBe(one);
    expect(await stored()).toEqual([1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('queues a delivery of each event for each endpoint subscribed to its type, none for the others', async () => {
    const create = async (url: string, events: string[]) =>
      (await t.ok(ENDPOINT_CREATE, { input: { url, events } }, admin)).webhookEndpointCreate.webhookEndpoint.id as string;
    const subscribed = await create('https://hooks.example.com/escalations', ['escalation.raised']);
    const other = await create('https://hooks.example.com/reviews', ['review.due']);
    await raise(3);
    const list = async (id: string) => (await t.ok(DELIVERIES, { id }, admin)).node.deliveries;
    const deliveries = await list(subscribed);
    expect(deliveries.totalCount).toBe(3);
    expect(deliveries.nodes.map((d: { event: { data: { n: number } } }) => d.event.data.n).sort()).toEqual([1, 2, 3]);
    expect(deliveries.nodes.every((d: { status: string; event: { type: string } }) => d.status === 'PENDING' && d.event.type === 'escalation.raised')).toBe(true);
    expect((await list(other)).totalCount).toBe(0);
  });

  it('writes nothing when the transaction rolls back', async () => {
    await expect(raise(3, true)).rejects.toThrow('the transaction fails after raising');
    expect(await stored()).toEqual([]);
    const [{ n }] = await t.app.db.dataSource.query('SELECT count(*)::int AS n FROM webhook_delivery');
    expect(n).toBe(0);
  });

  it('refuses to gather work outside a transaction started by withTransaction', () => {
    const batch = { name: 'Test batch', flush: async () => undefined };
    expect(() => beforeCommit(t.context(null), batch, 1)).toThrow('Test batch can only be gathered inside withTransaction.');
  });
});
