import { ArrayMaxSize, IsEnum, IsInt, IsOptional, Matches, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../core/page.args';
import { DateTimeScalar } from '../core/scalars';
import { NotBlank } from '../core/validation';
import { ImpactEnum, IncidentStatusEnum, IncidentTransitionTarget, IncidentUpdateAuthor } from './incident.type';
import { IdOf } from '../core/ids';
import { reportProblems } from '../../domain/incidents/incident.service';
import { registerInputRules } from '../core/input-validation';

const PRIORITY = /^P[1-4]$/;
const PRIORITY_MESSAGE = 'priority must be P1, P2, P3 or P4';

@InputType('IncidentReportInput', { description: 'A new incident. The API pins it to the agreement and revision in force for its customer and service when it started.' })
export class IncidentReportInput {
  @Field(() => ID, { description: 'The customer affected.' }) @IdOf('Customer') customer: string;
  @Field(() => ID, { description: 'The service affected.' }) @IdOf('Service') service: string;
  @Field({ description: 'P1 (highest) to P4.' }) @Matches(PRIORITY, { message: PRIORITY_MESSAGE }) priority: string;
  @Field(() => ImpactEnum, { description: 'OUTAGE, DEGRADED or NONE: how it counts as downtime.' }) @IsEnum(ImpactEnum) impact: ImpactEnum;
  @Field({ description: 'A short summary, e.g. "Primary database unreachable".' }) @NotBlank() @MaxLength(300) title: string;
  @Field({ nullable: true, description: 'What happened, in more detail.' }) @IsOptional() @MaxLength(20000) description?: string;
  @Field(() => DateTimeScalar, { description: 'When it started; not in the future.' }) startedAt: Date;
  @Field({ nullable: true, description: "Your system's id for it; unique per provider and integration." }) @IsOptional() @MaxLength(200) externalId?: string;
  @Field({ nullable: true, description: 'Its category ("Database", "Network" ...): objectives with conditions on categories apply by it (compared exactly).' })
  @IsOptional()
  @MaxLength(100)
  category?: string;
  @Field({ nullable: true, description: 'The channel it came in by ("email", "phone", "monitoring" ...): objectives with conditions on channels apply by it (compared exactly).' })
  @IsOptional()
  @MaxLength(100)
  channel?: string;
  @Field({ nullable: true, description: 'Send the same key when you retry: the first answer comes back and nothing is created twice. Kept at least 24 hours.' })
  @IsOptional()
  @MaxLength(200)
  idempotencyKey?: string;
}

@InputType('IncidentAssignInput', { description: 'Hands an incident to a supporting party, or back to the provider.' })
export class IncidentAssignInput {
  @Field(() => ID, { description: 'The incident.' }) @IdOf('Incident') id: string;
  @Field(() => ID, {
    nullable: true,
    description: "The team or supplier to hand it to; it needs an OLA or underpinning contract in force covering the incident's service. Null: back to the provider (no supporting clock runs).",
  })
  @IsOptional()
  @IdOf('SupportingParty')
  supportingParty?: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When (back-filling); default now. Not in the future, not before the previous event.' })
  @IsOptional()
  at?: Date;
  @Field(() => Int, { nullable: true, description: 'The version you read; a stale one changes nothing.' }) @IsOptional() @IsInt() version?: number;
}

@InputType('IncidentTransitionInput', { description: 'Moves an incident to another status.' })
export class IncidentTransitionInput {
  @Field(() => ID, { description: 'The incident.' }) @IdOf('Incident') id: string;
  @Field(() => IncidentTransitionTarget, { nullable: true, description: 'A built-in status, or REOPENED. Give this or `status`.' })
  @IsOptional()
  @IsEnum(IncidentTransitionTarget)
  to?: IncidentTransitionTarget | null;
  @Field(() => String, { nullable: true, description: 'A key of your status catalogue (incidentStatuses), e.g. "AWAITING_VENDOR": it moves as its meaning does. Give this or `to`.' })
  @IsOptional()
  @MaxLength(50)
  status?: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it happened (back-filling); default now. Not in the future, not before the previous event.' })
  @IsOptional()
  at?: Date;
  @Field({ nullable: true, description: 'A public note shown in the timeline with the change.' }) @IsOptional() @MaxLength(20000) note?: string;
  @Field(() => Int, { nullable: true, description: 'The version you read; a stale one gets STALE_VERSION.' }) @IsOptional() @IsInt() version?: number;
}

@InputType('IncidentUpdateInput', { description: "Changes an incident's priority or impact, or posts a note; only the fields given change." })
export class IncidentUpdateInput {
  @Field(() => ID, { description: 'The incident.' }) @IdOf('Incident') id: string;
  @Field({ nullable: true, description: 'The new priority, P1 to P4: running clocks switch to its target and keep their elapsed time.' }) @IsOptional() @Matches(PRIORITY, { message: PRIORITY_MESSAGE }) priority?: string;
  @Field(() => ImpactEnum, { nullable: true, description: 'The new impact.' }) @IsOptional() @IsEnum(ImpactEnum) impact?: ImpactEnum;
  @Field({ nullable: true, description: 'A public update for the customer (author PROVIDER), or the customer\'s message (author CUSTOMER).' }) @IsOptional() @MaxLength(20000) note?: string;
  @Field(() => IncidentUpdateAuthor, {
    nullable: true,
    description: 'Whose side the note comes from (default PROVIDER). A CUSTOMER note needs a note and pauses the update-interval clock until the provider\'s next update.',
  })
  @IsOptional()
  @IsEnum(IncidentUpdateAuthor)
  author?: IncidentUpdateAuthor;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it happened (back-filling); default now. Not in the future, not before the previous event.' }) @IsOptional() at?: Date;
  @Field(() => Int, { nullable: true, description: 'The version you read; a stale one gets STALE_VERSION.' }) @IsOptional() @IsInt() version?: number;
}

@InputType('IncidentFilter', { description: 'Narrows a list of incidents; every field given must hold.' })
export class IncidentFilter {
  @Field(() => ID, { nullable: true, description: 'Only incidents of this customer.' }) @IsOptional() customer?: string;
  @Field(() => ID, { nullable: true, description: 'Only incidents of this service.' }) @IsOptional() service?: string;
  @Field(() => ID, { nullable: true, description: 'Only incidents judged against this agreement.' }) @IsOptional() agreement?: string;
  @Field(() => [IncidentStatusEnum], { nullable: true, description: 'Only incidents in any of these statuses.' }) @IsOptional() @ArrayMaxSize(9) statuses?: IncidentStatusEnum[];
  @Field(() => [String], { nullable: true, description: 'Only these priorities, e.g. ["P1", "P2"].' }) @IsOptional() @ArrayMaxSize(4) @Matches(PRIORITY, { each: true, message: PRIORITY_MESSAGE }) priorities?: string[];
  @Field(() => DateTimeScalar, { nullable: true, description: 'Only incidents that started at or after this instant.' }) @IsOptional() startedFrom?: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Only incidents that started before this instant.' }) @IsOptional() startedBefore?: Date;
  @Field({ nullable: true, description: "The reporting integration's own id, to find an incident again." }) @IsOptional() @MaxLength(200) externalId?: string;
  @Field({ nullable: true, description: 'Part of the title or the external id, ignoring case.' }) @IsOptional() @MaxLength(200) search?: string;
}

@InputType('IncidentStatusCreateInput', { description: 'A status of your own, with what it means.' })
export class IncidentStatusCreateInput {
  @Field({ description: '2 to 50 capital letters, digits and underscores, starting with a letter; not a built-in key.' }) @MaxLength(50) key: string;
  @Field({ description: 'How people see it.' }) @NotBlank() @MaxLength(100) label: string;
  @Field(() => IncidentStatusEnum, { description: 'What it means to the SLA clocks; never changes afterwards.' }) @IsEnum(IncidentStatusEnum) meaning: IncidentStatusEnum;
}

@ArgsType()
export class IncidentsArgs extends PageArgs {
  @Field(() => IncidentFilter, { nullable: true, description: 'Narrow the list; every field given must hold.' }) @IsOptional() filter?: IncidentFilter;
}

// The report's rules run with its format checks: one answer lists every problem of the form.
registerInputRules(IncidentReportInput, (input, { now }) => reportProblems(input, now, []));
