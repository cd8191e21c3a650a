import { Field, ObjectType } from 'type-graphql';
import { PayloadType } from '../core/payload-type';
import { UserErrorType } from '../core/user-error.type';
import { WebhookAttempt, WebhookDelivery, WebhookEndpoint } from './webhook.types';

@ObjectType('WebhookEndpointCreatePayload', { description: 'The endpoint and its signing secret (shown this once), or userErrors.' })
export class WebhookEndpointCreatePayload {
  @Field(() => WebhookEndpoint, { nullable: true, description: 'The endpoint; null when it failed.' }) webhookEndpoint: WebhookEndpoint | null;
  @Field(() => String, { nullable: true, description: 'The signing secret. Shown this once: store it now; the API never shows it again.' }) secret: string | null;
  @Field(() => [UserErrorType], { description: 'Empty when the mutation succeeded.' }) userErrors: UserErrorType[];
}

@ObjectType('WebhookEndpointRotateSecretPayload', { description: 'The endpoint and its new secret (shown this once), or userErrors.' })
export class WebhookEndpointRotateSecretPayload {
  @Field(() => WebhookEndpoint, { nullable: true, description: 'The endpoint, with `previousSecretExpiresAt` set; null when it failed.' }) webhookEndpoint: WebhookEndpoint | null;
  @Field(() => String, { nullable: true, description: 'The new signing secret. Shown this once.' }) secret: string | null;
  @Field(() => [UserErrorType], { description: 'Empty when the mutation succeeded.' }) userErrors: UserErrorType[];
}

@ObjectType('WebhookDeliveryRetryPayload', { description: 'The delivery and the attempt just made, or userErrors.' })
export class WebhookDeliveryRetryPayload {
  @Field(() => WebhookDelivery, { nullable: true, description: 'The delivery, as it is after the attempt.' }) delivery: WebhookDelivery | null;
  @Field(() => WebhookAttempt, { nullable: true, description: 'The attempt just made.' }) attempt: WebhookAttempt | null;
  @Field(() => [UserErrorType], { description: 'Empty when the mutation succeeded.' }) userErrors: UserErrorType[];
}

export const WebhookEndpointUpdatePayload = PayloadType('WebhookEndpointUpdatePayload', 'webhookEndpoint', WebhookEndpoint);
export const WebhookEndpointDisablePayload = PayloadType('WebhookEndpointDisablePayload', 'webhookEndpoint', WebhookEndpoint);
export const WebhookEndpointEnablePayload = PayloadType('WebhookEndpointEnablePayload', 'webhookEndpoint', WebhookEndpoint);
