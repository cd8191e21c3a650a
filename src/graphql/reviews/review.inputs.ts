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

@InputType('ReviewFilter')
export class ReviewFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() agreement?: string;
  @Field(() => ReviewStatusEnum, { nullable: true, description: 'OVERDUE: scheduled or in progress and past due; SCHEDULED and IN_PROGRESS: not overdue.' })
  @IsOptional()
  @IsEnum(ReviewStatusEnum)
  status?: ReviewStatusEnum;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Due strictly before this instant.' }) @IsOptional() dueBefore?: Date;
}

@ArgsType()
export class ReviewsArgs extends PageArgs {
  @Field(() => ReviewFilter, { nullable: true }) @IsOptional() @ValidateNested() filter?: ReviewFilter;
  @Field(() => ReviewOrderEnum, { defaultValue: ReviewOrderEnum.DUE_AT_ASC }) @IsEnum(ReviewOrderEnum) orderBy: ReviewOrderEnum;
}

@InputType('ReviewScheduleInput', { description: 'An ad hoc review of an agreement, for a period and due date of your choice.' })
export class ReviewScheduleInput {
  @Field(() => ID) @IdOf('Agreement') agreement: string;
  @Field(() => DateTimeScalar) periodStart: Date;
  @Field(() => DateTimeScalar, { description: 'After periodStart; at most two years later.' }) periodEnd: Date;
  @Field(() => DateTimeScalar, { description: 'Not before periodEnd.' }) dueAt: Date;
  @Field({ nullable: true }) @IsOptional() @MaxLength(300) title?: string;
}

@InputType('ReviewStartInput')
export class ReviewStartInput {
  @Field(() => ID) @IdOf('Review') id: string;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() version?: number | null;
}

@InputType('ReviewParticipantInput')
export class ReviewParticipantInput {
  @Field() @NotBlank() @MaxLength(200) name: string;
  @Field({ nullable: true }) @IsOptional() @IsEmail() @MaxLength(320) email?: string;
  @Field(() => ReviewPartyEnum) @IsEnum(ReviewPartyEnum) party: ReviewPartyEnum;
  @Field({ nullable: true }) @IsOptional() @MaxLength(200) role?: string;
}

@InputType('ReviewFindingInput')
export class ReviewFindingInput {
  @Field(() => FindingSeverityEnum) @IsEnum(FindingSeverityEnum) severity: FindingSeverityEnum;
  @Field() @NotBlank() @MaxLength(5000) text: string;
  @Field(() => ID, { nullable: true, description: "An objective of the review's agreement it is about." }) @IsOptional() @IdOf('Objective') objective?: string;
}

@InputType('ReviewActionItemInput')
export class ReviewActionItemInput {
  @Field() @NotBlank() @MaxLength(5000) description: string;
  @Field({ description: 'Who does it (a name or an address).' }) @NotBlank() @MaxLength(200) owner: string;
  @Field({ description: 'YYYY-MM-DD.' }) @Matches(DATE, { message: 'dueOn must be a date, YYYY-MM-DD' }) dueOn: string;
}

@InputType('ReviewCompleteInput')
export class ReviewCompleteInput {
  @Field(() => ID) @IdOf('Review') id: string;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() version?: number | null;
  @Field(() => ReviewDecisionEnum) @IsEnum(ReviewDecisionEnum) decision: ReviewDecisionEnum;
  @Field({ nullable: true }) @IsOptional() @MaxLength(20000) decisionNotes?: string;
  @Field(() => [ReviewParticipantInput], { nullable: true }) @IsOptional() @ArrayMaxSize(50) @ValidateNested() participants?: ReviewParticipantInput[];
  @Field(() => [ReviewFindingInput], { nullable: true }) @IsOptional() @ArrayMaxSize(200) @ValidateNested() findings?: ReviewFindingInput[];
  @Field(() => [ReviewActionItemInput], { nullable: true }) @IsOptional() @ArrayMaxSize(200) @ValidateNested() actionItems?: ReviewActionItemInput[];
}

@InputType('ReviewCancelInput')
export class ReviewCancelInput {
  @Field(() => ID) @IdOf('Review') id: string;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() version?: number | null;
  @Field() @NotBlank() @MaxLength(2000) reason: string;
}

@InputType('ReviewParticipantAddInput')
export class ReviewParticipantAddInput extends ReviewParticipantInput {
  @Field(() => ID) @IdOf('Review') review: string;
}

@InputType('ReviewFindingAddInput')
export class ReviewFindingAddInput extends ReviewFindingInput {
  @Field(() => ID) @IdOf('Review') review: string;
}

@InputType('ReviewActionItemAddInput')
export class ReviewActionItemAddInput extends ReviewActionItemInput {
  @Field(() => ID) @IdOf('Review') review: string;
}

@InputType('ReviewActionItemDoneInput')
export class ReviewActionItemDoneInput {
  @Field(() => ID) @IdOf('ReviewActionItem') id: string;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() version?: number | null;
}

// The domain's rules of dates run with the input's format checks: one answer lists every problem.
registerInputRules(ReviewActionItemInput, (input) => actionItemProblems(input, []));
registerInputRules(ReviewScheduleInput, (input) => adHocPeriodProblems(input.periodStart, input.periodEnd, input.dueAt, []));
