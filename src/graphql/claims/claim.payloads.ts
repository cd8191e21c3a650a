import { Field, ObjectType } from 'type-graphql';
import { UserErrorType } from '../core/user-error.type';
import { Claim } from './claim.type';

@ObjectType('ClaimPayload', { description: 'What a claim mutation answers.' })
export class ClaimPayload {
  @Field(() => Claim, { nullable: true, description: 'The claim as it stands now; null when the mutation failed.' }) claim: Claim | null;
  @Field(() => [UserErrorType], { description: 'Empty when the mutation succeeded.' }) userErrors: UserErrorType[];
}
