import { Field, ObjectType } from 'type-graphql';
import { AgreementRevision } from '../agreements/revision.type';
import { PayloadType } from '../core/payload-type';
import { UserErrorType } from '../core/user-error.type';
import { Review, ReviewActionItem, ReviewFinding, ReviewParticipant } from './review.type';

export const ReviewSchedulePayload = PayloadType('ReviewSchedulePayload', 'review', Review);
export const ReviewStartPayload = PayloadType('ReviewStartPayload', 'review', Review);
export const ReviewCancelPayload = PayloadType('ReviewCancelPayload', 'review', Review);
export const ReviewActionItemDonePayload = PayloadType('ReviewActionItemDonePayload', 'actionItem', ReviewActionItem);

@ObjectType('ReviewCompletePayload')
export class ReviewCompletePayload {
  @Field(() => Review, { nullable: true }) review: Review | null;
  @Field(() => AgreementRevision, { nullable: true, description: 'The draft revision opened by an AMEND decision.' }) amendment: AgreementRevision | null;
  @Field(() => [UserErrorType]) userErrors: UserErrorType[];
}

@ObjectType('ReviewParticipantAddPayload')
export class ReviewParticipantAddPayload {
  @Field(() => Review, { nullable: true }) review: Review | null;
  @Field(() => ReviewParticipant, { nullable: true }) participant: ReviewParticipant | null;
  @Field(() => [UserErrorType]) userErrors: UserErrorType[];
}

@ObjectType('ReviewFindingAddPayload')
export class ReviewFindingAddPayload {
  @Field(() => Review, { nullable: true }) review: Review | null;
  @Field(() => ReviewFinding, { nullable: true }) finding: ReviewFinding | null;
  @Field(() => [UserErrorType]) userErrors: UserErrorType[];
}

@ObjectType('ReviewActionItemAddPayload')
export class ReviewActionItemAddPayload {
  @Field(() => Review, { nullable: true }) review: Review | null;
  @Field(() => ReviewActionItem, { nullable: true }) actionItem: ReviewActionItem | null;
  @Field(() => [UserErrorType]) userErrors: UserErrorType[];
}
