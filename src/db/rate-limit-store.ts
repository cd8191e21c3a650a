import { Pool } from 'pg';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { type Config } from '../common/config';
import { type Logger } from '../common/logger';

/** Who spends a budget: a person (by provider and JWT subject), an API key, or a client address without credentials. */
export type RateLimitCaller = { kind: 'USER'; providerId: string; subject: string } | { kind: 'API_KEY'; apiKeyId: string } | { kind: 'ANONYMOUS'; address: string };

/** The answer to one request's consumption: what the RateLimit headers say. */
export interface RateLimitDecision {
  allowed: boolean;
  /** The caller's points per window. */
  limit: number;
  /** Points left in this window after this request (a refused request consumes nothing). */
  remaining: number;
  /** Whole seconds until the window ends and the budget is full again (at least 1). */
  resetSeconds: number;
  windowSeconds: number;
  /** What this request cost (or would have cost). */
  cost: number;
}

/** The store's table: rate-limiter-flexible's RateLimiterPostgres layout (migration RateLimitStore1765530000000). */
export const RATE_LIMIT_SCHEMA = 'rate_limit';
export const RATE_LIMIT_TABLE = 'consumption';

const KEY_MAX = 255;

/** The row key of a caller (without the limiter's prefix); long subjects are cut, never longer than the column. */
export function callerKey(caller: RateLimitCaller): string {
  const key = caller.kind === 'USER' ? `${caller.providerId}:${caller.subject}` : caller.kind === 'API_KEY' ? caller.apiKeyId : caller.address;
  return key.slice(0, KEY_MAX - 10);
}

/**
 * Fixed-window budgets per caller, consumed by each request's query cost. On PostgreSQL the
 * counters live in `rate_limit.consumption`, updated with one atomic upsert per request through
 * a small pool of the limiter's own (the owner's connections: no tenant data, outside row-level
 * security), so every server process on the database shares them. If that store fails, a
 * per-process memory limiter with the same budgets answers instead (rate-limiter-flexible's
 * insurance limiter) rather than failing the request. On the embedded database (one process)
 * the counters are kept in memory.
 */
export class RateLimits {
  private constructor(
    private readonly limiters: Record<RateLimitCaller['kind'], RateLimiterAbstract>,
    private readonly points: Record<RateLimitCaller['kind'], number>,
    private readonly windowSeconds: number,
    private readonly pool: Pool | null,
  ) {}

  /** The limiter the configuration asks for, or null when RATE_LIMIT_ENABLED=false. */
  static create(config: Pick<Config, 'rateLimit' | 'database'>, logger: Logger): RateLimits | null {
    const rl = config.rateLimit;
    if (!rl.enabled) return null;
    const points = { USER: rl.userPoints, API_KEY: rl.apiKeyPoints, ANONYMOUS: rl.anonymousPoints };
    const prefix = { USER: 'user', API_KEY: 'key', ANONYMOUS: 'anon' } as const;
    const db = config.database;
    let pool: Pool | null = null;
    if (db.kind === 'postgres') {
      pool = new Pool({
        connectionString: db.url,
        max: 4,
        connectionTimeoutMillis: db.connectTimeoutMs,
        idleTimeoutMillis: 30_000,
        statement_timeout: db.statementTimeoutMs,
        application_name: 'sla-contracts-api rate limits',
      });
      // An idle connection that the server closes must not crash the process; the next query reconnects.
      pool.on('error', (err) => logger.warn({ err }, 'rate limit store: idle connection lost'));
    }
    const make = (kind: RateLimitCaller['kind']): RateLimiterAbstract => {
      const options = { keyPrefix: prefix[kind], points: points[kind], duration: rl.windowSeconds };
      if (!pool) return new RateLimiterMemory(options);
      return new RateLimiterPostgres({
        ...options,
        storeClient: pool,
        storeType: 'pool',
        schemaName: RATE_LIMIT_SCHEMA,
        tableName: RATE_LIMIT_TABLE,
        // Made by the migration: the limiter does not create tables.
        tableCreated: true,
        insuranceLimiter: new RateLimiterMemory(options),
      });
    };
    return new RateLimits({ USER: make('USER'), API_KEY: make('API_KEY'), ANONYMOUS: make('ANONYMOUS') }, points, rl.windowSeconds, pool);
  }

  /**
   * Consumes `cost` points (at least 1) of the caller's budget. A request that would overdraw it
   * is refused and its points are given back, so a caller refused for one expensive query may
   * still run a cheap one with what is left.
   */
  async consume(caller: RateLimitCaller, cost: number): Promise<RateLimitDecision> {
    const points = Math.max(1, Math.ceil(cost));
    const limiter = this.limiters[caller.kind];
    const limit = this.points[caller.kind];
    const key = callerKey(caller);
    const decision = (allowed: boolean, res: RateLimiterRes, consumed: number): RateLimitDecision => ({
      allowed,
      limit,
      remaining: Math.max(0, limit - consumed),
      resetSeconds: Math.max(1, Math.ceil((res.msBeforeNext > 0 ? res.msBeforeNext : this.windowSeconds * 1000) / 1000)),
      windowSeconds: this.windowSeconds,
      cost: points,
    });
    try {
      const res = await limiter.consume(key, points);
      return decision(true, res, res.consumedPoints);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      await limiter.reward(key, points).catch(() => undefined);
      return decision(false, rejection, rejection.consumedPoints - points);
    }
  }

  async close(): Promise<void> {
    await this.pool?.end();
  }
}
