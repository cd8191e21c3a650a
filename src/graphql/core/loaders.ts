import DataLoader from 'dataloader';
import { type RequestContext } from '../../context/request-context';
import { type Page, type PageRequest } from '../../domain/shared/pagination';

/** A per-request DataLoader of rows by id; ids the caller may not see load as null. */
export function byIdLoader<T extends { id: string }>(
  rc: RequestContext,
  key: string,
  fetch: (rc: RequestContext, ids: readonly string[]) => Promise<T[]>,
): DataLoader<string, T | null> {
  return rc.memo(`byId:${key}`, () => new DataLoader<string, T | null>(async (ids) => {
    const rows = await fetch(rc, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  }, { maxBatchSize: 1000 }));
}

/** A per-request DataLoader of one page of children per parent, for one set of page arguments. */
export function nestedPageLoader<T>(
  rc: RequestContext,
  key: string,
  page: PageRequest,
  fetch: (rc: RequestContext, parentIds: readonly string[], page: PageRequest) => Promise<Map<string, Page<T>>>,
): DataLoader<string, Page<T>> {
  const argsKey = `${page.first ?? ''}|${page.after ?? ''}`;
  return rc.memo(`pages:${key}:${argsKey}`, () => new DataLoader<string, Page<T>>(async (parentIds) => {
    const pages = await fetch(rc, parentIds, page);
    return parentIds.map((id) => pages.get(id) ?? { nodes: [], cursors: [], hasNextPage: false, hasPreviousPage: false, totalCount: async () => 0 });
  }, { maxBatchSize: 1000 }));
}

/** A per-request DataLoader of the rows belonging to each parent id (one query for all parents). */
export function groupedLoader<T>(
  rc: RequestContext,
  key: string,
  fetch: (rc: RequestContext, parentIds: readonly string[]) => Promise<T[]>,
  parentOf: (row: T) => string,
): DataLoader<string, T[]> {
  return rc.memo(`grouped:${key}`, () =>
    new DataLoader<string, T[]>(async (ids) => {
      const byParent = new Map<string, T[]>(ids.map((id) => [id, []]));
      for (const row of await fetch(rc, ids)) byParent.get(parentOf(row))?.push(row);
      return ids.map((id) => byParent.get(id) ?? []);
    }),
  );
}
