import { createHash, randomUUID } from 'node:crypto';
import { UserError } from '../../common/errors';
import { type RequestContext } from '../../context/request-context';

const KEEP_FOR_MS = 24 * 3600 * 1000;

/** Until when a key taken at `now` is kept. */
export const idempotencyExpiry = (now: Date): Date => new Date(now.getTime() + KEEP_FOR_MS);

/** The key was used before with other input. */
export const idempotencyKeyReused = (): UserError =>
  new UserError('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was used before with different input; use a new key for a new request.', ['idempotencyKey']);

/**
 * A stable fingerprint of a request's input: same input, same hash, whatever the key order, and
 * a field sent as null is the same as a field left out.
 */
export function requestHash(input: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v instanceof Date
        ? v.toISOString()
        : v && typeof v === 'object'
          ? Object.fromEntries(Object.keys(v as object).sort().filter((k) => (v as Record<string, unknown>)[k] != null).map((k) => [k, canonical((v as Record<string, unknown>)[k])]))
          : v;
  return createHash('sha256').update(JSON.stringify(canonical(input))).digest('hex');
}

/**
 * Runs `create` once per (provider, operation, key), as payment APIs do: the same key with the
 * same input returns the first result without creating anything; with different input it is
 * IDEMPOTENCY_KEY_REUSED. Concurrent requests with one key wait for the first to commit (the
 * key's primary key serialises them), then return its result. Keys are kept at least 24 hours.
 * Must run inside a transaction.
 */
export async function idempotent<T>(
  tx: RequestContext,
  scope: { providerId: string; operation: string; key: string | null | undefined; input: unknown },
  create: (id: string) => Promise<T>,
  load: (id: string) => Promise<T>,
): Promise<T> {
  const id = randomUUID();
  if (!scope.key) return create(id);
  const hash = requestHash(scope.input);
  const inserted: unknown[] = await tx.em.query(
    `INSERT INTO idempotency_key (provider_id, operation, key, request_hash, result_id, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING result_id`,
    [scope.providerId, scope.operation, scope.key, hash, id, idempotencyExpiry(tx.now)],
  );
  if (inserted.length > 0) return create(id);
  const [first]: { request_hash: string; result_id: string }[] = await tx.em.query(
    'SELECT request_hash, result_id FROM idempotency_key WHERE provider_id = $1 AND operation = $2 AND key = $3',
    [scope.providerId, scope.operation, scope.key],
  );
  if (first.request_hash !== hash) throw idempotencyKeyReused();
  return load(first.result_id);
}
