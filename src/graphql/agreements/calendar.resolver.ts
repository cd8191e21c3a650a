import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import * as calendars from '../../domain/calendars/calendar.service';
import { toConnection } from '../core/connection';
import { type GraphQLContext } from '../core/graphql-context';
import { registerNode } from '../core/node-registry';
import { PageArgs } from '../core/page.args';
import { PayloadMutation } from '../core/payload';
import { AgreementLoaders } from './agreement.loaders';
import { BusinessCalendarCreatePayload } from './agreement.payloads';
import { BusinessCalendarCreateInput } from './calendar.inputs';
import { BusinessCalendar, BusinessCalendarConnection, toCalendar } from './calendar.type';

registerNode('BusinessCalendar', async (rc, uuid) => {
  const row = await AgreementLoaders.calendar(rc).load(uuid);
  return row && toCalendar(row);
});

@Resolver(() => BusinessCalendar)
export class CalendarResolver {
  @Query(() => BusinessCalendarConnection, { description: 'Business-hours calendars of your provider.' })
  async businessCalendars(@Args() page: PageArgs, @Ctx() { rc }: GraphQLContext) {
    return toConnection(BusinessCalendarConnection, await calendars.list(rc, page), toCalendar);
  }

  @PayloadMutation(() => BusinessCalendarCreatePayload, 'Creates a business-hours calendar for objectives counted in business hours.')
  async businessCalendarCreate(@Arg('input', { description: "The calendar's time zone, weekly hours, holidays and special days." }) input: BusinessCalendarCreateInput, @Ctx() { rc }: GraphQLContext) {
    return { calendar: toCalendar(await calendars.create(rc, input)), userErrors: [] };
  }
}
