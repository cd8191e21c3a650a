import { type DataSource } from 'typeorm';
import { DEFAULT_REPORT_SETTINGS, type ReportSettings } from './report-settings';
import { noScheduledJobs, type ScheduledJobs } from './scheduled-jobs';
import { SerialLock } from './serial-lock';

/** How webhooks are sent (WEBHOOK_TIMEOUT_MS). */
export interface WebhookSettings {
  /** How long a receiver has to answer (headers) before the attempt counts as failed. */
  timeoutMs: number;
  /** Whether deliveries still carry the deprecated `SLA-Signature` header beside the Standard Webhooks ones. */
  legacySignature: boolean;
}

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = { timeoutMs: 10_000, legacySignature: true };

/** What the application gives the database when it wires itself up (scripts and migrations give nothing). */
export interface DatabaseWiring<Jobs extends ScheduledJobs> {
  /** Builds the durable job queue of this database (it runs each job in a unit of work of its own here). None: scheduling is refused. */
  jobs?: (db: Database) => Jobs;
  /** What is left out takes the default. */
  webhooks?: Partial<WebhookSettings>;
  /** Scheduled reports: SMTP and download links. What is left out takes the default. */
  reports?: Partial<ReportSettings>;
  /** Tests only (TEST_WITHOUT_TENANT_FILTERS): see Database.withoutTenantFiltersForTest. */
  withoutTenantFiltersForTest?: boolean;
}

/**
 * The data source and how transactions may use it, with what the domain needs of the running
 * application: its durable timers and its webhook settings, given once, when it is built.
 *
 * PGlite is a single session that typeorm-pglite hands to every caller, so on the embedded
 * database two open transactions would share one BEGIN ... COMMIT and commit each other's work:
 * there, transactions run one at a time. PostgreSQL runs them concurrently, each on its own
 * pooled connection.
 */
export class Database<Jobs extends ScheduledJobs = ScheduledJobs> {
  readonly transactionLock: SerialLock | null;
  /** Durable timers: the application's job queue. */
  jobs: Jobs;
  webhooks: WebhookSettings;
  reports: ReportSettings;
  /**
   * Tests only: the agreements and customers lists leave out the application's provider and
   * customer filters, to prove that row-level security alone keeps tenants apart.
   */
  readonly withoutTenantFiltersForTest: boolean;

  constructor(
    readonly dataSource: DataSource,
    readonly kind: 'postgres' | 'embedded',
    wiring: DatabaseWiring<Jobs> = {},
  ) {
    this.transactionLock = kind === 'embedded' ? new SerialLock() : null;
    this.webhooks = { ...DEFAULT_WEBHOOK_SETTINGS, ...wiring.webhooks };
    this.reports = { ...DEFAULT_REPORT_SETTINGS, ...wiring.reports };
    this.withoutTenantFiltersForTest = wiring.withoutTenantFiltersForTest ?? false;
    // Without a queue the type is the default, ScheduledJobs, which noScheduledJobs is.
    this.jobs = wiring.jobs ? wiring.jobs(this) : (noScheduledJobs as Jobs);
  }

  get embedded(): boolean {
    return this.kind === 'embedded';
  }
}
