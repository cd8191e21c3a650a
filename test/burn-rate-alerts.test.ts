import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FixedClock } from '../src/common/clock';
import { Role } from '../src/common/roles';
import { activeAgreement, agreementWorld, type AgreementWorld } from './support/agreement-fixtures';
import { describeOnBothDatabases } from './support/both-databases';
import { domainEvents, ESCALATIONS, levels, MOVE, REPORT } from './support/escalation-fixtures';
import { TestApp } from './support/test-app';
import { LiveClient, until } from './support/live-client';
import { WebhookReceiver } from './support/webhook-receiver';

const ALERT_FIELDS = 'id state budgetPercent longWindow shortWindow threshold periodStart periodEnd startedAt longBurnRate shortBurnRate resolvedAt objective { metric target } agreement { id }';
const AGREEMENT_ALERTS = `query($id: ID!, $state: BurnRateAlertState) { node(id: $id) { ... on Agreement {
  burnRateAlerts(first: 50, state: $state) { totalCount nodes { ${ALERT_FIELDS} } }
  revisions(first: 1) { nodes { burnRateAlertPolicy { enabled pairs { budgetPercent longWindow shortWindow } } objectives { id burnRateAlerts(first: 10) { totalCount } } } }
} } }`;

/**
 * Multi-window burn-rate alerts, as a client sees them: the policy in the terms (the SRE workbook's
 * pairs by default), episodes raised once and resolved once through the durable evaluation job,
 * webhooks, escalations; on both databases, across a restart of the server mid-episode.
 *
 * The agreement: Alpha Bank, Managed PostgreSQL, availability 99.9% per calendar month. June in
 * Berlin has 30 days, so the budget is 43.2 minutes and the first pair (2% within 1 h, checked over
 * 5 min) fires above a burn rate of 14.4: more than 51.84 s of outage within an hour.
 */
