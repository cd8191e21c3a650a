import { Client } from 'pg';
import { databaseUrlFor, workerDatabaseName } from './database';

/** A session of its own on this worker's PostgreSQL database: to hold locks, and to end the server's sessions as an operator would. */
export async function adminSession(): Promise<Client> {
  const client = new Client({ connectionString: databaseUrlFor(workerDatabaseName()), application_name: 'test-admin' });
  await client.connect();
  return client;
}

/**
 * Waits until one of the server's sessions waits on a lock (the one `admin` holds), then ends it
 * with pg_terminate_backend, as an operator, a failover or a restart of PostgreSQL would while a
 * request runs. Returns the pid it ended.
 */
export async function terminateBlockedBackend(admin: Client): Promise<number> {
  for (;;) {
    const { rows } = await admin.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'sla-contracts-api' AND wait_event_type = 'Lock'`,
    );
    if (rows.length > 0) {
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
      return rows[0].pid;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
