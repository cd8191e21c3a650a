import { type ApolloServerPlugin } from '@apollo/server';
import { type GraphQLFormattedError, GraphQLError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { ForbiddenError, UnauthenticatedError, UserError, UserErrors } from '../../common/errors';
import { type GraphQLContext } from '../core/graphql-context';
import { fromValidationErrors } from '../core/user-error.type';

const INTERNAL_MESSAGE = 'Internal server error. Quote the requestId when you report it.';

/** The innermost cause: GraphQL errors wrap what a resolver threw, and Apollo wraps those again. */
function rootCause(error: unknown): unknown {
  let e = error;
  while (e instanceof GraphQLError && e.originalError) e = e.originalError;
  return e;
}

/**
 * Whether an error is one we did not expect: it is logged in full and reaches the client as a
 * bare INTERNAL_SERVER_ERROR. Errors of the GraphQL layer (parse, validation, limits) and our
 * own access and input errors are expected.
 */
export function isUnexpected(error: unknown): boolean {
  const cause = rootCause(error);
  if (cause instanceof GraphQLError) return false;
  return !(
    cause instanceof UserError ||
    cause instanceof UserErrors ||
    cause instanceof ForbiddenError ||
    cause instanceof UnauthenticatedError ||
    cause instanceof ArgumentValidationError
  );
}

/**
 * One place where errors become what clients see: stable codes, the field at fault, and
 * never a stack trace, SQL or table name.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const inner = rootCause(error);
  const base = { locations: formatted.locations, path: formatted.path };
  if (inner instanceof UnauthenticatedError) return { ...base, message: inner.message, extensions: { code: 'UNAUTHENTICATED' } };
  if (inner instanceof ForbiddenError) return { ...base, message: inner.message, extensions: { code: 'FORBIDDEN' } };
  if (inner instanceof UserError) {
    return { ...base, message: inner.message, extensions: { code: 'BAD_USER_INPUT', reason: inner.code, field: inner.field.map(String) } };
  }
  if (inner instanceof UserErrors) {
    return { ...base, message: inner.message, extensions: { code: 'BAD_USER_INPUT', userErrors: inner.errors.map((e) => ({ code: e.code, field: e.field.map(String), message: e.message })) } };
  }
  if (inner instanceof ArgumentValidationError) {
    const userErrors = fromValidationErrors(inner.extensions.validationErrors, []);
    return {
      ...base,
      message: `Invalid arguments: ${userErrors.map((e) => `${e.field.join('.')}: ${e.message}`).join('; ')}`,
      extensions: { code: 'BAD_USER_INPUT', userErrors },
    };
  }
  if (isUnexpected(error)) return { ...base, message: INTERNAL_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  const { exception: _drop, stacktrace: _stack, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
  return { ...formatted, extensions };
}

/**
 * Logs unexpected errors with their stack and the request id, adds the request id to every
 * error a client sees, and hides field suggestions ("Did you mean ...") from callers who
 * have not authenticated, so the schema cannot be guessed field by field.
 */
export const errorReportingPlugin: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ contextValue, errors, request }) {
        for (const error of errors) {
          if (isUnexpected(error)) {
            const cause = rootCause(error);
            contextValue.rc.logger.error({ err: cause, path: error.path, operationName: request.operationName }, 'unexpected error');
          }
        }
      },
      async willSendResponse({ contextValue, response }) {
        if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
        const authenticated = Boolean(contextValue.rc?.actor);
        response.body.singleResult.errors = response.body.singleResult.errors.map((e) => ({
          ...e,
          message: authenticated ? e.message : e.message.replace(/\s*Did you mean .*\?$/s, ''),
          extensions: { ...e.extensions, requestId: contextValue.rc?.requestId },
        }));
      },
    };
  },
};
