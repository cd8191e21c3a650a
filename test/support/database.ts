import { Client } from 'pg';

/** The PostgreSQL the suite runs against, or undefined for the embedded database. */
export const baseDatabaseUrl = (): string | undefined => process.env.DATABASE_URL || undefined;

export function databaseUrlFor(name: string): string {
  const url = new URL(baseDatabaseUrl() as string);
  url.pathname = `/${name}`;
  return url.toString();
}

export function baseDatabaseName(): string {
  return new URL(baseDatabaseUrl() as string).pathname.replace(/^\//, '') || 'postgres';
}

/** Each jest worker gets a database of its own, so test files in parallel never share rows. */
export function workerDatabaseName(): string {
  return `${baseDatabaseName()}_w${process.env.JEST_WORKER_ID ?? '1'}`;
}

export async function withAdminClient<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: baseDatabaseUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function recreateDatabase(name: string): Promise<void> {
  await withAdminClient(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  });
}
