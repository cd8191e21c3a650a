import { Arg, Args, Ctx, ID, Query, Resolver } from 'type-graphql';
import * as services from '../../domain/catalog/service-catalog.service';
import { toConnection } from '../core/connection';
import { type GraphQLContext } from '../core/graphql-context';
import { uuidOf, uuidOrNull } from '../core/ids';
import { registerNode } from '../core/node-registry';
import { PayloadMutation } from '../core/payload';
import { CatalogLoaders } from './catalog.loaders';
import { ServiceArchivePayload, ServiceCreatePayload, ServiceUpdatePayload } from './catalog.payloads';
import { ServiceArchiveInput, ServiceCreateInput, ServicesArgs, ServiceUpdateInput } from './service.inputs';
import { Service, ServiceConnection, toService } from './service.type';

registerNode('Service', async (rc, uuid) => {
  const row = await CatalogLoaders.service(rc).load(uuid);
  return row && toService(row);
});

@Resolver(() => Service)
export class ServiceResolver {
  @Query(() => ServiceConnection, { description: "Your provider's service catalogue." })
  async services(@Args() args: ServicesArgs, @Ctx() { rc }: GraphQLContext) {
    const page = await services.list(rc, args.filter ?? {}, args.orderBy ?? 'NAME_ASC', args);
    return toConnection(ServiceConnection, page, toService);
  }

  @Query(() => Service, { nullable: true, description: 'A service by id; null when it does not exist.' })
  async service(@Arg('id', () => ID, { description: "The service's global id." }) id: string, @Ctx() { rc }: GraphQLContext) {
    const uuid = uuidOrNull(id, 'Service');
    const row = uuid ? await CatalogLoaders.service(rc).load(uuid) : null;
    return row && toService(row);
  }

  @PayloadMutation(() => ServiceCreatePayload, 'Adds a service to the catalogue (provider admins).')
  async serviceCreate(@Arg('input', { description: "The new service's code, name and category." }) input: ServiceCreateInput, @Ctx() { rc }: GraphQLContext) {
    return { service: toService(await services.create(rc, input)), userErrors: [] };
  }

  @PayloadMutation(() => ServiceUpdatePayload, 'Changes the fields given.')
  async serviceUpdate(@Arg('input', { description: 'Which service, the version you read, and the fields to change.' }) input: ServiceUpdateInput, @Ctx() { rc }: GraphQLContext) {
    const { id, version, ...patch } = input;
    const updated = await services.update(rc, uuidOf(id, 'Service', ['id']), version, patch);
    return { service: toService(updated), userErrors: [] };
  }

  @PayloadMutation(() => ServiceArchivePayload, 'Archives a service; agreements that reference it keep it.')
  async serviceArchive(@Arg('input', { description: 'Which service.' }) input: ServiceArchiveInput, @Ctx() { rc }: GraphQLContext) {
    const archived = await services.archive(rc, uuidOf(input.id, 'Service', ['id']), input.version);
    return { service: toService(archived), userErrors: [] };
  }
}
