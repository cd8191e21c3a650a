import { type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type SelectionSetNode } from 'graphql';
import { type GraphQLContext } from '../core/graphql-context';

const INTROSPECTION_FIELDS = new Set(['__schema', '__type', '__typename']);

function onlyIntrospection(selectionSet: SelectionSetNode, fragments: Record<string, SelectionSetNode>, seen = new Set<string>()): boolean {
  return selectionSet.selections.every((s) => {
    if (s.kind === Kind.FIELD) return INTROSPECTION_FIELDS.has(s.name.value);
    if (s.kind === Kind.INLINE_FRAGMENT) return onlyIntrospection(s.selectionSet, fragments, seen);
    const name = s.name.value;
    if (seen.has(name) || !fragments[name]) return seen.has(name);
    seen.add(name);
    return onlyIntrospection(fragments[name], fragments, seen);
  });
}

export const unauthenticatedError = (message = 'Authentication required: send Authorization: Bearer <token>.') =>
  new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });

/**
 * Without credentials, only introspection is answered (so GraphiQL can load the schema);
 * any other operation gets UNAUTHENTICATED before a resolver runs.
 */
export const authenticationGuardPlugin: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ contextValue, operation, document }) {
        if (contextValue.rc.actor) return;
        // An operationName that is not in the document: without credentials, that is still UNAUTHENTICATED.
        if (!operation) throw unauthenticatedError();
        const fragments: Record<string, SelectionSetNode> = {};
        for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d.selectionSet;
        if (!onlyIntrospection(operation.selectionSet, fragments)) throw unauthenticatedError();
      },
    };
  },
};
