import { type Actor, isCustomerScoped } from '../../common/actor';
import { type TenantScope } from '../../db/tenant-scope';

/**
 * The one customer a customer user may see, or null for provider-side callers who see every
 * customer of their provider. A customer-side caller without a customer sees nothing.
 */
export function customerScope(actor: Actor): string | null {
  if (!isCustomerScoped(actor)) return null;
  return actor.customerId ?? '00000000-0000-0000-0000-000000000000';
}

/**
 * "A customer user may see this", for anything that belongs to one customer (an incident, an
 * escalation, a review, an event, the customer itself), named once here in JavaScript and in SQL
 * side by side: within `scope` (customerScope's answer) is what belongs to that customer;
 * without a scope (null), everything. Something of no customer is outside every scope.
 * The caller's provider is checked apart, always.
 */
export function isInCustomerScope(scope: string | null, customerId: string | null): boolean {
  return scope === null || customerId === scope;
}

/** The same rule in SQL: the row whose customer is `customerColumn` is within the scope held by `scopeParam` (a parameter, null for no scope). */
export function inCustomerScopeSql(customerColumn: string, scopeParam: string): string {
  return `(CAST(${scopeParam} AS uuid) IS NULL OR ${customerColumn} = CAST(${scopeParam} AS uuid))`;
}

/** The tenant the database limits `actor`'s requests to (row-level security): its provider and, for a customer user, its scope. None: nothing. */
export function tenantOf(actor: Actor | null): TenantScope | null {
  return actor ? { providerId: actor.providerId, customerId: customerScope(actor) } : null;
}
