import { Field, ObjectType } from 'type-graphql';
import { UserErrorType } from '../core/user-error.type';
import { ApiKey } from './api-key.type';

@ObjectType('ApiKeyCreatePayload')
export class ApiKeyCreatePayload {
  @Field(() => ApiKey, { nullable: true }) apiKey: ApiKey | null;
  @Field(() => String, { nullable: true, description: 'The key itself. Shown this once: store it now; only its hash is kept.' }) secret: string | null;
  @Field(() => [UserErrorType]) userErrors: UserErrorType[];
}

@ObjectType('ApiKeyRevokePayload')
export class ApiKeyRevokePayload {
  @Field(() => ApiKey, { nullable: true }) apiKey: ApiKey | null;
  @Field(() => [UserErrorType]) userErrors: UserErrorType[];
}
