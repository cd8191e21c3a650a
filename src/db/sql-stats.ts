import { AsyncLocalStorage } from 'node:async_hooks';

/** Counts the SQL statements one unit of work (a request) sends, for tests and the benchmark. */
export interface SqlStats {
  statements: number;
}

const storage = new AsyncLocalStorage<SqlStats>();

export function runWithSqlStats<T>(stats: SqlStats, fn: () => T): T {
  return storage.run(stats, fn);
}

export function recordStatement(): void {
  const stats = storage.getStore();
  if (stats) stats.statements += 1;
}
