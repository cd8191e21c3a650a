import { type Actor, hasAnyRole, isCustomerScoped } from '../../common/actor';
import { ForbiddenError } from '../../common/errors';
import { type Role } from '../../common/roles';
import { type RequestContext } from '../../context/request-context';

/** The caller, who must hold one of `roles`; otherwise FORBIDDEN. */
export function requireRole(ctx: RequestContext, roles: readonly Role[]): Actor {
  const actor = ctx.caller;
  if (!hasAnyRole(actor, roles)) throw new ForbiddenError(`This needs one of the roles ${roles.join(', ')}.`);
  return actor;
}

/**
 * The one customer a customer user may see, or null for provider-side callers who see every
 * customer of their provider. A customer-side caller without a customer sees nothing.
 */
export function customerScope(actor: Actor): string | null {
  if (!isCustomerScoped(actor)) return null;
  return actor.customerId ?? '00000000-0000-0000-0000-000000000000';
}
