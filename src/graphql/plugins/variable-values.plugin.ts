import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import {
  coerceInputValue,
  type GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  isInputType,
  isNonNullType,
  type OperationDefinitionNode,
  print,
  typeFromAST,
} from 'graphql';

/** One variable value that does not fit its declared type: the path into the variables (["i", "at"]) and why. */
export interface VariableProblem {
  field: string[];
  message: string;
  locations?: GraphQLFormattedError['locations'];
}

const MAX_PROBLEMS = 50;
const MAX_SHOWN_VALUE = 120;
const MAX_REASON = 300;

/** A message that quotes a client's value is cut short: a huge value is not echoed back. */
export const shorten = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max)}...` : text);
const shown = (value: unknown): string => shorten(JSON.stringify(value) ?? String(value), MAX_SHOWN_VALUE);

/**
 * Every variable of `operation` whose value does not coerce to its declared type (wrong type, bad
 * enum value, Int out of range or fractional, invalid DateTime or Duration, missing or null when
 * required), with the path of the value at fault. What graphql-js checks before executing, but
 * with the path as data, and never echoing a huge value back.
 */
export function variableProblems(schema: GraphQLSchema, operation: OperationDefinitionNode, values: Record<string, unknown>): VariableProblem[] {
  const problems: VariableProblem[] = [];
  for (const definition of operation.variableDefinitions ?? []) {
    if (problems.length >= MAX_PROBLEMS) break;
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type);
    if (!type || !isInputType(type)) continue; // the document's validation refuses these
    const locations = definition.loc ? [{ line: definition.loc.startToken.line, column: definition.loc.startToken.column }] : undefined;
    const declared = print(definition.type);
    if (!Object.prototype.hasOwnProperty.call(values, name) || values[name] === undefined) {
      if (isNonNullType(type) && !definition.defaultValue) problems.push({ field: [name], message: `Variable "$${name}" of required type "${declared}" was not provided.`, locations });
      continue;
    }
    const value = values[name];
    if (value === null && isNonNullType(type)) {
      problems.push({ field: [name], message: `Variable "$${name}" of non-null type "${declared}" must not be null.`, locations });
      continue;
    }
    coerceInputValue(value, type, (path, invalid, error: GraphQLError) => {
      if (problems.length >= MAX_PROBLEMS) return;
      const at = path.length > 0 ? ` at "${[name, ...path].map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('')}"` : '';
      problems.push({ field: [name, ...path.map(String)], message: `Variable "$${name}" got invalid value ${shown(invalid)}${at}; ${shorten(error.message, MAX_REASON)}`, locations });
    });
  }
  return problems;
}

/**
 * Answers a request whose variables do not fit their types with HTTP 400 and one BAD_USER_INPUT
 * error per value at fault, each naming its path (`extensions.field`, e.g. ["i", "at"]), before
 * anything runs. (graphql-js would find them too, but the cost limit runs earlier and choked on them.)
 */
export const variableValuesPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async responseForOperation({ schema, operation, request }) {
        // No operation of that name: execution answers OPERATION_RESOLUTION_FAILURE.
        if (!operation) return null;
        const problems = variableProblems(schema, operation, request.variables ?? {});
        if (problems.length === 0) return null;
        return {
          http: { status: 400, headers: new HeaderMap() },
          body: {
            kind: 'single',
            singleResult: {
              errors: problems.map((p) => ({ message: p.message, locations: p.locations, extensions: { code: 'BAD_USER_INPUT', field: p.field } })),
            },
          },
        };
      },
    };
  },
};
