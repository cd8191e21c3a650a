import { Role } from '../../common/roles';

/**
 * Endpoints hold a signing secret and decide where the provider's data goes, like API keys:
 * only provider admins create, change and disable them. Account managers, who look after the
 * partners, may read endpoints and their delivery logs and redeliver an event by hand (that
 * sends nothing the endpoint was not already due). Integrations (API keys) may read their own
 * provider's endpoints and delivery logs, to reconcile what they received, but not change or
 * redeliver anything. Analysts and customers may not.
 */
export const WebhookRoles = {
  manage: [Role.PROVIDER_ADMIN],
  read: [Role.PROVIDER_ADMIN, Role.ACCOUNT_MANAGER, Role.INTEGRATION],
  retry: [Role.PROVIDER_ADMIN, Role.ACCOUNT_MANAGER],
} as const;
