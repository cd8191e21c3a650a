import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import * as apiKeys from '../../domain/identity/api-key.service';
import { toConnection } from '../core/connection';
import { type GraphQLContext } from '../core/graphql-context';
import { uuidOf } from '../core/ids';
import { registerNode } from '../core/node-registry';
import { PayloadMutation } from '../core/payload';
import { ApiKeyCreateInput, ApiKeyRevokeInput, ApiKeysArgs } from './api-key.inputs';
import { ApiKey, ApiKeyConnection, toApiKey } from './api-key.type';
import { IdentityLoaders } from './identity.loaders';
import { ApiKeyCreatePayload, ApiKeyRevokePayload } from './identity.payloads';

registerNode('ApiKey', async (rc, uuid) => {
  const row = await IdentityLoaders.apiKey(rc).load(uuid);
  return row && toApiKey(row);
});

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Query(() => ApiKeyConnection, { description: 'API keys of your provider, newest first, without their secrets (provider admins).' })
  async apiKeys(@Args() args: ApiKeysArgs, @Ctx() { rc }: GraphQLContext) {
    const page = await apiKeys.list(rc, Boolean(args.includeRevoked), args);
    return toConnection(ApiKeyConnection, page, toApiKey);
  }

  @PayloadMutation(() => ApiKeyCreatePayload, 'Creates an API key for a partner integration; the secret is in this answer only.')
  async apiKeyCreate(@Arg('input', { description: "The key's name, roles and expiry." }) input: ApiKeyCreateInput, @Ctx() { rc }: GraphQLContext) {
    const { key, secret } = await apiKeys.create(rc, input);
    return { apiKey: toApiKey(key), secret, userErrors: [] };
  }

  @PayloadMutation(() => ApiKeyRevokePayload, 'Revokes an API key at once and for good.')
  async apiKeyRevoke(@Arg('input', { description: 'Which key.' }) input: ApiKeyRevokeInput, @Ctx() { rc }: GraphQLContext) {
    return { apiKey: toApiKey(await apiKeys.revoke(rc, uuidOf(input.id, 'ApiKey', ['id']))), userErrors: [] };
  }
}
