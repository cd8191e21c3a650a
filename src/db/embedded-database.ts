import { type PGlite } from '@electric-sql/pglite';
import { getPGliteInstance } from 'typeorm-pglite';

/**
 * The PGlite instance behind the embedded DataSource (typeorm-pglite keeps one per process).
 * Ask only while that DataSource is initialized: afterwards this would open a new, empty one.
 */
export function embeddedDatabase(): Promise<PGlite> {
  return getPGliteInstance();
}
