import { mkdirSync } from 'node:fs';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { PGliteDriver } from 'typeorm-pglite';
import { migrations } from '../../migrations';
import { type Config } from '../common/config';
import { type Logger } from '../common/logger';
import { entities } from './entities';
import { SnakeNamingStrategy } from './naming-strategy';
import { TypeOrmPinoLogger } from './typeorm-logger';

export type DatabaseConfig = Config['database'];

/** How an embedded database in memory starts. */
export interface EmbeddedStart {
  /**
   * A data directory to start from (PGlite's dumpDataDir), instead of initialising an empty one:
   * the test suite starts each in-memory database from one that is already migrated.
   */
  template?: Blob;
}

/** A DataSource for PostgreSQL (DATABASE_URL) or for the embedded PGlite database. */
export function createDataSource(config: DatabaseConfig, logger: Logger, embedded: EmbeddedStart = {}): DataSource {
  const common: Partial<DataSourceOptions> = {
    entities,
    migrations,
    migrationsRun: false,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    logger: new TypeOrmPinoLogger(logger),
    maxQueryExecutionTime: 1000,
  };
  // Ids come from gen_random_uuid() defaults in the migrations; no extension is needed.
  const postgresOnly = { installExtensions: false, uuidExtension: 'pgcrypto' as const };
  if (config.kind === 'postgres') {
    return new DataSource({
      ...common,
      ...postgresOnly,
      type: 'postgres',
      url: config.url,
      poolSize: config.poolMax,
      extra: {
        max: config.poolMax,
        connectionTimeoutMillis: config.connectTimeoutMs,
        idleTimeoutMillis: 30_000,
        statement_timeout: config.statementTimeoutMs,
        idle_in_transaction_session_timeout: config.idleInTransactionTimeoutMs,
        application_name: 'sla-contracts-api',
        // No JIT compilation: for this API's statements it costs more than it saves (compiling the
        // downtime query of a report took 1 to 3 s, running it a few ms; see the Benchmark section).
        options: '-c jit=off',
      },
    } as DataSourceOptions);
  }
  if (config.dataDir) mkdirSync(config.dataDir, { recursive: true });
  return new DataSource({
    ...common,
    ...postgresOnly,
    type: 'postgres',
    driver: new PGliteDriver(config.dataDir ? { dataDir: config.dataDir } : embedded.template ? { loadDataDir: embedded.template } : {}).driver,
  } as DataSourceOptions);
}
