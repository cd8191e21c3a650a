import { onPostgres } from './test-app';

/** One of the databases a suite runs on: pass `env` to `TestApp.start({ env })`. */
export interface TestDatabase {
  name: 'PostgreSQL' | 'embedded';
  /** Environment overrides that select it (an empty DATABASE_URL selects the embedded database). */
  env: Record<string, string>;
}

/**
 * The databases a behaviour must hold on. With DATABASE_URL set (as in CI): PostgreSQL and the
 * embedded database (PGlite, in memory), one after the other; without it, the embedded one only.
 */
export function testDatabases(): TestDatabase[] {
  const embedded: TestDatabase = { name: 'embedded', env: { DATABASE_URL: '', DATA_DIR: ':memory:' } };
  return onPostgres() ? [{ name: 'PostgreSQL', env: {} }, embedded] : [embedded];
}

/**
 * `describe` once per database: for what must behave the same on PostgreSQL and on the embedded
 * database (types such as `date[]` come back differently from the two drivers). The blocks run in
 * turn, so only one embedded database is open at a time.
 */
export function describeOnBothDatabases(name: string, body: (db: TestDatabase) => void): void {
  for (const db of testDatabases()) describe(`${name} (${db.name})`, () => body(db));
}
