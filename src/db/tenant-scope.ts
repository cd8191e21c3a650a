import { AsyncLocalStorage } from 'node:async_hooks';

/** The role requests run as (migrations/1765400000000-row-level-security.ts): row-level security applies to it. */
export const APP_ROLE = 'sla_app';

/** The tenant a request's statements are limited to: its provider and, for a customer user, its customer. */
export interface TenantScope {
  providerId: string;
  /** The one customer a customer user sees (shared/customer-scope.ts), null for provider-side callers. */
  customerId: string | null;
}

/**
 * Who a connection runs as: the owner (no row-level security: migrations, jobs, start-up work,
 * the authentication lookup), the app role with a tenant, or the app role with none (sees nothing).
 */
type Scope = { kind: 'owner' } | { kind: 'tenant'; tenant: TenantScope } | { kind: 'nobody' };

const OWNER: Scope = { kind: 'owner' };

/**
 * One request's scope, set once it is known: a request starts as the owner (to find the caller's
 * API key or check its token, before any tenant is known) and is bound to its caller's tenant,
 * or to nobody, by `bindTenant` before any of its own work runs.
 */
export class TenantBinding {
  scope: Scope = OWNER;
}

const storage = new AsyncLocalStorage<TenantBinding>();

/** Runs `fn` (a whole request) with `binding`: every connection it takes runs as `binding` says when taken. */
export function runWithTenantBinding<T>(binding: TenantBinding, fn: () => T): T {
  return storage.run(binding, fn);
}

/** Binds the request to its caller's tenant (null: an anonymous caller, who sees nothing). Once bound, it stays bound. */
export function bindTenant(binding: TenantBinding, tenant: TenantScope | null): void {
  if (binding.scope.kind !== 'owner') throw new Error('A request is bound to its tenant once.');
  binding.scope = tenant ? { kind: 'tenant', tenant: { ...tenant } } : { kind: 'nobody' };
}

/** A binding already bound to `tenant` (a unit of work whose caller is known when it starts, such as a subscription's). */
export function boundTo(tenant: TenantScope | null): TenantBinding {
  const binding = new TenantBinding();
  bindTenant(binding, tenant);
  return binding;
}

/**
 * Runs `fn` as the owner whatever request started it: system work that spans tenants and was
 * set off by a request (pg-boss's own statements, say) must not inherit that request's tenant.
 */
export function asOwner<T>(fn: () => T): T {
  return storage.run(new TenantBinding(), fn);
}

const keyOf = (scope: Scope): string =>
  scope.kind === 'tenant' ? `tenant:${scope.tenant.providerId}:${scope.tenant.customerId ?? ''}` : scope.kind;

/** The scope of the unit of work running now: the owner outside any request. */
function currentScope(): Scope {
  return storage.getStore()?.scope ?? OWNER;
}

/** The one statement that puts a connection in `scope`: the role and both settings together, for the session. */
function scopeStatement(scope: Scope): [string, string[]] {
  const role = scope.kind === 'owner' ? 'none' : APP_ROLE;
  const provider = scope.kind === 'tenant' ? scope.tenant.providerId : '';
  const customer = scope.kind === 'tenant' ? (scope.tenant.customerId ?? '') : '';
  return [`SELECT set_config('role', $1, false), set_config('app.provider_id', $2, false), set_config('app.customer_id', $3, false)`, [role, provider, customer]];
}

type Done = (error?: Error | boolean) => void;
type Client = { query(text: string, values: unknown[]): Promise<unknown> };
type ConnectCallback = (error: Error | undefined, client?: Client, done?: Done) => void;
interface Pool {
  connect(cb?: ConnectCallback): Promise<Client> | undefined;
}

/**
 * Makes every connection taken from `pool` run in the scope of the unit of work that takes it
 * (a request's tenant, or the owner): the role and the settings are set for the session when
 * the connection is taken, in one statement, and only when they differ from what the
 * connection last ran as, which is remembered per connection. A connection is never handed
 * out in another unit's scope, so nothing leaks from one tenant to the next; a connection whose
 * scope could not be set is destroyed, never reused. Transactions inherit the session's scope;
 * in steady state (one tenant's requests on a connection) this costs no round trip at all.
 *
 * PostgreSQL only: the embedded database is one session shared by every caller at once (see
 * docs/operations.md).
 */
export function scopeConnections(pool: Pool): void {
  const current = new WeakMap<Client, string>();
  const take = pool.connect.bind(pool) as (cb: ConnectCallback) => void;
  const connect = (cb?: ConnectCallback): Promise<Client> | undefined => {
    const scope = currentScope(); // the caller's, read now: the callback may run in another unit's context
    const key = keyOf(scope);
    const ready = new Promise<[Client, Done]>((resolve, reject) => {
      take((error, client, done) => (error || !client || !done ? reject(error ?? new Error('no connection')) : resolve([client, done])));
    }).then(async ([client, done]): Promise<[Client, Done]> => {
      if ((current.get(client) ?? keyOf(OWNER)) === key) return [client, done];
      try {
        current.delete(client);
        const [text, values] = scopeStatement(scope);
        await client.query(text, values);
        current.set(client, key);
        return [client, done];
      } catch (error) {
        done((error as Error | undefined) ?? true); // destroyed: it may be in either scope
        throw error;
      }
    });
    if (!cb) return ready.then(([client]) => client);
    ready.then(
      ([client, done]) => cb(undefined, client, done),
      // As the pool gave it (the driver's error, with its code): callers tell an unavailable database by it.
      (error: unknown) => cb(error as Error),
    );
    return undefined;
  };
  pool.connect = connect;
}
