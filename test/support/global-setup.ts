import { baseDatabaseName, baseDatabaseUrl, recreateDatabase } from './database';

/**
 * With DATABASE_URL: a fresh database per jest worker (<name>_w1, <name>_w2, ...), migrated by
 * the app when a test starts it. Without: every test file runs on its own in-memory embedded
 * database (each starts from the build's migrated template, dist/embedded-template.tar).
 */
export default async function globalSetup(globalConfig: { maxWorkers: number }): Promise<void> {
  if (!baseDatabaseUrl()) {
    console.log('\nDATABASE_URL is not set: the suite runs on the embedded database (PGlite).');
    return;
  }
  // One per worker jest will start (maxWorkers in jest.config.js, or --maxWorkers / -i), at least one.
  const workers = Math.max(1, globalConfig.maxWorkers);
  for (let i = 1; i <= workers; i++) await recreateDatabase(`${baseDatabaseName()}_w${i}`);
}
