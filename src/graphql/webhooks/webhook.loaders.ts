import { type RequestContext } from '../../context/request-context';
import { type WebhookDeliveryStatus } from '../../db/entities/webhook-delivery.entity';
import * as deliveries from '../../domain/webhooks/webhook-delivery.service';
import * as endpoints from '../../domain/webhooks/webhook-endpoint.service';
import { type PageRequest } from '../../domain/shared/pagination';
import { byIdLoader, groupedLoader, nestedPageLoader } from '../core/loaders';

/** Per-request loaders of the webhook area: one statement per kind, whatever the number of parents. */
export const WebhookLoaders = {
  endpoint: (rc: RequestContext) => byIdLoader(rc, 'webhookEndpoint', endpoints.findByIds),
  delivery: (rc: RequestContext) => byIdLoader(rc, 'webhookDelivery', deliveries.findDeliveriesByIds),
  event: (rc: RequestContext) => byIdLoader(rc, 'webhookEvent', deliveries.findEventsByIds),
  attempts: (rc: RequestContext) => groupedLoader(rc, 'webhookAttempts', deliveries.attemptsOf, (a) => a.deliveryId),
  deliveries: (rc: RequestContext, status: WebhookDeliveryStatus | null, page: PageRequest) =>
    nestedPageLoader(rc, `webhookDeliveries:${status ?? 'ALL'}`, page, (ctx, ids, p) => deliveries.deliveriesOf(ctx, ids, { status }, p)),
};
