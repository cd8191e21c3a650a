import 'reflect-metadata';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createLogger } from '../src/common/logger';
import { createDataSource } from '../src/db/data-source';
import { embeddedDatabase } from '../src/db/embedded-database';
import { EMBEDDED_TEMPLATE_FILE } from '../src/db/embedded-template';

/**
 * Writes the embedded database template: a new PGlite database with every migration applied,
 * packed as PGlite's data-dir dump. The build runs this after compiling (scripts/build.js), so
 * that a first `npm start` and every embedded test database skip initdb.
 */
async function main(): Promise<void> {
  const dataSource = createDataSource({ kind: 'embedded', dataDir: null }, createLogger('warn'), { fromTemplate: false });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    const dump = await (await embeddedDatabase()).dumpDataDir('gzip');
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
