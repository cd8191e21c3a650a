import {
  buildSchema as buildSdl,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isSpecifiedDirective,
  isSpecifiedScalarType,
  isUnionType,
} from 'graphql';
import { getSchema } from './schema';

/**
 * The schema documents itself: analysts explore it in GraphiQL's Docs explorer, so the schema,
 * every type, field, argument, input field and enum value carries a description. Only graphql's
 * own introspection types (`__*`) and built-in scalars and directives are left out.
 */

type Kind = 'schema' | 'type' | 'field' | 'argument' | 'inputField' | 'enumValue' | 'directive';

interface Element {
  kind: Kind;
  /** Schema coordinate: `Type`, `Type.field`, `Type.field(arg:)`, `Enum.VALUE`, `@directive(arg:)`. */
  coordinate: string;
  description: string | null | undefined;
}

const args = (owner: string, list: readonly GraphQLArgument[]): Element[] =>
  list.map((a) => ({ kind: 'argument', coordinate: `${owner}(${a.name}:)`, description: a.description }));

/** Every element of the schema that should be described, with its description. */
export function describableElements(schema: GraphQLSchema): Element[] {
  const elements: Element[] = [{ kind: 'schema', coordinate: 'schema', description: schema.description }];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || (isScalarType(type) && isSpecifiedScalarType(type))) continue;
    elements.push({ kind: 'type', coordinate: type.name, description: type.description });
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values<GraphQLField<unknown, unknown>>(type.getFields())) {
        const at = `${type.name}.${field.name}`;
        elements.push({ kind: 'field', coordinate: at, description: field.description }, ...args(at, field.args));
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values<GraphQLInputField>(type.getFields())) {
        elements.push({ kind: 'inputField', coordinate: `${type.name}.${field.name}`, description: field.description });
      }
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) {
        elements.push({ kind: 'enumValue', coordinate: `${type.name}.${value.name}`, description: value.description });
      }
    } else if (!isUnionType(type) && !isScalarType(type)) {
      throw new Error(`Unknown kind of type: ${String(type)}`);
    }
  }
  for (const directive of schema.getDirectives()) {
    if (isSpecifiedDirective(directive)) continue;
    const at = `@${directive.name}`;
    elements.push({ kind: 'directive', coordinate: at, description: directive.description }, ...args(at, directive.args));
  }
  return elements;
}

const isDescribed = (e: Element) => typeof e.description === 'string' && e.description.trim() !== '';

/** The coordinates of what lacks a description. */
export function undescribed(schema: GraphQLSchema): string[] {
  return describableElements(schema)
    .filter((e) => !isDescribed(e))
    .map((e) => e.coordinate);
}

/** Described / total per kind, e.g. `{ field: '1059/1059' }`. */
function counts(schema: GraphQLSchema): Record<string, string> {
  const byKind = new Map<Kind, { described: number; total: number }>();
  for (const e of describableElements(schema)) {
    const c = byKind.get(e.kind) ?? { described: 0, total: 0 };
    c.total++;
    if (isDescribed(e)) c.described++;
    byKind.set(e.kind, c);
  }
  return Object.fromEntries([...byKind].map(([kind, c]) => [kind, `${c.described}/${c.total}`]));
}

describe('schema descriptions', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await getSchema();
  });

  it('describe the schema and every type, field, argument, input field and enum value', () => {
    // Each element listed under `undescribed` needs a `description` in its decorator
    // (`@Field({ description })`, `@Arg('x', { description })`, `registerEnumType(E, { valuesConfig })`, ...).
    expect({ undescribed: undescribed(schema), describedPerKind: counts(schema) }).toEqual({ undescribed: [], describedPerKind: expect.any(Object) });
  });

  it('the guide at the schema root says how to authenticate and where to start', () => {
    expect(schema.description).toEqual(expect.stringContaining('Authorization'));
    expect(schema.description).toEqual(expect.stringContaining('viewer'));
  });

  describe('the check', () => {
    const sdl = (text: string) => buildSdl(text);

    it('finds every kind of element without a description, by coordinate', () => {
      const found = undescribed(
        sdl(`
          "The root" schema { query: Query }
          """A query"""
          type Query { a(x: Int, "y" y: Int): Color "b" b(z: In): U i: I }
          enum Color { RED "Green" GREEN }
          input In { p: Int "q" q: Int }
          union U = Query
          interface I { f: Int }
          scalar Money
          directive @cached(ttl: Int) on FIELD_DEFINITION
        `),
      );
      expect(found).toEqual(['Query.a', 'Query.a(x:)', 'Query.b(z:)', 'Query.i', 'Color', 'Color.RED', 'In', 'In.p', 'U', 'I', 'I.f', 'Money', '@cached', '@cached(ttl:)']);
    });

    it.each([
      ['an empty description', `type Query { "" a: Int }`, ['schema', 'Query', 'Query.a']],
      ['a blank description', `"  " type Query { "a" a: Int }`, ['schema', 'Query']],
      ['none described', `type Query { a: Int }`, ['schema', 'Query', 'Query.a']],
      ['built-in scalars, directives and introspection types are left out', `"q" type Query { "a" a("x" x: String @deprecated): Boolean @deprecated }`, ['schema']],
    ])('%s', (_, text, expected) => {
      expect(undescribed(sdl(text))).toEqual(expected);
    });
  });
});
