import { createHash } from 'node:crypto';
import { FixedClock } from '../src/common/clock';
import { fromGlobalId } from '../src/common/global-id';
import { Role } from '../src/common/roles';
import { EventType } from '../src/common/event-types';
import { raiseEvent } from '../src/domain/events/event.service';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { generateWebhookSecret, verifyWebhook } from '../src/domain/webhooks/webhook-signature';
import { configureWebhooks } from '../src/domain/webhooks/webhook-settings';
import { jobHandlers } from '../src/jobs/job-handlers';
import { activeAgreement, agreementWorld, type AgreementWorld, objectives, REVISION_APPROVE, REVISION_PROPOSE, AGREEMENT_CREATE } from './support/agreement-fixtures';
import { TestApp } from './support/test-app';
import { answers, WebhookReceiver } from './support/webhook-receiver';

const HOUR = 3_600_000;

const CREATE = `mutation($input: WebhookEndpointCreateInput!) {
  webhookEndpointCreate(input: $input) { webhookEndpoint { id url events description disabled createdBy } secret userErrors { code field message } }
}`;

const DELIVERIES = `query($id: ID!, $status: WebhookDeliveryStatus) {
  node(id: $id) { ... on WebhookEndpoint {
    deliveries(first: 50, status: $status) { totalCount nodes {
      id status attemptCount nextAttemptAt lastAttemptAt lastStatusCode lastError deliveredAt failedAt createdAt
      event { eventId type occurredAt data body }
      attempts { number trigger requestedBy startedAt durationMs statusCode error succeeded }
    } }
  } }
}`;

const RETRY = `mutation($delivery: ID!) {
  webhookDeliveryRetry(input: { delivery: $delivery }) {
    delivery { id status attemptCount nextAttemptAt deliveredAt failedAt }
    attempt { number trigger requestedBy statusCode succeeded }
    userErrors { code field message }
  }
}`;

