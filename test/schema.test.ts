import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  getNamedType,
  type GraphQLField,
  type GraphQLSchema,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLType,
} from 'graphql';
import { getSchema } from '../src/graphql/schema';
import { schemaSdl } from '../src/graphql/schema-sdl';

/**
 * The schema is a promise to our users: the committed schema.graphql is what the code serves,
 * and the schema follows the API conventions (Node, one-input mutations with userErrors,
 * paginated connections).
 */

const SCHEMA_FILE = path.resolve(__dirname, '../schema.graphql');

/** Null when the committed schema matches the code; otherwise what differs and how to fix it. */
function schemaDrift(committed: string, emitted: string): string | null {
  if (committed === emitted) return null;
  const a = committed.split('\n');
  const b = emitted.split('\n');
  const line = a.findIndex((l, i) => l !== b[i]);
  const at = line === -1 ? a.length : line;
  return [
    'schema.graphql is out of date with the code. Run `npm run schema:emit` and commit the result.',
    `First difference at line ${at + 1}:`,
    `  committed: ${JSON.stringify(a[at] ?? '<end of file>')}`,
    `  code:      ${JSON.stringify(b[at] ?? '<end of file>')}`,
  ].join('\n');
}

/** Every field of every object type, as `Type.field`. */
function objectFields(schema: GraphQLSchema): [string, GraphQLField<unknown, unknown>][] {
  return Object.values(schema.getTypeMap())
    .filter((type) => isObjectType(type) && !type.name.startsWith('__'))
    .flatMap((type) => (isObjectType(type) ? Object.values(type.getFields()).map((f) => [`${type.name}.${f.name}`, f] as [string, GraphQLField<unknown, unknown>]) : []));
}

const isNonNullListOfNonNull = (type: GraphQLType, name: string) =>
  isNonNullType(type) && isListType(type.ofType) && isNonNullType(type.ofType.ofType) && getNamedType(type).name === name;

describe('schema', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await getSchema();
  });

  it('committed schema.graphql is what the code emits', async () => {
    const drift = schemaDrift(readFileSync(SCHEMA_FILE, 'utf8'), await schemaSdl());
    expect(drift).toBeNull();
  });

  it('every type with an `id: ID!` implements Node', () => {
    const withId = Object.values(schema.getTypeMap()).filter((type) => {
      if (!isObjectType(type) || type.name.startsWith('__')) return false;
      const id = type.getFields().id;
      return id !== undefined && isNonNullType(id.type) && isScalarType(id.type.ofType) && id.type.ofType.name === 'ID';
    });
    expect(withId.map((type) => type.name)).toEqual(expect.arrayContaining(['Customer', 'Segment', 'Service', 'Provider']));

    const node = schema.getType('Node');
    expect(isInterfaceType(node)).toBe(true);
    const notNodes = withId.filter((type) => isObjectType(type) && !type.getInterfaces().some((i) => i.name === 'Node')).map((type) => type.name);
    expect(notNodes).toEqual([]);
  });

  it('every mutation takes one argument, `input`, and returns a payload with `userErrors: [UserError!]!`', () => {
    const mutations = Object.values(schema.getMutationType()?.getFields() ?? {});
    expect(mutations.length).toBeGreaterThan(5);

    const problems = mutations.flatMap((m) => {
      const found: string[] = [];
      const args = m.args.map((a) => a.name);
      if (args.length !== 1 || args[0] !== 'input') found.push(`Mutation.${m.name} takes (${args.join(', ')}); it should take exactly (input)`);
      else if (!isNonNullType(m.args[0].type)) found.push(`Mutation.${m.name}(input:) should be required (non-null)`);
      const payload = getNamedType(m.type);
      const userErrors = isObjectType(payload) ? payload.getFields().userErrors : undefined;
      if (!isNonNullType(m.type) || !isObjectType(payload)) found.push(`Mutation.${m.name} should return a non-null payload object`);
      else if (!userErrors || !isNonNullListOfNonNull(userErrors.type, 'UserError')) found.push(`${payload.name} should have userErrors: [UserError!]!`);
      return found;
    });
    expect(problems).toEqual([]);
  });

  it('every field returning a Connection takes `first` and `after`', () => {
    const connections = objectFields(schema).filter(([, f]) => getNamedType(f.type).name.endsWith('Connection'));
    expect(connections.map(([name]) => name)).toEqual(expect.arrayContaining(['Query.customers', 'Customer.segments', 'Segment.customers']));

    const problems = connections.flatMap(([name, f]) => {
      const first = f.args.find((a) => a.name === 'first');
      const after = f.args.find((a) => a.name === 'after');
      const found: string[] = [];
      if (!first || getNamedType(first.type).name !== 'Int') found.push(`${name} should take first: Int`);
      else if (first.defaultValue !== 20) found.push(`${name}(first:) should default to 20, not ${String(first.defaultValue)}`);
      if (!after || getNamedType(after.type).name !== 'String') found.push(`${name} should take after: String`);
      return found;
    });
    expect(problems).toEqual([]);
  });
});
