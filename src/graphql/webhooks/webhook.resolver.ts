import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { EVENT_TYPES } from '../../common/event-types';
import * as deliveries from '../../domain/webhooks/webhook-delivery.service';
import * as endpoints from '../../domain/webhooks/webhook-endpoint.service';
import { toConnection } from '../core/connection';
import { type GraphQLContext } from '../core/graphql-context';
import { uuidOf } from '../core/ids';
import { registerNode } from '../core/node-registry';
import { PayloadMutation } from '../core/payload';
import { WebhookDeliveriesArgs, WebhookDeliveryRetryInput, WebhookEndpointCreateInput, WebhookEndpointDisableInput, WebhookEndpointEnableInput, WebhookEndpointRotateSecretInput, WebhookEndpointsArgs, WebhookEndpointUpdateInput } from './webhook.inputs';
import { WebhookLoaders } from './webhook.loaders';
import {
  WebhookDeliveryRetryPayload,
  WebhookEndpointCreatePayload,
  WebhookEndpointDisablePayload,
  WebhookEndpointEnablePayload,
  WebhookEndpointRotateSecretPayload,
  WebhookEndpointUpdatePayload,
} from './webhook.payloads';
import {
  toWebhookAttempt,
  toWebhookDelivery,
  toWebhookEndpoint,
  toWebhookEvent,
  WebhookAttempt,
  WebhookDelivery,
  WebhookDeliveryConnection,
  WebhookEndpoint,
  WebhookEndpointConnection,
  WebhookEvent,
} from './webhook.types';

registerNode('WebhookEndpoint', async (rc, uuid) => {
  const row = await WebhookLoaders.endpoint(rc).load(uuid);
  return row && toWebhookEndpoint(row);
});

registerNode('WebhookDelivery', async (rc, uuid) => {
  const row = await WebhookLoaders.delivery(rc).load(uuid);
  return row && toWebhookDelivery(row);
});

@Resolver(() => WebhookEndpoint)
export class WebhookEndpointResolver {
  @Query(() => WebhookEndpointConnection, { description: 'Webhook endpoints of your provider, newest first (provider admins and account managers; integrations may read them and their delivery logs).' })
  async webhookEndpoints(@Args() args: WebhookEndpointsArgs, @Ctx() { rc }: GraphQLContext) {
    return toConnection(WebhookEndpointConnection, await endpoints.list(rc, Boolean(args.includeDisabled), args), toWebhookEndpoint);
  }

  @Query(() => [String], { description: 'Every event type an endpoint may subscribe to.' })
  webhookEventTypes(): string[] {
    return [...EVENT_TYPES];
  }

  @FieldResolver(() => WebhookDeliveryConnection, { description: 'Its deliveries, newest first.' })
  async deliveries(@Root() e: WebhookEndpoint, @Args() args: WebhookDeliveriesArgs, @Ctx() { rc }: GraphQLContext) {
    const page = await WebhookLoaders.deliveries(rc, args.status ?? null, args).load(e.uuid);
    return toConnection(WebhookDeliveryConnection, page, toWebhookDelivery);
  }

  @PayloadMutation(() => WebhookEndpointCreatePayload, 'Registers a webhook endpoint (provider admins); its signing secret is in this answer only.')
  async webhookEndpointCreate(@Arg('input', { description: 'The URL, the event types to receive and a description.' }) input: WebhookEndpointCreateInput, @Ctx() { rc }: GraphQLContext) {
    const { endpoint, secret } = await endpoints.create(rc, input);
    return { webhookEndpoint: toWebhookEndpoint(endpoint), secret, userErrors: [] };
  }

  @PayloadMutation(() => WebhookEndpointUpdatePayload, "Changes an endpoint's URL, event types or description (provider admins). The secret stays.")
  async webhookEndpointUpdate(@Arg('input', { description: 'Which endpoint, the version you read, and the fields to change.' }) input: WebhookEndpointUpdateInput, @Ctx() { rc }: GraphQLContext) {
    const saved = await endpoints.update(rc, uuidOf(input.id, 'WebhookEndpoint', ['id']), input);
    return { webhookEndpoint: toWebhookEndpoint(saved), userErrors: [] };
  }

