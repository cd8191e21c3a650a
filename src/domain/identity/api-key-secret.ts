import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** API keys look like `slak_<prefix>_<secret>`; the prefix finds the row, the secret proves it. */
const FORMAT = /^slak_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

export interface NewApiKeySecret {
  token: string;
  prefix: string;
  hash: string;
}

export function generateApiKeySecret(): NewApiKeySecret {
  const prefix = randomBytes(12).toString('base64url').replace(/[^A-Za-z0-9]/g, '').padEnd(12, '0').slice(0, 12);
  const secret = randomBytes(32).toString('base64url');
  const token = `slak_${prefix}_${secret}`;
  return { token, prefix, hash: hashApiKey(token) };
}

/** Keys are 256 random bits, so a fast hash is as safe as a slow one and keeps auth cheap. */
export function hashApiKey(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function looksLikeApiKey(token: string): boolean {
  return token.startsWith('slak_');
}

export function parseApiKey(token: string): { prefix: string } | null {
  const m = FORMAT.exec(token);
  return m ? { prefix: m[1] } : null;
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
