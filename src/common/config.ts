import { z } from 'zod';
import { ALL_ROLES, type Role } from './roles';

/** A flag; unset (or empty) means `fallback`, or undefined for a default decided later (see SEED_DEMO). */
const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''], { message: 'must be true or false' })
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : ['true', '1', 'yes'].includes(v)));
const bool = (fallback: boolean) => flag.transform((v) => v ?? fallback);

/** An empty value means "not set" (as `PORT=` in an env file), not 0. */
const int = (fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? undefined : v))
    .pipe(
      z.coerce
        .number<string>({ message: 'must be a whole number' })
        .int({ message: 'must be a whole number' })
        .min(min, { message: `must be at least ${min}` })
        .max(max, { message: `must be at most ${max}` })
        .optional(),
    )
    .transform((v) => v ?? fallback);

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: int(4000, 0, 65535),
  PUBLIC_URL: optionalText.pipe(z.url({ message: 'must be a URL such as http://localhost:4000' }).optional()),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// or postgresql:// URL' })
      .optional(),
  ),
  /** Where the embedded database keeps its files; ":memory:" keeps nothing. */
  DATA_DIR: z.string().min(1).default('.data'),
  DB_POOL_MAX: int(10, 1, 500),
  DB_CONNECT_TIMEOUT_MS: int(5000, 100, 120_000),
  DB_STATEMENT_TIMEOUT_MS: int(15_000, 100, 3_600_000),
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: int(30_000, 100, 3_600_000),
  MIGRATIONS_RUN: bool(true),
  /** Unset: on, except with NODE_ENV=production (a production database gets no demo unless asked). */
  SEED_DEMO: flag,

  JWT_SECRET: optionalText.pipe(z.string().min(32, { message: 'must be at least 32 characters' }).optional()),
  JWT_ISSUER: optionalText,
  JWT_AUDIENCE: optionalText,

  GRAPHQL_MAX_DEPTH: int(12, 2, 100),
  GRAPHQL_MAX_COST: int(20_000, 100, 10_000_000),
  GRAPHQL_MAX_ALIASES: int(30, 1, 1000),
  GRAPHQL_MAX_TOKENS: int(5000, 100, 1_000_000),
  GRAPHQL_MAX_DIRECTIVES: int(50, 1, 1000),
  GRAPHQL_BODY_LIMIT_BYTES: int(1_048_576, 1024, 50 * 1_048_576),
  GRAPHQL_EXECUTOR: z.enum(['compiled', 'graphql-js']).default('compiled'),
  GRAPHQL_COMPILED_OPERATIONS: int(1000, 1, 1_000_000),
  /** Bytes of documents the automatic persisted queries cache keeps (least recently used go first); 0 turns APQ off. */
  GRAPHQL_APQ_CACHE_BYTES: int(8 * 1_048_576, 0, 1024 * 1_048_576),
  /** A manifest of registered documents: when set, only they are accepted (trusted documents). */
  GRAPHQL_TRUSTED_DOCUMENTS: optionalText,
  /** Roles that may still send any document in trusted-documents mode (analysts in GraphiQL, say). */
  GRAPHQL_TRUSTED_DOCUMENTS_BYPASS_ROLES: optionalText.pipe(
    z
      .string()
      .transform((v) => v.split(',').map((r) => r.trim()).filter(Boolean))
      .pipe(z.array(z.enum(ALL_ROLES as [Role, ...Role[]], { message: `must list roles among ${ALL_ROLES.join(', ')}, separated by commas` })))
      .optional(),
  ),
  EXPOSE_SQL_STATS: bool(false),
  /** Tests only: the proof that row-level security alone keeps tenants apart (see tenancy-policies.test.ts). */
  TEST_WITHOUT_TENANT_FILTERS: bool(false),

  SHUTDOWN_TIMEOUT_MS: int(10_000, 0, 600_000),
  SHUTDOWN_DELAY_MS: int(0, 0, 600_000),
  REVISION_ACTIVATION_INTERVAL_MS: int(30_000, 100, 3_600_000),
  CLOCK_EVENTS_INTERVAL_MS: int(15_000, 100, 3_600_000),
  WEBHOOK_TIMEOUT_MS: int(10_000, 100, 30_000),
  /** Deprecated header kept for one release beside the Standard Webhooks ones. */
  WEBHOOK_LEGACY_SIGNATURE: bool(true),
  /** The SMTP server scheduled reports are e-mailed through: smtp://user:password@host:587 or smtps://...:465; unset: e-mails are skipped (recorded). */
  SMTP_URL: optionalText.pipe(
    z
      .string()
      .regex(/^smtps?:\/\//, { message: 'must be an smtp:// or smtps:// URL' })
      .optional(),
  ),
  /** The sender of report e-mails. */
  SMTP_FROM: z.string().trim().min(3).default('SLA reports <reports@localhost>'),
  /** How long the signed download links in report e-mails and webhooks open their files. */
  REPORT_LINK_TTL_SECONDS: int(7 * 86_400, 300, 90 * 86_400),
  JOB_WORKERS: bool(true),
  JOB_POLL_INTERVAL_SECONDS: int(2, 1, 600),
  JOB_EXPIRE_SECONDS: int(60, 1, 86_400),
  JOB_MAINTENANCE_INTERVAL_SECONDS: int(30, 1, 86_400),

  RATE_LIMIT_ENABLED: bool(true),
  RATE_LIMIT_WINDOW_SECONDS: int(60, 1, 86_400),
  RATE_LIMIT_USER_POINTS: int(100_000, 1, 1_000_000_000),
  RATE_LIMIT_API_KEY_POINTS: int(100_000, 1, 1_000_000_000),
  RATE_LIMIT_ANONYMOUS_POINTS: int(5_000, 1, 1_000_000_000),
});

