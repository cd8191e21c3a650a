import { type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { UserError } from '../../common/errors';
import { isUuid } from '../../common/global-id';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface PageRequest {
  first?: number | null;
  after?: string | null;
}

export interface Page<T> {
  nodes: T[];
  cursors: string[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  totalCount: () => Promise<number>;
}

/** A sort order over one non-null column, with the row id breaking ties so the order is total. */
export interface KeysetOrder<T> {
  column: string;
  direction: 'ASC' | 'DESC';
  value: (row: T) => string | number | Date;
}

type CursorValue = string | number;

/** Opaque cursor: the sort key it belongs to, the sort value and the row id. */
export function encodeCursor(key: string, value: string | number | Date, id: string): string {
  const v: CursorValue = value instanceof Date ? value.toISOString() : value;
  return Buffer.from(JSON.stringify([key, v, id]), 'utf8').toString('base64url');
}

/** The sort value and id of a cursor made for `key`; INVALID_INPUT naming `field` otherwise. */
export function decodeCursor(cursor: string, key: string, field = 'after', isId: (id: string) => boolean = isUuid): [CursorValue, string] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 3 &&
      parsed[0] === key &&
      ['string', 'number'].includes(typeof parsed[1]) &&
      typeof parsed[2] === 'string' &&
      isId(parsed[2])
    ) {
      return [parsed[1] as CursorValue, parsed[2]];
    }
  } catch {
    // not base64url JSON: same answer as any other foreign cursor
  }
  throw new UserError('INVALID_INPUT', 'This cursor was not returned by this list in this order; start again without it.', [field]);
}

export function pageSize(req: PageRequest): number {
  const first = req.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new UserError('INVALID_INPUT', `first must be between 0 and ${MAX_PAGE_SIZE}.`, ['first']);
  }
  return first;
}

/**
 * Keyset pagination: the cursor holds the sort value and id of the last row seen, so a page
 * stays stable when rows are inserted before it. Costs one query (plus one for totalCount,
 * only when asked for).
 */
export async function paginate<T extends ObjectLiteral & { id: string }, R extends T = T>(
  qb: SelectQueryBuilder<T>,
  order: KeysetOrder<T>,
  req: PageRequest,
  /** How the page's rows are read (default: entities); a planned read selects plain rows. */
  read: (qb: SelectQueryBuilder<T>) => Promise<R[]> = (q) => q.getMany() as Promise<R[]>,
): Promise<Page<R>> {
  const first = pageSize(req);
  const alias = qb.alias;
  const countQb = qb.clone();
  const op = order.direction === 'ASC' ? '>' : '<';
  const key = `${order.column}:${order.direction}`;
  if (req.after) {
    const [value, id] = decodeCursor(req.after, key);
    qb.andWhere(`(${alias}.${order.column}, ${alias}.id) ${op} (:cursorValue, :cursorId)`, { cursorValue: value, cursorId: id });
  }
  const rows = await read(qb.orderBy(`${alias}.${order.column}`, order.direction).addOrderBy(`${alias}.id`, order.direction).limit(first + 1));
  const nodes = rows.slice(0, first);
  let total: Promise<number> | null = null;
  let cursors: string[] | null = null;
  return {
    nodes,
    // Encoded when first read: a query that selects no cursor costs none.
    get cursors() {
      return (cursors ??= nodes.map((n) => encodeCursor(key, order.value(n), n.id)));
    },
    hasNextPage: rows.length > first,
    hasPreviousPage: Boolean(req.after),
    totalCount: () => (total ??= countQb.getCount()),
  };
}
