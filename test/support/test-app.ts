import 'reflect-metadata';
import { type Actor } from '../../src/common/actor';
import { type Clock } from '../../src/common/clock';
import { loadConfig } from '../../src/common/config';
import { createLogger, type Logger } from '../../src/common/logger';
import { type Role } from '../../src/common/roles';
import { RequestContext } from '../../src/context/request-context';
import { ProviderEntity } from '../../src/db/entities/provider.entity';
import { RATE_LIMIT_SCHEMA, RATE_LIMIT_TABLE } from '../../src/db/rate-limit-store';
import { customerClaim, mintAccessToken, providerClaim } from '../../src/domain/identity/access-token';
import { type App, createApp } from '../../src/graphql/app';
import { JOB_SCHEMA } from '../../src/jobs/job-queue';
import { baseDatabaseUrl, databaseUrlFor, workerDatabaseName } from './database';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

export interface GqlResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  data: T;
  errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
  /** SQL statements the server sent for this request. */
  statements: number;
}

export interface TestProvider {
  id: string;
  globalId: string;
  slug: string;
}

export const onPostgres = (): boolean => Boolean(baseDatabaseUrl());

/**
 * The real server, listening on a free port, on this worker's PostgreSQL database (or an
 * in-memory embedded database), called over HTTP exactly as a client would.
 */
export class TestApp {
  private constructor(readonly app: App) {}

  static async start(options: { clock?: Clock; env?: Record<string, string>; keepData?: boolean; logger?: Logger } = {}): Promise<TestApp> {
    const pg = baseDatabaseUrl();
    const config = loadConfig({
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      EXPOSE_SQL_STATS: 'true',
      DATA_DIR: ':memory:',
      // Tests move a FixedClock and run due jobs with app.jobs.runDue(); no worker polls behind their back.
      JOB_WORKERS: 'false',
      // Rate limits are tested on their own (test/rate-limits.test.ts); elsewhere a suite's many requests would spend one caller's budget.
      RATE_LIMIT_ENABLED: 'false',
      ...(pg ? { DATABASE_URL: databaseUrlFor(workerDatabaseName()), DB_POOL_MAX: '20' } : {}),
      // Set by test/tenancy-policies.test.ts for the isolation tests it runs again (tests only).
      ...(process.env.TEST_WITHOUT_TENANT_FILTERS ? { TEST_WITHOUT_TENANT_FILTERS: process.env.TEST_WITHOUT_TENANT_FILTERS } : {}),
      ...options.env,
    });
    const app = await createApp({ config, jwtSecret: TEST_JWT_SECRET, clock: options.clock, logger: options.logger });
    await app.listen();
    const testApp = new TestApp(app);
    if (!options.keepData) await testApp.reset();
    return testApp;
  }

  get url(): string {
    return this.app.url;
  }

  /**
   * Empties every table but the migrations' record (and the job queue, and the rate limits' shared counters), and restarts every sequence, as TRUNCATE would.
   * DELETE, with triggers and foreign keys off for this transaction: TRUNCATE of some forty
   * small tables takes about 450 ms on PostgreSQL (new files for each), DELETE a few ms.
   */
  async reset(): Promise<void> {
    await this.app.db.dataSource.transaction(async (m) => {
      const tables: { name: string }[] = await m.query(
        `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables
         WHERE (schemaname = 'public' AND tablename <> 'schema_migrations') OR (schemaname = $1 AND tablename IN ('job', 'archive'))
            OR (schemaname = $2 AND tablename = $3)`,
        [JOB_SCHEMA, RATE_LIMIT_SCHEMA, RATE_LIMIT_TABLE],
      );
      await m.query('SET LOCAL session_replication_role = replica');
      for (const { name } of tables) await m.query(`DELETE FROM ${name}`);
      await m.query(`SELECT setval(c.oid, s.seqstart, false) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_sequence s ON s.seqrelid = c.oid WHERE c.relkind = 'S' AND n.nspname = 'public'`);
    });
  }

  async stop(): Promise<void> {
    await this.app.stop();
  }

  async gql<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    auth: { token?: string; headers?: Record<string, string> } = {},
  ): Promise<GqlResponse<T>> {
    const response = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(auth.token ? { authorization: `Bearer ${auth.token}` } : {}),
        ...auth.headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data: T; errors?: GqlResponse['errors'] };
    return {
      status: response.status,
      headers: response.headers,
      data: body.data,
      errors: body.errors,
      statements: Number(response.headers.get('x-sql-statements') ?? NaN),
    };
  }

  /** Like gql, but fails the test on any top-level error. */
  async ok<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
    const res = await this.gql<T>(query, variables, { token });
    if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors, null, 2)}`);
    return res.data;
  }

  /** A provider (tenant), created as the operator would. */
  async provider(slug: string, name = slug): Promise<TestProvider> {
    const repo = this.app.db.dataSource.getRepository(ProviderEntity);
    const row = await repo.save(repo.create({ slug, name, timeZone: 'Europe/Berlin' }));
    return { id: row.id, globalId: providerClaim(row.id), slug };
  }

  /** A signed access token for a person of `provider` with `roles`. */
  async token(provider: TestProvider, roles: Role[], customerGlobalId?: string, extra: { sub?: string; ttlSeconds?: number } = {}): Promise<string> {
    return mintAccessToken(
      { secret: TEST_JWT_SECRET },
      { sub: extra.sub ?? `${roles.join('+').toLowerCase()}@${provider.slug}`, provider: provider.globalId, roles, customer: customerGlobalId },
      extra.ttlSeconds ?? 3600,
    );
  }

  /** A request context for calling domain services directly (setup only; tests assert through the API). */
  context(actor: Actor | null): RequestContext {
    return new RequestContext(this.app.db, actor, 'test', this.app.clock, createLogger('silent'));
  }
}

export { customerClaim };
