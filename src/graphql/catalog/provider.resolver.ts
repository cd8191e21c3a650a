import { IsOptional, IsString, IsTimeZone, MaxLength } from 'class-validator';
import { Arg, Ctx, Field, InputType, Resolver } from 'type-graphql';
import * as providers from '../../domain/catalog/provider.service';
import { type GraphQLContext } from '../core/graphql-context';
import { registerNode } from '../core/node-registry';
import { PayloadMutation } from '../core/payload';
import { NotBlank } from '../core/validation';
import { CatalogLoaders } from './catalog.loaders';
import { ProviderUpdatePayload } from './catalog.payloads';
import { Provider, toProvider } from './provider.type';

registerNode('Provider', async (rc, uuid) => {
  const row = await CatalogLoaders.provider(rc).load(uuid);
  return row && toProvider(row);
});

@InputType('ProviderUpdateInput')
export class ProviderUpdateInput {
  @Field({ nullable: true }) @IsOptional() @NotBlank() @IsString() @MaxLength(200) name?: string;
  @Field({ nullable: true }) @IsOptional() @IsTimeZone({ message: 'timeZone must be an IANA time zone such as "Europe/Berlin"' }) timeZone?: string;
}

@Resolver(() => Provider)
export class ProviderResolver {
  @PayloadMutation(() => ProviderUpdatePayload, "Changes your provider's name or default time zone (provider admins).")
  async providerUpdate(@Arg('input') input: ProviderUpdateInput, @Ctx() { rc }: GraphQLContext) {
    return { provider: toProvider(await providers.update(rc, input)), userErrors: [] };
  }
}
