import { IsOptional, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { IdOf } from '../core/ids';
import { PageArgs } from '../core/page.args';
import { DateTimeScalar, DurationScalar } from '../core/scalars';
import { NotBlank } from '../core/validation';

@InputType('MaintenanceWindowAnnounceInput', { description: 'One maintenance window of a service.' })
export class MaintenanceWindowAnnounceInput {
  @Field(() => ID, { description: 'The service under maintenance.' }) @IdOf('Service') service: string;
  @Field({ description: 'What is done, e.g. "Minor version upgrade".' }) @NotBlank() @MaxLength(300) title: string;
  @Field(() => DateTimeScalar, { description: "When it starts; excused only if at least the terms' notice period after now." }) startsAt: Date;
  @Field(() => DateTimeScalar, { description: "When it ends; a window longer than an agreement's monthly cap is refused." }) endsAt: Date;
}

@ArgsType()
export class MaintenanceWindowsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only windows of this service.' }) service?: string;
}

@InputType('MaintenanceRecurrenceAnnounceInput', { description: 'Recurring maintenance of a service: an RFC 5545 recurrence rule from a local first start, each occurrence lasting `duration`.' })
export class MaintenanceRecurrenceAnnounceInput {
  @Field(() => ID, { description: 'The service maintained.' }) @IdOf('Service') service: string;
  @Field(() => ID, { nullable: true, description: 'A business calendar whose time zone the rule is expanded in; leave out for the provider\'s time zone.' })
  @IsOptional() @IdOf('BusinessCalendar') calendar?: string | null;
  @Field({ description: 'What the maintenance is.' }) @NotBlank() @MaxLength(300) title: string;
  @Field({ description: 'The RRULE value, e.g. "FREQ=WEEKLY;BYDAY=SU" or "FREQ=MONTHLY;BYDAY=-1SA;UNTIL=20271231T230000Z" (UNTIL in UTC). FREQ DAILY, WEEKLY, MONTHLY or YEARLY; no BYHOUR, BYMINUTE, BYSECOND: at most one occurrence a day, at the time of firstStart.' })
  @MaxLength(500) rule: string;
  @Field({ description: 'Local date and time of the first occurrence (DTSTART), "YYYY-MM-DDTHH:mm", in the time zone; a time that the DST change skips is read with the offset from before it, one that happens twice is the first.' })
  @MaxLength(19) firstStart: string;
  @Field(() => DurationScalar, { description: 'Length of each occurrence, ISO 8601 (e.g. "PT2H"), elapsed time, at most P7D.' }) duration: string;
}

@InputType('MaintenanceRecurrenceEndInput', { description: 'Ends recurring maintenance: no occurrence starts from now on.' })
export class MaintenanceRecurrenceEndInput {
  @Field(() => ID, { description: 'The MaintenanceRecurrence.' }) @IdOf('MaintenanceRecurrence') id: string;
}

@ArgsType()
export class MaintenanceRecurrencesArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only those of this service.' }) service?: string;
}

@ArgsType()
export class MaintenanceOccurrencesArgs {
  @Field(() => DateTimeScalar, { nullable: true, description: 'From this instant (default: now); an occurrence under way then is listed.' }) from?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Until this instant (default: 90 days after `from`); at most 366 days after `from`.' }) to?: Date | null;
}
