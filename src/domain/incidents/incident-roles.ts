import { ALL_ROLES, Role } from '../../common/roles';

/** Integrations and provider staff report and update incidents; everyone reads (customers: their own). */
export const IncidentRoles = {
  read: ALL_ROLES,
  write: [Role.INTEGRATION, Role.PROVIDER_ADMIN, Role.ACCOUNT_MANAGER],
  /** The provider's own statuses (its workflow): provider staff who shape it, not integrations. */
  writeStatuses: [Role.PROVIDER_ADMIN, Role.ACCOUNT_MANAGER],
} as const;
