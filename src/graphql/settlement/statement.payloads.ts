import { Field, ObjectType } from 'type-graphql';
import { UserErrorType } from '../core/user-error.type';
import { Statement } from './statement.type';

@ObjectType('StatementAcceptPayload', { description: 'What statementAccept answers.' })
export class StatementAcceptPayload {
  @Field(() => Statement, { nullable: true, description: 'The statement, ACCEPTED; null when the mutation failed.' }) statement: Statement | null;
  @Field(() => [UserErrorType], { description: 'Empty when the mutation succeeded.' }) userErrors: UserErrorType[];
}