export type Env = z.input<typeof envSchema>;

export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl?: string;
  logLevel: string;
  database:
    | { kind: 'postgres'; url: string; poolMax: number; connectTimeoutMs: number; statementTimeoutMs: number; idleInTransactionTimeoutMs: number }
    | { kind: 'embedded'; dataDir: string | null };
  migrationsRun: boolean;
  seedDemo: boolean;
  jwt: { secret?: string; issuer?: string; audience?: string };
  graphql: {
    maxDepth: number;
    maxCost: number;
    maxAliases: number;
    maxTokens: number;
    maxDirectives: number;
    bodyLimitBytes: number;
    /** `compiled`: operations run as graphql-jit functions, compiled once per document; `graphql-js`: graphql-js's interpreter. */
    executor: 'compiled' | 'graphql-js';
    /** How many compiled operations the compiled executor keeps (least recently used first out). */
    compiledOperations: number;
    /** Size of the automatic persisted queries cache in bytes; 0: APQ off. */
    apqCacheBytes: number;
    /** Trusted-documents mode: the manifest's path, and the roles that may still send any document. */
    trustedDocuments: { file: string; bypassRoles: Role[] } | null;
  };
  exposeSqlStats: boolean;
  /** Tests only (NODE_ENV=test): the agreements and customers lists leave out the application's tenant filters, so that row-level security alone holds the boundary. */
  testWithoutTenantFilters: boolean;
  shutdownTimeoutMs: number;
  /** How long /readyz reports shutting-down before connections are drained (load balancers notice). */
  shutdownDelayMs: number;
  /** How often approved revisions are checked for activation. */
  revisionActivationIntervalMs: number;
  /** How often running SLA clocks are checked for warnings and breaches that came due. */
  clockEventsIntervalMs: number;
  /** How long a webhook receiver has to answer. */
  webhookTimeoutMs: number;
  /** Whether deliveries still carry the deprecated SLA-Signature header (Standard Webhooks headers always). */
  webhookLegacySignature: boolean;
  /** Scheduled reports: the SMTP server (null: e-mails are recorded as skipped) and how long signed download links open. */
  reports: { smtp: { url: string; from: string } | null; linkTtlSeconds: number };
  /**
   * Points per window for each caller, shared by every server process (PostgreSQL) or kept in
   * this process (embedded database). A request consumes its query cost (at least 1).
   */
  rateLimit: {
    enabled: boolean;
    windowSeconds: number;
    /** Per person (JWT subject of one provider). */
    userPoints: number;
    /** Per API key. */
    apiKeyPoints: number;
    /** Per client address, for requests without credentials (only introspection is answered to them). */
    anonymousPoints: number;
  };
  jobs: {
    /** Whether this process works the durable job queue (tests drive it by hand instead). */
    workers: boolean;
    pollIntervalSeconds: number;
    /** A job running longer (or on a process that died) is given up and retried after this. */
    expireSeconds: number;
    /** How often expired jobs are looked for. */
    maintenanceIntervalSeconds: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment once. Every problem names the variable at fault. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && !e.JWT_SECRET) {
    throw new ConfigError(['JWT_SECRET: is required when NODE_ENV=production (at least 32 characters)']);
  }
  if (e.TEST_WITHOUT_TENANT_FILTERS && e.NODE_ENV !== 'test') {
    throw new ConfigError(['TEST_WITHOUT_TENANT_FILTERS: only with NODE_ENV=test (it leaves tenant filters out of some queries)']);
  }
  return {
    nodeEnv: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicUrl: e.PUBLIC_URL,
    logLevel: e.LOG_LEVEL,
    database: e.DATABASE_URL
      ? {
          kind: 'postgres',
          url: e.DATABASE_URL,
          poolMax: e.DB_POOL_MAX,
          connectTimeoutMs: e.DB_CONNECT_TIMEOUT_MS,
          statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
          idleInTransactionTimeoutMs: e.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
        }
      : { kind: 'embedded', dataDir: e.DATA_DIR === ':memory:' ? null : e.DATA_DIR },
    migrationsRun: e.MIGRATIONS_RUN,
    seedDemo: e.SEED_DEMO ?? e.NODE_ENV !== 'production',
    jwt: { secret: e.JWT_SECRET, issuer: e.JWT_ISSUER, audience: e.JWT_AUDIENCE },
    graphql: {
      maxDepth: e.GRAPHQL_MAX_DEPTH,
      maxCost: e.GRAPHQL_MAX_COST,
      maxAliases: e.GRAPHQL_MAX_ALIASES,
      maxTokens: e.GRAPHQL_MAX_TOKENS,
      maxDirectives: e.GRAPHQL_MAX_DIRECTIVES,
      bodyLimitBytes: e.GRAPHQL_BODY_LIMIT_BYTES,
      executor: e.GRAPHQL_EXECUTOR,
      compiledOperations: e.GRAPHQL_COMPILED_OPERATIONS,
      apqCacheBytes: e.GRAPHQL_APQ_CACHE_BYTES,
      trustedDocuments: e.GRAPHQL_TRUSTED_DOCUMENTS ? { file: e.GRAPHQL_TRUSTED_DOCUMENTS, bypassRoles: e.GRAPHQL_TRUSTED_DOCUMENTS_BYPASS_ROLES ?? [] } : null,
    },
    exposeSqlStats: e.EXPOSE_SQL_STATS,
    testWithoutTenantFilters: e.TEST_WITHOUT_TENANT_FILTERS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    shutdownDelayMs: e.SHUTDOWN_DELAY_MS,
    revisionActivationIntervalMs: e.REVISION_ACTIVATION_INTERVAL_MS,
    clockEventsIntervalMs: e.CLOCK_EVENTS_INTERVAL_MS,
    webhookTimeoutMs: e.WEBHOOK_TIMEOUT_MS,
    webhookLegacySignature: e.WEBHOOK_LEGACY_SIGNATURE,
    reports: { smtp: e.SMTP_URL ? { url: e.SMTP_URL, from: e.SMTP_FROM } : null, linkTtlSeconds: e.REPORT_LINK_TTL_SECONDS },
    rateLimit: {
      enabled: e.RATE_LIMIT_ENABLED,
      windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS,
      userPoints: e.RATE_LIMIT_USER_POINTS,
      apiKeyPoints: e.RATE_LIMIT_API_KEY_POINTS,
      anonymousPoints: e.RATE_LIMIT_ANONYMOUS_POINTS,
    },
    jobs: {
      workers: e.JOB_WORKERS,
      pollIntervalSeconds: e.JOB_POLL_INTERVAL_SECONDS,
      expireSeconds: e.JOB_EXPIRE_SECONDS,
      maintenanceIntervalSeconds: e.JOB_MAINTENANCE_INTERVAL_SECONDS,
    },
  };
}
