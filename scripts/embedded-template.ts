import 'reflect-metadata';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { systemClock } from '../src/common/clock';
import { loadConfig } from '../src/common/config';
import { createLogger } from '../src/common/logger';
import { Database } from '../src/context/database';
import { RequestContext } from '../src/context/request-context';
import { createDataSource } from '../src/db/data-source';
import { embeddedDatabase } from '../src/db/embedded-database';
import { EMBEDDED_TEMPLATE_FILES, type EmbeddedTemplateKind } from '../src/db/embedded-template';
import { seedDemo } from '../src/domain/demo/demo-seed';
import { createApp } from '../src/graphql/app';
import { JobQueue } from '../src/jobs/job-queue';

const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: '', DATA_DIR: ':memory:', LOG_LEVEL: 'warn', JOB_WORKERS: 'false', PORT: '0' });
const logger = createLogger(config.logLevel);

/** PGlite's data-dir dump of the open embedded database, uncompressed (it unpacks faster). */
async function writeDump(kind: EmbeddedTemplateKind): Promise<void> {
  const file = EMBEDDED_TEMPLATE_FILES[kind];
  const dump = await (await embeddedDatabase()).dumpDataDir('none');
  mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, file);
}

/** Every migration applied and the job queue's schema created, from initdb. */
async function emptyTemplate(): Promise<void> {
  const dataSource = createDataSource(config.database, logger, { template: false });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    const queue = new JobQueue(new Database(dataSource, 'embedded'), systemClock, logger, config.jobs);
    await queue.start();
    await queue.stop();
    await writeDump('empty');
  } finally {
    await dataSource.destroy();
  }
}

/**
 * The empty template with the demo seeded by the server itself, as `npm start` would on a new
 * database (jobs are queued, none runs: the first start runs them).
 */
async function demoTemplate(): Promise<void> {
  const app = await createApp({ config, jwtSecret: 'embedded-template-build-only-secret', logger });
  try {
    await app.listen();
    await seedDemo(new RequestContext(app.db, null, 'embedded-template', app.clock, logger));
    await writeDump('demo');
  } finally {
    await app.stop();
  }
}

/**
 * Writes an embedded database template (argument `empty`, the default, or `demo`). The build runs
 * both after compiling (scripts/build.js): a first `npm start` and every embedded test database
 * then skip initdb, and the first start skips the seed as well.
 */
const kind = (process.argv[2] ?? 'empty') as EmbeddedTemplateKind;
(kind === 'demo' ? demoTemplate() : emptyTemplate()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