  @PayloadMutation(
    () => WebhookEndpointRotateSecretPayload,
    'Replaces the signing secret (provider admins); the new one is in this answer only. For 24 hours deliveries carry a second signature with the previous secret.',
  )
  async webhookEndpointRotateSecret(@Arg('input', { description: 'Which endpoint.' }) input: WebhookEndpointRotateSecretInput, @Ctx() { rc }: GraphQLContext) {
    const { endpoint, secret } = await endpoints.rotateSecret(rc, uuidOf(input.id, 'WebhookEndpoint', ['id']));
    return { webhookEndpoint: toWebhookEndpoint(endpoint), secret, userErrors: [] };
  }

  @PayloadMutation(() => WebhookEndpointDisablePayload, 'Stops all deliveries to an endpoint at once (provider admins); its pending deliveries fail.')
  async webhookEndpointDisable(@Arg('input', { description: 'Which endpoint.' }) input: WebhookEndpointDisableInput, @Ctx() { rc }: GraphQLContext) {
    const saved = await endpoints.setDisabled(rc, uuidOf(input.id, 'WebhookEndpoint', ['id']), true);
    return { webhookEndpoint: toWebhookEndpoint(saved), userErrors: [] };
  }

  @PayloadMutation(() => WebhookEndpointEnablePayload, 'Lets a disabled endpoint receive new events again (provider admins).')
  async webhookEndpointEnable(@Arg('input', { description: 'Which endpoint.' }) input: WebhookEndpointEnableInput, @Ctx() { rc }: GraphQLContext) {
    const saved = await endpoints.setDisabled(rc, uuidOf(input.id, 'WebhookEndpoint', ['id']), false);
    return { webhookEndpoint: toWebhookEndpoint(saved), userErrors: [] };
  }
}

@Resolver(() => WebhookDelivery)
export class WebhookDeliveryResolver {
  @FieldResolver(() => WebhookEndpoint, { description: 'The endpoint it goes to.' })
  async endpoint(@Root() d: WebhookDelivery, @Ctx() { rc }: GraphQLContext) {
    const row = await WebhookLoaders.endpoint(rc).load(d.endpointUuid);
    if (!row) throw new Error('A visible delivery belongs to a visible endpoint.');
    return toWebhookEndpoint(row);
  }

  @FieldResolver(() => WebhookEvent, { description: 'The event it carries.' })
  async event(@Root() d: WebhookDelivery, @Ctx() { rc }: GraphQLContext) {
    const row = await WebhookLoaders.event(rc).load(d.eventUuid);
    if (!row) throw new Error('A visible delivery carries a visible event.');
    return toWebhookEvent(row);
  }

  @FieldResolver(() => [WebhookAttempt], { description: 'Every attempt, in order: when, how long, the status code or the error.' })
  async attempts(@Root() d: WebhookDelivery, @Ctx() { rc }: GraphQLContext) {
    return (await WebhookLoaders.attempts(rc).load(d.uuid)).map(toWebhookAttempt);
  }

  @PayloadMutation(() => WebhookDeliveryRetryPayload, 'Sends a delivery again now, whatever its status, and answers with the attempt (provider admins and account managers). Logged as MANUAL.')
  async webhookDeliveryRetry(@Arg('input', { description: 'Which delivery.' }) input: WebhookDeliveryRetryInput, @Ctx() { rc }: GraphQLContext) {
    const { delivery, attempt } = await deliveries.retryDelivery(rc, uuidOf(input.delivery, 'WebhookDelivery', ['delivery']));
    return { delivery: toWebhookDelivery(delivery), attempt: toWebhookAttempt(attempt), userErrors: [] };
  }
}
