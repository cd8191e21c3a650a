import fc from 'fast-check';
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { toGlobalId } from '../../src/common/global-id';

/**
 * fast-check arbitraries for the arguments of any field of the schema, read from its types: well
 * formed values and every kind of client mistake (wrong types, bad enum values, Int out of range
 * or fractional, malformed ids, ids of another type, NUL characters, huge strings and long lists,
 * invalid dates and durations), mixed so that one request may carry several.
 */

/** Ids the world holds, by node type, so that a valid id of another type can be sent. */
export type KnownIds = Record<string, string[]>;

const NODE_TYPES = ['Provider', 'Customer', 'Segment', 'Service', 'ApiKey', 'Agreement', 'AgreementRevision', 'Objective', 'BusinessCalendar', 'Incident', 'WebhookEndpoint', 'WebhookDelivery', 'Review', 'ReviewActionItem', 'Escalation'];

const HUGE = 'x'.repeat(100_000);
const withNul = fc.string({ maxLength: 8 }).map((s) => `${s}\u0000${s}`);
const anyWrongScalar = fc.oneof(fc.constant(true), fc.constant(12.5), fc.constant({ nested: 1 }), fc.constant([1, 2]));

/**
 * Each scalar: values of its type (which may still be nonsense to the domain: ids of another type,
 * NUL characters, huge strings, extreme numbers and dates) and, `typed` false, values of no such
 * type (which GraphQL refuses before anything runs).
 */
type Scalars = Record<string, { typed: fc.Arbitrary<unknown>; wrong: fc.Arbitrary<unknown> }>;

/** The node type an ID field or argument probably names: `customer`, `includedCustomers`, `notifyWebhookEndpoints`, `revision`, ... */
function typeNamed(hint: string | undefined, known: KnownIds): string | undefined {
  if (!hint) return undefined;
  const word = hint.replace(/^(notify|included|excluded)/, '').replace(/s$/, '').toLowerCase();
  const aliases: Record<string, string> = { revision: 'AgreementRevision', calendar: 'BusinessCalendar', parent: 'Agreement', template: 'Agreement', delivery: 'WebhookDelivery', actionitem: 'ReviewActionItem', item: 'ReviewActionItem', endpoint: 'WebhookEndpoint' };
  return aliases[word] ?? Object.keys(known).find((type) => type.toLowerCase() === word);
}

