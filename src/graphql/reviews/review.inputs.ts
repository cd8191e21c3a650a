import { ArrayMaxSize, IsEmail, IsEnum, IsInt, IsOptional, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { actionItemProblems } from '../../domain/reviews/review-items.service';
import { adHocPeriodProblems } from '../../domain/reviews/review-schedule';
import { registerInputRules } from '../core/input-validation';
import { PageArgs } from '../core/page.args';
import { DateTimeScalar } from '../core/scalars';
import { NotBlank } from '../core/validation';
import { FindingSeverityEnum, ReviewDecisionEnum, ReviewOrderEnum, ReviewPartyEnum, ReviewStatusEnum } from './review.type';
import { IdOf } from '../core/ids';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

@InputType('ReviewFilter', { description: 'Narrows a list of reviews; every field given must hold.' })
export class ReviewFilter {
  @Field(() => ID, { nullable: true, description: 'Only reviews of this agreement.' }) @IsOptional() agreement?: string;
  @Field(() => ReviewStatusEnum, { nullable: true, description: 'OVERDUE: scheduled or in progress and past due; SCHEDULED and IN_PROGRESS: not overdue.' })
  @IsOptional()
  @IsEnum(ReviewStatusEnum)
  status?: ReviewStatusEnum;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Due strictly before this instant.' }) @IsOptional() dueBefore?: Date;
}

@ArgsType()
export class ReviewsArgs extends PageArgs {
  @Field(() => ReviewFilter, { nullable: true, description: 'Narrow the list, e.g. { status: OVERDUE }.' }) @IsOptional() @ValidateNested() filter?: ReviewFilter;
  @Field(() => ReviewOrderEnum, { defaultValue: ReviewOrderEnum.DUE_AT_ASC, description: 'The order of the list (default by due date, soonest first).' }) @IsEnum(ReviewOrderEnum) orderBy: ReviewOrderEnum;
}

@InputType('ReviewScheduleInput', { description: 'An ad hoc review of an agreement, for a period and due date of your choice.' })
export class ReviewScheduleInput {
  @Field(() => ID, { description: 'The agreement to review.' }) @IdOf('Agreement') agreement: string;
  @Field(() => DateTimeScalar, { description: 'Start of the period to review.' }) periodStart: Date;
  @Field(() => DateTimeScalar, { description: 'After periodStart; at most two years later.' }) periodEnd: Date;
  @Field(() => DateTimeScalar, { description: 'Not before periodEnd.' }) dueAt: Date;
  @Field({ nullable: true, description: 'A title, e.g. "Review after the March outage".' }) @IsOptional() @MaxLength(300) title?: string;
}

@InputType('ReviewStartInput', { description: 'Starts a SCHEDULED review.' })
export class ReviewStartInput {
  @Field(() => ID, { description: 'The review.' }) @IdOf('Review') id: string;
  @Field(() => Int, { nullable: true, description: 'The version you read; a stale one gets STALE_VERSION.' }) @IsOptional() @IsInt() version?: number | null;
}

@InputType('ReviewParticipantInput', { description: 'A participant recorded with reviewComplete.' })
export class ReviewParticipantInput {
  @Field({ description: 'Their name.' }) @NotBlank() @MaxLength(200) name: string;
  @Field({ nullable: true, description: 'Their e-mail address.' }) @IsOptional() @IsEmail() @MaxLength(320) email?: string;
  @Field(() => ReviewPartyEnum, { description: 'Which side they take part for.' }) @IsEnum(ReviewPartyEnum) party: ReviewPartyEnum;
  @Field({ nullable: true, description: 'Their role in the review, e.g. "Service manager".' }) @IsOptional() @MaxLength(200) role?: string;
}

@InputType('ReviewFindingInput', { description: 'A finding recorded with reviewComplete.' })
export class ReviewFindingInput {
  @Field(() => FindingSeverityEnum, { description: 'How serious it is: INFO (for the record), MINOR or MAJOR.' }) @IsEnum(FindingSeverityEnum) severity: FindingSeverityEnum;
  @Field({ description: 'What was found.' }) @NotBlank() @MaxLength(5000) text: string;
  @Field(() => ID, { nullable: true, description: "An objective of the review's agreement it is about." }) @IsOptional() @IdOf('Objective') objective?: string;
}

@InputType('ReviewActionItemInput', { description: 'An action item recorded with reviewComplete.' })
export class ReviewActionItemInput {
  @Field({ description: 'What is to be done.' }) @NotBlank() @MaxLength(5000) description: string;
  @Field({ description: 'Who does it (a name or an address).' }) @NotBlank() @MaxLength(200) owner: string;
  @Field({ description: 'YYYY-MM-DD.' }) @Matches(DATE, { message: 'dueOn must be a date, YYYY-MM-DD' }) dueOn: string;
}

@InputType('ReviewCompleteInput', { description: 'Completes an IN_PROGRESS review with its decision.' })
export class ReviewCompleteInput {
  @Field(() => ID, { description: 'The review.' }) @IdOf('Review') id: string;
  @Field(() => Int, { nullable: true, description: 'The version you read; a stale one gets STALE_VERSION.' }) @IsOptional() @IsInt() version?: number | null;
  @Field(() => ReviewDecisionEnum, { description: 'CONTINUE, AMEND (opens a draft revision), RENEGOTIATE or TERMINATE.' }) @IsEnum(ReviewDecisionEnum) decision: ReviewDecisionEnum;
  @Field({ nullable: true, description: "Why, in the reviewers' words." }) @IsOptional() @MaxLength(20000) decisionNotes?: string;
  @Field(() => [ReviewParticipantInput], { nullable: true, description: 'Participants to record with it.' }) @IsOptional() @ArrayMaxSize(50) @ValidateNested() participants?: ReviewParticipantInput[];
  @Field(() => [ReviewFindingInput], { nullable: true, description: 'Findings to record with it.' }) @IsOptional() @ArrayMaxSize(200) @ValidateNested() findings?: ReviewFindingInput[];
  @Field(() => [ReviewActionItemInput], { nullable: true, description: 'Action items to record with it.' }) @IsOptional() @ArrayMaxSize(200) @ValidateNested() actionItems?: ReviewActionItemInput[];
}

@InputType('ReviewCancelInput', { description: 'Cancels a review.' })
export class ReviewCancelInput {
  @Field(() => ID, { description: 'The review.' }) @IdOf('Review') id: string;
  @Field(() => Int, { nullable: true, description: 'The version you read; a stale one gets STALE_VERSION.' }) @IsOptional() @IsInt() version?: number | null;
  @Field({ description: 'Why it is cancelled.' }) @NotBlank() @MaxLength(2000) reason: string;
}

@InputType('ReviewParticipantAddInput', { description: 'A participant of a SCHEDULED or IN_PROGRESS review.' })
export class ReviewParticipantAddInput extends ReviewParticipantInput {
  @Field(() => ID, { description: 'The review.' }) @IdOf('Review') review: string;
}

@InputType('ReviewFindingAddInput', { description: 'A new finding of an IN_PROGRESS review.' })
export class ReviewFindingAddInput extends ReviewFindingInput {
  @Field(() => ID, { description: 'The review.' }) @IdOf('Review') review: string;
}

@InputType('ReviewActionItemAddInput', { description: 'A new action item of an IN_PROGRESS review.' })
export class ReviewActionItemAddInput extends ReviewActionItemInput {
  @Field(() => ID, { description: 'The review.' }) @IdOf('Review') review: string;
}

@InputType('ReviewActionItemDoneInput', { description: 'Which action item.' })
export class ReviewActionItemDoneInput {
  @Field(() => ID, { description: 'The action item.' }) @IdOf('ReviewActionItem') id: string;
  @Field(() => Int, { nullable: true, description: 'The version you read; a stale one gets STALE_VERSION.' }) @IsOptional() @IsInt() version?: number | null;
}

// The domain's rules of dates run with the input's format checks: one answer lists every problem.
registerInputRules(ReviewActionItemInput, (input) => actionItemProblems(input, []));
registerInputRules(ReviewScheduleInput, (input) => adHocPeriodProblems(input.periodStart, input.periodEnd, input.dueAt, []));
