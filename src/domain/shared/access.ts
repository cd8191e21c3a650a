import { type Actor, hasAnyRole } from '../../common/actor';
import { ForbiddenError } from '../../common/errors';
import { type Role } from '../../common/roles';
import { type RequestContext } from '../../context/request-context';

/** The caller, who must hold one of `roles`; otherwise FORBIDDEN. */
export function requireRole(ctx: RequestContext, roles: readonly Role[]): Actor {
  const actor = ctx.caller;
  if (!hasAnyRole(actor, roles)) throw new ForbiddenError(`This needs one of the roles ${roles.join(', ')}.`);
  return actor;
}
