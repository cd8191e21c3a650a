import { ALL_ROLES, Role } from '../../common/roles';

/** Account managers and admins write agreements; everyone of the provider reads them (customers: their own). */
export const AgreementRoles = {
  read: ALL_ROLES,
  write: [Role.PROVIDER_ADMIN, Role.ACCOUNT_MANAGER],
  approveForProvider: [Role.PROVIDER_ADMIN, Role.ACCOUNT_MANAGER],
  approveForCustomer: [Role.CUSTOMER_SIGNATORY],
} as const;
