import { onPostgres } from './test-app';

/**
 * `describe` for tests that need several concurrent database connections: PGlite is a single
 * session, so without DATABASE_URL they are left out, and the run says so.
 */
export function describeOnPostgres(name: string, body: () => void): void {
  if (onPostgres()) {
    describe(name, body);
    return;
  }
  const reason = 'needs several concurrent connections, which only PostgreSQL has: set DATABASE_URL';
  console.log(`Left out "${name}": it ${reason}.`);
  describe.skip(`${name} (skipped because it ${reason})`, body);
}
