import { Blob } from 'node:buffer';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { systemClock } from '../../src/common/clock';
import { loadConfig } from '../../src/common/config';
import { createLogger } from '../../src/common/logger';
import { Database } from '../../src/context/database';
import { createDataSource } from '../../src/db/data-source';
import { embeddedDatabase } from '../../src/db/embedded-database';
import { JobQueue } from '../../src/jobs/job-queue';

/**
 * An embedded database that is already initialised and migrated (ours and pg-boss's schema), as
 * PGlite dumps it: each in-memory embedded database of the suite starts from it instead of running
 * initdb and every migration again (seconds each on a busy machine). It is made once per set of
 * migrations and PGlite version; the application still runs its migrations at start, and finds
 * nothing to apply.
 */
const ROOT = path.join(__dirname, '..', '..');

export function embeddedTemplatePath(): string {
  const hash = createHash('sha256');
  const migrations = path.join(ROOT, 'migrations');
  for (const file of readdirSync(migrations).sort()) hash.update(file).update(readFileSync(path.join(migrations, file)));
  for (const pkg of ['@electric-sql/pglite', 'pg-boss']) hash.update(readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json')));
  return path.join(tmpdir(), 'sla-contracts-api-tests', `embedded-${hash.digest('hex').slice(0, 16)}.tar`);
}

/** Makes the template unless it exists (global setup). Written under another name and renamed: a concurrent run never reads half of it. */
export async function ensureEmbeddedTemplate(): Promise<string> {
  const file = embeddedTemplatePath();
  if (existsSync(file)) return file;
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: '', DATA_DIR: ':memory:', LOG_LEVEL: 'silent', JOB_WORKERS: 'false' });
  const logger = createLogger('silent');
  const dataSource = createDataSource(config.database, logger);
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    const queue = new JobQueue(new Database(dataSource, 'embedded'), systemClock, logger, config.jobs);
    await queue.start();
    await queue.stop();
    const dump = await (await embeddedDatabase()).dumpDataDir('none');
    mkdirSync(path.dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, file);
  } finally {
    await dataSource.destroy();
  }
  return file;
}

/** The template, if global setup made it. */
export function embeddedTemplate(): Blob | undefined {
  const file = embeddedTemplatePath();
  return existsSync(file) ? new Blob([readFileSync(file)]) : undefined;
}
