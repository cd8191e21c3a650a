import { type ApolloServerPlugin } from '@apollo/server';
import { type GraphQLContext } from '../core/graphql-context';

/** Reports how many SQL statements answered the request, in `x-sql-statements` (tests and benchmark). */
export const sqlStatsPlugin: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response }) {
        response.http.headers.set('x-sql-statements', String(contextValue.sqlStats.statements));
      },
    };
  },
};
