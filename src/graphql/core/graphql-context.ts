import { type RateLimitDecision } from '../../db/rate-limit-store';
import { type SqlStats } from '../../db/sql-stats';
import { type RequestContext } from '../../context/request-context';
import { type LiveEvents } from '../../jobs/live-events';

/**
 * What one HTTP request's GraphQL pipeline learnt about it, for its log line and its response
 * headers: filled by the plugins as the request goes through them.
 */
export interface RequestFacts {
  /** The client's address (the socket's; proxies' forwarding headers are not trusted): the key of anonymous callers' budget. */
  clientAddress: string;
  /** The operation's name from the document (or the request's operationName until the document is read); null for an anonymous operation. */
  operationName?: string | null;
  operationType?: 'query' | 'mutation' | 'subscription';
  /** The operation's estimated cost (the cost limit's estimate, what the rate limit consumes). */
  cost?: number;
  /** How a persisted document was found: a hash from the APQ cache, or from the trusted-documents manifest. */
  persisted?: 'apq-hit' | 'apq-registered' | 'manifest';
  rateLimit?: RateLimitDecision;
}

/** The GraphQL context of one request (over WebSocket: of one subscription event). */
export interface GraphQLContext {
  rc: RequestContext;
  sqlStats: SqlStats;
  /** Set on HTTP requests. */
  facts?: RequestFacts;
  /** The process's live event subscribers; set on WebSocket connections, where subscriptions run. */
  liveEvents?: LiveEvents;
}
