import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { type GraphQLFormattedError, GraphQLError } from 'graphql';
import { ForbiddenError, UnauthenticatedError, UserError, UserErrors } from '../../common/errors';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from '../../db/database-unavailable';
import { type GraphQLContext } from '../core/graphql-context';
import { InvalidArgumentError } from '../core/input-validation';
import { isLiteral, literalPathIn } from '../core/literal-path';
import { userErrorPath } from '../core/user-error-path';
import { isLimitRefusal, LIMIT_CODES, tokenLimitOf } from './query-limits';
import { shorten } from './variable-values.plugin';

const INTERNAL_MESSAGE = 'Internal server error. Quote the requestId when you report it.';
const UNAVAILABLE_MESSAGE = `The database is unavailable right now; retry in ${RETRY_AFTER_SECONDS} seconds (a write again with the same idempotencyKey or batchKey, where it takes one).`;

/** The code of an answer the client may simply send again (HTTP 503, with Retry-After). */
export const SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE';

/** The innermost cause: GraphQL errors wrap what a resolver threw, and Apollo wraps those again. */
function rootCause(error: unknown): unknown {
  let e = error;
  while (e instanceof GraphQLError && e.originalError) e = e.originalError;
  return e;
}

/**
 * Whether an error is one we did not expect: it is logged in full and reaches the client as a
 * bare INTERNAL_SERVER_ERROR. Errors of the GraphQL layer (parse, validation, limits), our own
 * access and input errors, and an unavailable database are expected.
 */
export function isUnexpected(error: unknown): boolean {
  const cause = rootCause(error);
  if (cause instanceof GraphQLError) return false;
  return !(
    cause instanceof UserError ||
    cause instanceof UserErrors ||
    cause instanceof ForbiddenError ||
    cause instanceof UnauthenticatedError ||
    cause instanceof InvalidArgumentError ||
    isDatabaseUnavailable(cause)
  );
}

/** Whether an error is the database being unavailable (HTTP 503, SERVICE_UNAVAILABLE). */
export const isUnavailable = (error: unknown): boolean => isDatabaseUnavailable(rootCause(error));

/** A GraphQL error for an unavailable database outside the request pipeline (the context function): HTTP 503 with Retry-After. */
export function unavailableError(cause: unknown, requestId: string): GraphQLError {
  return new GraphQLError(UNAVAILABLE_MESSAGE, {
    originalError: cause instanceof Error ? cause : undefined,
    extensions: { requestId, http: { status: 503, headers: new HeaderMap([['retry-after', String(RETRY_AFTER_SECONDS)]]) } },
  });
}

/** A literal argument value the document's validation refused (`at: "nope"`): BAD_USER_INPUT naming its path, like a bad variable. */
function badLiteral(error: unknown): string[] | null {
  if (!(error instanceof GraphQLError) || error.extensions.code !== 'GRAPHQL_VALIDATION_FAILED') return null;
  const node = error.nodes?.[0];
  const body = error.source?.body;
  return isLiteral(node) && body ? literalPathIn(body, node) : null;
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
    return { ...base, message: inner.message, extensions: { code: 'BAD_USER_INPUT', reason: inner.code, field: userErrorPath(inner.field) } };
  }
  if (inner instanceof UserErrors) {
    return { ...base, message: inner.message, extensions: { code: 'BAD_USER_INPUT', userErrors: inner.errors.map((e) => ({ code: e.code, field: userErrorPath(e.field), message: e.message })) } };
  }
  if (inner instanceof InvalidArgumentError) {
    return { ...base, message: `Invalid arguments: ${inner.message}`, extensions: { code: 'BAD_USER_INPUT', userErrors: inner.problems } };
  }
  if (isDatabaseUnavailable(inner)) {
    const requestId = formatted.extensions?.requestId;
    return { ...base, message: UNAVAILABLE_MESSAGE, extensions: { code: SERVICE_UNAVAILABLE, retryable: true, ...(requestId ? { requestId } : {}) } };
  }
  if (isLimitRefusal(inner)) {
    const { http: _http, ...extensions } = inner.extensions;
    return { ...base, message: inner.message, extensions };
  }
  const tokens = formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' ? tokenLimitOf(formatted) : null;
  if (tokens !== null) {
    return { message: `The query has more than ${tokens} tokens, the limit.`, extensions: { code: LIMIT_CODES.tokens, limit: tokens } };
  }
  const literal = badLiteral(error);
  if (literal) return { ...base, message: shorten(formatted.message, 500), extensions: { code: 'BAD_USER_INPUT', field: literal } };
  if (isUnexpected(error)) return { ...base, message: INTERNAL_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  const { exception: _drop, stacktrace: _stack, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
  return { ...formatted, extensions };
}

/**
 * Logs unexpected errors with their stack and the request id (an unavailable database as a
 * warning), adds the request id to every error a client sees, answers HTTP 503 with Retry-After
 * when the database was unavailable, and hides field suggestions ("Did you mean ...") from
 * callers who have not authenticated, so the schema cannot be guessed field by field.
 */
export const errorReportingPlugin: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ contextValue, errors, request }) {
        for (const error of errors) {
          const cause = rootCause(error);
          if (isDatabaseUnavailable(cause)) {
            contextValue.rc.logger.warn({ err: cause, path: error.path, operationName: request.operationName }, 'database unavailable');
          } else if (isUnexpected(error)) {
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
        if (response.body.singleResult.errors.some((e) => e.extensions?.code === SERVICE_UNAVAILABLE)) {
          response.http.status = 503;
          response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
        }
      },
    };
  },
};
