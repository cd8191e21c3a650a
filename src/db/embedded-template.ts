import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The folder of package.json: the same from src/db (tests) and from dist/src/db (the built server). */
function packageRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/** Which new database a template holds: migrated and empty, or migrated with the demo seeded. */
export type EmbeddedTemplateKind = 'empty' | 'demo';

/**
 * New embedded databases written by the build (scripts/embedded-template.ts): migrated, with the
 * job queue's schema, and for `demo` with the demo seeded. PGlite's first start on an empty
 * folder runs initdb, which takes 7 to 15 s, and the seed some seconds more; unpacking a template
 * takes about 2 s. Migrations still run after it, so a template older than the code is only slower.
 */
export const EMBEDDED_TEMPLATE_FILES: Record<EmbeddedTemplateKind, string> = {
  empty: path.join(packageRoot(), 'dist', 'embedded-template.tar'),
  demo: path.join(packageRoot(), 'dist', 'embedded-demo-template.tar'),
};

/** Whether `dataDir` holds no database yet (it may hold other files, such as the jwt-secret). */
const isNewDatabase = (dataDir: string | null) => dataDir === null || !existsSync(path.join(dataDir, 'PG_VERSION'));

/** The template to start a new embedded database from, or undefined (an existing database, or no template built). */
export function embeddedTemplate(dataDir: string | null, kind: EmbeddedTemplateKind = 'empty'): Blob | undefined {
  const file = EMBEDDED_TEMPLATE_FILES[kind];
  if (!isNewDatabase(dataDir) || !existsSync(file)) return undefined;
  return new Blob([readFileSync(file)]);
}
