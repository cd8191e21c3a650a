import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { type GraphQLContext } from '../core/graphql-context';
import { CatalogLoaders } from '../catalog/catalog.loaders';
import { Customer, toCustomer } from '../catalog/customer.type';
import { Provider, toProvider } from '../catalog/provider.type';
import { toViewer, Viewer } from './viewer.type';

@Resolver(() => Viewer)
export class ViewerResolver {
  @Query(() => Viewer, { description: 'Who is calling, for which provider, with which roles.' })
  viewer(@Ctx() { rc }: GraphQLContext): Viewer {
    return toViewer(rc.caller);
  }

  @FieldResolver(() => Provider, { description: 'The provider (tenant) the caller belongs to.' })
  async provider(@Root() viewer: Viewer, @Ctx() { rc }: GraphQLContext) {
    const row = await CatalogLoaders.provider(rc).load(viewer.actor.providerId);
    if (!row) throw new Error('The provider of an authenticated caller is missing.');
    return toProvider(row);
  }

  @FieldResolver(() => Customer, { nullable: true, description: 'For customer users: the customer they belong to.' })
  async customer(@Root() viewer: Viewer, @Ctx() { rc }: GraphQLContext) {
    if (!viewer.actor.customerId) return null;
    const row = await CatalogLoaders.customer(rc).load(viewer.actor.customerId);
    return row && toCustomer(row);
  }
}
