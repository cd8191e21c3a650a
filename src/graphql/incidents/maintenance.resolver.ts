import { MaxLength } from 'class-validator';
import { Arg, Args, ArgsType, Ctx, Field, ID, InputType, ObjectType, Query, Resolver } from 'type-graphql';
import { type MaintenanceWindowEntity } from '../../db/entities/maintenance-window.entity';
import * as maintenance from '../../domain/incidents/maintenance.service';
import { ConnectionType, toConnection } from '../core/connection';
import { type GraphQLContext } from '../core/graphql-context';
import { IdOf, uuidOf } from '../core/ids';
import { PageArgs } from '../core/page.args';
import { PayloadMutation } from '../core/payload';
import { PayloadType } from '../core/payload-type';
import { DateTimeScalar } from '../core/scalars';
import { NotBlank } from '../core/validation';

@ObjectType('MaintenanceWindowAnnouncement', { description: 'Announced maintenance of a service; left out of downtime when announced with the notice the terms require.' })
export class MaintenanceWindowAnnouncement {
  @Field() title: string;
  @Field(() => DateTimeScalar) startsAt: Date;
  @Field(() => DateTimeScalar) endsAt: Date;
  @Field(() => DateTimeScalar) announcedAt: Date;
  @Field() announcedBy: string;
}

const MaintenanceWindowConnection = ConnectionType(MaintenanceWindowAnnouncement, 'MaintenanceWindowAnnouncement');
const toAnnouncement = (m: MaintenanceWindowEntity): MaintenanceWindowAnnouncement => ({ title: m.title, startsAt: m.startsAt, endsAt: m.endsAt, announcedAt: m.announcedAt, announcedBy: m.announcedBy });

@InputType('MaintenanceWindowAnnounceInput')
class MaintenanceWindowAnnounceInput {
  @Field(() => ID) @IdOf('Service') service: string;
  @Field() @NotBlank() @MaxLength(300) title: string;
  @Field(() => DateTimeScalar) startsAt: Date;
  @Field(() => DateTimeScalar) endsAt: Date;
}

@ArgsType()
class MaintenanceWindowsArgs extends PageArgs {
  @Field(() => ID, { nullable: true }) service?: string;
}

const MaintenanceWindowAnnouncePayload = PayloadType('MaintenanceWindowAnnouncePayload', 'maintenanceWindow', MaintenanceWindowAnnouncement);

@Resolver()
export class MaintenanceResolver {
  @Query(() => MaintenanceWindowConnection, { description: 'Announced maintenance, latest first.' })
  async maintenanceWindows(@Args() args: MaintenanceWindowsArgs, @Ctx() { rc }: GraphQLContext) {
    const page = await maintenance.list(rc, args.service ? uuidOf(args.service, 'Service', ['service']) : null, args);
    return toConnection(MaintenanceWindowConnection, page, toAnnouncement);
  }

  @PayloadMutation(() => MaintenanceWindowAnnouncePayload, 'Announces maintenance of a service.')
  async maintenanceWindowAnnounce(@Arg('input') input: MaintenanceWindowAnnounceInput, @Ctx() { rc }: GraphQLContext) {
    const saved = await maintenance.announce(rc, { ...input, serviceId: uuidOf(input.service, 'Service', ['input', 'service']) });
    return { maintenanceWindow: toAnnouncement(saved), userErrors: [] };
  }
}