function scalars(known: KnownIds, hint?: string): Scalars {
  const real = Object.values(known).flat();
  const hinted = known[typeNamed(hint, known) ?? ''] ?? [];
  const string = fc.oneof(
    { weight: 4, arbitrary: fc.string({ maxLength: 20 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 10 }) },
    { weight: 2, arbitrary: fc.constantFrom('P1', 'P2', 'EUR', 'DE', 'BY', 'Europe/Berlin', '12500.00', '2026-12-24', '2026-02-31', '09:00', '24:00', 'https://example.com/hook', 'incident.breached', 'a@example.com', ' ', '') },
    { weight: 1, arbitrary: withNul },
    { weight: 1, arbitrary: fc.constant(HUGE) },
  );
  return {
    ID: {
      typed: fc.oneof(
        { weight: 8, arbitrary: hinted.length > 0 ? fc.constantFrom(...hinted) : fc.constant('x') }, // most likely of the right type, so that resolvers go on
        { weight: 2, arbitrary: real.length > 0 ? fc.constantFrom(...real) : fc.constant('x') }, // of any type
        { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...NODE_TYPES), fc.uuid()).map(([type, uuid]) => toGlobalId(type, uuid)) }, // nothing behind it
        { weight: 1, arbitrary: fc.constantFrom('x', '', 'not-an-id', '00000000-0000-0000-0000-000000000000', toGlobalId('Customer', 'not-a-uuid'), toGlobalId('Nope', '1'), 'a'.repeat(5000), '7') },
        { weight: 1, arbitrary: withNul },
      ),
      wrong: fc.oneof(fc.double({ noNaN: true }), anyWrongScalar),
    },
    String: { typed: string, wrong: fc.oneof(fc.integer(), anyWrongScalar) },
    Int: {
      typed: fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: -1, max: 25 }) }, // pages, versions, levels, weekdays
        { weight: 1, arbitrary: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }) },
        { weight: 1, arbitrary: fc.constantFrom(0, -1, 101, 2 ** 31 - 1, -(2 ** 31)) },
      ),
      wrong: fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 1.5, -0.5, Number.MAX_SAFE_INTEGER, '7', true),
    },
    Float: {
      typed: fc.oneof({ weight: 4, arbitrary: fc.double({ min: -10, max: 200, noNaN: true }) }, { weight: 1, arbitrary: fc.constantFrom(1e308, -1e308, 5e-324, 0, -0, 100.0000001, 99.9999999, 1e-7) }),
      wrong: fc.constantFrom('99.9', true, [1]),
    },
    Boolean: { typed: fc.boolean(), wrong: fc.constantFrom('true', 0, 1) },
    DateTime: {
      typed: fc.oneof(
        { weight: 4, arbitrary: fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()) },
        { weight: 1, arbitrary: fc.constantFrom('0001-01-01T00:00:00Z', '1970-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z', '2026-06-01T00:00:00+14:00', '2026-03-29T02:30:00+01:00') },
      ),
      wrong: fc.constantFrom('not-a-date', '2026-02-31T00:00:00Z', '2026-01-01', '275760-09-13T00:00:00Z', '', 1700000000000),
    },
    Duration: {
      typed: fc.constantFrom('PT15M', 'PT1H', 'PT8H', 'P1D', 'P5D', 'PT30M', 'PT1S', 'PT0S', 'P1Y', 'P1M', 'P1W', 'P99999999D', 'PT0.5S', 'PT1000000H'),
      wrong: fc.constantFrom('soon', '', 'P', 'PT', '15 minutes', 900),
    },
  };
}

/**
 * Values for an input type. `typed`: of that type at every depth (the resolvers run and meet the
 * nonsense); not `typed`: sometimes not (null, another kind, unknown fields), refused with 400.
 */
export function valueArbitrary(type: GraphQLInputType, known: KnownIds, typed: boolean, hint?: string, depth = 0): fc.Arbitrary<unknown> {
  const table = scalars(known, hint);
  const wrongOr = (arbitrary: fc.Arbitrary<unknown>, wrong: fc.Arbitrary<unknown>) => (typed ? arbitrary : fc.oneof({ weight: 6, arbitrary }, { weight: 1, arbitrary: wrong }));
  if (isNonNullType(type)) return wrongOr(valueArbitrary(type.ofType, known, typed, hint, depth), fc.constant(null));
  if (isListType(type)) {
    const item = valueArbitrary(type.ofType as GraphQLInputType, known, typed, hint, depth + 1);
    const itemType = getNamedType(type.ofType);
    return fc.oneof(
      { weight: 6, arbitrary: fc.array(item, { maxLength: depth > 2 ? 1 : 3 }) },
      { weight: 1, arbitrary: item }, // a single value where a list is expected (GraphQL coerces it)
      // A long list: of small simple values (ids, strings, enums), or a few hundred small objects (the body stays under its limit).
      {
        weight: 1,
        arbitrary: item.filter((v) => (JSON.stringify(v) ?? '').length < 300).map((v) => Array.from({ length: isLeafType(itemType) ? 5000 : 300 }, () => v)),
      },
    );
  }
  if (isEnumType(type)) return wrongOr(fc.constantFrom(...type.getValues().map((v) => v.value as unknown)), fc.constantFrom('NOT_A_VALUE', 'p1', 3, ''));
  if (isScalarType(type)) {
    const scalar = table[type.name] ?? { typed: table.String.typed, wrong: anyWrongScalar };
    return wrongOr(scalar.typed, scalar.wrong);
  }
  if (isInputObjectType(type)) {
    if (depth > 4) return fc.constant(undefined);
    const fields = Object.values(type.getFields());
    const required = fields.filter((f) => isNonNullType(f.type) && f.defaultValue === undefined).map((f) => f.name);
    // Required fields are given (when typed), optional ones sometimes left out.
    // An input's `id` is the object the mutation is about: the hint it came with.
    const record = fc.record(Object.fromEntries(fields.map((f) => [f.name, valueArbitrary(f.type, known, typed, f.name === 'id' ? hint : f.name, depth + 1)])), { requiredKeys: typed ? required : [] });
    return wrongOr(record, fc.oneof(record.map((r) => ({ ...r, notAField: 1 })), table.String.typed, fc.integer()));
  }
  return fc.constant(null);
}

