import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import * as recurrences from '../../domain/incidents/maintenance-recurrence.service';
import * as maintenance from '../../domain/incidents/maintenance.service';
import { AgreementLoaders } from '../agreements/agreement.loaders';
import { BusinessCalendar, toCalendar } from '../agreements/calendar.type';
import { CatalogLoaders } from '../catalog/catalog.loaders';
import { Service, toService } from '../catalog/service.type';
import { toConnection } from '../core/connection';
import { type GraphQLContext } from '../core/graphql-context';
import { uuidOf } from '../core/ids';
import { registerNode } from '../core/node-registry';
import { PayloadMutation } from '../core/payload';
import { MaintenanceRecurrenceAnnouncePayload, MaintenanceRecurrenceEndPayload, MaintenanceWindowAnnouncePayload } from './incident.payloads';
import { IncidentLoaders } from './incident.loaders';
import {
  MaintenanceOccurrencesArgs,
  MaintenanceRecurrenceAnnounceInput,
  MaintenanceRecurrenceEndInput,
  MaintenanceRecurrencesArgs,
  MaintenanceWindowAnnounceInput,
  MaintenanceWindowsArgs,
} from './maintenance.inputs';
import { MaintenanceOccurrence, MaintenanceRecurrence, MaintenanceRecurrenceConnection, MaintenanceWindowConnection, toAnnouncement, toRecurrence } from './maintenance.type';

registerNode('MaintenanceRecurrence', async (rc, uuid) => {
  const row = await IncidentLoaders.maintenanceRecurrence(rc).load(uuid);
  return row && toRecurrence(row);
});

@Resolver()
export class MaintenanceResolver {
  @Query(() => MaintenanceWindowConnection, { description: 'Announced maintenance, latest first.' })
  async maintenanceWindows(@Args() args: MaintenanceWindowsArgs, @Ctx() { rc }: GraphQLContext) {
    const page = await maintenance.list(rc, args.service ? uuidOf(args.service, 'Service', ['service']) : null, args);
    return toConnection(MaintenanceWindowConnection, page, toAnnouncement);
  }

  @PayloadMutation(() => MaintenanceWindowAnnouncePayload, 'Announces maintenance of a service.')
  async maintenanceWindowAnnounce(@Arg('input', { description: 'The service, the window and what is done.' }) input: MaintenanceWindowAnnounceInput, @Ctx() { rc }: GraphQLContext) {
    const saved = await maintenance.announce(rc, { ...input, serviceId: uuidOf(input.service, 'Service', ['service']) });
    return { maintenanceWindow: toAnnouncement(saved), userErrors: [] };
  }

  @Query(() => MaintenanceRecurrenceConnection, { description: 'Recurring maintenance, latest announced first.' })
  async maintenanceRecurrences(@Args() args: MaintenanceRecurrencesArgs, @Ctx() { rc }: GraphQLContext) {
    const page = await recurrences.list(rc, args.service ? uuidOf(args.service, 'Service', ['service']) : null, args);
    return toConnection(MaintenanceRecurrenceConnection, page, toRecurrence);
  }

  @PayloadMutation(
    () => MaintenanceRecurrenceAnnouncePayload,
    'Announces recurring maintenance of a service by an RFC 5545 recurrence rule. Every occurrence from now on is maintenance announced now; one alone longer than an agreement\'s monthly cap is refused (NOT_ALLOWED on duration).',
  )
  async maintenanceRecurrenceAnnounce(@Arg('input', { description: 'The rule, its first start and each occurrence\'s duration.' }) input: MaintenanceRecurrenceAnnounceInput, @Ctx() { rc }: GraphQLContext) {
    const saved = await recurrences.announceRecurring(rc, {
      serviceId: uuidOf(input.service, 'Service', ['service']),
      calendarId: input.calendar ? uuidOf(input.calendar, 'BusinessCalendar', ['calendar']) : null,
      title: input.title,
      rule: input.rule,
      firstStart: input.firstStart,
      duration: input.duration,
    });
    return { maintenanceRecurrence: toRecurrence(saved), userErrors: [] };
  }

  @PayloadMutation(() => MaintenanceRecurrenceEndPayload, 'Ends recurring maintenance: no occurrence starts from now on. Safe to retry.')
  async maintenanceRecurrenceEnd(@Arg('input', { description: 'Which recurring maintenance.' }) input: MaintenanceRecurrenceEndInput, @Ctx() { rc }: GraphQLContext) {
    const saved = await recurrences.endRecurring(rc, uuidOf(input.id, 'MaintenanceRecurrence', ['id']));
    return { maintenanceRecurrence: toRecurrence(saved), userErrors: [] };
  }
}

@Resolver(() => MaintenanceRecurrence)
export class MaintenanceRecurrenceResolver {
  @FieldResolver(() => Service, { description: 'The service maintained.' })
  async service(@Root() r: MaintenanceRecurrence, @Ctx() { rc }: GraphQLContext) {
    const row = await CatalogLoaders.service(rc).load(r.serviceUuid);
    if (!row) throw new Error('The service of a visible maintenance recurrence is visible.');
    return toService(row);
  }

  @FieldResolver(() => BusinessCalendar, { nullable: true, description: 'The calendar whose time zone it is expanded in; null: the provider\'s time zone.' })
  async calendar(@Root() r: MaintenanceRecurrence, @Ctx() { rc }: GraphQLContext) {
    if (!r.calendarUuid) return null;
    const row = await AgreementLoaders.calendar(rc).load(r.calendarUuid);
    return row && toCalendar(row);
  }

  @FieldResolver(() => [MaintenanceOccurrence], {
    description: 'Its occurrences that overlap [from, to), in time order: those that count as maintenance (from its announcement until it was ended). At most 366 days at once.',
  })
  occurrences(@Root() r: MaintenanceRecurrence, @Args() args: MaintenanceOccurrencesArgs, @Ctx() { rc }: GraphQLContext) {
    return recurrences.occurrencesOf(rc, r.entity, args.from ?? null, args.to ?? null).map((o) => ({ startsAt: o.start, endsAt: o.end }));
  }
}
