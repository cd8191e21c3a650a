import { type ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, getOperationAST, getVariableValues, GraphQLError, type GraphQLSchema } from 'graphql';
import { type ComplexityEstimator, fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { type GraphQLContext } from '../core/graphql-context';

/**
 * A list field costs what one item costs, times how many items it may return (`first`, or
 * the number of `ids`), so `customers(first: 100) { segments(first: 100) { ... } }` costs
 * ten thousand items, not two fields. A field that is expensive by itself declares its cost
 * (`@Field({ complexity })`).
 */
const listAwareEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const first = typeof args.first === 'number' ? args.first : undefined;
  const ids = Array.isArray(args.ids) ? args.ids.length : undefined;
  const items = first ?? ids;
  if (items === undefined) return undefined;
  return 1 + Math.max(items, 1) * childComplexity;
};

/**
 * Throws QUERY_TOO_COSTLY when the operation's estimated cost exceeds `maxCost` (HTTP and WebSocket
 * alike); otherwise answers the cost (what the rate limit consumes). An operation that is not in
 * the document, or variables that do not fit their types, are left to the checks that name them:
 * nothing runs then, so there is no cost to refuse (null).
 */
export function assertAffordable(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>, maxCost: number): number | null {
  const operation = getOperationAST(document, operationName);
  if (!operation) return null;
  if (getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 1 }).errors) return null;
  const cost = getComplexity({
    schema,
    query: document,
    operationName,
    variables,
    estimators: [listAwareEstimator, fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
  });
  if (cost > maxCost) {
    throw new GraphQLError(`This query costs ${cost}, more than the limit of ${maxCost}. Ask for fewer items per page (first) or fewer nested lists.`, {
      extensions: { code: 'QUERY_TOO_COSTLY', limit: maxCost, found: cost, cost, maxCost, http: { status: 400 } },
    });
  }
  return cost;
}

/** Rejects an operation whose estimated cost exceeds `maxCost`, before anything runs; records the cost of the others. */
export function costLimitPlugin(maxCost: number): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, contextValue }) {
          const cost = assertAffordable(schema, document, request.operationName ?? undefined, request.variables ?? {}, maxCost);
          if (contextValue.facts && cost !== null) contextValue.facts.cost = cost;
        },
      };
    },
  };
}
