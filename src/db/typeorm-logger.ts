import { type Logger as TypeOrmLogger } from 'typeorm';
import { type Logger } from '../common/logger';
import { recordStatement } from './sql-stats';

/** Routes TypeORM's messages to pino, and counts every statement sent. */
export class TypeOrmPinoLogger implements TypeOrmLogger {
  constructor(private readonly pino: Logger) {}

  logQuery(query: string): void {
    recordStatement();
    if (this.pino.isLevelEnabled('trace')) this.pino.trace({ sql: sqlOf(query) }, 'sql');
  }
  logQueryError(error: string | Error, query: string): void {
    this.pino.debug({ err: error, sql: sqlOf(query) }, 'sql failed');
  }
  logQuerySlow(time: number, query: string): void {
    this.pino.warn({ ms: time, sql: sqlOf(query).slice(0, 500) }, 'slow sql');
  }
  logSchemaBuild(message: string): void {
    this.pino.info({ schema: message }, "migrations");
  }
  logMigration(message: string): void {
    this.pino.info({ migration: message }, 'migration');
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.pino.warn({ message }, 'typeorm');
    else this.pino.debug({ message }, 'typeorm');
  }
}

/** The text of a query, also of one given to node-postgres as { name, text } (a prepared statement, src/context/prepared-query.ts). */
function sqlOf(query: string | { text?: string }): string {
  return typeof query === 'string' ? query : String(query?.text ?? '');
}
