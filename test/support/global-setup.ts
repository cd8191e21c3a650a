import { baseDatabaseName, baseDatabaseUrl, recreateDatabase } from './database';
import { ensureEmbeddedTemplate } from './embedded-template';

/**
 * The migrated embedded database every in-memory embedded database of the suite starts from
 * (made once per set of migrations). With DATABASE_URL: a fresh database per jest worker
 * (<name>_w1, <name>_w2, ...), migrated by the app when a test starts it. Without: every test
 * file runs on its own in-memory embedded database.
 */
export default async function globalSetup(): Promise<void> {
  await ensureEmbeddedTemplate();
  if (!baseDatabaseUrl()) {
    console.log('\nDATABASE_URL is not set: the suite runs on the embedded database (PGlite).');
    return;
  }
  const workers = Number(process.env.JEST_MAX_WORKERS ?? 4);
  for (let i = 1; i <= Math.max(workers, 4); i++) await recreateDatabase(`${baseDatabaseName()}_w${i}`);
}
