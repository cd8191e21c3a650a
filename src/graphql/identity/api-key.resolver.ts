import { ArrayMaxSize, IsOptional, IsString, Length } from 'class-validator';
import { Arg, Args, ArgsType, Ctx, Field, ID, InputType, ObjectType, Query, Resolver } from 'type-graphql';
import { type ApiKeyEntity } from '../../db/entities/api-key.entity';
import * as apiKeys from '../../domain/identity/api-key.service';
import { ConnectionType, toConnection } from '../core/connection';
import { Role } from '../core/enums';
import { type GraphQLContext } from '../core/graphql-context';
import { globalId, IdOf, uuidOf } from '../core/ids';
import { Node } from '../core/node.interface';
import { registerNode } from '../core/node-registry';
import { PageArgs } from '../core/page.args';
import { PayloadMutation } from '../core/payload';
import { DateTimeScalar } from '../core/scalars';
import { UserErrorType } from '../core/user-error.type';
import { registerInputRules } from '../core/input-validation';
import { IdentityLoaders } from './identity.loaders';

@ObjectType('ApiKey', { implements: Node, description: "A partner integration's credential. The secret is shown once, at creation." })
export class ApiKey extends Node {
  readonly __typename = 'ApiKey';
  @Field() name: string;
  @Field({ description: 'The public start of the key, to recognise it: slak_<prefix>_...' }) prefix: string;
  @Field(() => [Role]) roles: Role[];
  @Field() createdBy: string;
  @Field(() => DateTimeScalar) createdAt: Date;
  @Field(() => DateTimeScalar, { nullable: true }) expiresAt: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Last use, to the minute.' }) lastUsedAt: Date | null;
  @Field() revoked: boolean;
  @Field(() => DateTimeScalar, { nullable: true }) revokedAt: Date | null;
  @Field(() => String, { nullable: true }) revokedBy: string | null;
}

const ApiKeyConnection = ConnectionType(ApiKey, 'ApiKey');

function toApiKey(e: ApiKeyEntity): ApiKey {
  return Object.assign(new ApiKey(), {
    id: globalId('ApiKey', e.id),
    name: e.name,
    prefix: `slak_${e.prefix}`,
    roles: e.roles as Role[],
    createdBy: e.createdBy,
    createdAt: e.createdAt,
    expiresAt: e.expiresAt,
    lastUsedAt: e.lastUsedAt,
    revoked: e.revokedAt !== null,
    revokedAt: e.revokedAt,
    revokedBy: e.revokedBy,
  });
}

registerNode('ApiKey', async (rc, uuid) => {
  const row = await IdentityLoaders.apiKey(rc).load(uuid);
  return row && toApiKey(row);
});

@InputType('ApiKeyCreateInput')
class ApiKeyCreateInput {
  @Field({ description: 'What the key is for, e.g. "Datadog monitors".' }) @IsString() @Length(1, 200) name: string;
  @Field(() => [Role], { nullable: true, description: 'Defaults to [INTEGRATION]. Provider-side roles only.' }) @IsOptional() @ArrayMaxSize(4) roles?: Role[];
  @Field(() => DateTimeScalar, { nullable: true }) @IsOptional() expiresAt?: Date;
}

@InputType('ApiKeyRevokeInput')
class ApiKeyRevokeInput {
  @Field(() => ID) @IdOf('ApiKey') id: string;
}

@ObjectType('ApiKeyCreatePayload')
class ApiKeyCreatePayload {
  @Field(() => ApiKey, { nullable: true }) apiKey: ApiKey | null;
  @Field(() => String, { nullable: true, description: 'The key itself. Shown this once: store it now; only its hash is kept.' }) secret: string | null;
  @Field(() => [UserErrorType]) userErrors: UserErrorType[];
}

@ObjectType('ApiKeyRevokePayload')
class ApiKeyRevokePayload {
  @Field(() => ApiKey, { nullable: true }) apiKey: ApiKey | null;
  @Field(() => [UserErrorType]) userErrors: UserErrorType[];
}

@ArgsType()
class ApiKeysArgs extends PageArgs {
  @Field(() => Boolean, { nullable: true, defaultValue: false }) includeRevoked?: boolean;
}

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Query(() => ApiKeyConnection, { description: 'API keys of your provider, newest first, without their secrets (provider admins).' })
  async apiKeys(@Args() args: ApiKeysArgs, @Ctx() { rc }: GraphQLContext) {
    const page = await apiKeys.list(rc, Boolean(args.includeRevoked), args);
    return toConnection(ApiKeyConnection, page, toApiKey);
  }

  @PayloadMutation(() => ApiKeyCreatePayload, 'Creates an API key for a partner integration; the secret is in this answer only.')
  async apiKeyCreate(@Arg('input') input: ApiKeyCreateInput, @Ctx() { rc }: GraphQLContext) {
    const { key, secret } = await apiKeys.create(rc, input);
    return { apiKey: toApiKey(key), secret, userErrors: [] };
  }

  @PayloadMutation(() => ApiKeyRevokePayload, 'Revokes an API key at once and for good.')
  async apiKeyRevoke(@Arg('input') input: ApiKeyRevokeInput, @Ctx() { rc }: GraphQLContext) {
    return { apiKey: toApiKey(await apiKeys.revoke(rc, uuidOf(input.id, 'ApiKey', ['input', 'id']))), userErrors: [] };
  }
}

registerInputRules(ApiKeyCreateInput, (input, { now }) => apiKeys.apiKeyProblems(input, now, []));
