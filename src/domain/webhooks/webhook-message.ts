import { toGlobalId } from '../../common/global-id';
import { SIGNATURE_HEADER, signStandardWebhook, signWebhook, STANDARD_HEADERS } from './webhook-signature';

/** What a delivery says about its event: the stored event row, as the body is built from it. */
export interface WebhookEventFacts {
  id: string;
  type: string;
  occurredAt: Date;
  providerId: string;
  data: Record<string, unknown>;
}

/** Object keys in code-point order at every depth: the same event gives the same bytes on every attempt. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/**
 * The JSON body every attempt of every delivery of an event sends, byte for byte:
 * `{"id":<event uuid>,"type":...,"occurredAt":<ISO>,"provider":<Provider global id>,"data":{...}}`.
 * Receivers deduplicate on `id`.
 */
export function webhookBody(event: WebhookEventFacts): string {
  return JSON.stringify({
    id: event.id,
    type: event.type,
    occurredAt: event.occurredAt.toISOString(),
    provider: toGlobalId('Provider', event.providerId),
    data: canonical(event.data),
  });
}

export const USER_AGENT = 'SLA-Contracts-Webhooks/1.0';

/**
 * The request headers of one attempt, signed at `at` with each of `secrets`: the Standard
 * Webhooks headers (`webhook-id` is the delivery's global id, the same on every attempt,
 * scheduled or manual), and, unless `legacySignature` is false, the deprecated `SLA-Signature`.
 */
export function webhookHeaders(
  secrets: string | readonly string[],
  body: string,
  at: Date,
  meta: { eventId: string; eventType: string; deliveryId: string; attempt: number },
  options: { legacySignature?: boolean } = {},
): Record<string, string> {
  const deliveryId = toGlobalId('WebhookDelivery', meta.deliveryId);
  return {
    'content-type': 'application/json',
    'user-agent': USER_AGENT,
    [STANDARD_HEADERS.id]: deliveryId,
    [STANDARD_HEADERS.timestamp]: String(Math.floor(at.getTime() / 1000)),
    [STANDARD_HEADERS.signature]: signStandardWebhook(secrets, deliveryId, at, body),
    ...(options.legacySignature === false ? {} : { [SIGNATURE_HEADER]: signWebhook(secrets, body, at) }),
    'SLA-Event-Id': meta.eventId,
    'SLA-Event-Type': meta.eventType,
    'SLA-Delivery-Id': deliveryId,
    'SLA-Delivery-Attempt': String(meta.attempt),
  };
}
