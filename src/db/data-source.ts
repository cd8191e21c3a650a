import { mkdirSync } from 'node:fs';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { PGliteDriver } from 'typeorm-pglite';
import { migrations } from '../../migrations';
import { type Config } from '../common/config';
import { type Logger } from '../common/logger';
import { type EmbeddedTemplateKind, embeddedTemplate } from './embedded-template';
import { entities } from './entities';
import { SnakeNamingStrategy } from './naming-strategy';
import { TypeOrmPinoLogger } from './typeorm-logger';
import { embeddedTypeParsers, postgresTypeParsers } from './type-parsers';

export type DatabaseConfig = Config['database'];

/** A DataSource for PostgreSQL (DATABASE_URL) or for the embedded PGlite database. */
/** `template`: what a new embedded database starts from (default the migrated empty one; false: initdb). */
export function createDataSource(config: DatabaseConfig, logger: Logger, options: { template?: EmbeddedTemplateKind | false } = {}): DataSource {
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
        // Transactions are READ COMMITTED unless they say otherwise (withSnapshot), whatever the
        // database's default: set once per connection, so that a transaction starts with one
        // statement (START TRANSACTION) rather than two (and a SET TRANSACTION ISOLATION LEVEL).
        options: '-c jit=off -c default_transaction_isolation=read\\ committed',
        types: postgresTypeParsers,
      },
    } as DataSourceOptions);
  }
  if (config.dataDir) mkdirSync(config.dataDir, { recursive: true });
  // A new embedded database starts from one of the build's templates rather than from initdb.
  const loadDataDir = options.template === false ? undefined : embeddedTemplate(config.dataDir, options.template);
  return new DataSource({
    ...common,
    ...postgresOnly,
    type: 'postgres',
    driver: new PGliteDriver({ ...(config.dataDir ? { dataDir: config.dataDir } : {}), ...(loadDataDir ? { loadDataDir } : {}), parsers: embeddedTypeParsers }).driver,
  } as DataSourceOptions);
}
