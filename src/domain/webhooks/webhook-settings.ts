import { type Database } from '../../context/database';

export interface WebhookSettings {
  /** How long a receiver has to answer (headers) before the attempt counts as failed. */
  timeoutMs: number;
}

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = { timeoutMs: 10_000 };

const byDatabase = new WeakMap<Database, WebhookSettings>();

/** Set once when the application starts (WEBHOOK_TIMEOUT_MS); each app in a process keeps its own. */
export function configureWebhooks(db: Database, settings: Partial<WebhookSettings>): void {
  byDatabase.set(db, { ...DEFAULT_WEBHOOK_SETTINGS, ...settings });
}

export function webhookSettings(db: Database): WebhookSettings {
  return byDatabase.get(db) ?? DEFAULT_WEBHOOK_SETTINGS;
}
