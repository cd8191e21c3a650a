import { Field, ObjectType } from 'type-graphql';
import { UserErrorType } from '../core/user-error.type';
import { ApiKey } from './api-key.type';

@ObjectType('ApiKeyCreatePayload', { description: 'The new key, with its secret shown this once, or userErrors.' })
export class ApiKeyCreatePayload {
  @Field(() => ApiKey, { nullable: true, description: "The key's record (without its secret); null when it failed." }) apiKey: ApiKey | null;
  @Field(() => String, { nullable: true, description: 'The key itself. Shown this once: store it now; only its hash is kept.' }) secret: string | null;
  @Field(() => [UserErrorType], { description: 'Empty when the mutation succeeded.' }) userErrors: UserErrorType[];
}

@ObjectType('ApiKeyRevokePayload', { description: 'The revoked key, or userErrors.' })
export class ApiKeyRevokePayload {
  @Field(() => ApiKey, { nullable: true, description: 'The key, now revoked; null when it failed.' }) apiKey: ApiKey | null;
  @Field(() => [UserErrorType], { description: 'Empty when the mutation succeeded.' }) userErrors: UserErrorType[];
}
