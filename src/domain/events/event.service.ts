import { EVENT_CHANNEL, type EventType } from '../../common/event-types';
import { type RequestContext } from '../../context/request-context';
import { withTransaction } from '../../context/transaction';
import { DomainEventEntity } from '../../db/entities/domain-event.entity';
import { queueWebhookDeliveries } from '../webhooks/webhook-fanout';

export interface NewEvent {
  type: EventType;
  providerId: string;
  /** The customer the event concerns, if one: customer users and their subscriptions see only theirs. */
  customerId: string | null;
  agreementId: string | null;
  subjectType: 'Incident' | 'Escalation' | 'Review' | 'AgreementRevision';
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

/**
 * Records an event in the caller's transaction, queues its webhook deliveries and announces it
 * on the NOTIFY channel. Everything takes effect when the transaction commits, and nothing if
 * it rolls back: a receiver never hears of a change that did not happen.
 */
export async function raiseEvent(ctx: RequestContext, event: NewEvent): Promise<DomainEventEntity> {
  return withTransaction(ctx, async (tx) => {
    const repo = tx.em.getRepository(DomainEventEntity);
    const row = await repo.save(
      repo.create({
        providerId: event.providerId,
        customerId: event.customerId,
        agreementId: event.agreementId,
        type: event.type,
        subjectType: event.subjectType,
        subjectId: event.subjectId,
        data: event.data,
        occurredAt: event.occurredAt ?? tx.now,
      }),
    );
    await queueWebhookDeliveries(tx, row, event.webhookEndpointIds ?? []);
    const notice: EventNotice = {
      id: row.id,
      type: event.type,
      providerId: row.providerId,
      customerId: row.customerId,
      subjectType: row.subjectType,
      subjectId: row.subjectId,
    };
    await tx.em.query('SELECT pg_notify($1, $2)', [EVENT_CHANNEL, JSON.stringify(notice)]);
    return row;
  });
}
