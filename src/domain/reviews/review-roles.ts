import { Role } from '../../common/roles';

/**
 * Account managers and admins run reviews; analysts read them; customer users read the reviews
 * of agreements made with their own customer (read-only). Integrations have no business here.
 */
export const ReviewRoles = {
  read: [Role.PROVIDER_ADMIN, Role.ACCOUNT_MANAGER, Role.ANALYST, Role.CUSTOMER_VIEWER, Role.CUSTOMER_SIGNATORY],
  manage: [Role.PROVIDER_ADMIN, Role.ACCOUNT_MANAGER],
} as const;
