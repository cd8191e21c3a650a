import { ArrayMaxSize, IsEnum, IsInt, IsOptional, IsString, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { endpointProblems } from '../../domain/webhooks/webhook-endpoint.service';
import { registerInputRules } from '../core/input-validation';
import { PageArgs } from '../core/page.args';
import { OptionalNotNull } from '../core/validation';
import { WebhookDeliveryStatusEnum } from './webhook.types';
import { IdOf } from '../core/ids';

@InputType('WebhookEndpointCreateInput', { description: 'A new webhook endpoint of your provider.' })
export class WebhookEndpointCreateInput {
  @Field({ description: 'An absolute http:// or https:// URL, without user name, password or #fragment.' }) @IsString() @MaxLength(2000) url: string;
  @Field(() => [String], {
    description:
      'Event types to receive: incident.warning, incident.breached, escalation.raised, escalation.advanced, escalation.acknowledged, review.due, review.overdue, revision.approved, revision.activated, ... (webhookEventTypes lists them all). May be empty for an endpoint that only escalation levels name.',
  })
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  events: string[];
  @Field({ nullable: true, description: 'What it is for, e.g. "PagerDuty bridge".' }) @IsOptional() @IsString() @MaxLength(1000) description?: string;
}

@InputType('WebhookEndpointUpdateInput', { description: 'Changes an endpoint; only the fields given change.' })
export class WebhookEndpointUpdateInput {
  @Field(() => ID, { description: 'The endpoint.' }) @IdOf('WebhookEndpoint') id: string;
  @Field({ nullable: true, description: 'A new URL: absolute http:// or https://, without user name, password or #fragment.' }) @OptionalNotNull() @IsString() @MaxLength(2000) url?: string;
  @Field(() => [String], { nullable: true, description: 'Replaces the event types.' })
  @OptionalNotNull()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  events?: string[];
  @Field({ nullable: true, description: 'What it is for.' }) @OptionalNotNull() @IsString() @MaxLength(1000) description?: string;
  @Field(() => Int, { nullable: true, description: 'The version you read; a stale one gets STALE_VERSION and changes nothing.' }) @IsOptional() @IsInt() version?: number;
}

@InputType('WebhookEndpointDisableInput', { description: 'Which endpoint to disable.' })
export class WebhookEndpointDisableInput {
  @Field(() => ID, { description: 'The endpoint.' }) @IdOf('WebhookEndpoint') id: string;
}

@InputType('WebhookEndpointRotateSecretInput', { description: 'Which endpoint gets a new secret.' })
export class WebhookEndpointRotateSecretInput {
  @Field(() => ID, { description: 'The endpoint.' }) @IdOf('WebhookEndpoint') id: string;
}

@InputType('WebhookEndpointEnableInput', { description: 'Which endpoint to enable.' })
export class WebhookEndpointEnableInput {
  @Field(() => ID, { description: 'The endpoint.' }) @IdOf('WebhookEndpoint') id: string;
}

@InputType('WebhookDeliveryRetryInput', { description: 'Which delivery to send again.' })
export class WebhookDeliveryRetryInput {
  @Field(() => ID, { description: 'The WebhookDelivery to send again now.' }) @IdOf('WebhookDelivery') delivery: string;
}

@ArgsType()
export class WebhookEndpointsArgs extends PageArgs {
  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Include disabled endpoints (default false).' }) includeDisabled?: boolean;
}

@ArgsType()
export class WebhookDeliveriesArgs extends PageArgs {
  @Field(() => WebhookDeliveryStatusEnum, { nullable: true, description: 'Only deliveries with this status.' }) @IsOptional() @IsEnum(WebhookDeliveryStatusEnum) status?: WebhookDeliveryStatusEnum | null;
}

// The domain's URL and event type rules run with the input's format checks: one answer lists every problem.
registerInputRules(WebhookEndpointCreateInput, (input) => endpointProblems(input, []));
registerInputRules(WebhookEndpointUpdateInput, (input) => endpointProblems(input, []));
