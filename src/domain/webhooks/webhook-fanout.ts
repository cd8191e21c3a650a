import { type RequestContext } from '../../context/request-context';
import { type PayloadOf } from '../events/domain-events';
import { type EventsRecorded } from '../events/event.domain-events';

/** The job key of a delivery's attempt `attempt`: scheduling the same attempt twice queues one job. */
export const deliveryJobKey = (deliveryId: string, attempt: number) => `webhook.deliver:${deliveryId}:${attempt}`;

/** A recorded event to fan out. */
export interface EventToDeliver {
  eventId: string;
  providerId: string;
  type: string;
  /** Endpoints that receive it whatever types they subscribe to. */
  alsoEndpointIds: string[];
  /** When its deliveries are created; their first attempt is due then. */
  at: Date;
}

const DELIVERIES_SQL = `INSERT INTO webhook_delivery (provider_id, endpoint_id, event_id, status, next_attempt_at, created_at)
     SELECT e.provider_id, e.id, ev.event_id, 'PENDING', ev.at, ev.at
       FROM jsonb_to_recordset($1::jsonb) AS ev(event_id uuid, provider_id uuid, type text, also uuid[], at timestamptz)
       JOIN webhook_endpoint e ON e.provider_id = ev.provider_id AND e.disabled_at IS NULL
                              AND (ev.type = ANY (e.event_types) OR e.id = ANY (ev.also))
     ON CONFLICT (endpoint_id, event_id) DO NOTHING
     RETURNING id, next_attempt_at AS at`;

const deliveriesParams = (events: EventToDeliver[]) => [
  JSON.stringify(events.map((e) => ({ event_id: e.eventId, provider_id: e.providerId, type: e.type, also: e.alsoEndpointIds, at: e.at }))),
];

/** Schedules the first attempt of each delivery created (one statement for all). */
async function scheduleFirstAttempts(ctx: RequestContext, rows: { id: string; at: Date | string }[]): Promise<void> {
  if (rows.length === 0) return;
  await ctx.db.jobs.scheduleMany(
    ctx,
    'webhook.deliver',
    rows.map(({ id, at }) => ({ data: { deliveryId: id }, runAt: new Date(at), singletonKey: deliveryJobKey(id, 1) })),
  );
}

/**
 * Creates one delivery per webhook endpoint of each event's provider that subscribes to its
 * type or is named in its `alsoEndpointIds`, and schedules each (in the caller's transaction),
 * in one statement for all the events (and one for their jobs). Disabled endpoints receive
 * nothing. The first attempt is due at once.
 */
export async function queueWebhookDeliveries(ctx: RequestContext, events: EventToDeliver[]): Promise<number> {
  if (events.length === 0) return 0;
  const rows: { id: string; at: Date }[] = await ctx.em.query(DELIVERIES_SQL, deliveriesParams(events));
  await scheduleFirstAttempts(ctx, rows);
  return rows.length;
}

/**
 * Reaction to EventsRecorded: every recorded event is delivered, its first attempt due when it
 * was raised. The deliveries are written by the statement that records the events; their jobs,
 * when an endpoint receives one, by one more.
 */
export async function deliverRecordedEvents(tx: RequestContext, { events, write }: PayloadOf<typeof EventsRecorded>): Promise<void> {
  if (events.length === 0) return;
  const toDeliver = events.map((e) => ({ eventId: e.id, providerId: e.providerId, type: e.type, alsoEndpointIds: e.webhookEndpointIds, at: e.queuedAt }));
  write.add(DELIVERIES_SQL, deliveriesParams(toDeliver), (rows) => scheduleFirstAttempts(tx, rows as { id: string; at: string }[]));
}
