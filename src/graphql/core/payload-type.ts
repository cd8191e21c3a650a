import { type ClassType, Field, ObjectType } from 'type-graphql';
import { UserErrorType } from './user-error.type';

/**
 * A mutation payload: the changed object under `field` (null when the mutation failed) and
 * the `userErrors` that say why.
 */
export function PayloadType<T extends object>(name: string, field: string, type: ClassType<T>, description?: string): ClassType {
  @ObjectType(name, { description: description ?? `What the mutation did: the \`${field}\` it changed, or \`userErrors\` saying why it changed nothing.` })
  class Payload {
    @Field(() => [UserErrorType], { description: 'Empty when the mutation succeeded.' }) userErrors: UserErrorType[];
  }
  Field(() => type, { nullable: true, description: `The ${field} as the mutation left it; null when it failed (see \`userErrors\`).` })(Payload.prototype, field);
  Object.defineProperty(Payload, 'name', { value: name });
  return Payload;
}
