import { type EntityManager, type EntityMetadata, type EntityTarget, type ObjectLiteral } from 'typeorm';

/*
 * Reads planned from a selection: one statement per root field, whose nested parts (a customer,
 * a list of services, a page of incidents ...) are subqueries that PostgreSQL turns into JSON.
 * A selection names the entity properties it needs; the SQL selects those columns only and the
 * rows come back as plain objects with the entity's property names (no entity hydration).
 */

/**
 * The parameters of one planned statement: named (TypeORM's `:name`, for a statement built on a
 * query builder) or numbered (`$n` from `first`, for a statement sent as it is).
 */
export class SqlParams {
  readonly values: Record<string, unknown> = {};
  readonly list: unknown[] = [];
  private n = 0;

  constructor(
    private readonly style: 'named' | 'numbered' = 'named',
    private readonly first = 1,
  ) {}

  /** The placeholder of a new parameter holding `value`. */
  add(value: unknown): string {
    if (this.style === 'numbered') {
      this.list.push(value);
      return `$${this.first + this.list.length - 1}`;
    }
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

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const known = new WeakMap<EntityMetadata, PlannedColumns<any>>();

/** The columns of an entity a planned read may select, by property name. */
export class PlannedColumns<E extends ObjectLiteral> {
  private readonly columns: Map<string, { column: string; date: boolean }>;

  /** The properties held as timestamps. */
  private readonly dates: string[];

  constructor(readonly metadata: EntityMetadata) {
    this.columns = new Map(
      metadata.columns.map((c) => [c.propertyName, { column: c.databaseName, date: ['timestamptz', 'timestamp with time zone', 'timestamp'].includes(String(c.type)) }]),
    );
    this.dates = [...this.columns].filter(([, c]) => c.date).map(([p]) => p);
  }

  static of<E extends ObjectLiteral>(em: EntityManager, entity: EntityTarget<E>): PlannedColumns<E> {
    const metadata = em.connection.getMetadata(entity);
    let columns = known.get(metadata);
    if (!columns) known.set(metadata, (columns = new PlannedColumns<E>(metadata)));
    return columns as PlannedColumns<E>;
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
    for (const key of this.dates) {
      const v = row[key];
      if (typeof v === 'string') row[key] = new Date(v);
    }
    return row as E;
  }
}

/** A JSON value from the driver: pg parses json columns, PGlite too; a string is parsed here. */
export function jsonValue(v: unknown): unknown {
  return typeof v === 'string' ? JSON.parse(v) : v;
}
