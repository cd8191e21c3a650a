import { type DataSource } from 'typeorm';
import { noScheduledJobs, type ScheduledJobs } from './scheduled-jobs';
import { SerialLock } from './serial-lock';

/**
 * The data source and how transactions may use it. PGlite is a single session that
 * typeorm-pglite hands to every caller, so on the embedded database two open transactions
 * would share one BEGIN ... COMMIT and commit each other's work: there, transactions run
 * one at a time. PostgreSQL runs them concurrently, each on its own pooled connection.
 */
export class Database {
  readonly transactionLock: SerialLock | null;
  /** Durable timers; the application attaches its job queue when it starts. */
  jobs: ScheduledJobs = noScheduledJobs;

  constructor(
    readonly dataSource: DataSource,
    readonly kind: 'postgres' | 'embedded',
  ) {
    this.transactionLock = kind === 'embedded' ? new SerialLock() : null;
  }

  get embedded(): boolean {
    return this.kind === 'embedded';
  }
}
