import { getPGliteInstance } from 'typeorm-pglite';
import { PGliteInstance } from 'typeorm-pglite/dist/pglite-instance';

/**
 * Closes the embedded database under a running server, as a shutdown that closes it too early
 * would. typeorm-pglite keeps the closed instance (it would hand it to the next embedded database
 * of this test file): call the returned `forget` before stopping the server.
 */
export async function closeEmbeddedDatabase(): Promise<{ forget: () => void }> {
  await (await getPGliteInstance()).close();
  return {
    forget: () => {
      (PGliteInstance as unknown as { instance: unknown }).instance = null;
    },
  };
}
