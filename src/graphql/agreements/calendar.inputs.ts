import { ArrayMaxSize, IsISO31661Alpha2, IsOptional, IsTimeZone, Matches, MaxLength, ValidateNested, IsInt } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import * as calendars from '../../domain/calendars/calendar.service';
import { registerInputRules } from '../core/input-validation';
import { NotBlank } from '../core/validation';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

@InputType('OpeningIntervalInput', { description: 'Open from `from` to `to` (local time) on an ISO weekday.' })
export class OpeningIntervalInput {
  @Field(() => Int, { description: 'ISO weekday: 1 = Monday ... 7 = Sunday.' }) @IsInt() weekday: number;
  @Field({ description: '"HH:mm"' }) @MaxLength(5) from: string;
  @Field({ description: '"HH:mm", or "24:00" for midnight' }) @MaxLength(5) to: string;
}

@InputType('BusinessCalendarCreateInput', { description: 'A business-hours calendar for objectives and escalation levels counted in open hours.' })
export class BusinessCalendarCreateInput {
  @Field({ description: `Unique among the provider's calendars not archived (ignoring case), e.g. "Office hours Berlin".` }) @NotBlank() @MaxLength(200) name: string;
  @Field({ description: 'IANA time zone the hours are in, e.g. "Europe/Berlin".' }) @IsTimeZone({ message: 'timeZone must be an IANA time zone such as "Europe/Berlin"' }) timeZone: string;
  @Field(() => [OpeningIntervalInput], { description: 'Weekly opening intervals; split shifts are several intervals on one weekday.' }) @ArrayMaxSize(70) @ValidateNested({ each: true }) weeklyHours: OpeningIntervalInput[];
  @Field(() => String, { nullable: true, description: 'Close on the public holidays of this country (ISO 3166-1 alpha-2, e.g. "DE").' }) @IsOptional() @IsISO31661Alpha2({ message: 'holidayCountry must be an ISO 3166-1 alpha-2 code such as "DE"' }) holidayCountry?: string | null;
  @Field(() => String, { nullable: true, description: 'And of this region of it (e.g. "BY" for Bavaria).' }) @IsOptional() @MaxLength(20) holidayRegion?: string | null;
  @Field(() => [String], { nullable: true, description: 'Local days closed all day (YYYY-MM-DD), besides public holidays.' }) @IsOptional() @ArrayMaxSize(500) @Matches(DATE, { each: true, message: 'closedDates are dates like 2026-12-24' }) closedDates?: string[];
  @Field(() => [String], { nullable: true, description: "Local days open even on a holiday or weekend (YYYY-MM-DD); a day without weekly hours opens with the first weekday's hours." }) @IsOptional() @ArrayMaxSize(500) @Matches(DATE, { each: true, message: 'openDates are dates like 2026-12-27' }) openDates?: string[];
}

// The domain's rules of opening hours and holidays run with the input's format checks: one answer lists every problem.
registerInputRules(BusinessCalendarCreateInput, (input) => calendars.calendarProblems(input, []));
