import { Field, ObjectType } from 'type-graphql';
import { PayloadType } from '../core/payload-type';
import { UserErrorType } from '../core/user-error.type';
import { WebhookAttempt, WebhookDelivery, WebhookEndpoint } from './webhook.types';

@ObjectType('WebhookEndpointCreatePayload')
export class WebhookEndpointCreatePayload {
  @Field(() => WebhookEndpoint, { nullable: true }) webhookEndpoint: WebhookEndpoint | null;
  @Field(() => String, { nullable: true, description: 'The signing secret. Shown this once: store it now; the API never shows it again.' }) secret: string | null;
  @Field(() => [UserErrorType]) userErrors: UserErrorType[];
}

@ObjectType('WebhookEndpointRotateSecretPayload')
export class WebhookEndpointRotateSecretPayload {
  @Field(() => WebhookEndpoint, { nullable: true }) webhookEndpoint: WebhookEndpoint | null;
  @Field(() => String, { nullable: true, description: 'The new signing secret. Shown this once.' }) secret: string | null;
  @Field(() => [UserErrorType]) userErrors: UserErrorType[];
}

@ObjectType('WebhookDeliveryRetryPayload')
export class WebhookDeliveryRetryPayload {
  @Field(() => WebhookDelivery, { nullable: true }) delivery: WebhookDelivery | null;
  @Field(() => WebhookAttempt, { nullable: true, description: 'The attempt just made.' }) attempt: WebhookAttempt | null;
  @Field(() => [UserErrorType]) userErrors: UserErrorType[];
}

export const WebhookEndpointUpdatePayload = PayloadType('WebhookEndpointUpdatePayload', 'webhookEndpoint', WebhookEndpoint);
export const WebhookEndpointDisablePayload = PayloadType('WebhookEndpointDisablePayload', 'webhookEndpoint', WebhookEndpoint);
export const WebhookEndpointEnablePayload = PayloadType('WebhookEndpointEnablePayload', 'webhookEndpoint', WebhookEndpoint);
