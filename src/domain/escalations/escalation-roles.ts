import { ALL_ROLES, Role } from '../../common/roles';

/** Everyone reads escalations (customer users: their own customer's); provider staff and integrations (on-call tools) raise, acknowledge and resolve them. */
export const EscalationRoles = {
  read: ALL_ROLES,
  write: [Role.PROVIDER_ADMIN, Role.ACCOUNT_MANAGER, Role.INTEGRATION],
} as const;
