import { type MiddlewareFn, Mutation, UseMiddleware } from 'type-graphql';
import { type ReturnTypeFunc } from 'type-graphql/build/typings/decorators/types';
import { UserError, UserErrors } from '../../common/errors';
import { type GraphQLContext } from './graphql-context';
import { InvalidArgumentError } from './input-validation';
import { commandArgument } from './user-error-path';
import { toUserErrorType } from './user-error.type';

/**
 * Business failures of a mutation come back as data: `{ userErrors: [...] }`, the other
 * payload fields null. Invalid input (input-validation.ts) is a business failure too, naming the
 * field. Anything else stays a top-level error.
 */
export const UserErrorsAsData: MiddlewareFn<GraphQLContext> = async ({ info }, next) => {
  try {
    return await next();
  } catch (error) {
    const argument = commandArgument(info);
    if (error instanceof UserError) return { userErrors: [toUserErrorType(error, argument)] };
    if (error instanceof UserErrors) return { userErrors: error.errors.map((e) => toUserErrorType(e, argument)) };
    if (error instanceof InvalidArgumentError) return { userErrors: error.problems };
    throw error;
  }
};

/** A mutation whose payload carries `userErrors`. */
export function PayloadMutation(returnType: ReturnTypeFunc, description: string): MethodDecorator {
  return (target, key, descriptor) => {
    Mutation(returnType, { description })(target, key, descriptor);
    UseMiddleware(UserErrorsAsData)(target, key, descriptor);
  };
}