describeOnBothDatabases('burn-rate alerts', (db) => {
  const clock = new FixedClock(new Date('2026-06-01T08:00:00Z'));
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sla-burn-'));
  // The embedded database on disk, so that it survives the restart.
  const env = db.name === 'embedded' ? { ...db.env, DATA_DIR: dataDir } : db.env;
  let t: TestApp;
  let w: AgreementWorld;
  let integration: string;
  let agreement: string;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    t = await TestApp.start({ clock, env });
    w = await agreementWorld(t);
    integration = (await t.ok(`mutation { apiKeyCreate(input: { name: "Monitoring", roles: [INTEGRATION] }) { secret } }`, {}, w.admin)).apiKeyCreate.secret;
    receiver = await WebhookReceiver.start(() => 200);
    const endpoint = await t.ok(
      `mutation($input: WebhookEndpointCreateInput!) { webhookEndpointCreate(input: $input) { webhookEndpoint { id } userErrors { code field message } } }`,
      { input: { url: receiver.url, events: ['budget.burn_alert.raised', 'budget.burn_alert.resolved'], description: 'Alerting' } },
      w.admin,
    );
    expect(endpoint.webhookEndpointCreate.userErrors).toEqual([]);
    const signatory = await t.token(w.provider, [Role.CUSTOMER_SIGNATORY], w.customerA.id);
    agreement = (
      await activeAgreement(
        t,
        w.admin,
        {
          kind: 'CUSTOMER_BASED',
          level: 'CUSTOMER',
          customer: w.customerA.id,
          services: [w.serviceMpg.id],
          terms: {
            title: 'Alpha Bank database SLA',
            effectiveFrom: '2026-01-01T00:00:00Z',
            objectives: [{ metric: 'AVAILABILITY', target: 99.9 }],
            escalationPolicy: { levels: levels(endpoint.webhookEndpointCreate.webhookEndpoint.id), triggers: { clockBreach: false, budgetBurn: true } },
          },
        },
        { customerSignatory: signatory },
      )
    ).agreementId;
  }, 180_000);
  afterAll(async () => {
    await t?.stop();
    await receiver?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const at = (iso: string) => clock.set(new Date(iso));
  /** Runs the due jobs; a failed job fails the test with its own error. */
  const runDue = () =>
    t.app.jobs.runDue().catch((error: unknown) => {
      throw error instanceof AggregateError ? new Error((error.errors as Error[]).map((e) => e.stack).join('\n')) : error;
    });
  const outage = async () =>
    (
      await t.ok(REPORT, { input: { customer: w.customerA.id, service: w.serviceMpg.id, priority: 'P1', impact: 'OUTAGE', title: 'Primary down', startedAt: clock.now().toISOString() } }, integration)
    ).incidentReport.incident.id as string;
  const resolve = (id: string) => t.ok(MOVE, { input: { id, to: 'RESOLVED' } }, integration);
  const alerts = async (state?: string) => (await t.ok(AGREEMENT_ALERTS, { id: agreement, state: state ?? null }, w.admin)).node;
  const raisedEvents = async () => (await domainEvents(t, 'budget.burn_alert.raised')).map((e) => e.data);
  const resolvedEvents = async () => (await domainEvents(t, 'budget.burn_alert.resolved')).map((e) => e.data);
  const hourPair = (list: { longWindow?: string; longWindowSeconds?: number }[]) => list.filter((a) => a.longWindow === 'PT1H' || a.longWindowSeconds === 3600);

  it('shows the SRE workbook pairs as the policy of terms that name none', async () => {
    const a = await alerts();
    expect(a.revisions.nodes[0].burnRateAlertPolicy).toEqual({
      enabled: true,
      pairs: [
        { budgetPercent: 2, longWindow: 'PT1H', shortWindow: 'PT5M' },
        { budgetPercent: 5, longWindow: 'PT6H', shortWindow: 'PT30M' },
        { budgetPercent: 10, longWindow: 'PT72H', shortWindow: 'PT6H' },
      ],
    });
    expect(a.burnRateAlerts.totalCount).toBe(0);
  });

  it('raises nothing when the long window burns exactly at the threshold (51.84 s of outage within the hour)', async () => {
    at('2026-06-02T10:00:00.000Z');
    const id = await outage();
    at('2026-06-02T10:00:51.840Z');
    await resolve(id);
    at('2026-06-02T10:01:00.000Z');
    expect(await runDue()).toBeGreaterThanOrEqual(2); // the change, then the agreement's evaluation
    at('2026-06-02T10:20:00.000Z');
    await runDue();
    expect((await alerts()).burnRateAlerts.totalCount).toBe(0);
    expect(await raisedEvents()).toEqual([]);
  });

  it('raises nothing when the long window is over but the short one is not (the burn stopped before the first evaluation)', async () => {
    at('2026-06-06T10:00:00.000Z');
    const id = await outage();
    at('2026-06-06T10:00:52.000Z'); // 52 s: the hour burns at 14.4444
    await resolve(id);
    at('2026-06-06T10:06:00.000Z'); // the evaluation runs late: the last 5 minutes saw no outage
    await runDue();
    expect((await alerts()).burnRateAlerts.totalCount).toBe(0);
  });

  it('raises once a millisecond over the threshold, and resolves when the short window drops below while the long one is still over', async () => {
    at('2026-06-10T10:00:00.000Z');
    const id = await outage();
    at('2026-06-10T10:00:51.841Z');
    await resolve(id);
    at('2026-06-10T10:01:00.000Z');
    await runDue();
    const open = (await alerts('OPEN')).burnRateAlerts;
    expect(open.nodes).toMatchObject([
      {
        state: 'OPEN',
        budgetPercent: 2,
        longWindow: 'PT1H',
        shortWindow: 'PT5M',
        threshold: '14.4000',
        longBurnRate: '14.4003',
        shortBurnRate: '172.8033',
        startedAt: '2026-06-10T10:01:00.000Z',
        periodStart: '2026-05-31T22:00:00.000Z',
        periodEnd: '2026-06-30T22:00:00.000Z',
        resolvedAt: null,
        objective: { metric: 'AVAILABILITY', target: 99.9 },
      },
    ]);
    // 10:05: the short window [10:00, 10:05) still holds the outage.
    at('2026-06-10T10:05:00.000Z');
    await runDue();
    expect((await alerts('OPEN')).burnRateAlerts.totalCount).toBe(1);
    // 10:06: [10:01, 10:06) holds none; the hour still burns at 14.4003, yet the alert resolves.
    at('2026-06-10T10:06:00.000Z');
    await runDue();
    const all = (await alerts()).burnRateAlerts;
    expect(all.nodes).toMatchObject([{ state: 'RESOLVED', resolvedAt: '2026-06-10T10:06:00.000Z' }]);
    expect(await raisedEvents()).toHaveLength(1);
    expect(await resolvedEvents()).toMatchObject([{ burnRateAlert: all.nodes[0].id, shortBurnRate: '0', resolvedAt: '2026-06-10T10:06:00.000Z' }]);
    // The escalation of the episode, nobody having acknowledged it: cancelled with it.
    const escalations = (await t.ok(ESCALATIONS, { first: 20 }, w.admin)).escalations.nodes.filter((e: any) => e.trigger === 'BUDGET_BURN');
    expect(escalations).toMatchObject([{ status: 'CANCELLED', objective: { metric: 'AVAILABILITY' }, period: { start: '2026-05-31T22:00:00.000Z' } }]);
  });

  it('keeps one alert per episode while it burns, across a restart of the server, and resolves it once', async () => {
    const before = { raised: (await raisedEvents()).length, resolved: (await resolvedEvents()).length };
    at('2026-06-14T10:00:00.000Z');
    const id = await outage();
    at('2026-06-14T10:01:00.000Z');
    await runDue();
    at('2026-06-14T10:02:00.000Z');
    await runDue();
    const raised = (await raisedEvents()).slice(before.raised);
    expect(raised).toMatchObject([{ budgetPercent: 2, longWindowSeconds: 3600, shortWindowSeconds: 300, startedAt: '2026-06-14T10:01:00.000Z', agreement }]);

    // The server stops mid-episode, and its jobs are lost too: the next start catches the agreement up.
    await t.app.db.dataSource.query(`DELETE FROM pgboss.job WHERE name LIKE 'budget.%'`);
    await t.stop();
    at('2026-06-14T10:03:00.000Z');
    t = await TestApp.start({ clock, env, keepData: true });
    await runDue();
    // Still one alert of the hour's pair; the 6-hour pair fires now too (180 s within 6 h burns at 8.33 > 6), once.
    const afterRestart = (await raisedEvents()).slice(before.raised);
    expect(hourPair(afterRestart)).toHaveLength(1);
    expect(afterRestart.filter((a) => a.longWindowSeconds === 21600)).toMatchObject([{ startedAt: '2026-06-14T10:03:00.000Z', threshold: '6' }]);
    expect((await alerts('OPEN')).burnRateAlerts.totalCount).toBe(2);

    await resolve(id);
    at('2026-06-14T10:08:00.000Z');
    await runDue();
    const resolvedNow = (await resolvedEvents()).slice(before.resolved);
    expect(hourPair(resolvedNow)).toMatchObject([{ resolvedAt: '2026-06-14T10:08:00.000Z' }]);
    at('2026-06-14T10:40:00.000Z');
    await runDue();
    await runDue();
    expect((await resolvedEvents()).slice(before.resolved)).toHaveLength(2);
    expect((await raisedEvents()).slice(before.raised)).toHaveLength(2);
    expect((await alerts('OPEN')).burnRateAlerts.totalCount).toBe(0);
    // The receiver heard each event once (deliveries are keyed by event).
    const heard = receiver.requests.map((r) => JSON.parse(r.body) as { type: string; data: { burnRateAlert: string } }).filter((h) => h.type.startsWith('budget.'));
    const keys = heard.map((h) => `${h.type}:${h.data.burnRateAlert}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(2 + 2 + 1 + 1); // this episode's two pairs, raised and resolved, and the earlier episode
  });

  it('alerts on a ratio objective from measurements, under a policy of its own, and resolves when the short window holds no more bad events', async () => {
    const signatory = await t.token(w.provider, [Role.CUSTOMER_SIGNATORY], w.customerA.id);
    const { agreementId } = await activeAgreement(
      t,
      w.admin,
      {
        kind: 'CUSTOMER_BASED',
        level: 'CUSTOMER',
        customer: w.customerA.id,
        services: [w.serviceDesk.id],
        terms: {
          title: 'Alpha Bank API success',
          effectiveFrom: '2026-01-01T00:00:00Z',
          objectives: [{ metric: 'RATIO', target: 99.9 }],
          burnRateAlertPolicy: { pairs: [{ budgetPercent: 2, longWindow: 'PT1H', shortWindow: 'PT5M' }] },
        },
      },
      { customerSignatory: signatory },
    );
    const read = async () => (await t.ok(AGREEMENT_ALERTS, { id: agreementId, state: null }, w.admin)).node;
    expect((await read()).revisions.nodes[0].burnRateAlertPolicy).toEqual({ enabled: true, pairs: [{ budgetPercent: 2, longWindow: 'PT1H', shortWindow: 'PT5M' }] });
    const objective = (await read()).revisions.nodes[0].objectives[0].id;
    // A frontend listens to the agreement's budget events.
    const before = t.app.liveEvents.subscriberCount;
    const live = new LiveClient(t.url, `Bearer ${w.admin}`);
    const heard = live.subscribe<any>(`subscription($f: BudgetEventsFilter) { budgetEvents(filter: $f) { type subjectType subject { id ... on BurnRateAlert { state } } agreement { id } data } }`, {
      f: { agreement: agreementId },
    });
    await until(() => t.app.liveEvents.subscriberCount > before, 'the subscription to reach the server');
    at('2026-06-20T10:00:30.000Z');
    const recorded = await t.ok(
      `mutation($input: MeasurementsRecordInput!) { measurementsRecord(input: $input) { accepted userErrors { code field message } } }`,
      { input: { batchKey: 'api-1000', points: [{ objective, at: '2026-06-20T10:00:00.000Z', good: 980, total: 1000 }] } },
      integration,
    );
    expect(recorded.measurementsRecord).toEqual({ accepted: 1, userErrors: [] });
    at('2026-06-20T10:01:00.000Z');
    await runDue();
    // 2% bad against 0.1% allowed: both windows burn at 20 (> 14.4).
    expect((await read()).burnRateAlerts.nodes).toMatchObject([{ state: 'OPEN', objective: { metric: 'RATIO' }, longBurnRate: '20.0000', shortBurnRate: '20.0000', threshold: '14.4000' }]);
    expect((await read()).revisions.nodes[0].objectives[0].burnRateAlerts.totalCount).toBe(1);
    at('2026-06-20T10:06:00.000Z');
    await runDue();
    expect((await read()).burnRateAlerts.nodes).toMatchObject([{ state: 'RESOLVED', resolvedAt: '2026-06-20T10:06:00.000Z' }]);
    const first = (await heard.nextData()).budgetEvents;
    const second = (await heard.nextData()).budgetEvents;
    expect([first.type, second.type]).toEqual(['budget.burn_alert.raised', 'budget.burn_alert.resolved']);
    expect(first).toMatchObject({ subjectType: 'BurnRateAlert', agreement: { id: agreementId }, data: { budgetPercent: 2, metric: 'RATIO', longBurnRate: '20' } });
    expect(second.subject).toMatchObject({ id: first.subject.id, state: 'RESOLVED' });
    await live.dispose();
  });

  it('refuses a policy whose short window is not shorter than its long one, naming the field', async () => {
    const res = await t.gql(
      `mutation($input: AgreementCreateInput!) { agreementCreate(input: $input) { agreement { id } userErrors { code field } } }`,
      {
        input: {
          kind: 'CUSTOMER_BASED',
          level: 'CUSTOMER',
          customer: w.customerA.id,
          services: [w.serviceDesk.id],
          terms: { title: 'Bad', burnRateAlertPolicy: { pairs: [{ budgetPercent: 2, longWindow: 'PT5M', shortWindow: 'PT1H' }] } },
        },
      },
      { token: w.admin },
    );
    expect((res.data as any).agreementCreate.userErrors).toEqual([{ code: 'INVALID_INPUT', field: ['input', 'terms', 'burnRateAlertPolicy', 'pairs', '0', 'shortWindow'] }]);
  });
});
