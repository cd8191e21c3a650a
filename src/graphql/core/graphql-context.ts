import { type SqlStats } from '../../db/sql-stats';
import { type RequestContext } from '../../context/request-context';

/** The GraphQL context of one request. */
export interface GraphQLContext {
  rc: RequestContext;
  sqlStats: SqlStats;
}
