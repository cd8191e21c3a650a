import { type ASTNode, type DocumentNode, Kind, parse, type ValueNode, visit } from 'graphql';

const LITERAL_KINDS = new Set<string>([Kind.INT, Kind.FLOAT, Kind.STRING, Kind.BOOLEAN, Kind.NULL, Kind.ENUM, Kind.LIST, Kind.OBJECT]);

/** Whether a node is a literal value written in the document (a variable is not). */
export const isLiteral = (node: ASTNode | undefined): node is ValueNode => Boolean(node && LITERAL_KINDS.has(node.kind));

function find(value: ValueNode, target: { kind: string; start: number }, path: string[]): string[] | null {
  if (value.kind === target.kind && value.loc?.start === target.start) return path;
  if (value.kind === Kind.OBJECT) {
    for (const field of value.fields) {
      const found = find(field.value, target, [...path, field.name.value]);
      if (found) return found;
    }
  }
  if (value.kind === Kind.LIST) {
    for (const [i, item] of value.values.entries()) {
      const found = find(item, target, [...path, String(i)]);
      if (found) return found;
    }
  }
  return null;
}

/**
 * The path of a literal argument value in a document, from the argument's name down through
 * input fields and list positions: `customers(filter: { regions: [EUROPE, MARS] })` gives
 * ["filter", "regions", "1"] for MARS. Null when the value is not inside an argument.
 */
export function literalPath(document: DocumentNode, value: ValueNode): string[] | null {
  const target = { kind: value.kind, start: value.loc?.start ?? -1 };
  let path: string[] | null = null;
  visit(document, {
    Argument(argument) {
      path ??= find(argument.value, target, [argument.name.value]);
      return false;
    },
  });
  return path;
}

/** literalPath for a document given as text (an error's source), or null when it does not parse. */
export function literalPathIn(body: string, value: ValueNode): string[] | null {
  try {
    return literalPath(parse(body), value);
  } catch {
    return null;
  }
}
