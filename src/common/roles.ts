export enum Role {
  PROVIDER_ADMIN = 'PROVIDER_ADMIN',
  ACCOUNT_MANAGER = 'ACCOUNT_MANAGER',
  ANALYST = 'ANALYST',
  CUSTOMER_VIEWER = 'CUSTOMER_VIEWER',
  CUSTOMER_SIGNATORY = 'CUSTOMER_SIGNATORY',
  INTEGRATION = 'INTEGRATION',
}

export const ALL_ROLES = Object.values(Role);

/** Roles of people who work for the provider (they see all of its data they may read). */
export const PROVIDER_SIDE_ROLES: readonly Role[] = [Role.PROVIDER_ADMIN, Role.ACCOUNT_MANAGER, Role.ANALYST, Role.INTEGRATION];

/** Roles of the customer's people: they see only their own customer's data. */
export const CUSTOMER_SIDE_ROLES: readonly Role[] = [Role.CUSTOMER_VIEWER, Role.CUSTOMER_SIGNATORY];

/** Roles an API key may carry: machine access is always provider-side. */
export const API_KEY_ROLES: readonly Role[] = [Role.INTEGRATION, Role.ANALYST, Role.ACCOUNT_MANAGER, Role.PROVIDER_ADMIN];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ALL_ROLES as string[]).includes(value);
}
