import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The folder of package.json: the same from src/db (tests) and from dist/src/db (the built server). */
function packageRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/**
 * A new, migrated, empty embedded database, written by the build (scripts/embedded-template.ts).
 * PGlite's first start on an empty folder runs initdb, which takes 7 to 15 s; unpacking this takes
 * about 2 s. Migrations still run after it, so a template older than the code is only slower.
 */
export const EMBEDDED_TEMPLATE_FILE = path.join(packageRoot(), 'dist', 'embedded-template.tar');

/** Whether `dataDir` holds no database yet (it may hold other files, such as the jwt-secret). */
const isNewDatabase = (dataDir: string | null) => dataDir === null || !existsSync(path.join(dataDir, 'PG_VERSION'));

/** The template to start a new embedded database from, or undefined (an existing database, or no template built). */
export function embeddedTemplate(dataDir: string | null): Blob | undefined {
  if (!isNewDatabase(dataDir) || !existsSync(EMBEDDED_TEMPLATE_FILE)) return undefined;
  return new Blob([readFileSync(EMBEDDED_TEMPLATE_FILE)]);
}
