import { Field, ID, InputType } from 'type-graphql';
import { IdOf } from '../core/ids';

@InputType('StatementAcceptInput', { description: "The customer's signatory accepts a statement of its own customer's agreement." })
export class StatementAcceptInput {
  @Field(() => ID, { description: 'The statement.' }) @IdOf('Statement') id: string;
}
