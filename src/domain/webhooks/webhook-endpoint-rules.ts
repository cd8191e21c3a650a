import { type FieldPath, UserError } from '../../common/errors';
import { EVENT_TYPES, type EventType } from '../../common/event-types';

const MAX_URL_LENGTH = 2000;

/** The URL as it will be called, or the problem with it. */
export function checkWebhookUrl(raw: string): { url: string } | { problem: string } {
  const text = raw.trim();
  if (!text) return { problem: 'url must not be blank.' };
  if (text.length > MAX_URL_LENGTH) return { problem: `url must be at most ${MAX_URL_LENGTH} characters.` };
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return { problem: 'url must be an absolute http:// or https:// URL.' };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return { problem: 'url must use http or https.' };
  if (!parsed.hostname) return { problem: 'url must name a host.' };
  if (parsed.username || parsed.password) return { problem: 'url must not carry a user name or password; verify the signature instead.' };
  if (parsed.hash) return { problem: 'url must not have a #fragment.' };
  return { url: parsed.toString() };
}

/** The known event types asked for, each once; a problem per unknown one, naming its position. */
export function checkEventTypes(events: readonly string[], field: FieldPath): { types: EventType[]; problems: UserError[] } {
  const problems: UserError[] = [];
  const types: EventType[] = [];
  events.forEach((e, i) => {
    const type = EVENT_TYPES.find((t) => t === e.trim());
    if (!type) problems.push(new UserError('INVALID_INPUT', `"${e}" is not an event type; use one of ${EVENT_TYPES.join(', ')}.`, [...field, i]));
    else if (!types.includes(type)) types.push(type);
  });
  return { types, problems };
}

/** How long a rotated-out secret keeps signing deliveries (as a second v1), so receivers can switch without losing any. */
export const ROTATION_GRACE_MS = 24 * 3_600_000;

/** The secrets a delivery made at `at` is signed with: the current one, and the previous one until it expires. */
export function signingSecrets(endpoint: { secret: string; previousSecret: string | null; previousSecretExpiresAt: Date | null }, at: Date): string[] {
  const previousValid = endpoint.previousSecret && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt.getTime() > at.getTime();
  return previousValid ? [endpoint.secret, endpoint.previousSecret as string] : [endpoint.secret];
}
