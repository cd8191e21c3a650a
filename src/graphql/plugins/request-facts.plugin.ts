import { type ApolloServerPlugin } from '@apollo/server';
import { type GraphQLContext } from '../core/graphql-context';

/**
 * Records what the request log line says of the GraphQL operation: its name (from the request's
 * `operationName` at first, then from the document once it is read, so that a persisted query
 * sent by hash is named too), its type and how a persisted document was found.
 */
export const requestFactsPlugin: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart({ request, contextValue }) {
    if (contextValue.facts && typeof request.operationName === 'string') contextValue.facts.operationName = request.operationName;
    return {
      async didResolveOperation({ operation, operationName, metrics, contextValue: { facts } }) {
        if (!facts) return;
        facts.operationName = operationName;
        if (operation) facts.operationType = operation.operation;
        if (metrics.persistedQueryHit) facts.persisted = 'apq-hit';
        else if (metrics.persistedQueryRegister) facts.persisted = 'apq-registered';
      },
    };
  },
};
