import {
  astFromValue,
  type GraphQLInputType,
  type GraphQLSchema,
  isInputObjectType,
  isListType,
  isNonNullType,
  type OperationDefinitionNode,
  typeFromAST,
  valueFromASTUntyped,
} from 'graphql';

type Variables = Record<string, unknown>;

/**
 * graphql-jit refuses a variable's input object that leaves out a non-null field with a default
 * value (`dryRun: Boolean! = false`), where graphql-js, as the spec says, takes the default. This
 * fills such fields in, as the client could have sent them, before graphql-jit reads the
 * variables. Null when the schema has no such field (nothing to do).
 */
export function omittedDefaultsFiller(schema: GraphQLSchema): ((operation: OperationDefinitionNode, variables: Variables) => Variables) | null {
  const needing = inputTypesNeedingDefaults(schema);
  if (needing.size === 0) return null;

  const fill = (value: unknown, type: GraphQLInputType): unknown => {
    if (isNonNullType(type)) return fill(value, type.ofType);
    if (value === null || value === undefined) return value;
    if (isListType(type)) return Array.isArray(value) ? value.map((item) => fill(item, type.ofType)) : fill(value, type.ofType);
    if (!isInputObjectType(type) || !needing.has(type.name) || typeof value !== 'object') return value;
    const filled: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const field of Object.values(type.getFields())) {
      if (field.name in filled) filled[field.name] = fill(filled[field.name], field.type);
      else if (isNonNullType(field.type) && field.defaultValue !== undefined) {
        const literal = astFromValue(field.defaultValue, field.type);
        if (literal) filled[field.name] = valueFromASTUntyped(literal);
      }
    }
    return filled;
  };

  return (operation, variables) => {
    let out = variables;
    for (const definition of operation.variableDefinitions ?? []) {
      const name = definition.variable.name.value;
      const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
      if (!type || !(name in variables)) continue;
      const filled = fill(variables[name], type);
      if (filled !== variables[name]) out = { ...out, [name]: filled };
    }
    return out;
  };
}

/** The input object types that have such a field, themselves or in an input type they hold. */
function inputTypesNeedingDefaults(schema: GraphQLSchema): Set<string> {
  const inputs = Object.values(schema.getTypeMap()).filter(isInputObjectType);
  const needing = new Set(inputs.filter((t) => Object.values(t.getFields()).some((f) => isNonNullType(f.type) && f.defaultValue !== undefined)).map((t) => t.name));
  const named = (type: GraphQLInputType): GraphQLInputType => (isNonNullType(type) || isListType(type) ? named(type.ofType) : type);
  for (let grew = true; grew; ) {
    grew = false;
    for (const t of inputs) {
      if (needing.has(t.name)) continue;
      if (Object.values(t.getFields()).some((f) => needing.has((named(f.type) as { name: string }).name))) {
        needing.add(t.name);
        grew = true;
      }
    }
  }
  return needing;
}