/** The variables of one call of `field`: each argument given a value, optional ones sometimes left out. */
export function argumentsArbitrary(field: GraphQLField<unknown, unknown>, known: KnownIds): fc.Arbitrary<Record<string, unknown>> {
  const required = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined).map((a) => a.name);
  // customerUpdate(input: { id }) is about a Customer, revisionPropose about a revision.
  const about = /^[a-z]+(?=[A-Z])/.exec(field.name)?.[0] ?? field.name;
  const hintOf = (a: GraphQLArgument) => (a.name === 'id' || a.name === 'input' || a.name === 'ids' ? about : a.name);
  const call = (typed: boolean) =>
    fc.record(Object.fromEntries(field.args.map((a: GraphQLArgument) => [a.name, valueArbitrary(a.type, known, typed, hintOf(a))])), { requiredKeys: typed ? required : [] });
  // Most calls are well typed, so that resolvers run; the others test what GraphQL refuses.
  return fc.oneof({ weight: 3, arbitrary: call(true) }, { weight: 1, arbitrary: call(false) });
}

/** The fields of an answer that take no required argument, `levels` deep (what was written is read back). */
function selectionOf(type: GraphQLOutputType, levels: number): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (!isObjectType(named)) return ' { __typename }';
  const fields = Object.values(named.getFields()).filter((f) => f.args.every((a) => !isNonNullType(a.type) || a.defaultValue !== undefined));
  const parts = fields.flatMap((f) => {
    if (isLeafType(getNamedType(f.type))) return [f.name];
    if (levels <= 1 || f.args.length > 0) return [];
    return [`${f.name}${selectionOf(f.type, levels - 1)}`];
  });
  return ` { __typename ${parts.join(' ')} }`;
}

/** A document calling `field` of the root `operation` with one variable per argument; a payload's objects are read back. */
export function documentFor(operation: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const variables = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = selectionOf(field.type, operation === 'mutation' ? 2 : 1);
  return `${operation} Fuzz${variables ? `(${variables})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection} }`;
}

/** The root fields with arguments of the schema's queries and mutations, as the built schema has them. */
export function rootFieldsWithArguments(schema: GraphQLSchema): { operation: 'query' | 'mutation'; field: GraphQLField<unknown, unknown> }[] {
  const roots = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ] as const;
  return roots.flatMap(([operation, type]) =>
    Object.values(type?.getFields() ?? {})
      .filter((f) => f.args.length > 0)
      .map((field) => ({ operation, field })),
  );
}

/**
 * The fields with arguments of every node type the world holds an object of, called through
 * `node(id:)` on that object: `Agreement.revisionAt(at:)`, `AgreementRevision.diff(against:)`, ...
 */
export function nodeFieldsWithArguments(schema: GraphQLSchema, known: KnownIds): { type: string; id: string; field: GraphQLField<unknown, unknown> }[] {
  return Object.entries(known).flatMap(([typeName, ids]) => {
    const type = schema.getType(typeName);
    if (!isObjectType(type) || ids.length === 0) return [];
    return Object.values(type.getFields())
      .filter((f) => f.args.length > 0)
      .map((field) => ({ type: typeName, id: ids[0], field }));
  });
}

/** A document calling `field` of the node `$nodeId` of `type`, with one variable per argument. */
export function nodeDocumentFor(type: string, field: GraphQLField<unknown, unknown>): string {
  const variables = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  return `query Fuzz($nodeId: ID!${variables ? `, ${variables}` : ''}) { node(id: $nodeId) { ... on ${type} { ${field.name}(${args})${selectionOf(field.type, 1)} } } }`;
}
