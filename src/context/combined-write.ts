import { queryPrepared } from './prepared-query';
import { type RequestContext } from './request-context';

/** One write of a combined statement: its own SQL with its own $1, $2 ... and, if wanted, what to do with the rows it returns. */
interface Part {
  sql: string;
  params: unknown[];
  onRows?: (rows: Record<string, unknown>[]) => Promise<void> | void;
}

/**
 * Writes gathered from several places (an area and the areas reacting to it) sent as ONE
 * statement, each as a data-modifying CTE: one round trip however many parts. Parts are
 * independent of each other (each sees the database as it was before the statement, as every
 * CTE of one statement does); foreign keys between their rows are checked at the end of the
 * statement, so a part may insert rows that refer to another part's. Parts that want the rows
 * they return (RETURNING) get them once the statement has run, in the order they were added.
 * A part's SQL names its parameters $1, $2 ... and must contain no other `$` sign. A part that
 * only selects must start with SELECT (it is then referenced, so that it runs).
 */
export class CombinedWrite {
  private readonly parts: Part[] = [];

  add(sql: string, params: unknown[], onRows?: Part['onRows']): void {
    this.parts.push({ sql, params, onRows });
  }

  get size(): number {
    return this.parts.length;
  }

  /** The one statement and its parameters (exposed for tests). */
  statement(): { sql: string; params: unknown[] } {
    const params: unknown[] = [];
    const ctes = this.parts.map((part, n) => {
      const offset = params.length;
      params.push(...part.params);
      return `w${n} AS (${part.sql.replace(/\$(\d+)/g, (_, i: string) => `$${Number(i) + offset}`)})`;
    });
    // A data-modifying part runs whether or not it is referenced; a part that only selects (say
    // pg_notify) runs only if it is, and a part whose rows are wanted is read.
    const columns = this.parts.flatMap((part, n) =>
      part.onRows ? [`(SELECT coalesce(json_agg(w${n}), '[]') FROM w${n}) AS w${n}`] : /^\s*SELECT\b/i.test(part.sql) ? [`(SELECT count(*) FROM w${n}) AS w${n}`] : [],
    );
    return { sql: `WITH ${ctes.join(',\n')}\nSELECT ${columns.length ? columns.join(', ') : '1'}`, params };
  }

  /** Sends the statement (prepared: the same parts, the same text) in the caller's transaction (nothing when no part was added), then hands each part its rows. */
  async run(tx: RequestContext): Promise<void> {
    if (this.parts.length === 0) return;
    const { sql, params } = this.statement();
    const [row] = await queryPrepared(tx, sql, params);
    for (const [n, part] of this.parts.entries()) {
      if (!part.onRows) continue;
      const value = row[`w${n}`];
      await part.onRows((typeof value === 'string' ? JSON.parse(value) : value) as Record<string, unknown>[]);
    }
  }
}
