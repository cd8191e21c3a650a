import { IsEnum, IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { CorrectionReasonEnum } from '../core/enums';
import { IdOf } from '../core/ids';
import { DateTimeScalar } from '../core/scalars';
import { NotBlank } from '../core/validation';

@InputType('ExclusionRecordInput', { description: 'An incident, or a time window, left out of one objective of an agreement or of all, with a reason the terms allow.' })
export class ExclusionRecordInput {
  @Field(() => ID, { description: 'The agreement.' }) @IdOf('Agreement') agreement: string;
  @Field(() => ID, { nullable: true, description: 'One objective of the agreement (its metric, and priority for time objectives, in every revision); left out: all.' })
  @IsOptional()
  @IdOf('Objective')
  objective?: string | null;
  @Field(() => ID, { nullable: true, description: 'The incident to leave out (or give a window).' }) @IsOptional() @IdOf('Incident') incident?: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Start of the window to leave out (or give an incident).' }) @IsOptional() windowStart?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'End of the window (exclusive).' }) @IsOptional() windowEnd?: Date | null;
  @Field(() => CorrectionReasonEnum, { description: 'Why, from the reasons the terms allow.' }) @IsEnum(CorrectionReasonEnum) reason: CorrectionReasonEnum;
  @Field({ description: 'Why, in words (1 to 5,000 characters).' }) @NotBlank() @MaxLength(5000) note: string;
}

@InputType('IncidentTimesCorrectInput', { description: "Corrects an incident's recorded times, with a reason the terms of its agreement allow. Times left out stay as recorded." })
export class IncidentTimesCorrectInput {
  @Field(() => ID, { description: 'The incident.' }) @IdOf('Incident') incident: string;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it really started.' }) @IsOptional() startedAt?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was really first responded to.' }) @IsOptional() acknowledgedAt?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was really resolved.' }) @IsOptional() resolvedAt?: Date | null;
  @Field(() => CorrectionReasonEnum, { description: 'Why, from the reasons the terms allow.' }) @IsEnum(CorrectionReasonEnum) reason: CorrectionReasonEnum;
  @Field({ description: 'Why, in words (1 to 5,000 characters).' }) @NotBlank() @MaxLength(5000) note: string;
}

@InputType('CorrectionDecideInput', { description: "The customer's signatory decides on a correction waiting for approval." })
export class CorrectionDecideInput {
  @Field(() => ID, { description: 'The correction.' }) @IdOf('Correction') id: string;
  @Field(() => String, { nullable: true, description: 'Why, in words.' }) @IsOptional() @MaxLength(5000) note?: string | null;
}
