import type { GatewayExecutor, GatewayInterface, GatewaySchemaLoadOrUpdateCallback } from '@apollo/server-gateway-interface';
import { execute, type ExecutionResult, GraphQLError, type GraphQLSchema } from 'graphql';
import { compileQuery, type CompiledQuery, isCompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import { omittedDefaultsFiller } from './input-defaults';

export interface CompiledExecutorOptions {
  /** How many compiled operations are kept; the least recently used one goes first. */
  maxOperations: number;
}

/**
 * Executes operations with graphql-jit instead of graphql-js: each operation is compiled into a
 * function once and kept in a bounded cache keyed by the document's hash and operation name.
 * Apollo still parses, validates (depth, cost and the other limits), checks variables and runs
 * every plugin; only execution is swapped, through Apollo's gateway interface, which is the
 * executor hook Apollo Server offers.
 */
export function compiledExecutor(schema: GraphQLSchema, options: CompiledExecutorOptions): GatewayInterface & { readonly compiled: LRUCache<string, CompiledQuery> } {
  const compiled = new LRUCache<string, CompiledQuery>({ max: options.maxOperations });
  const withDefaults = omittedDefaultsFiller(schema);

  const executor: GatewayExecutor = async (request) => {
    // No operation of that name in the document: graphql-js says so in the words Apollo expects (a 400).
    if (!request.operation) return execute({ schema, document: request.document, operationName: request.request.operationName });
    const key = `${request.queryHash}\n${request.operationName ?? ''}`;
    let operation = compiled.get(key);
    if (!operation) {
      const result = compileQuery(schema, request.document, request.operationName ?? undefined);
      // Apollo validated the document already, so this is a document graphql-jit cannot compile: say why.
      if (!isCompiledQuery(result)) return result as ExecutionResult;
      operation = result;
      compiled.set(key, operation);
    }
    const variables = request.request.variables ?? {};
    const result = await operation.query(undefined, request.context, withDefaults ? withDefaults(request.operation, variables) : variables);
    return result.errors ? { ...result, errors: result.errors.map(asGraphQLJsError) } : result;
  };

  return {
    compiled,
    onSchemaLoadOrUpdate(callback: GatewaySchemaLoadOrUpdateCallback) {
      // The schema never changes while the server runs: Apollo gets it once, now.
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    async load() {
      return { executor };
    },
    async stop() {
      compiled.clear();
    },
  };
}

/**
 * graphql-jit's errors look like graphql-js's but leave `extensions` undefined when the cause has
 * none, which Apollo's error formatting does not expect; the error policy then classifies them by
 * their cause as usual.
 */
function asGraphQLJsError(error: GraphQLError): GraphQLError {
  const copy = new GraphQLError(error.message, { path: error.path, originalError: error.originalError ?? undefined, extensions: error.extensions ?? undefined });
  (copy as { locations?: GraphQLError['locations'] }).locations = error.locations;
  return copy;
}
