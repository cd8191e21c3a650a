import { Ctx, Field, FieldResolver, ObjectType, Query, registerEnumType, Resolver, Root } from 'type-graphql';
import { type Actor } from '../../common/actor';
import { Role } from '../core/enums';
import { type GraphQLContext } from '../core/graphql-context';
import { globalId } from '../core/ids';
import { CatalogLoaders } from '../catalog/catalog.loaders';
import { Customer, toCustomer } from '../catalog/customer.type';
import { Provider, toProvider } from '../catalog/provider.type';

export enum ActorKind {
  USER = 'USER',
  API_KEY = 'API_KEY',
}
registerEnumType(ActorKind, { name: 'ActorKind', description: 'A person with an access token, or a partner integration with an API key.' });

@ObjectType('Viewer', { description: 'Who is calling.' })
export class Viewer {
  actor: Actor;
  @Field(() => ActorKind) kind: ActorKind;
  @Field({ description: "The access token's subject, or the API key's global id." }) subject: string;
  @Field() name: string;
  @Field(() => [Role]) roles: Role[];
}

@Resolver(() => Viewer)
export class ViewerResolver {
  @Query(() => Viewer, { description: 'Who is calling, for which provider, with which roles.' })
  viewer(@Ctx() { rc }: GraphQLContext): Viewer {
    const actor = rc.caller;
    return Object.assign(new Viewer(), {
      actor,
      kind: actor.kind as ActorKind,
      subject: actor.kind === 'API_KEY' ? globalId('ApiKey', actor.id) : actor.id,
      name: actor.name,
      roles: actor.roles,
    });
  }

  @FieldResolver(() => Provider)
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
