/** How scheduled reports are sent (SMTP_URL, SMTP_FROM, REPORT_LINK_TTL_SECONDS) and how their links are built. */
export interface ReportSettings {
  /** The SMTP server reports are e-mailed through; null: e-mail is not configured (deliveries are recorded as SKIPPED). */
  smtp: { url: string; from: string } | null;
  /** The key download links are signed with (derived from the token secret). */
  linkKey: Buffer;
  /** How long a signed link in an e-mail or a webhook opens its file. */
  linkTtlSeconds: number;
  /** The server's public base URL (PUBLIC_URL, else the address it listens on), read when a link is built. */
  baseUrl: () => string;
}

export const DEFAULT_REPORT_SETTINGS: ReportSettings = {
  smtp: null,
  linkKey: Buffer.alloc(32),
  linkTtlSeconds: 7 * 86400,
  baseUrl: () => 'http://localhost:4000',
};
