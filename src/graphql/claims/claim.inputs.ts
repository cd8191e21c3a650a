import { ArrayMaxSize, IsBoolean, IsEnum, IsOptional, MaxLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { CorrectionReasonEnum } from '../core/enums';
import { IdOf } from '../core/ids';
import { DateTimeScalar } from '../core/scalars';
import { NotBlank } from '../core/validation';

@InputType('ClaimAttachmentInput', { description: 'A document the claim refers to, by reference.' })
export class ClaimAttachmentInput {
  @Field({ description: 'What it is, e.g. "Monitoring export" (1 to 200 characters).' }) @NotBlank() @MaxLength(200) name: string;
  @Field({ description: 'Where it is: a URL, a ticket, a document id (1 to 2,000 characters).' }) @NotBlank() @MaxLength(2000) reference: string;
}

@InputType('ClaimFileInput', { description: 'A claim against exactly one of a statement, a violation or an incident of your own customer\'s agreement.' })
export class ClaimFileInput {
  @Field(() => ID, { nullable: true, description: 'The statement disputed ("the credit is too low").' }) @IsOptional() @IdOf('Statement') statement?: string | null;
  @Field(() => ID, { nullable: true, description: 'The violation of a statement disputed.' }) @IsOptional() @IdOf('StatementViolation') violation?: string | null;
  @Field(() => ID, { nullable: true, description: 'The incident disputed ("this outage was yours, not ours").' }) @IsOptional() @IdOf('Incident') incident?: string | null;
  @Field({ description: 'What you claim (1 to 10,000 characters).' }) @NotBlank() @MaxLength(10000) description: string;
  @Field({ description: 'The outcome you ask for (1 to 5,000 characters).' }) @NotBlank() @MaxLength(5000) requestedOutcome: string;
  @Field(() => String, { nullable: true, description: 'The credit you ask for, a decimal amount in the currency of the credit policy, e.g. "8750.00".' })
  @IsOptional()
  @MaxLength(20)
  requestedCredit?: string | null;
  @Field(() => [ClaimAttachmentInput], { nullable: true, description: 'Documents it refers to (at most 20).' })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  attachments?: ClaimAttachmentInput[] | null;
}

@InputType('ClaimExclusionInput', { description: "An exclusion of the claim's agreement that accepting the claim records (it counts at once and names the claim)." })
export class ClaimExclusionInput {
  @Field(() => ID, { nullable: true, description: 'One objective of the agreement; left out: all.' }) @IsOptional() @IdOf('Objective') objective?: string | null;
  @Field(() => ID, { nullable: true, description: 'The incident to leave out (or give a window).' }) @IsOptional() @IdOf('Incident') incident?: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Start of the window to leave out (or give an incident).' }) @IsOptional() windowStart?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'End of the window (exclusive).' }) @IsOptional() windowEnd?: Date | null;
  @Field(() => CorrectionReasonEnum, { description: 'Why, from the reasons the terms allow.' }) @IsEnum(CorrectionReasonEnum) reason: CorrectionReasonEnum;
  @Field({ description: 'Why, in words (1 to 5,000 characters).' }) @NotBlank() @MaxLength(5000) note: string;
}

@InputType('ClaimIncidentTimesInput', { description: "Corrected times of an incident of the claim's agreement that accepting the claim records (it counts at once and names the claim)." })
export class ClaimIncidentTimesInput {
  @Field(() => ID, { description: 'The incident.' }) @IdOf('Incident') incident: string;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it really started.' }) @IsOptional() startedAt?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was really first responded to.' }) @IsOptional() acknowledgedAt?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was really resolved.' }) @IsOptional() resolvedAt?: Date | null;
  @Field(() => CorrectionReasonEnum, { description: 'Why, from the reasons the terms allow.' }) @IsEnum(CorrectionReasonEnum) reason: CorrectionReasonEnum;
  @Field({ description: 'Why, in words (1 to 5,000 characters).' }) @NotBlank() @MaxLength(5000) note: string;
}

@InputType('ClaimAcceptInput', { description: 'Provider staff accept an OPEN claim, in full or in part, with what it produces: a credit, a correction, or neither.' })
export class ClaimAcceptInput {
  @Field(() => ID, { description: 'The claim.' }) @IdOf('Claim') id: string;
  @Field(() => Boolean, { nullable: true, description: 'Accepted in part (say what is not granted in the note); default false: in full.' }) @IsOptional() @IsBoolean() partial?: boolean | null;
  @Field(() => String, { nullable: true, description: 'A note to the customer (required when partial).' }) @IsOptional() @MaxLength(5000) note?: string | null;
  @Field(() => String, { nullable: true, description: "A credit granted on the claim's statement (or the statement of its incident's month), e.g. \"1250.00\": an adjustment with the claim as its cause, carried on the next statement." })
  @IsOptional()
  @MaxLength(20)
  credit?: string | null;
  @Field(() => ClaimExclusionInput, { nullable: true, description: 'An exclusion recorded with the acceptance.' }) @IsOptional() @ValidateNested() exclusion?: ClaimExclusionInput | null;
  @Field(() => ClaimIncidentTimesInput, { nullable: true, description: 'Corrected incident times recorded with the acceptance.' }) @IsOptional() @ValidateNested() incidentTimes?: ClaimIncidentTimesInput | null;
}

@InputType('ClaimRejectInput', { description: 'Provider staff reject an OPEN claim, with a reason.' })
export class ClaimRejectInput {
  @Field(() => ID, { description: 'The claim.' }) @IdOf('Claim') id: string;
  @Field({ description: 'Why (1 to 5,000 characters).' }) @NotBlank() @MaxLength(5000) reason: string;
}

@InputType('ClaimEscalateInput', { description: "The customer's signatory escalates a rejected or partly accepted claim to the next stage." })
export class ClaimEscalateInput {
  @Field(() => ID, { description: 'The claim.' }) @IdOf('Claim') id: string;
  @Field(() => String, { nullable: true, description: 'Why, in words.' }) @IsOptional() @MaxLength(5000) note?: string | null;
}
