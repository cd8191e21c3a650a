import { Field, ObjectType } from 'type-graphql';
import { AgreementRevision } from '../agreements/revision.type';
import { PayloadType } from '../core/payload-type';
import { UserErrorType } from '../core/user-error.type';
import { Review, ReviewActionItem, ReviewFinding, ReviewParticipant } from './review.type';

export const ReviewSchedulePayload = PayloadType('ReviewSchedulePayload', 'review', Review);
export const ReviewStartPayload = PayloadType('ReviewStartPayload', 'review', Review);
export const ReviewCancelPayload = PayloadType('ReviewCancelPayload', 'review', Review);
export const ReviewActionItemDonePayload = PayloadType('ReviewActionItemDonePayload', 'actionItem', ReviewActionItem);

@ObjectType('ReviewCompletePayload', { description: 'The completed review and the draft an AMEND decision opened, or userErrors.' })
export class ReviewCompletePayload {
  @Field(() => Review, { nullable: true, description: 'The review, COMPLETED; null when it failed.' }) review: Review | null;
  @Field(() => AgreementRevision, { nullable: true, description: 'The draft revision opened by an AMEND decision.' }) amendment: AgreementRevision | null;
  @Field(() => [UserErrorType], { description: 'Empty when the mutation succeeded.' }) userErrors: UserErrorType[];
}

@ObjectType('ReviewParticipantAddPayload', { description: 'The participant and the review, or userErrors.' })
export class ReviewParticipantAddPayload {
  @Field(() => Review, { nullable: true, description: 'The review, as it is now.' }) review: Review | null;
  @Field(() => ReviewParticipant, { nullable: true, description: 'The participant added; null when it failed.' }) participant: ReviewParticipant | null;
  @Field(() => [UserErrorType], { description: 'Empty when the mutation succeeded.' }) userErrors: UserErrorType[];
}

@ObjectType('ReviewFindingAddPayload', { description: 'The finding and its review, or userErrors.' })
export class ReviewFindingAddPayload {
  @Field(() => Review, { nullable: true, description: 'The review, as it is now.' }) review: Review | null;
  @Field(() => ReviewFinding, { nullable: true, description: 'The new finding; null when it failed.' }) finding: ReviewFinding | null;
  @Field(() => [UserErrorType], { description: 'Empty when the mutation succeeded.' }) userErrors: UserErrorType[];
}

@ObjectType('ReviewActionItemAddPayload', { description: 'The action item and its review, or userErrors.' })
export class ReviewActionItemAddPayload {
  @Field(() => Review, { nullable: true, description: 'The review, as it is now.' }) review: Review | null;
  @Field(() => ReviewActionItem, { nullable: true, description: 'The new action item; null when it failed.' }) actionItem: ReviewActionItem | null;
  @Field(() => [UserErrorType], { description: 'Empty when the mutation succeeded.' }) userErrors: UserErrorType[];
}
