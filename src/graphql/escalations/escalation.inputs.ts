import { ArrayMaxSize, IsEnum, IsInt, IsOptional, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../core/page.args';
import { EscalationStatusEnum } from './escalation.type';
import { IdOf } from '../core/ids';

@InputType('EscalationFilter', { description: 'Narrows a list of escalations; every field given must hold.' })
export class EscalationFilter {
  @Field(() => [EscalationStatusEnum], { nullable: true, description: 'One status or several (OPEN, or [OPEN, ACKNOWLEDGED] for a queue).' })
  @IsOptional()
  @ArrayMaxSize(4)
  @IsEnum(EscalationStatusEnum, { each: true })
  status?: EscalationStatusEnum[];
  @Field(() => Int, { nullable: true, description: 'Only escalations at this level.' }) @IsOptional() @IsInt() @Min(1) @Max(10) level?: number;
  @Field(() => ID, { nullable: true, description: 'Only escalations under this agreement.' }) @IsOptional() agreement?: string;
  @Field(() => ID, { nullable: true, description: 'Only escalations concerning this customer.' }) @IsOptional() customer?: string;
}

@ArgsType()
export class EscalationsArgs extends PageArgs {
  @Field(() => EscalationFilter, { nullable: true, description: 'Narrow the list, e.g. { status: [OPEN, ACKNOWLEDGED], level: 2 }.' }) @IsOptional() @ValidateNested() filter?: EscalationFilter;
}

@InputType('EscalationRaiseInput', { description: 'Name an incident or an objective (escalated for the period under way).' })
export class EscalationRaiseInput {
  @Field(() => ID, { nullable: true, description: 'The incident to escalate.' }) @IsOptional() @IdOf('Incident') incident?: string;
  @Field(() => ID, { nullable: true, description: 'Or the objective to escalate, for the period under way.' }) @IsOptional() @IdOf('Objective') objective?: string;
  @Field({ nullable: true, description: 'Why: the receivers see it.' }) @IsOptional() @MaxLength(4000) note?: string;
}

@InputType('EscalationActionInput', { description: 'Acknowledging or resolving an escalation it already has does nothing (safe to retry).' })
export class EscalationActionInput {
  @Field(() => ID, { description: 'The escalation.' }) @IdOf('Escalation') id: string;
  @Field({ nullable: true, description: 'A note for the history, e.g. "On it".' }) @IsOptional() @MaxLength(4000) note?: string;
  @Field(() => Int, { nullable: true, description: 'The version you read; a stale one gets STALE_VERSION.' }) @IsOptional() @IsInt() version?: number;
}
