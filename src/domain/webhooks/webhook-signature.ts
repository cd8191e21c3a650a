import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/**
 * Standard Webhooks (https://www.standardwebhooks.com): `webhook-id` (the delivery's id, the same
 * on every attempt), `webhook-timestamp` (unix seconds of the attempt) and `webhook-signature`
 * (`v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`, several separated by spaces), keyed
 * with the bytes of the `whsec_` secret's base64 part. Receivers verify with the published
 * libraries (`standardwebhooks` on npm, and its ports).
 */
export const STANDARD_HEADERS = { id: 'webhook-id', timestamp: 'webhook-timestamp', signature: 'webhook-signature' } as const;

/**
 * Legacy signatures (deprecated: sent for one more release, see docs/webhooks.md), in the form receivers know from Stripe:
 * `SLA-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" keyed with the secret>`.
 * The timestamp is signed too, so a captured request cannot be replayed later than the
 * receiver's tolerance. A header may carry several v1 values (e.g. while a secret is rotated);
 * one matching value is enough.
 */
export const SIGNATURE_HEADER = 'SLA-Signature';

/** How far a signature's timestamp may be from the receiver's clock, by default. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

const SECRET_PREFIX = 'whsec_';

/**
 * A new signing secret in the Standard Webhooks form: `whsec_` and 32 random bytes in standard
 * base64 (44 characters), which the published libraries take as it is.
 */
export function generateWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64');
}

/**
 * The HMAC key of a secret for Standard Webhooks signatures: the bytes of its part after
 * `whsec_`, read as base64 in either alphabet. Secrets issued before Standard Webhooks were
 * base64url (`-` and `_`, no padding); theirs are the same 32 bytes, which a receiver's library
 * gets from the secret rewritten in standard base64 (`standardWebhookSecret`).
 */
export function standardKeyOf(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  const key = /^[A-Za-z0-9+/_-]+={0,2}$/.test(encoded) ? Buffer.from(encoded, 'base64') : Buffer.alloc(0);
  // Not base64 at all (never issued by this server): the secret's own bytes, as the legacy scheme keys it.
  return key.length > 0 ? key : Buffer.from(secret, 'utf8');
}

/** The secret as a Standard Webhooks library takes it: `whsec_` and the key in standard base64 (what this server issues now). */
export function standardWebhookSecret(secret: string): string {
  return SECRET_PREFIX + standardKeyOf(secret).toString('base64');
}

/** The `webhook-signature` value of one attempt: one `v1,<base64>` per secret, separated by spaces. */
export function signStandardWebhook(secrets: string | readonly string[], messageId: string, at: Date, body: string): string {
  const all = typeof secrets === 'string' ? [secrets] : secrets;
  return all.map((secret) => new Webhook(standardKeyOf(secret), { format: 'raw' }).sign(messageId, at, body)).join(' ');
}

export function signatureOf(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

/** The header value for `body` signed at `at`: one v1 per secret (two while a rotated secret is still honoured). */
export function signWebhook(secrets: string | readonly string[], body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const all = typeof secrets === 'string' ? [secrets] : secrets;
  return [`t=${t}`, ...all.map((secret) => `v1=${signatureOf(secret, t, body)}`)].join(',');
}

export interface ParsedSignature {
  timestamp: number;
  signatures: string[];
}

/** The timestamp and v1 signatures of a header, or null when it is not of the form t=...,v1=... */
export function parseSignatureHeader(header: string): ParsedSignature | null {
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return null;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') {
      if (!/^\d{1,12}$/.test(value) || timestamp !== null) return null;
      timestamp = Number(value);
    } else if (key === 'v1') {
      if (!/^[0-9a-f]{64}$/.test(value)) return null;
      signatures.push(value);
    }
    // Other schemes (v0, future versions) are ignored, as receivers should.
  }
  return timestamp === null || signatures.length === 0 ? null : { timestamp, signatures };
}

export type VerifyResult = { ok: true; timestamp: number } | { ok: false; reason: 'MALFORMED' | 'TIMESTAMP_OUT_OF_TOLERANCE' | 'SIGNATURE_MISMATCH' };

/**
 * What a receiver does: parse the header, refuse a timestamp further than `toleranceSeconds`
 * from `now`, and compare the expected signature in constant time.
 */
export function verifyWebhook(secret: string, body: string, header: string | null | undefined, now: Date, toleranceSeconds = DEFAULT_TOLERANCE_SECONDS): VerifyResult {
  const parsed = header ? parseSignatureHeader(header) : null;
  if (!parsed) return { ok: false, reason: 'MALFORMED' };
  if (Math.abs(Math.floor(now.getTime() / 1000) - parsed.timestamp) > toleranceSeconds) return { ok: false, reason: 'TIMESTAMP_OUT_OF_TOLERANCE' };
  const expected = Buffer.from(signatureOf(secret, parsed.timestamp, body), 'hex');
  const matches = parsed.signatures.some((s) => {
    const given = Buffer.from(s, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches ? { ok: true, timestamp: parsed.timestamp } : { ok: false, reason: 'SIGNATURE_MISMATCH' };
}
