/**
 * Errors that say the database cannot be reached or is going away, not that a statement was wrong:
 * the request may succeed when retried a little later (HTTP 503, SERVICE_UNAVAILABLE).
 */

/**
 * SQLSTATE classes and codes: 08 connection exception, 57P01-57P03 admin/crash shutdown and "cannot
 * connect now", 53300 too many connections. Not 08P01, protocol violation: PostgreSQL answers it
 * to a statement sent with the wrong number of parameters, a bug of ours that a retry repeats.
 */
const SQLSTATES = /^(08(?!P01)...|57P01|57P02|57P03|53300)$/;

/** Socket errors of the driver. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED']);

/** What pg, pg-pool, TypeORM and PGlite say when the connection is gone, closed or never came. */
const MESSAGES = [
  /^Connection terminated/, // pg: "Connection terminated", "... unexpectedly", "... due to connection timeout"
  /^timeout exceeded when trying to connect$/, // pg-pool: no connection within connectionTimeoutMillis
  /^Cannot use a pool after calling end on the pool$/, // pg-pool, after DataSource.destroy()
  /is not queryable$/, // pg: "Client has encountered a connection error and is not queryable", "Client was closed and is not queryable"
  /^PGlite is closed$/, // the embedded database, after close()
];

/** TypeORM's "not connected" errors (the DataSource was destroyed while the request ran). */
const TYPEORM_NAMES = new Set(['CannotExecuteNotConnectedError', 'ConnectionIsNotSetError', 'QueryRunnerAlreadyReleasedError']);

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
  errors?: unknown;
  thrownValue?: unknown;
}

function matches(e: ErrorLike): boolean {
  if (typeof e.code === 'string' && (SQLSTATES.test(e.code) || NETWORK_CODES.has(e.code))) return true;
  if (typeof e.name === 'string' && TYPEORM_NAMES.has(e.name)) return true;
  return typeof e.message === 'string' && MESSAGES.some((m) => m.test(e.message as string));
}

/**
 * Whether `error` (or what it wraps: TypeORM's driverError, a cause, an AggregateError's errors,
 * the value graphql-js wraps when something other than an Error was thrown) means the database
 * is unavailable.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as ErrorLike;
  if (matches(e)) return true;
  const inner = [e.driverError, e.cause, e.thrownValue, ...(Array.isArray(e.errors) ? e.errors : [])];
  return inner.some((i) => isDatabaseUnavailable(i, depth + 1));
}

/** Seconds a client should wait before retrying (the Retry-After header of a 503). */
export const RETRY_AFTER_SECONDS = 2;
