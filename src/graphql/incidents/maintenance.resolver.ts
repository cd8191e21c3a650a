import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import * as maintenance from '../../domain/incidents/maintenance.service';
import { toConnection } from '../core/connection';
import { type GraphQLContext } from '../core/graphql-context';
import { uuidOf } from '../core/ids';
import { PayloadMutation } from '../core/payload';
import { MaintenanceWindowAnnouncePayload } from './incident.payloads';
import { MaintenanceWindowAnnounceInput, MaintenanceWindowsArgs } from './maintenance.inputs';
import { MaintenanceWindowConnection, toAnnouncement } from './maintenance.type';

@Resolver()
export class MaintenanceResolver {
  @Query(() => MaintenanceWindowConnection, { description: 'Announced maintenance, latest first.' })
  async maintenanceWindows(@Args() args: MaintenanceWindowsArgs, @Ctx() { rc }: GraphQLContext) {
    const page = await maintenance.list(rc, args.service ? uuidOf(args.service, 'Service', ['service']) : null, args);
    return toConnection(MaintenanceWindowConnection, page, toAnnouncement);
  }

  @PayloadMutation(() => MaintenanceWindowAnnouncePayload, 'Announces maintenance of a service.')
  async maintenanceWindowAnnounce(@Arg('input') input: MaintenanceWindowAnnounceInput, @Ctx() { rc }: GraphQLContext) {
    const saved = await maintenance.announce(rc, { ...input, serviceId: uuidOf(input.service, 'Service', ['service']) });
    return { maintenanceWindow: toAnnouncement(saved), userErrors: [] };
  }
}
