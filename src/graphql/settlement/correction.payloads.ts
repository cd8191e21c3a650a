import { Field, ObjectType } from 'type-graphql';
import { UserErrorType } from '../core/user-error.type';
import { Correction } from './correction.type';

@ObjectType('CorrectionPayload', { description: 'What a correction mutation answers.' })
export class CorrectionPayload {
  @Field(() => Correction, { nullable: true, description: 'The correction; null when the mutation failed.' }) correction: Correction | null;
  @Field(() => [UserErrorType], { description: 'Empty when the mutation succeeded.' }) userErrors: UserErrorType[];
}
