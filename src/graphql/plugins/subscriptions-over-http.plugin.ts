import { type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

/** HTTP answers queries and mutations; a subscription sent there is told where it runs. */
export const subscriptionsOverHttpPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation }) {
        if (operation?.operation !== 'subscription') return;
        throw new GraphQLError('Subscriptions run over WebSocket (graphql-ws protocol) at this same URL, e.g. ws://<host>/graphql; see docs/live-events.md.', {
          extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
        });
      },
    };
  },
};
