import { type EntityManager, type EntityMetadata, type EntityTarget, type ObjectLiteral } from 'typeorm';

/*
 * Reads planned from a selection: one statement per root field, whose nested parts (a customer,
 * a list of services, a page of incidents ...) are subqueries that PostgreSQL turns into JSON.
 * A selection names the entity properties it needs; the SQL selects those columns only and the
 * rows come back as plain objects with the entity's property names (no entity hydration).
 */

/** Named parameters of one planned statement (TypeORM's `:name` form). */
export class SqlParams {
  readonly values: Record<string, unknown> = {};
  private n = 0;

  /** The placeholder of a new parameter holding `value`. */
  add(value: unknown): string {
    const name = `plan${++this.n}`;
    this.values[name] = value;
    return `:${name}`;
  }
}

/**
 * A nested part of a planned read that another area contributes (say, an agreement's last
 * incidents, read by the incidents area): the SQL of one value per parent row (a scalar subquery
 * over `parent`, the alias of the parent table), and how that value (JSON) is read back.
 */
export interface NestedRead<T = unknown> {
  sql(parent: string, params: SqlParams): string;
  /** The value of parent `parentId` from its JSON. */
  decode(json: unknown, parentId: string): T;
}

/** The columns of an entity a planned read may select, by property name. */
export class PlannedColumns<E extends ObjectLiteral> {
  private readonly columns: Map<string, { column: string; date: boolean }>;

  constructor(readonly metadata: EntityMetadata) {
    this.columns = new Map(
      metadata.columns.map((c) => [c.propertyName, { column: c.databaseName, date: ['timestamptz', 'timestamp with time zone', 'timestamp'].includes(String(c.type)) }]),
    );
  }

  static of<E extends ObjectLiteral>(em: EntityManager, entity: EntityTarget<E>): PlannedColumns<E> {
    return new PlannedColumns<E>(em.connection.getMetadata(entity));
  }

  /** The known properties among `props` (with `always`), each once; unknown names are dropped. */
  pick(props: Iterable<string> | 'all', always: readonly (keyof E & string)[] = []): string[] {
    const wanted = props === 'all' ? [...this.columns.keys()] : [...always, ...props];
    return [...new Set(wanted)].filter((p) => this.columns.has(p));
  }

  /** SQL: a JSON object of row `alias` with the properties `props` (from pick). */
  jsonSql(alias: string, props: readonly string[], extra: Record<string, string> = {}): string {
    const pairs = [...props.map((p) => `'${p}', ${alias}.${this.columns.get(p)?.column}`), ...Object.entries(extra).map(([k, sql]) => `'${k}', ${sql}`)];
    // json_build_object takes at most 100 arguments: 50 properties per call, merged.
    const parts: string[] = [];
    for (let i = 0; i < pairs.length; i += 50) parts.push(`json_build_object(${pairs.slice(i, i + 50).join(', ')})`);
    if (parts.length === 0) return `json_build_object()`;
    return parts.length === 1 ? parts[0] : `(${parts.map((p) => `${p}::jsonb`).join(' || ')})::json`;
  }

  /** SQL: the select list of row `alias` with the properties `props`, each under its property name. */
  selectSql(alias: string, props: readonly string[]): string {
    return props.map((p) => `${alias}.${this.columns.get(p)?.column} AS "${p}"`).join(', ');
  }

  /** A row read back from JSON (or from a plain select): timestamps as Dates. */
  decode(row: Record<string, unknown>): E {
    for (const key of Object.keys(row)) {
      const v = row[key];
      if (v != null && !(v instanceof Date) && this.columns.get(key)?.date) row[key] = new Date(v as string);
    }
    return row as E;
  }
}

/** A JSON value from the driver: pg parses json columns, PGlite too; a string is parsed here. */
export function jsonValue(v: unknown): unknown {
  return typeof v === 'string' ? JSON.parse(v) : v;
}
