import { randomUUID } from 'node:crypto';
import { EVENT_CHANNEL, type EventType } from '../../common/event-types';
import { type BeforeCommit, beforeCommit } from '../../context/before-commit';
import { type RequestContext } from '../../context/request-context';
import { withTransaction } from '../../context/transaction';
import { publish } from './domain-events';
import { EventsRecorded, type RecordedEvent } from './event.domain-events';

export interface NewEvent {
  type: EventType;
  providerId: string;
  /** The customer the event concerns, if one: customer users and their subscriptions see only theirs. */
  customerId: string | null;
  agreementId: string | null;
  subjectType: 'Incident' | 'Escalation' | 'Review' | 'AgreementRevision' | 'Statement' | 'Claim' | 'BurnRateAlert' | 'ReportDelivery';
  subjectId: string;
  /** The event's body as receivers see it: global ids, ISO times, plain values. */
  data: Record<string, unknown>;
  /** When it happened; the request's "now" by default. */
  occurredAt?: Date;
  /**
   * Webhook endpoints (uuids) that must receive this event whatever types they subscribe to,
   * e.g. those an escalation level names. Endpoints subscribed to the type receive it anyway.
   */
  webhookEndpointIds?: string[];
}

/** What a live subscriber hears on the NOTIFY channel: enough to filter before loading the event. */
export interface EventNotice {
  id: string;
  type: EventType;
  providerId: string;
  customerId: string | null;
  subjectType: string;
  subjectId: string;
}

/** An event raised in a transaction, written when it commits. */
interface RaisedEvent extends Required<Omit<NewEvent, 'webhookEndpointIds'>>, RecordedEvent {}

/**
 * The events of one transaction, written just before it commits, in the one statement of the flush
 * however many a request raised: it records them all (domain_event), announces them on the NOTIFY channel (in
 * the order they were raised), and carries what the areas reacting to EventsRecorded add to it
 * (webhooks: a delivery per subscribed endpoint).
 */
const RAISED_EVENTS: BeforeCommit<RaisedEvent> = {
  name: 'Raised events',
  async flush(tx, events, write) {
    write.add(
      `INSERT INTO domain_event (id, provider_id, customer_id, agreement_id, type, subject_type, subject_id, data, occurred_at)
       SELECT id, provider_id, customer_id, agreement_id, type, subject_type, subject_id, data, occurred_at
         FROM jsonb_to_recordset($1::jsonb) AS e(id uuid, provider_id uuid, customer_id uuid, agreement_id uuid, type text, subject_type text,
                                                 subject_id uuid, data jsonb, occurred_at timestamptz)`,
      [
        JSON.stringify(
          events.map((e) => ({
            id: e.id,
            provider_id: e.providerId,
            customer_id: e.customerId,
            agreement_id: e.agreementId,
            type: e.type,
            subject_type: e.subjectType,
            subject_id: e.subjectId,
            data: e.data,
            occurred_at: e.occurredAt,
          })),
        ),
      ],
    );
    const notices = events.map((e): EventNotice => ({ id: e.id, type: e.type, providerId: e.providerId, customerId: e.customerId, subjectType: e.subjectType, subjectId: e.subjectId }));
    write.add('SELECT pg_notify($1, n) FROM unnest($2::text[]) WITH ORDINALITY AS t(n, i) ORDER BY i', [EVENT_CHANNEL, notices.map((n) => JSON.stringify(n))]);
    // The reactions add their writes to the same statement (their rows may refer to the events').
    await publish(tx, EventsRecorded, { events, write });
  },
};

/**
 * Records an event in the caller's transaction, queues its webhook deliveries and announces it
 * on the NOTIFY channel. Everything takes effect when the transaction commits, and nothing if
 * it rolls back: a receiver never hears of a change that did not happen.
 */
export async function raiseEvent(ctx: RequestContext, event: NewEvent): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    beforeCommit(tx, RAISED_EVENTS, {
      ...event,
      id: randomUUID(),
      occurredAt: event.occurredAt ?? tx.now,
      webhookEndpointIds: event.webhookEndpointIds ?? [],
      queuedAt: tx.now,
    });
  });
}
