import { ArrayMaxSize, IsISO31661Alpha2, IsOptional, IsTimeZone, Matches, MaxLength, ValidateNested, IsInt } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import * as calendars from '../../domain/calendars/calendar.service';
import { registerInputRules } from '../core/input-validation';
import { NotBlank } from '../core/validation';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

@InputType('OpeningIntervalInput')
export class OpeningIntervalInput {
  @Field(() => Int) @IsInt() weekday: number;
  @Field({ description: '"HH:mm"' }) @MaxLength(5) from: string;
  @Field({ description: '"HH:mm", or "24:00" for midnight' }) @MaxLength(5) to: string;
}

@InputType('BusinessCalendarCreateInput')
export class BusinessCalendarCreateInput {
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
