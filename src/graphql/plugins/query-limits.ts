import { ApolloArmor } from '@escape.tech/graphql-armor';
import { type GraphQLArmorRejectCallback } from '@escape.tech/graphql-armor-types';
import { GraphQLError, type ValidationRule } from 'graphql';
import { type Config } from '../../common/config';

/** The code of each refusal by a query limit: a client can tell which limit it hit (QUERY_TOO_COSTLY is the cost plugin's). */
export const LIMIT_CODES = {
  depth: 'QUERY_TOO_DEEP',
  aliases: 'QUERY_TOO_MANY_ALIASES',
  directives: 'QUERY_TOO_MANY_DIRECTIVES',
  tokens: 'QUERY_TOO_MANY_TOKENS',
  cost: 'QUERY_TOO_COSTLY',
} as const;

export type LimitCode = (typeof LIMIT_CODES)[keyof typeof LIMIT_CODES];
const ALL_LIMIT_CODES = new Set<string>(Object.values(LIMIT_CODES));

/** Whether an error is the refusal of a query limit (any of LIMIT_CODES). */
export function isLimitRefusal(error: unknown): error is GraphQLError {
  return error instanceof GraphQLError && ALL_LIMIT_CODES.has(String(error.extensions.code));
}

/** A validation error naming the limit, in place of graphql-armor's "Syntax Error: ..." without a code. */
function refuseAs(code: LimitCode, limit: number): GraphQLArmorRejectCallback {
  return (context, error) => {
    const found = /found (\d+)/.exec(error.message);
    context?.reportError(
      new GraphQLError(error.message.replace(/^Syntax Error: /, ''), {
        extensions: { code, limit, ...(found ? { found: Number(found[1]) } : {}), http: { status: 400 } },
      }),
    );
  };
}

/**
 * Depth, alias and directive limits (graphql-armor validation rules, for HTTP and WebSocket) and
 * the token limit (graphql-js's parser: Apollo's `parseOptions`, and the subscription server's
 * parse). graphql-armor's own token plugin is not used: it parses in a hook where every syntax
 * error, not only a refusal, became an HTTP 500.
 */
export function queryLimits(limits: Config['graphql']): { validationRules: ValidationRule[]; parseOptions: { maxTokens: number } } {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, propagateOnRejection: false, onReject: [refuseAs(LIMIT_CODES.depth, limits.maxDepth)] },
    maxAliases: { n: limits.maxAliases, propagateOnRejection: false, onReject: [refuseAs(LIMIT_CODES.aliases, limits.maxAliases)] },
    maxDirectives: { n: limits.maxDirectives, propagateOnRejection: false, onReject: [refuseAs(LIMIT_CODES.directives, limits.maxDirectives)] },
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return { validationRules: armor.validationRules, parseOptions: { maxTokens: limits.maxTokens } };
}

// graphql 16 says "more that"; a later version may fix the typo.
const TOO_MANY_TOKENS = /Document contains more tha[nt] (\d+) tokens/;

/** graphql-js's refusal of a document with more tokens than `maxTokens` (a syntax error with this message), or null. */
export function tokenLimitOf(error: { message: string }): number | null {
  const match = TOO_MANY_TOKENS.exec(error.message);
  return match ? Number(match[1]) : null;
}
