import { type RequestContext } from '../../context/request-context';
import { type DomainEventEntity } from '../../db/entities/domain-event.entity';

/** The job key of a delivery's attempt `attempt`: scheduling the same attempt twice queues one job. */
export const deliveryJobKey = (deliveryId: string, attempt: number) => `webhook.deliver:${deliveryId}:${attempt}`;

/**
 * Creates one delivery per webhook endpoint of the event's provider that subscribes to its
 * type or is named in `alsoEndpointIds`, and schedules each (in the caller's transaction).
 * Disabled endpoints receive nothing. The first attempt is due at once.
 */
export async function queueWebhookDeliveries(ctx: RequestContext, event: DomainEventEntity, alsoEndpointIds: string[]): Promise<number> {
  const now = ctx.now;
  const rows: { id: string }[] = await ctx.em.query(
    `INSERT INTO webhook_delivery (provider_id, endpoint_id, event_id, status, next_attempt_at, created_at)
     SELECT e.provider_id, e.id, $2, 'PENDING', $4, $4
       FROM webhook_endpoint e
      WHERE e.provider_id = $1 AND e.disabled_at IS NULL
        AND ($3 = ANY (e.event_types) OR e.id = ANY ($5::uuid[]))
     ON CONFLICT (endpoint_id, event_id) DO NOTHING
     RETURNING id`,
    [event.providerId, event.id, event.type, now, alsoEndpointIds],
  );
  for (const { id } of rows) {
    await ctx.db.jobs.schedule(ctx, 'webhook.deliver', { deliveryId: id }, now, { singletonKey: deliveryJobKey(id, 1) });
  }
  return rows.length;
}
