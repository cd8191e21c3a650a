import { webhookBody, webhookHeaders } from './webhook-message';
import { verifyWebhook } from './webhook-signature';

const event = {
  id: '5b7c0c1e-0000-4000-8000-000000000001',
  type: 'revision.approved',
  occurredAt: new Date('2026-06-01T12:00:00Z'),
  providerId: '7a1d9a52-0000-4000-8000-000000000002',
  data: { revision: 'QWdyZWVtZW50UmV2aXNpb246MQ', number: 2, nested: { b: 1, a: [{ y: 2, x: 1 }] } },
};

describe('webhook body and headers', () => {
  it('carries the event id, type, ISO time, provider global id and data', () => {
    const body = JSON.parse(webhookBody(event));
    expect(body).toEqual({
      id: event.id,
      type: 'revision.approved',
      occurredAt: '2026-06-01T12:00:00.000Z',
      provider: Buffer.from(`Provider:${event.providerId}`).toString('base64url'),
      data: event.data,
    });
    expect(Object.keys(body)).toEqual(['id', 'type', 'occurredAt', 'provider', 'data']);
  });

  it('is the same bytes whatever order the data keys come in (as read back from jsonb or as built)', () => {
    const reordered = { ...event, data: { nested: { a: [{ x: 1, y: 2 }], b: 1 }, number: 2, revision: event.data.revision } };
    expect(webhookBody(reordered)).toBe(webhookBody(event));
    expect(webhookBody(event)).toContain('"data":{"nested":{"a":[{"x":1,"y":2}],"b":1},"number":2,"revision"');
  });

  it('signs the exact body and names the event, the delivery and the attempt', () => {
    const body = webhookBody(event);
    const at = new Date('2026-06-01T12:00:05Z');
    const headers = webhookHeaders('whsec_secret-secret-secret-secret-secret', body, at, { eventId: event.id, eventType: event.type, deliveryId: '00000000-0000-4000-8000-000000000003', attempt: 2 });
    expect(headers).toMatchObject({ 'content-type': 'application/json', 'SLA-Event-Id': event.id, 'SLA-Event-Type': 'revision.approved', 'SLA-Delivery-Attempt': '2' });
    expect(verifyWebhook('whsec_secret-secret-secret-secret-secret', body, headers['SLA-Signature'], at).ok).toBe(true);
    // Standard Webhooks: the delivery's global id (as SLA-Delivery-Id), the attempt's time in seconds, a v1 signature.
    expect(headers['webhook-id']).toBe(headers['SLA-Delivery-Id']);
    expect(headers['webhook-timestamp']).toBe(String(at.getTime() / 1000));
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
  });

  it('leaves the deprecated SLA-Signature out when told to', () => {
    const body = webhookBody(event);
    const headers = webhookHeaders('whsec_c2VjcmV0', body, new Date('2026-06-01T12:00:05Z'), { eventId: event.id, eventType: event.type, deliveryId: '00000000-0000-4000-8000-000000000003', attempt: 1 }, { legacySignature: false });
    expect(headers['SLA-Signature']).toBeUndefined();
    expect(headers['webhook-signature']).toMatch(/^v1,/);
  });
});
