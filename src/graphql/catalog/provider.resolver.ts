import { Arg, Ctx, Resolver } from 'type-graphql';
import * as providers from '../../domain/catalog/provider.service';
import { type GraphQLContext } from '../core/graphql-context';
import { registerNode } from '../core/node-registry';
import { PayloadMutation } from '../core/payload';
import { CatalogLoaders } from './catalog.loaders';
import { ProviderUpdatePayload } from './catalog.payloads';
import { ProviderUpdateInput } from './provider.inputs';
import { Provider, toProvider } from './provider.type';

registerNode('Provider', async (rc, uuid) => {
  const row = await CatalogLoaders.provider(rc).load(uuid);
  return row && toProvider(row);
});

@Resolver(() => Provider)
export class ProviderResolver {
  @PayloadMutation(() => ProviderUpdatePayload, "Changes your provider's name or default time zone (provider admins).")
  async providerUpdate(@Arg('input', { description: 'The fields to change.' }) input: ProviderUpdateInput, @Ctx() { rc }: GraphQLContext) {
    return { provider: toProvider(await providers.update(rc, input)), userErrors: [] };
  }
}
