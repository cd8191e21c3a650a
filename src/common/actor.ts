import { Role, CUSTOMER_SIDE_ROLES } from './roles';

/** Who is calling: a person (signed JWT) or a partner integration (API key). */
export interface Actor {
  kind: 'USER' | 'API_KEY';
  /** JWT subject, or the API key's uuid. */
  id: string;
  name: string;
  providerId: string;
  roles: Role[];
  /** Set for customer users: they see only this customer's data. */
  customerId: string | null;
}

export function hasAnyRole(actor: Actor, roles: readonly Role[]): boolean {
  return actor.roles.some((r) => roles.includes(r));
}

/** True when every role of the actor is a customer-side role: such a caller sees one customer only. */
export function isCustomerScoped(actor: Actor): boolean {
  return actor.customerId !== null || actor.roles.every((r) => CUSTOMER_SIDE_ROLES.includes(r));
}

/** A short label for history records: "jane@example.com (USER)". */
export function actorLabel(actor: Actor): string {
  return `${actor.name} (${actor.kind})`;
}
