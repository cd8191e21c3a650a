import { Field, Int, ObjectType } from 'type-graphql';
import { type BusinessCalendarEntity } from '../../db/entities/business-calendar.entity';
import { ConnectionType } from '../core/connection';
import { globalId } from '../core/ids';
import { Node } from '../core/node.interface';

@ObjectType('OpeningInterval', { description: 'Open from `from` to `to` (local time) on an ISO weekday (1 = Monday).' })
export class OpeningInterval {
  @Field(() => Int, { description: 'ISO weekday: 1 = Monday ... 7 = Sunday.' }) weekday: number;
  @Field({ description: 'Opening time, "HH:mm" local.' }) from: string;
  @Field({ description: 'Closing time, "HH:mm" local ("24:00" for midnight).' }) to: string;
}

@ObjectType('BusinessCalendar', { implements: Node, description: 'Business hours: a time zone, weekly opening intervals, public holidays and custom days.' })
export class BusinessCalendar extends Node {
  readonly __typename = 'BusinessCalendar';
  @Field({ description: `The calendar's name, unique among the provider's calendars not archived (ignoring case), e.g. "Office hours Berlin".` }) name: string;
  @Field({ description: 'IANA time zone.' }) timeZone: string;
  @Field(() => [OpeningInterval], { description: 'The weekly opening intervals in local time (several per day for split shifts).' }) weeklyHours: OpeningInterval[];
  @Field(() => String, { nullable: true, description: 'Public holidays of this country (ISO 3166-1 alpha-2).' }) holidayCountry: string | null;
  @Field(() => String, { nullable: true, description: 'and of this region of it (e.g. "BY").' }) holidayRegion: string | null;
  @Field(() => [String], { description: 'Custom closed dates (YYYY-MM-DD).' }) closedDates: string[];
  @Field(() => [String], { description: 'Extra open dates (YYYY-MM-DD), even on a holiday.' }) openDates: string[];
  @Field(() => Int, { description: 'Increases with every change.' }) version: number;
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