describe('webhooks to partners and systems', () => {
  const clock = new FixedClock(new Date('2026-06-01T08:00:00Z'));
  let t: TestApp;
  let w: AgreementWorld;
  let receivers: WebhookReceiver[] = [];

  beforeAll(async () => {
    // The default timeout (10 s): a receiver on loopback answers well within it, however loaded the machine.
    t = await TestApp.start({ clock });
  });
  afterAll(async () => {
    await t.stop();
  });
  beforeEach(async () => {
    await t.reset();
    clock.set(new Date('2026-06-01T08:00:00Z'));
    w = await agreementWorld(t);
  });
  afterEach(async () => {
    await Promise.all(receivers.map((r) => r.stop()));
    receivers = [];
  });

  const receiver = async (plan: Parameters<typeof WebhookReceiver.start>[0]) => {
    const r = await WebhookReceiver.start(plan);
    receivers.push(r);
    return r;
  };

  const createEndpoint = async (url: string, events: string[], token = w.admin) => {
    const res = await t.ok(CREATE, { input: { url, events, description: 'Partner bridge' } }, token);
    expect(res.webhookEndpointCreate.userErrors).toEqual([]);
    return { id: res.webhookEndpointCreate.webhookEndpoint.id as string, secret: res.webhookEndpointCreate.secret as string };
  };

  /** A service-based agreement (signed by the provider alone) in force since January: raises revision.approved and revision.activated. */
  const signAgreement = (title = 'MPG standard terms', effectiveFrom = '2026-01-01T00:00:00Z') =>
    activeAgreement(t, w.admin, { kind: 'SERVICE_BASED', level: 'SERVICE', services: [w.serviceMpg.id], terms: { title, effectiveFrom, objectives: [objectives.availability(99.9)] } });

  const deliveries = async (endpointId: string, status?: string) => (await t.ok(DELIVERIES, { id: endpointId, status }, w.admin)).node.deliveries;
  const onlyDelivery = async (endpointId: string) => {
    const list = await deliveries(endpointId);
    expect(list.totalCount).toBe(1);
    return list.nodes[0];
  };

  it('retries a receiver that fails twice with growing backoff, delivers on the third attempt, signed, and never sends it again', async () => {
    const r = await receiver(answers(500, 500, 204));
    const endpoint = await createEndpoint(r.url, ['revision.activated']);
    const signed = await signAgreement();
    expect(r.requests).toHaveLength(0); // queued with the change, sent by the job

    const queuedAt = clock.now();
    expect(await t.app.jobs.runDue()).toBeGreaterThanOrEqual(1);
    expect(r.requests).toHaveLength(1);
    let d = await onlyDelivery(endpoint.id);
    expect(d).toMatchObject({ status: 'PENDING', attemptCount: 1, lastStatusCode: 500, deliveredAt: null, event: { type: 'revision.activated' } });
    const firstRetryAt = new Date(d.nextAttemptAt);
    const firstDelay = firstRetryAt.getTime() - queuedAt.getTime();
    expect(firstDelay).toBeGreaterThanOrEqual(48_000); // one minute, +-20% jitter
    expect(firstDelay).toBeLessThanOrEqual(72_000);

    clock.set(new Date(firstRetryAt.getTime() - 1000));
    await t.app.jobs.runDue();
    expect(r.requests).toHaveLength(1); // not a second early

    clock.set(firstRetryAt);
    await t.app.jobs.runDue();
    expect(r.requests).toHaveLength(2);
    d = await onlyDelivery(endpoint.id);
    expect(d).toMatchObject({ status: 'PENDING', attemptCount: 2, lastStatusCode: 500 });
    const secondRetryAt = new Date(d.nextAttemptAt);
    const secondDelay = secondRetryAt.getTime() - firstRetryAt.getTime();
    expect(secondDelay).toBeGreaterThan(firstDelay);
    expect(secondDelay).toBeGreaterThanOrEqual(96_000); // two minutes, +-20%
    expect(secondDelay).toBeLessThanOrEqual(144_000);

    clock.set(secondRetryAt);
    await t.app.jobs.runDue();
    expect(r.requests).toHaveLength(3);
    d = await onlyDelivery(endpoint.id);
    expect(d).toMatchObject({ status: 'DELIVERED', attemptCount: 3, lastStatusCode: 204, nextAttemptAt: null, deliveredAt: secondRetryAt.toISOString(), failedAt: null });
    expect(d.attempts.map((a: any) => [a.number, a.trigger, a.statusCode, a.succeeded, a.error])).toEqual([
      [1, 'SCHEDULED', 500, false, null],
      [2, 'SCHEDULED', 500, false, null],
      [3, 'SCHEDULED', 204, true, null],
    ]);
    expect(d.attempts.map((a: any) => a.startedAt)).toEqual([queuedAt, firstRetryAt, secondRetryAt].map((x) => x.toISOString()));

    // Every attempt sent the same bytes, signed with the endpoint's secret at the time it was sent.
    const sentAt = [queuedAt, firstRetryAt, secondRetryAt];
    r.requests.forEach((req, i) => {
      expect(req.method).toBe('POST');
      expect(req.headers['content-type']).toBe('application/json');
      expect(req.body).toBe(r.requests[0].body);
      expect(req.headers['sla-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(verifyWebhook(endpoint.secret, req.body, req.headers['sla-signature'] as string, sentAt[i])).toEqual({ ok: true, timestamp: Math.floor(sentAt[i].getTime() / 1000) });
      expect(verifyWebhook('whsec_someone-else', req.body, req.headers['sla-signature'] as string, sentAt[i]).ok).toBe(false);
      expect(req.headers['sla-delivery-attempt']).toBe(String(i + 1));
      expect(req.headers['sla-delivery-id']).toBe(d.id);
    });
    const body = JSON.parse(r.requests[0].body);
    expect(body).toEqual({
      id: d.event.eventId,
      type: 'revision.activated',
      occurredAt: queuedAt.toISOString(),
      provider: w.provider.globalId,
      data: expect.objectContaining({ revision: signed.revisionId, agreement: signed.agreementId, number: 1, customer: null, supersedes: null }),
    });
    expect(Object.keys(body)).toEqual(['id', 'type', 'occurredAt', 'provider', 'data']);
    expect(r.requests[0].headers['sla-event-id']).toBe(body.id);
    expect(r.requests[0].headers['sla-event-type']).toBe('revision.activated');
    expect(d.event.body).toBe(r.requests[0].body);

    // Delivered is final for the scheduler: later jobs, a job run twice, days passing send nothing.
    for (const hours of [0.1, 1, 30, 72]) {
      clock.set(new Date(secondRetryAt.getTime() + hours * HOUR));
      await t.app.jobs.runDue();
    }
    await jobHandlers['webhook.deliver']!(t.context(null), { deliveryId: fromGlobalId(d.id)!.uuid });
    expect(r.requests).toHaveLength(3);
    expect(await onlyDelivery(endpoint.id)).toMatchObject({ status: 'DELIVERED', attemptCount: 3 });
  });

  it('sends an attempt once when its job runs twice at the same time (compare-and-set on the attempt count)', async () => {
    const r = await receiver(() => 500);
    const endpoint = await createEndpoint(r.url, ['revision.activated']);
    await signAgreement();
    const [row] = await t.app.db.dataSource.query(`SELECT id FROM webhook_delivery`);
    const run = () => jobHandlers['webhook.deliver']!(t.context(null), { deliveryId: row.id });
    await Promise.all([run(), run(), run()]);
    expect(r.requests).toHaveLength(1);
    const d = await onlyDelivery(endpoint.id);
    expect(d.attempts.map((a: any) => a.number)).toEqual([1]);
    // The queued job for attempt 1 finds it made; attempt 2 is not due yet.
    await t.app.jobs.runDue();
    expect(r.requests).toHaveLength(1);
    clock.set(new Date(d.nextAttemptAt));
    await Promise.all([run(), run(), t.app.jobs.runDue()]);
    expect(r.requests).toHaveLength(2);
    expect((await onlyDelivery(endpoint.id)).attempts.map((a: any) => a.number)).toEqual([1, 2]);
  });

  it('delivers an event to the endpoints it names (as escalation levels do) whatever they subscribe to, within the provider only', async () => {
    const named = await receiver(() => 200);
    const bystander = await receiver(() => 200);
    const foreign = await receiver(() => 200);
    const namedEndpoint = await createEndpoint(named.url, []);
    await createEndpoint(bystander.url, ['escalation.acknowledged']);
    const other = await agreementWorld(t, 'globex');
    const foreignEndpoint = await createEndpoint(foreign.url, ['escalation.raised'], other.admin);
    await raiseEvent(t.context(null), {
      type: EventType.ESCALATION_RAISED,
      providerId: w.provider.id,
      customerId: null,
      agreementId: null,
      subjectType: 'Escalation',
      subjectId: '2f1a4c9e-0000-4000-8000-000000000001',
      data: { level: 1 },
      webhookEndpointIds: [fromGlobalId(namedEndpoint.id)!.uuid, fromGlobalId(foreignEndpoint.id)!.uuid],
    });
    await t.app.jobs.runDue();
    expect(named.requests.map((q) => JSON.parse(q.body))).toEqual([expect.objectContaining({ type: 'escalation.raised', data: { level: 1 }, provider: w.provider.globalId })]);
    expect(bystander.requests).toHaveLength(0);
    expect(foreign.requests).toHaveLength(0);
  });

  it('keeps retrying for at least 24 hours, then FAILED; a manual retry sends it again and delivers it', async () => {
    const r = await receiver(() => 503);
    const endpoint = await createEndpoint(r.url, ['revision.activated']);
    await signAgreement();
    const queuedAt = clock.now().getTime();
    let d;
    for (let i = 0; i < 40; i++) {
      await t.app.jobs.runDue();
      d = await onlyDelivery(endpoint.id);
      if (d.status !== 'PENDING') break;
      clock.set(new Date(d.nextAttemptAt));
    }
    expect(d.status).toBe('FAILED');
    expect(d).toMatchObject({ nextAttemptAt: null, deliveredAt: null, lastStatusCode: 503 });
    const starts = d.attempts.map((a: any) => new Date(a.startedAt).getTime() - queuedAt);
    expect(starts[starts.length - 1]).toBeGreaterThanOrEqual(24 * HOUR);
    expect(starts[starts.length - 2]).toBeLessThan(24 * HOUR);
    expect(d.attempts.length).toBeGreaterThanOrEqual(12);
    expect(d.attempts.length).toBeLessThanOrEqual(16);
    expect(d.attempts.every((a: any) => a.statusCode === 503 && !a.succeeded && a.trigger === 'SCHEDULED')).toBe(true);
    expect(r.requests).toHaveLength(d.attempts.length);
    // Each wait is at least as long as the one before it (until the four-hour ceiling, +-20%).
    const gaps = starts.slice(1).map((s: number, i: number) => s - starts[i]);
    for (let i = 1; i < 8; i++) expect(gaps[i]).toBeGreaterThan(gaps[i - 1]);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(4.8 * HOUR);

    clock.advance(48 * HOUR);
    await t.app.jobs.runDue();
    expect(r.requests).toHaveLength(d.attempts.length);
    expect((await deliveries(endpoint.id, 'FAILED')).totalCount).toBe(1);
    expect((await deliveries(endpoint.id, 'PENDING')).totalCount).toBe(0);

    r.plan = () => 200;
    const retried = await t.ok(RETRY, { delivery: d.id }, w.admin);
    expect(retried.webhookDeliveryRetry).toMatchObject({
      delivery: { status: 'DELIVERED', attemptCount: d.attempts.length + 1, nextAttemptAt: null, deliveredAt: clock.now().toISOString(), failedAt: null },
      attempt: { number: d.attempts.length + 1, trigger: 'MANUAL', requestedBy: 'provider_admin@acme (USER)', statusCode: 200, succeeded: true },
      userErrors: [],
    });
    expect(r.requests).toHaveLength(d.attempts.length + 1);
    expect(r.requests[r.requests.length - 1].body).toBe(r.requests[0].body);
    // Redelivering a delivered one is allowed (receivers deduplicate on the event id) and keeps the first delivery time.
    const manager = await t.token(w.provider, [Role.ACCOUNT_MANAGER]);
    clock.advance(HOUR);
    const again = await t.ok(RETRY, { delivery: d.id }, manager);
    expect(again.webhookDeliveryRetry.delivery.deliveredAt).toBe(retried.webhookDeliveryRetry.delivery.deliveredAt);
    expect(again.webhookDeliveryRetry.attempt).toMatchObject({ trigger: 'MANUAL', requestedBy: 'account_manager@acme (USER)' });
  });

  it('counts a receiver that does not answer within the timeout, or refuses the connection, as a failed attempt', async () => {
    const hanging = await receiver(() => 'hang');
    const closed = await receiver(() => 200);
    const closedUrl = closed.url;
    await closed.stop();
    receivers = receivers.filter((x) => x !== closed);
    const slow = await createEndpoint(hanging.url, ['revision.activated']);
    const gone = await createEndpoint(closedUrl, ['revision.activated']);
    await signAgreement();
    // A short timeout for this test only (WEBHOOK_TIMEOUT_MS=500): the receiver never answers, so it costs half a second, not ten.
    configureWebhooks(t.app.db, { timeoutMs: 500 });
    try {
      await t.app.jobs.runDue();
    } finally {
      configureWebhooks(t.app.db, { timeoutMs: t.app.config.webhookTimeoutMs });
    }
    const s = await onlyDelivery(slow.id);
    expect(s).toMatchObject({ status: 'PENDING', attemptCount: 1, lastStatusCode: null, lastError: 'No answer within 500 ms.' });
    expect(s.attempts[0]).toMatchObject({ statusCode: null, error: 'No answer within 500 ms.', succeeded: false });
    expect(s.attempts[0].durationMs).toBeGreaterThanOrEqual(400);
    expect(hanging.requests).toHaveLength(1);
    const g = await onlyDelivery(gone.id);
    expect(g).toMatchObject({ status: 'PENDING', attemptCount: 1, lastStatusCode: null });
    expect(g.attempts[0].error).toMatch(/ECONNREFUSED/);
  });

  it('shows the secret once, at creation, and nowhere else', async () => {
    const { id, secret } = await createEndpoint('https://hooks.example.com/sla', ['incident.breached']);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/); // the Standard Webhooks form: whsec_ and 32 bytes in base64
    const fields = await t.ok(`{ __type(name: "WebhookEndpoint") { fields { name } } }`, {}, w.admin);
    expect(fields.__type.fields.map((f: any) => f.name)).not.toContain('secret');
    const asked = await t.gql(`query($id: ID!) { node(id: $id) { ... on WebhookEndpoint { secret } } }`, { id }, { token: w.admin });
    expect(asked.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const updated = await t.ok(`mutation($id: ID!) { webhookEndpointUpdate(input: { id: $id, description: "Renamed" }) { webhookEndpoint { description } userErrors { message } } }`, { id }, w.admin);
    expect(JSON.stringify(updated)).not.toContain(secret);
    const listed = await t.gql(`{ webhookEndpoints { nodes { id url events description version createdBy } } }`, {}, { token: w.admin });
    expect(JSON.stringify(listed)).not.toContain(secret);
    const other = await createEndpoint('https://hooks.example.com/other', []);
    expect(other.secret).not.toBe(secret);
  });

  it('signs every attempt in the Standard Webhooks format, which a partner verifies with the published library; webhook-id is the delivery, the same on every attempt', async () => {
    // The library checks webhook-timestamp against the receiver's own clock: attempts are made at the real time here.
    clock.set(new Date(Math.floor(Date.now() / 1000) * 1000));
    const r = await receiver(answers(500, 204, 204));
    const endpoint = await createEndpoint(r.url, ['revision.activated']);
    await signAgreement('Standard Webhooks', '2026-01-01T00:00:00Z');
    await t.app.jobs.runDue();
    const d = await onlyDelivery(endpoint.id);
    clock.set(new Date(d.nextAttemptAt));
    await t.app.jobs.runDue(); // the scheduled retry, delivered
    expect((await t.ok(RETRY, { delivery: d.id }, w.admin)).webhookDeliveryRetry.attempt).toMatchObject({ number: 3, trigger: 'MANUAL', succeeded: true });
    expect(r.requests).toHaveLength(3);

    const partner = new Webhook(endpoint.secret);
    for (const req of r.requests) {
      expect(req.headers['webhook-id']).toBe(d.id);
      expect(req.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
      const now = jest.spyOn(Date, 'now').mockReturnValue(Number(req.headers['webhook-timestamp']) * 1000 + 1000);
      try {
        expect(partner.verify(req.body, req.headers as Record<string, string>)).toEqual(JSON.parse(r.requests[0].body));
        expect(() => new Webhook(generateWebhookSecret()).verify(req.body, req.headers as Record<string, string>)).toThrow(WebhookVerificationError);
      } finally {
        now.mockRestore();
      }
      expect(req.body).toBe(r.requests[0].body);
      // The deprecated header still comes, for existing receivers.
      expect(verifyWebhook(endpoint.secret, req.body, req.headers['sla-signature'] as string, new Date(Number(req.headers['webhook-timestamp']) * 1000)).ok).toBe(true);
    }
    expect(r.requests.map((q) => Number(q.headers['webhook-timestamp']))).toEqual((await onlyDelivery(endpoint.id)).attempts.map((a: any) => Math.floor(Date.parse(a.startedAt) / 1000)));

    // Without the legacy header (WEBHOOK_LEGACY_SIGNATURE=false) the Standard Webhooks ones still sign.
    configureWebhooks(t.app.db, { legacySignature: false });
    try {
      await t.ok(RETRY, { delivery: d.id }, w.admin);
    } finally {
      configureWebhooks(t.app.db, { timeoutMs: t.app.config.webhookTimeoutMs });
    }
    const last = r.requests[3];
    expect(last.headers['sla-signature']).toBeUndefined();
    expect(last.headers['webhook-id']).toBe(d.id);
    const now = jest.spyOn(Date, 'now').mockReturnValue(Number(last.headers['webhook-timestamp']) * 1000);
    try {
      expect(partner.verify(last.body, last.headers as Record<string, string>)).toMatchObject({ type: 'revision.activated' });
    } finally {
      now.mockRestore();
    }
  });

  it('rotates the secret: the new one is shown once, and for 24 hours deliveries verify with the old one too', async () => {
    const r = await receiver(() => 200);
    const { id, secret: oldSecret } = await createEndpoint(r.url, ['revision.activated']);
    const ROTATE = `mutation($id: ID!) { webhookEndpointRotateSecret(input: { id: $id }) { webhookEndpoint { id previousSecretExpiresAt } secret userErrors { code field } } }`;
    const manager = await t.token(w.provider, [Role.ACCOUNT_MANAGER]);
    expect((await t.gql(ROTATE, { id }, { token: manager })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const rotated = (await t.ok(ROTATE, { id }, w.admin)).webhookEndpointRotateSecret;
    const newSecret = rotated.secret as string;
    expect(newSecret).toMatch(/^whsec_/);
    expect(newSecret).not.toBe(oldSecret);
    expect(rotated.webhookEndpoint.previousSecretExpiresAt).toBe(new Date(clock.now().getTime() + 24 * HOUR).toISOString());

    await signAgreement('During the grace period');
    await t.app.jobs.runDue();
    const during = r.requests[0];
    expect((during.headers['sla-signature'] as string).match(/v1=/g)).toHaveLength(2);
    expect(verifyWebhook(newSecret, during.body, during.headers['sla-signature'] as string, clock.now()).ok).toBe(true);
    expect(verifyWebhook(oldSecret, during.body, during.headers['sla-signature'] as string, clock.now()).ok).toBe(true);
    expect((during.headers['webhook-signature'] as string).split(' ')).toHaveLength(2);
    const standardAt = (secret: string, req: typeof during) => {
      const now = jest.spyOn(Date, 'now').mockReturnValue(clock.now().getTime());
      try {
        new Webhook(secret).verify(req.body, req.headers as Record<string, string>);
        return true;
      } catch {
        return false;
      } finally {
        now.mockRestore();
      }
    };
    expect(standardAt(newSecret, during)).toBe(true);
    expect(standardAt(oldSecret, during)).toBe(true);

    clock.advance(24 * HOUR);
    await signAgreement('After it');
    await t.app.jobs.runDue();
    const after = r.requests[1];
    expect((after.headers['sla-signature'] as string).match(/v1=/g)).toHaveLength(1);
    expect(verifyWebhook(newSecret, after.body, after.headers['sla-signature'] as string, clock.now()).ok).toBe(true);
    expect(verifyWebhook(oldSecret, after.body, after.headers['sla-signature'] as string, clock.now()).ok).toBe(false);
    expect(standardAt(newSecret, after)).toBe(true);
    expect(standardAt(oldSecret, after)).toBe(false);
    const foreign = await agreementWorld(t, 'globex');
    expect((await t.ok(ROTATE, { id }, foreign.admin)).webhookEndpointRotateSecret).toEqual({ webhookEndpoint: null, secret: null, userErrors: [{ code: 'NOT_FOUND', field: ['input', 'id'] }] });
  });

  it('sends revision.approved when every party has signed and revision.activated when it comes into force', async () => {
    const r = await receiver(() => 200);
    const uninterested = await receiver(() => 200);
    const endpoint = await createEndpoint(r.url, ['revision.approved', 'revision.activated']);
    await createEndpoint(uninterested.url, ['incident.breached', 'review.due']);
    const signatory = await t.token(w.provider, [Role.CUSTOMER_SIGNATORY], w.customerA.id);
    const created = await t.ok(AGREEMENT_CREATE, {
      input: { kind: 'CUSTOMER_BASED', level: 'CUSTOMER', customer: w.customerA.id, services: [w.serviceMpg.id], terms: { title: 'Alpha SLA', effectiveFrom: '2026-07-01T00:00:00Z', objectives: [objectives.availability(99.9)] } },
    }, w.admin);
    const revisionId = created.agreementCreate.revision.id;
    await t.ok(REVISION_PROPOSE, { id: revisionId }, w.admin);
    await t.ok(REVISION_APPROVE, { id: revisionId }, w.admin);
    await t.app.jobs.runDue();
    expect(r.requests).toHaveLength(0); // one party is not everyone

    await t.ok(REVISION_APPROVE, { id: revisionId }, signatory);
    await t.app.jobs.runDue();
    expect(r.requests.map((q) => JSON.parse(q.body).type)).toEqual(['revision.approved']);
    const approved = JSON.parse(r.requests[0].body);
    // What was signed: the SHA-256 of the revision's canonical terms, as the API exports them.
    const sealed = (await t.ok(`query($id: ID!) { node(id: $id) { ... on AgreementRevision { termsSha256 canonicalTerms } } }`, { id: revisionId }, w.admin)).node;
    expect(createHash('sha256').update(sealed.canonicalTerms).digest('hex')).toBe(sealed.termsSha256);
    expect(approved.data).toEqual({
      termsSha256: sealed.termsSha256,
      revision: revisionId,
      agreement: created.agreementCreate.agreement.id,
      customer: w.customerA.id,
      number: 1,
      effectiveFrom: '2026-07-01T00:00:00.000Z',
      effectiveTo: null,
      approvedAt: '2026-06-01T08:00:00.000Z',
    });

    clock.set(new Date('2026-07-01T00:00:30Z'));
    await t.app.jobs.revisionActivation!.runNow();
    await t.app.jobs.runDue();
    expect(r.requests.map((q) => JSON.parse(q.body).type)).toEqual(['revision.approved', 'revision.activated']);
    const activated = JSON.parse(r.requests[1].body);
    expect(activated).toMatchObject({ occurredAt: '2026-07-01T00:00:30.000Z', data: { revision: revisionId, number: 1, activatedAt: '2026-07-01T00:00:30.000Z', supersedes: null, termsSha256: sealed.termsSha256 } });
    expect(activated.id).not.toBe(approved.id);
    expect(uninterested.requests).toHaveLength(0);
    const list = await deliveries(endpoint.id);
    expect(list.nodes.map((n: any) => [n.event.type, n.status])).toEqual([
      ['revision.activated', 'DELIVERED'],
      ['revision.approved', 'DELIVERED'],
    ]);
  });

  it('stops sending to a disabled endpoint: nothing new is queued and a pending delivery fails; enabled again it receives new events', async () => {
    const r = await receiver(() => 500);
    const endpoint = await createEndpoint(r.url, ['revision.activated']);
    await signAgreement('First');
    await t.app.jobs.runDue();
    const pending = await onlyDelivery(endpoint.id);
    expect(pending.status).toBe('PENDING');

    const disabled = await t.ok(`mutation($id: ID!) { webhookEndpointDisable(input: { id: $id }) { webhookEndpoint { disabled disabledAt } userErrors { message } } }`, { id: endpoint.id }, w.admin);
    expect(disabled.webhookEndpointDisable.webhookEndpoint).toEqual({ disabled: true, disabledAt: clock.now().toISOString() });
    clock.set(new Date(pending.nextAttemptAt));
    await t.app.jobs.runDue();
    expect(r.requests).toHaveLength(1);
    expect(await onlyDelivery(endpoint.id)).toMatchObject({ status: 'FAILED', attemptCount: 1, nextAttemptAt: null, lastError: 'The endpoint was disabled before the delivery succeeded.' });
    const refused = await t.ok(RETRY, { delivery: pending.id }, w.admin);
    expect(refused.webhookDeliveryRetry).toMatchObject({ delivery: null, userErrors: [{ code: 'INVALID_STATE', field: ['input', 'delivery'] }] });

    await signAgreement('Second');
    await t.app.jobs.runDue();
    expect((await deliveries(endpoint.id)).totalCount).toBe(1);
    const listed = await t.ok(`{ all: webhookEndpoints(includeDisabled: true) { totalCount } active: webhookEndpoints { totalCount } }`, {}, w.admin);
    expect(listed).toEqual({ all: { totalCount: 1 }, active: { totalCount: 0 } });

    r.plan = () => 200;
    await t.ok(`mutation($id: ID!) { webhookEndpointEnable(input: { id: $id }) { webhookEndpoint { disabled } } }`, { id: endpoint.id }, w.admin);
    await signAgreement('Third');
    await t.app.jobs.runDue();
    expect((await deliveries(endpoint.id, 'DELIVERED')).totalCount).toBe(1);
  });

  it('changes URL and event types, and refuses a stale version naming the field', async () => {
    const first = await receiver(() => 200);
    const second = await receiver(() => 200);
    const { id } = await createEndpoint(first.url, ['incident.breached']);
    const UPDATE = `mutation($input: WebhookEndpointUpdateInput!) { webhookEndpointUpdate(input: $input) { webhookEndpoint { url events version } userErrors { code field message } } }`;
    const res = await t.ok(UPDATE, { input: { id, url: second.url, events: ['revision.activated', 'revision.activated'], version: 1 } }, w.admin);
    expect(res.webhookEndpointUpdate).toEqual({ webhookEndpoint: { url: second.url, events: ['revision.activated'], version: 2 }, userErrors: [] });
    const stale = await t.ok(UPDATE, { input: { id, description: 'x', version: 1 } }, w.admin);
    expect(stale.webhookEndpointUpdate.userErrors).toEqual([expect.objectContaining({ code: 'STALE_VERSION', field: ['input', 'version'] })]);
    await signAgreement();
    await t.app.jobs.runDue();
    expect(first.requests).toHaveLength(0);
    expect(second.requests).toHaveLength(1);
  });

  it('validates the URL and the event types, naming each field at fault', async () => {
    const errors = async (input: Record<string, unknown>) => (await t.ok(CREATE, { input: { description: null, ...input } }, w.admin)).webhookEndpointCreate;
    for (const url of ['ftp://hooks.example.com/sla', 'hooks.example.com/sla', 'not a url', '', 'https://user:pass@hooks.example.com/', 'https://hooks.example.com/#frag']) {
      const res = await errors({ url, events: ['incident.breached'] });
      expect(res).toMatchObject({ webhookEndpoint: null, secret: null });
      expect(res.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'url'] })]);
    }
    const both = await errors({ url: 'gopher://x', events: ['incident.breached', 'incident.exploded', 'REVISION_APPROVED'] });
    expect(both.userErrors.map((e: any) => e.field)).toEqual([
      ['input', 'url'],
      ['input', 'events', '1'],
      ['input', 'events', '2'],
    ]);
    const tooLong = await errors({ url: 'https://hooks.example.com/', events: [], description: 'x'.repeat(1001) });
    expect(tooLong.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'description'] });
    const { id } = await createEndpoint('https://hooks.example.com/', []);
    const bad = await t.ok(`mutation($id: ID!) { webhookEndpointUpdate(input: { id: $id, url: "mailto:ops@example.com", events: ["nope"] }) { webhookEndpoint { id } userErrors { code field } } }`, { id }, w.admin);
    expect(bad.webhookEndpointUpdate.userErrors).toEqual([
      { code: 'INVALID_INPUT', field: ['input', 'url'] },
      { code: 'INVALID_INPUT', field: ['input', 'events', '0'] },
    ]);
    const types = await t.ok(`{ webhookEventTypes }`, {}, w.admin);
    expect(types.webhookEventTypes).toEqual(expect.arrayContaining(['incident.breached', 'incident.warning', 'escalation.raised', 'escalation.advanced', 'escalation.acknowledged', 'review.due', 'review.overdue', 'revision.approved', 'revision.activated']));
  });

  it('keeps each provider to its own endpoints and deliveries; only provider admins manage them; integrations read their own provider\'s delivery log', async () => {
    const r = await receiver(() => 500);
    const endpoint = await createEndpoint(r.url, ['revision.activated']);
    await signAgreement();
    await t.app.jobs.runDue();
    const delivery = await onlyDelivery(endpoint.id);

    const other = await agreementWorld(t, 'globex');
    const otherReceiver = await receiver(() => 200);
    const theirs = await createEndpoint(otherReceiver.url, ['revision.activated'], other.admin);
    const seen = await t.ok(`{ webhookEndpoints { nodes { id } } }`, {}, other.admin);
    expect(seen.webhookEndpoints.nodes).toEqual([{ id: theirs.id }]);
    const NODES = `query($ids: [ID!]!) { nodes(ids: $ids) { id __typename } }`;
    expect((await t.ok(NODES, { ids: [endpoint.id, delivery.id] }, w.admin)).nodes).toEqual([
      { id: endpoint.id, __typename: 'WebhookEndpoint' },
      { id: delivery.id, __typename: 'WebhookDelivery' },
    ]);
    expect((await t.ok(NODES, { ids: [endpoint.id, delivery.id] }, other.admin)).nodes).toEqual([null, null]);
    const update = await t.ok(`mutation($id: ID!) { webhookEndpointUpdate(input: { id: $id, url: "https://evil.example.com/" }) { userErrors { code field } } }`, { id: endpoint.id }, other.admin);
    expect(update.webhookEndpointUpdate.userErrors).toEqual([{ code: 'NOT_FOUND', field: ['input', 'id'] }]);
    const disable = await t.ok(`mutation($id: ID!) { webhookEndpointDisable(input: { id: $id }) { userErrors { code field } } }`, { id: endpoint.id }, other.admin);
    expect(disable.webhookEndpointDisable.userErrors).toEqual([{ code: 'NOT_FOUND', field: ['input', 'id'] }]);
    const retry = await t.ok(RETRY, { delivery: delivery.id }, other.admin);
    expect(retry.webhookDeliveryRetry.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'delivery'] })]);
    expect(r.requests).toHaveLength(1);
    // Our events do not reach their endpoint.
    expect(otherReceiver.requests).toHaveLength(0);

    const analyst = await t.token(w.provider, [Role.ANALYST]);
    const viewer = await t.token(w.provider, [Role.CUSTOMER_VIEWER], w.customerA.id);
    const manager = await t.token(w.provider, [Role.ACCOUNT_MANAGER]);
    const key = await t.ok(`mutation { apiKeyCreate(input: { name: "Monitoring", roles: [INTEGRATION] }) { secret } }`, {}, w.admin);
    const integration = key.apiKeyCreate.secret;
    for (const token of [analyst, viewer, integration, manager]) {
      const res = await t.gql(CREATE, { input: { url: 'https://hooks.example.com/', events: [] } }, { token });
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    for (const token of [analyst, viewer]) {
      const res = await t.gql(`{ webhookEndpoints { totalCount } }`, {}, { token });
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const node = await t.ok(`query($id: ID!) { node(id: $id) { id } }`, { id: endpoint.id }, token);
      expect(node.node).toBeNull();
    }
    for (const token of [analyst, viewer, integration]) {
      const retried = await t.gql(RETRY, { delivery: delivery.id }, { token });
      expect(retried.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    // An integration reads its own provider's delivery log (by list, or by the webhook-id it received), not another's.
    const LOG = `{ webhookEndpoints { nodes { id deliveries { nodes { id status attemptCount attempts { number statusCode } event { type } } } } } }`;
    expect((await t.ok(LOG, {}, integration)).webhookEndpoints.nodes).toEqual([
      { id: endpoint.id, deliveries: { nodes: [{ id: delivery.id, status: 'PENDING', attemptCount: 1, attempts: [{ number: 1, statusCode: 500 }], event: { type: 'revision.activated' } }] } },
    ]);
    const received = r.requests[0].headers['webhook-id'] as string;
    expect(received).toBe(delivery.id);
    expect((await t.ok(`query($id: ID!) { node(id: $id) { ... on WebhookDelivery { status endpoint { id } } } }`, { id: received }, integration)).node).toEqual({ status: 'PENDING', endpoint: { id: endpoint.id } });
    const theirKey = (await t.ok(`mutation { apiKeyCreate(input: { name: "Their monitoring", roles: [INTEGRATION] }) { secret } }`, {}, other.admin)).apiKeyCreate.secret;
    expect((await t.ok(LOG, {}, theirKey)).webhookEndpoints.nodes).toEqual([{ id: theirs.id, deliveries: { nodes: [] } }]);
    expect((await t.ok(NODES, { ids: [endpoint.id, delivery.id] }, theirKey)).nodes).toEqual([null, null]);
    const managed = await t.ok(`{ webhookEndpoints { nodes { id deliveries { totalCount } } } }`, {}, manager);
    expect(managed.webhookEndpoints.nodes).toEqual([{ id: endpoint.id, deliveries: { totalCount: 1 } }]);
    const managerDisable = await t.gql(`mutation($id: ID!) { webhookEndpointDisable(input: { id: $id }) { userErrors { code } } }`, { id: endpoint.id }, { token: manager });
    expect(managerDisable.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('lists endpoints with their deliveries, events and attempts in a fixed number of SQL statements', async () => {
    const r = await receiver(answers(500, 200));
    for (let i = 0; i < 6; i++) await createEndpoint(`${r.url}/${i}`, ['revision.approved', 'revision.activated']);
    await signAgreement('One');
    await signAgreement('Two');
    await t.app.jobs.runDue();
    const QUERY = `query($first: Int!) { webhookEndpoints(first: $first) { nodes { url deliveries(first: 10) { totalCount nodes {
      id status attemptCount endpoint { url } event { eventId type body } attempts { number statusCode error }
    } } } } }`;
    const small = await t.gql<any>(QUERY, { first: 2 }, { token: w.admin });
    const large = await t.gql<any>(QUERY, { first: 6 }, { token: w.admin });
    expect(small.errors).toBeUndefined();
    expect(large.data.webhookEndpoints.nodes).toHaveLength(6);
    expect(large.data.webhookEndpoints.nodes.every((n: any) => n.deliveries.totalCount === 4 && n.deliveries.nodes.every((d: any) => d.attempts.length >= 1))).toBe(true);
    expect(large.statements).toBe(small.statements);
  });
});
