import { type SqlStats } from '../../db/sql-stats';
import { type RequestContext } from '../../context/request-context';
import { type LiveEvents } from '../../jobs/live-events';

/** The GraphQL context of one request (over WebSocket: of one subscription event). */
export interface GraphQLContext {
  rc: RequestContext;
  sqlStats: SqlStats;
  /** The process's live event subscribers; set on WebSocket connections, where subscriptions run. */
  liveEvents?: LiveEvents;
}
