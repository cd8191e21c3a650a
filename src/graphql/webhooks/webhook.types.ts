import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { type DomainEventEntity } from '../../db/entities/domain-event.entity';
import { type WebhookAttemptEntity } from '../../db/entities/webhook-attempt.entity';
import { type WebhookDeliveryEntity } from '../../db/entities/webhook-delivery.entity';
import { type WebhookEndpointEntity } from '../../db/entities/webhook-endpoint.entity';
import { webhookBody } from '../../domain/webhooks/webhook-message';
import { ConnectionType } from '../core/connection';
import { globalId } from '../core/ids';
import { Node } from '../core/node.interface';
import { DateTimeScalar, JSONScalar } from '../core/scalars';

export enum WebhookDeliveryStatusEnum {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}
registerEnumType(WebhookDeliveryStatusEnum, {
  name: 'WebhookDeliveryStatus',
  description: 'Where a delivery stands.',
  valuesConfig: {
    PENDING: { description: 'Not answered with a 2xx yet; the next attempt is scheduled (nextAttemptAt).' },
    DELIVERED: { description: 'Answered with a 2xx; never sent again by the scheduler.' },
    FAILED: { description: 'Retries gave up (after at least 24 hours), or the endpoint was disabled first. Can still be redelivered by hand.' },
  },
});

export enum WebhookAttemptTriggerEnum {
  SCHEDULED = 'SCHEDULED',
  MANUAL = 'MANUAL',
}
registerEnumType(WebhookAttemptTriggerEnum, {
  name: 'WebhookAttemptTrigger',
  description: 'SCHEDULED by the retry schedule, or MANUAL (webhookDeliveryRetry).',
  valuesConfig: {
    SCHEDULED: { description: 'Sent by the retry schedule.' },
    MANUAL: { description: 'Sent by hand with webhookDeliveryRetry.' },
  },
});

@ObjectType('WebhookEndpoint', { implements: Node, description: 'Where your provider\'s events are POSTed, signed with the secret shown once at creation.' })
export class WebhookEndpoint extends Node {
  readonly __typename = 'WebhookEndpoint';
  uuid: string;
  @Field({ description: 'Where deliveries are POSTed (http or https).' }) url: string;
  @Field(() => [String], { description: 'The event types it receives, e.g. "incident.breached". Events that name it (escalation levels) reach it whatever they are.' })
  events: string[];
  @Field({ description: 'What it is for, e.g. "PagerDuty bridge".' }) description: string;
  @Field(() => Int, { description: 'Send it back to webhookEndpointUpdate to detect concurrent changes.' }) version: number;
  @Field(() => DateTimeScalar, { description: 'When it was registered.' }) createdAt: Date;
  @Field({ description: 'Who registered it.' }) createdBy: string;
  @Field(() => DateTimeScalar, { description: 'When it last changed.' }) updatedAt: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'After webhookEndpointRotateSecret: until then, deliveries also carry a signature made with the previous secret.' })
  previousSecretExpiresAt: Date | null;
  @Field({ description: 'A disabled endpoint receives nothing; its pending deliveries fail.' }) disabled: boolean;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was disabled.' }) disabledAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Who disabled it.' }) disabledBy: string | null;
}

export const WebhookEndpointConnection = ConnectionType(WebhookEndpoint, 'WebhookEndpoint');

export function toWebhookEndpoint(e: WebhookEndpointEntity): WebhookEndpoint {
  return Object.assign(new WebhookEndpoint(), {
    id: globalId('WebhookEndpoint', e.id),
    uuid: e.id,
    url: e.url,
    events: e.eventTypes,
    description: e.description,
    version: e.version,
    createdAt: e.createdAt,
    createdBy: e.createdBy,
    updatedAt: e.updatedAt,
    previousSecretExpiresAt: e.previousSecretExpiresAt,
    disabled: e.disabledAt !== null,
    disabledAt: e.disabledAt,
    disabledBy: e.disabledBy,
  });
}

