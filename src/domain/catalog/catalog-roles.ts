import { ALL_ROLES, Role } from '../../common/roles';

/** Who may do what in the catalog. Customer users read their own customer only. */
export const CatalogRoles = {
  readCustomers: ALL_ROLES,
  writeCustomers: [Role.PROVIDER_ADMIN, Role.ACCOUNT_MANAGER],
  readSegments: [Role.PROVIDER_ADMIN, Role.ACCOUNT_MANAGER, Role.ANALYST],
  writeSegments: [Role.PROVIDER_ADMIN, Role.ACCOUNT_MANAGER],
  readServices: ALL_ROLES,
  writeServices: [Role.PROVIDER_ADMIN],
} as const;
