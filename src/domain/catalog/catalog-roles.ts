import { ALL_ROLES, PROVIDER_SIDE_ROLES, Role } from '../../common/roles';

/** Who may do what in the catalog. Customer users read their own customer only. */
export const CatalogRoles = {
  readCustomers: ALL_ROLES,
  writeCustomers: [Role.PROVIDER_ADMIN, Role.ACCOUNT_MANAGER],
  readSegments: [Role.PROVIDER_ADMIN, Role.ACCOUNT_MANAGER, Role.ANALYST],
  writeSegments: [Role.PROVIDER_ADMIN, Role.ACCOUNT_MANAGER],
  readServices: ALL_ROLES,
  writeServices: [Role.PROVIDER_ADMIN],
  /** Internal teams and suppliers are the provider's own business: customer users never see them. */
  readSupportingParties: PROVIDER_SIDE_ROLES,
  writeSupportingParties: [Role.PROVIDER_ADMIN, Role.ACCOUNT_MANAGER],
} as const;
