import { type EventType } from '../../common/event-types';
import { domainEvent } from './domain-events';

/** One public event as the outbox recorded it (event.service.ts). */
export interface RecordedEvent {
  id: string;
  type: EventType;
  providerId: string;
  /** Webhook endpoints that must receive it whatever types they subscribe to. */
  webhookEndpointIds: string[];
  /** The raising request's "now". */
  queuedAt: Date;
}

/**
 * The public events a transaction raised were recorded (domain_event), just before it commits and
 * before they are announced to live subscribers, in the order they were raised: webhooks react.
 */
export const EventsRecorded = domainEvent<{ events: RecordedEvent[] }>('events recorded');
