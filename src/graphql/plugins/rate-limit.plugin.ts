import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { type Actor } from '../../common/actor';
import { type RateLimitCaller, type RateLimitDecision, type RateLimits } from '../../db/rate-limit-store';
import { type GraphQLContext } from '../core/graphql-context';

/** The code of a request refused because its caller's budget for this window is spent (HTTP 429, Retry-After). */
export const RATE_LIMITED = 'RATE_LIMITED';

/** Whose budget a request spends: its API key, its person (provider and subject), or without credentials its client address. */
export function rateLimitCaller(actor: Actor | null, clientAddress: string): RateLimitCaller {
  if (!actor) return { kind: 'ANONYMOUS', address: clientAddress };
  return actor.kind === 'API_KEY' ? { kind: 'API_KEY', apiKeyId: actor.id } : { kind: 'USER', providerId: actor.providerId, subject: actor.id };
}

/**
 * The RateLimit header fields (IETF draft-ietf-httpapi-ratelimit-headers, the form of its draft 6:
 * `RateLimit-Policy`, `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` in seconds),
 * and `Retry-After` on a refusal.
 */
export function rateLimitHeaders(d: RateLimitDecision): [string, string][] {
  return [
    ['ratelimit-policy', `${d.limit};w=${d.windowSeconds}`],
    ['ratelimit-limit', String(d.limit)],
    ['ratelimit-remaining', String(d.remaining)],
    ['ratelimit-reset', String(d.resetSeconds)],
    ...(d.allowed ? [] : ([['retry-after', String(d.resetSeconds)]] as [string, string][])),
  ];
}

/** The message of a refusal. */
export function refusal(d: RateLimitDecision): string {
  if (d.cost > d.limit) return `This operation costs ${d.cost} points, more than your whole budget of ${d.limit} per ${d.windowSeconds} s: ask for fewer items per page (first) or fewer nested lists.`;
  return `Rate limit reached: this operation costs ${d.cost} points and ${d.remaining} of your ${d.limit} per ${d.windowSeconds} s are left. Retry in ${d.resetSeconds} s.`;
}

/** What a refusal's error carries besides its message. */
export function rateLimitedExtensions(d: RateLimitDecision): Record<string, unknown> {
  return { code: RATE_LIMITED, retryAfter: d.resetSeconds, cost: d.cost, limit: d.limit, remaining: d.remaining, windowSeconds: d.windowSeconds };
}

/**
 * Each HTTP operation that passed every other check (parse, validation, limits, credentials)
 * consumes its cost (at least 1 point) from its caller's budget, once, before it runs. Over the
 * budget it does not run: HTTP 429 with Retry-After and RATE_LIMITED. Every answer to a counted
 * operation carries the RateLimit headers.
 */
export function rateLimitPlugin(limits: RateLimits): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async responseForOperation({ contextValue }) {
          const facts = contextValue.facts;
          if (!facts) return null;
          const decision = await limits.consume(rateLimitCaller(contextValue.rc.actor, facts.clientAddress), facts.cost ?? 1);
          facts.rateLimit = decision;
          if (decision.allowed) return null;
          return {
            http: { status: 429, headers: new HeaderMap() },
            body: {
              kind: 'single',
              singleResult: {
                errors: [
                  {
                    message: refusal(decision),
                    extensions: rateLimitedExtensions(decision),
                  },
                ],
              },
            },
          };
        },
        async willSendResponse({ contextValue, response }) {
          const decision = contextValue.facts?.rateLimit;
          if (!decision) return;
          for (const [name, value] of rateLimitHeaders(decision)) response.http.headers.set(name, value);
          if (!decision.allowed) response.http.status = 429;
        },
      };
    },
  };
}
