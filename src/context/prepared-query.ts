import { createHash } from 'node:crypto';
import { type RequestContext } from './request-context';

/**
 * Runs `sql` as a named prepared statement on PostgreSQL: each pooled connection plans it once,
 * and after a few runs keeps a generic plan, so that a statement sent on every request (an incident
 * report's) is not planned again each time (planning its coverage and join conditions costs more
 * than running it). The name is the statement's own hash: one text, one name. On the embedded
 * database, a plain query.
 */
export function queryPrepared<T = Record<string, unknown>>(ctx: RequestContext, sql: string, params: unknown[]): Promise<T[]> {
  if (ctx.db.embedded) return ctx.em.query(sql, params);
  const name = `q_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
  // TypeORM hands the query to node-postgres as it is given; node-postgres prepares a query with a name once per connection.
  return ctx.em.query({ name, text: sql } as unknown as string, params);
}
