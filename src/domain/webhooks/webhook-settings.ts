import { type Database, DEFAULT_WEBHOOK_SETTINGS, type WebhookSettings } from '../../context/database';

export type { WebhookSettings };

/**
 * Changes how a running application sends webhooks; what is left out takes the default. The
 * application starts with its configuration's settings (WEBHOOK_TIMEOUT_MS), given to its Database.
 */
export function configureWebhooks(db: Database, settings: Partial<WebhookSettings>): void {
  db.webhooks = { ...DEFAULT_WEBHOOK_SETTINGS, ...settings };
}
