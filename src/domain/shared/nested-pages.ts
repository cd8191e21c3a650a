import { type RequestContext } from '../../context/request-context';
import { decodeCursor, encodeCursor, type Page, type PageRequest, pageSize } from './pagination';

export interface NestedPagesQuery<T extends { id: string }> {
  /** Name of the ordering, part of every cursor so a cursor cannot be replayed under another order. */
  orderKey: string;
  direction: 'ASC' | 'DESC';
  /**
   * SQL returning (parent_id uuid, child_id uuid or bigint, sort_value text) for the parents in $1 (uuid[]);
   * further parameters from $2 on.
   */
  pairsSql: string;
  params: unknown[];
  /** Loads the children of a page by id (one query for all parents). */
  load: (ids: string[]) => Promise<T[]>;
}

/**
 * One page of children for each of many parents (e.g. the customers of each segment on a page)
 * in two statements whatever the number of parents: the first ranks children per parent with
 * a window function and keeps `first + 1` of each, the second loads them. Each page's
 * totalCount, when asked for, is one grouped count shared by all parents of the batch.
 */
export async function nestedPages<T extends { id: string }>(
  ctx: RequestContext,
  parentIds: readonly string[],
  q: NestedPagesQuery<T>,
  req: PageRequest,
): Promise<Map<string, Page<T>>> {
  const first = pageSize(req);
  const op = q.direction === 'ASC' ? '>' : '<';
  const afterParams: unknown[] = [];
  let afterSql = '';
  if (req.after) {
    const [value, id] = decodeCursor(req.after, q.orderKey, 'after', (x) => /^[0-9a-f-]{1,36}$/i.test(x));
    const n = 1 + q.params.length;
    afterSql = `WHERE (p.sort_value, p.child_id::text) ${op} ($${n + 1}::text, $${n + 2}::text)`;
    afterParams.push(String(value), id);
  }
  const params = [parentIds, ...q.params, ...afterParams];
  const rows: { parent_id: string; child_id: string; sort_value: string }[] = await ctx.em.query(
    `SELECT parent_id, child_id, sort_value FROM (
       SELECT p.*, row_number() OVER (PARTITION BY p.parent_id ORDER BY p.sort_value ${q.direction}, p.child_id::text ${q.direction}) AS rn
       FROM (${q.pairsSql}) p ${afterSql}
     ) ranked WHERE rn <= ${first + 1}
     ORDER BY parent_id, rn`,
    params,
  );
  const children = new Map((await q.load([...new Set(rows.map((r) => r.child_id))])).map((c) => [c.id, c]));
  let counts: Promise<Map<string, number>> | null = null;
  const countAll = () =>
    (counts ??= ctx.em
      .query(`SELECT parent_id, count(*) AS n FROM (${q.pairsSql}) p GROUP BY parent_id`, [parentIds, ...q.params])
      .then((r: { parent_id: string; n: string }[]) => new Map(r.map((x) => [x.parent_id, Number(x.n)]))));

  const pages = new Map<string, Page<T>>();
  for (const parentId of parentIds) {
    const mine = rows.filter((r) => r.parent_id === parentId);
    const kept = mine.slice(0, first).filter((r) => children.has(r.child_id));
    pages.set(parentId, {
      nodes: kept.map((r) => children.get(r.child_id) as T),
      cursors: kept.map((r) => encodeCursor(q.orderKey, r.sort_value, r.child_id)),
      hasNextPage: mine.length > first,
      hasPreviousPage: Boolean(req.after),
      totalCount: async () => (await countAll()).get(parentId) ?? 0,
    });
  }
  return pages;
}