@ObjectType('WebhookEvent', { description: 'The event a delivery carries, as the receiver sees it.' })
export class WebhookEvent {
  @Field(() => ID, { description: 'The event id: `id` in the body and the SLA-Event-Id header. Receivers deduplicate on it.' }) eventId: string;
  @Field({ description: 'e.g. "revision.activated".' }) type: string;
  @Field(() => DateTimeScalar, { description: 'When it happened; order by it, as deliveries may arrive out of order.' }) occurredAt: Date;
  @Field(() => JSONScalar, { description: 'The body\'s `data`: global ids, ISO times, plain values.' }) data: Record<string, unknown>;
  @Field({ description: 'The exact JSON body every attempt sends (what the signature covers).' }) body: string;
}

export const toWebhookEvent = (e: DomainEventEntity): WebhookEvent => ({
  eventId: e.id,
  type: e.type,
  occurredAt: e.occurredAt,
  data: e.data,
  body: webhookBody(e),
});

@ObjectType('WebhookAttempt', { description: 'One HTTP request of a delivery, as logged (the log is append-only).' })
export class WebhookAttempt {
  @Field(() => Int, { description: '1, 2, 3 ... in the order they were made.' }) number: number;
  @Field(() => WebhookAttemptTriggerEnum, { description: 'SCHEDULED (the retry schedule) or MANUAL (webhookDeliveryRetry).' }) trigger: WebhookAttemptTriggerEnum;
  @Field(() => String, { nullable: true, description: 'Who asked for a MANUAL attempt.' }) requestedBy: string | null;
  @Field(() => DateTimeScalar, { description: 'When the request was sent.' }) startedAt: Date;
  @Field(() => Int, { description: 'How long the request took, in milliseconds (at most the timeout, 10,000 by default).' }) durationMs: number;
  @Field(() => Int, { nullable: true, description: "The receiver's HTTP status code; null when it did not answer." }) statusCode: number | null;
  @Field(() => String, { nullable: true, description: 'Why there was no answer: a timeout, a refused connection, a name that does not resolve...' }) error: string | null;
  @Field({ description: 'True for a 2xx answer.' }) succeeded: boolean;
}

export const toWebhookAttempt = (a: WebhookAttemptEntity): WebhookAttempt => ({
  number: a.number,
  trigger: a.trigger as WebhookAttemptTriggerEnum,
  requestedBy: a.requestedBy,
  startedAt: a.startedAt,
  durationMs: a.durationMs,
  statusCode: a.statusCode,
  error: a.error,
  succeeded: a.succeeded,
});

@ObjectType('WebhookDelivery', { implements: Node, description: 'One event to one endpoint, with every attempt to deliver it. Its id is the `webhook-id` header of every attempt (scheduled or manual).' })
export class WebhookDelivery extends Node {
  readonly __typename = 'WebhookDelivery';
  uuid: string;
  endpointUuid: string;
  eventUuid: string;
  @Field(() => WebhookDeliveryStatusEnum, { description: 'PENDING (retries scheduled), DELIVERED (a 2xx came back) or FAILED (retries gave up).' }) status: WebhookDeliveryStatusEnum;
  @Field(() => Int, { description: 'Attempts made so far, scheduled and manual.' }) attemptCount: number;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the next scheduled attempt is due; null once DELIVERED or FAILED.' }) nextAttemptAt: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the last attempt started.' }) lastAttemptAt: Date | null;
  @Field(() => Int, { nullable: true, description: 'The status code of the last answer; null when the last attempt got none.' }) lastStatusCode: number | null;
  @Field(() => String, { nullable: true, description: 'Why the last attempt failed, when it got no answer.' }) lastError: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When a receiver first answered with a 2xx.' }) deliveredAt: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When retries gave up.' }) failedAt: Date | null;
  @Field(() => DateTimeScalar, { description: 'When the event was queued for this endpoint.' }) createdAt: Date;
}

export const WebhookDeliveryConnection = ConnectionType(WebhookDelivery, 'WebhookDelivery');

export function toWebhookDelivery(d: WebhookDeliveryEntity): WebhookDelivery {
  return Object.assign(new WebhookDelivery(), {
    id: globalId('WebhookDelivery', d.id),
    uuid: d.id,
    endpointUuid: d.endpointId,
    eventUuid: d.eventId,
    status: d.status as WebhookDeliveryStatusEnum,
    attemptCount: d.attemptCount,
    nextAttemptAt: d.nextAttemptAt,
    lastAttemptAt: d.lastAttemptAt,
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    deliveredAt: d.deliveredAt,
    failedAt: d.failedAt,
    createdAt: d.createdAt,
  });
}
