import 'reflect-metadata';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { systemClock } from '../src/common/clock';
import { loadConfig } from '../src/common/config';
import { createLogger } from '../src/common/logger';
import { Database } from '../src/context/database';
import { createDataSource } from '../src/db/data-source';
import { embeddedDatabase } from '../src/db/embedded-database';
import { EMBEDDED_TEMPLATE_FILE } from '../src/db/embedded-template';
import { JobQueue } from '../src/jobs/job-queue';

/**
 * Writes the embedded database template: a new PGlite database with every migration applied and
 * the job queue's schema created, as PGlite's data-dir dump (uncompressed: it unpacks faster). The build runs this after compiling (scripts/build.js), so
 * that a first `npm start` and every embedded test database skip initdb.
 */
async function main(): Promise<void> {
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: '', DATA_DIR: ':memory:', LOG_LEVEL: 'warn', JOB_WORKERS: 'false' });
  const logger = createLogger(config.logLevel);
  const dataSource = createDataSource(config.database, logger, { fromTemplate: false });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    const queue = new JobQueue(new Database(dataSource, 'embedded'), systemClock, logger, config.jobs);
    await queue.start();
    await queue.stop();
    const dump = await (await embeddedDatabase()).dumpDataDir('none');
    mkdirSync(path.dirname(EMBEDDED_TEMPLATE_FILE), { recursive: true });
    const partial = `${EMBEDDED_TEMPLATE_FILE}.partial`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, EMBEDDED_TEMPLATE_FILE);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
