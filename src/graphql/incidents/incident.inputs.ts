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

@InputType('IncidentReportInput')
export class IncidentReportInput {
  @Field(() => ID) @IdOf('Customer') customer: string;
  @Field(() => ID) @IdOf('Service') service: string;
  @Field({ description: 'P1 (highest) to P4.' }) @Matches(PRIORITY, { message: PRIORITY_MESSAGE }) priority: string;
  @Field(() => ImpactEnum) @IsEnum(ImpactEnum) impact: ImpactEnum;
  @Field() @NotBlank() @MaxLength(300) title: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(20000) description?: string;
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

@InputType('IncidentTransitionInput')
export class IncidentTransitionInput {
  @Field(() => ID) @IdOf('Incident') id: string;
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
  @Field({ nullable: true }) @IsOptional() @MaxLength(20000) note?: string;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() version?: number;
}

@InputType('IncidentUpdateInput')
export class IncidentUpdateInput {
  @Field(() => ID) @IdOf('Incident') id: string;
  @Field({ nullable: true }) @IsOptional() @Matches(PRIORITY, { message: PRIORITY_MESSAGE }) priority?: string;
  @Field(() => ImpactEnum, { nullable: true }) @IsOptional() @IsEnum(ImpactEnum) impact?: ImpactEnum;
  @Field({ nullable: true, description: 'A public update for the customer (author PROVIDER), or the customer\'s message (author CUSTOMER).' }) @IsOptional() @MaxLength(20000) note?: string;
  @Field(() => IncidentUpdateAuthor, {
    nullable: true,
    description: 'Whose side the note comes from (default PROVIDER). A CUSTOMER note needs a note and pauses the update-interval clock until the provider\'s next update.',
  })
  @IsOptional()
  @IsEnum(IncidentUpdateAuthor)
  author?: IncidentUpdateAuthor;
  @Field(() => DateTimeScalar, { nullable: true }) @IsOptional() at?: Date;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() version?: number;
}

@InputType('IncidentFilter')
export class IncidentFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() customer?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() service?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() agreement?: string;
  @Field(() => [IncidentStatusEnum], { nullable: true }) @IsOptional() @ArrayMaxSize(9) statuses?: IncidentStatusEnum[];
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(4) @Matches(PRIORITY, { each: true, message: PRIORITY_MESSAGE }) priorities?: string[];
  @Field(() => DateTimeScalar, { nullable: true }) @IsOptional() startedFrom?: Date;
  @Field(() => DateTimeScalar, { nullable: true }) @IsOptional() startedBefore?: Date;
  @Field({ nullable: true }) @IsOptional() @MaxLength(200) externalId?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(200) search?: string;
}

@InputType('IncidentStatusCreateInput', { description: 'A status of your own, with what it means.' })
export class IncidentStatusCreateInput {
  @Field({ description: '2 to 50 capital letters, digits and underscores, starting with a letter; not a built-in key.' }) @MaxLength(50) key: string;
  @Field({ description: 'How people see it.' }) @NotBlank() @MaxLength(100) label: string;
  @Field(() => IncidentStatusEnum, { description: 'What it means to the SLA clocks; never changes afterwards.' }) @IsEnum(IncidentStatusEnum) meaning: IncidentStatusEnum;
}

@ArgsType()
export class IncidentsArgs extends PageArgs {
  @Field(() => IncidentFilter, { nullable: true }) @IsOptional() filter?: IncidentFilter;
}

// The report's rules run with its format checks: one answer lists every problem of the form.
registerInputRules(IncidentReportInput, (input, { now }) => reportProblems(input, now, []));
