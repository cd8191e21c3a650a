import { ArrayMaxSize, IsISO31661Alpha2, IsOptional, IsTimeZone, Matches, MaxLength, ValidateNested, IsInt } from 'class-validator';
import { Arg, Args, Ctx, Field, InputType, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { type BusinessCalendarEntity } from '../../db/entities/business-calendar.entity';
import * as calendars from '../../domain/calendars/calendar.service';
import { ConnectionType, toConnection } from '../core/connection';
import { type GraphQLContext } from '../core/graphql-context';
import { globalId } from '../core/ids';
import { registerInputRules } from '../core/input-validation';
import { Node } from '../core/node.interface';
import { registerNode } from '../core/node-registry';
import { PageArgs } from '../core/page.args';
import { PayloadMutation } from '../core/payload';
import { PayloadType } from '../core/payload-type';
import { NotBlank } from '../core/validation';
import { AgreementLoaders } from './agreement.loaders';

@ObjectType('OpeningInterval', { description: 'Open from `from` to `to` (local time) on an ISO weekday (1 = Monday).' })
export class OpeningInterval {
  @Field(() => Int) weekday: number;
  @Field() from: string;
  @Field() to: string;
}

@ObjectType('BusinessCalendar', { implements: Node, description: 'Business hours: a time zone, weekly opening intervals, public holidays and custom days.' })
export class BusinessCalendar extends Node {
  readonly __typename = 'BusinessCalendar';
  @Field() name: string;
  @Field({ description: 'IANA time zone.' }) timeZone: string;
  @Field(() => [OpeningInterval]) weeklyHours: OpeningInterval[];
  @Field(() => String, { nullable: true, description: 'Public holidays of this country (ISO 3166-1 alpha-2).' }) holidayCountry: string | null;
  @Field(() => String, { nullable: true, description: 'and of this region of it (e.g. "BY").' }) holidayRegion: string | null;
  @Field(() => [String], { description: 'Custom closed dates (YYYY-MM-DD).' }) closedDates: string[];
  @Field(() => [String], { description: 'Extra open dates (YYYY-MM-DD), even on a holiday.' }) openDates: string[];
  @Field(() => Int) version: number;
}

export const BusinessCalendarConnection = ConnectionType(BusinessCalendar, 'BusinessCalendar');

export function toCalendar(c: BusinessCalendarEntity): BusinessCalendar {
  return Object.assign(new BusinessCalendar(), {
    id: globalId('BusinessCalendar', c.id),
    name: c.name,
    timeZone: c.timeZone,
    weeklyHours: c.weeklyHours,
    holidayCountry: c.holidayCountry,
    holidayRegion: c.holidayRegion,
    closedDates: c.closedDates,
    openDates: c.openDates,
    version: c.version,
  });
}

registerNode('BusinessCalendar', async (rc, uuid) => {
  const row = await AgreementLoaders.calendar(rc).load(uuid);
  return row && toCalendar(row);
});

const DATE = /^\d{4}-\d{2}-\d{2}$/;

@InputType('OpeningIntervalInput')
class OpeningIntervalInput {
  @Field(() => Int) @IsInt() weekday: number;
  @Field({ description: '"HH:mm"' }) @MaxLength(5) from: string;
  @Field({ description: '"HH:mm", or "24:00" for midnight' }) @MaxLength(5) to: string;
}

@InputType('BusinessCalendarCreateInput')
class BusinessCalendarCreateInput {
  @Field() @NotBlank() @MaxLength(200) name: string;
  @Field() @IsTimeZone({ message: 'timeZone must be an IANA time zone such as "Europe/Berlin"' }) timeZone: string;
  @Field(() => [OpeningIntervalInput]) @ArrayMaxSize(70) @ValidateNested({ each: true }) weeklyHours: OpeningIntervalInput[];
  @Field(() => String, { nullable: true }) @IsOptional() @IsISO31661Alpha2({ message: 'holidayCountry must be an ISO 3166-1 alpha-2 code such as "DE"' }) holidayCountry?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(20) holidayRegion?: string | null;
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(500) @Matches(DATE, { each: true, message: 'closedDates are dates like 2026-12-24' }) closedDates?: string[];
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(500) @Matches(DATE, { each: true, message: 'openDates are dates like 2026-12-27' }) openDates?: string[];
}

// The domain's rules of opening hours and holidays run with the input's format checks: one answer lists every problem.
registerInputRules(BusinessCalendarCreateInput, (input) => calendars.calendarProblems(input, []));

const BusinessCalendarCreatePayload = PayloadType('BusinessCalendarCreatePayload', 'calendar', BusinessCalendar);

@Resolver(() => BusinessCalendar)
export class CalendarResolver {
  @Query(() => BusinessCalendarConnection, { description: 'Business-hours calendars of your provider.' })
  async businessCalendars(@Args() page: PageArgs, @Ctx() { rc }: GraphQLContext) {
    return toConnection(BusinessCalendarConnection, await calendars.list(rc, page), toCalendar);
  }

  @PayloadMutation(() => BusinessCalendarCreatePayload, 'Creates a business-hours calendar for objectives counted in business hours.')
  async businessCalendarCreate(@Arg('input') input: BusinessCalendarCreateInput, @Ctx() { rc }: GraphQLContext) {
    return { calendar: toCalendar(await calendars.create(rc, input)), userErrors: [] };
  }
}

