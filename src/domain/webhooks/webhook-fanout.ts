import { type RequestContext } from '../../context/request-context';
import { type DomainEventEntity } from '../../db/entities/domain-event.entity';

/**
 * Creates one delivery per webhook endpoint of the event's provider that subscribes to its
 * type or is named in `alsoEndpointIds`, and schedules each (in the caller's transaction).
 */
export async function queueWebhookDeliveries(_ctx: RequestContext, _event: DomainEventEntity, _alsoEndpointIds: string[]): Promise<number> {
  // Webhook endpoints arrive with their own migration; until then no provider has one.
  return 0;
}
