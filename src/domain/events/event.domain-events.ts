import { type EventType } from '../../common/event-types';
import { type CombinedWrite } from '../../context/combined-write';
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
 * The public events a transaction raised are being recorded (domain_event), just before it commits,
 * in the order they were raised: webhooks react. A reaction adds its writes to `write`, the one
 * statement that records the events (its rows may refer to theirs); it runs once every reaction has.
 */
export const EventsRecorded = domainEvent<{ events: RecordedEvent[]; write: CombinedWrite }>('events recorded');
