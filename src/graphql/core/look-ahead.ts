import { type GraphQLResolveInfo } from 'graphql';
import { parseResolveInfo, type ResolveTree } from 'graphql-parse-resolve-info';

/*
 * Look-ahead: what a request selects under a field, read from its resolve info (fragments,
 * aliases, @skip and @include resolved by graphql-parse-resolve-info), so that a root resolver
 * can read the nested selection in one statement. The fields a plan read are handed to the
 * objects it returns (`setPlanned`); their field resolvers take them (`plannedOf`) and load
 * through the loaders whatever the plan left out.
 */

/** Selected fields by response key (alias or name). */
export type Fields = Record<string, ResolveTree>;

/** The tree of the field being resolved. */
export function lookAhead(info: GraphQLResolveInfo): ResolveTree | null {
  return (parseResolveInfo(info) as ResolveTree | null | undefined) ?? null;
}

const sameArgs = (a: ResolveTree, b: ResolveTree) => a.name === b.name && JSON.stringify(a.args) === JSON.stringify(b.args);

/**
 * Two selections of the same response key merged (their sub-selections together), or null
 * when they differ in field or arguments (legal under different parents, say `edges.node` and
 * `nodes` of one connection): such a field is left to its resolver.
 */
function merge(a: ResolveTree, b: ResolveTree): ResolveTree | null {
  if (!sameArgs(a, b)) return null;
  const byType: ResolveTree['fieldsByTypeName'] = { ...a.fieldsByTypeName };
  for (const [type, fields] of Object.entries(b.fieldsByTypeName)) {
    const merged = mergeFields([byType[type] ?? {}, fields]);
    byType[type] = merged;
  }
  return { ...a, fieldsByTypeName: byType };
}

/** Several selection sets of one object merged; keys selected differently in two of them are dropped. */
export function mergeFields(sets: Fields[]): Fields {
  const out: Fields = {};
  const dropped = new Set<string>();
  for (const set of sets) {
    for (const [key, tree] of Object.entries(set)) {
      if (dropped.has(key)) continue;
      const before = out[key];
      if (!before) {
        out[key] = tree;
        continue;
      }
      const merged = merge(before, tree);
      if (merged) out[key] = merged;
      else {
        delete out[key];
        dropped.add(key);
      }
    }
  }
  return out;
}

/** The fields selected on an object of `typeNames` (the type and the interfaces it implements) under `tree`. */
export function fieldsOn(tree: ResolveTree | null | undefined, typeNames: readonly string[]): Fields {
  if (!tree) return {};
  return mergeFields(typeNames.map((t) => tree.fieldsByTypeName[t] ?? {}));
}

/** The fields selected on the nodes of a connection (under `edges { node }` and `nodes` together). */
export function connectionNodeFields(tree: ResolveTree | null | undefined, connection: string, edge: string, nodeTypes: readonly string[]): Fields {
  const top = fieldsOn(tree, [connection]);
  const sets: Fields[] = [];
  for (const f of Object.values(top)) {
    if (f.name === 'nodes') sets.push(fieldsOn(f, nodeTypes));
    if (f.name === 'edges') for (const e of Object.values(fieldsOn(f, [edge]))) if (e.name === 'node') sets.push(fieldsOn(e, nodeTypes));
  }
  return mergeFields(sets);
}

/** Whether a connection's selection asks for a field at its top (say `totalCount`). */
export function selectsOnConnection(tree: ResolveTree, connection: string, field: string): boolean {
  return Object.values(fieldsOn(tree, [connection])).some((f) => f.name === field);
}

/** The selections of field `name` under `fields` (every alias). */
export function selectionsOf(fields: Fields, name: string): ResolveTree[] {
  return Object.values(fields).filter((f) => f.name === name);
}

/**
 * The entity properties `fields` need, from a table of what each field reads; a field the table
 * does not know needs the whole row ('all'), so that an unplanned field resolver finds what it
 * reads. `null` in the table: nothing (say `__typename`).
 */
export function propsFor(fields: Fields, table: Record<string, readonly string[] | null>): string[] | 'all' {
  const out = new Set<string>(['id']);
  for (const f of Object.values(fields)) {
    if (f.name === '__typename') continue;
    if (!(f.name in table)) return 'all';
    for (const p of table[f.name] ?? []) out.add(p);
  }
  return [...out];
}

const PLANNED = Symbol('planned');

/** Hands the planned value of the field at response key `key` to `object` (the field's parent). */
export function setPlanned(object: object, key: string, value: unknown): void {
  const o = object as { [PLANNED]?: Map<string, unknown> };
  (o[PLANNED] ??= new Map()).set(key, value);
}

/** What the plan read for the field being resolved on `object`, or undefined (load it). */
export function plannedOf<T>(object: object, info: GraphQLResolveInfo): { value: T } | undefined {
  const map = (object as { [PLANNED]?: Map<string, unknown> })[PLANNED];
  const key = String(info.path.key);
  return map?.has(key) ? { value: map.get(key) as T } : undefined;
}
