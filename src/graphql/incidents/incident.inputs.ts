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

@InputType('IncidentTransitionInput')
export class IncidentTransitionInput {
  @Field(() => ID) @IdOf('Incident') id: string;
  @Field(() => IncidentTransitionTarget) @IsEnum(IncidentTransitionTarget) to: IncidentTransitionTarget;
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
  @Field(() => [IncidentStatusEnum], { nullable: true }) @IsOptional() @ArrayMaxSize(6) statuses?: IncidentStatusEnum[];
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(4) @Matches(PRIORITY, { each: true, message: PRIORITY_MESSAGE }) priorities?: string[];
  @Field(() => DateTimeScalar, { nullable: true }) @IsOptional() startedFrom?: Date;
  @Field(() => DateTimeScalar, { nullable: true }) @IsOptional() startedBefore?: Date;
  @Field({ nullable: true }) @IsOptional() @MaxLength(200) externalId?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(200) search?: string;
}

@ArgsType()
export class IncidentsArgs extends PageArgs {
  @Field(() => IncidentFilter, { nullable: true }) @IsOptional() filter?: IncidentFilter;
}

// The report's rules run with its format checks: one answer lists every problem of the form.
registerInputRules(IncidentReportInput, (input, { now }) => reportProblems(input, now, []));
