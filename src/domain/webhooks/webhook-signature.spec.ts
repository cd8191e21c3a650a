import { createHmac, randomBytes } from 'node:crypto';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { generateWebhookSecret, parseSignatureHeader, signStandardWebhook, signWebhook, standardKeyOf, standardWebhookSecret, verifyWebhook } from './webhook-signature';

const secret = 'whsec_test-secret-0123456789abcdefghijklmnopqrstuv';
const body = '{"id":"5b7c0c1e-0000-4000-8000-000000000001","type":"incident.breached"}';
const at = new Date('2026-06-01T12:00:00.750Z');
const t = 1780315200; // 2026-06-01T12:00:00Z, seconds (fraction dropped)

describe('webhook signatures', () => {
  it('signs "<t>.<body>" with HMAC-SHA256 of the secret, hex, with the timestamp in whole seconds', () => {
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(signWebhook(secret, body, at)).toBe(`t=${t},v1=${expected}`);
  });

  it('verifies its own signature within the tolerance, on either side of the timestamp', () => {
    const header = signWebhook(secret, body, at);
    expect(verifyWebhook(secret, body, header, at)).toEqual({ ok: true, timestamp: t });
    expect(verifyWebhook(secret, body, header, new Date((t + 300) * 1000)).ok).toBe(true);
    expect(verifyWebhook(secret, body, header, new Date((t - 300) * 1000)).ok).toBe(true);
  });

  it('refuses a timestamp outside the tolerance (a replay), even with a valid signature', () => {
    const header = signWebhook(secret, body, at);
    expect(verifyWebhook(secret, body, header, new Date((t + 301) * 1000))).toEqual({ ok: false, reason: 'TIMESTAMP_OUT_OF_TOLERANCE' });
    expect(verifyWebhook(secret, body, header, new Date((t - 301) * 1000))).toEqual({ ok: false, reason: 'TIMESTAMP_OUT_OF_TOLERANCE' });
    expect(verifyWebhook(secret, body, header, new Date((t + 30) * 1000), 10).ok).toBe(false);
  });

  it('refuses another body, another secret, and a timestamp changed after signing', () => {
    const header = signWebhook(secret, body, at);
    expect(verifyWebhook(secret, body + ' ', header, at)).toEqual({ ok: false, reason: 'SIGNATURE_MISMATCH' });
    expect(verifyWebhook(`${secret}x`, body, header, at)).toEqual({ ok: false, reason: 'SIGNATURE_MISMATCH' });
    const shifted = header.replace(`t=${t}`, `t=${t + 1}`);
    expect(verifyWebhook(secret, body, shifted, at)).toEqual({ ok: false, reason: 'SIGNATURE_MISMATCH' });
  });

  it('accepts a header with several v1 values when one matches (secret rotation) and ignores unknown schemes', () => {
    const good = signWebhook(secret, body, at).split('v1=')[1];
    const header = `t=${t},v1=${'0'.repeat(64)},v0=abc,v1=${good}`;
    expect(verifyWebhook(secret, body, header, at).ok).toBe(true);
  });

  it.each([
    [''],
    ['garbage'],
    [`v1=${'a'.repeat(64)}`],
    [`t=${t}`],
    [`t=abc,v1=${'a'.repeat(64)}`],
    [`t=${t},v1=XYZ`],
    [`t=${t},t=${t},v1=${'a'.repeat(64)}`],
    [`t=${t},=x,v1=${'a'.repeat(64)}`],
  ])('treats %j as malformed', (header) => {
    expect(verifyWebhook(secret, body, header, at)).toEqual({ ok: false, reason: 'MALFORMED' });
  });

  it('signs with every secret given, so that receivers on the old or the new secret both verify during a rotation', () => {
    const header = signWebhook(['whsec_new-secret-new-secret-new-secret-new', secret], body, at);
    expect(header.split(',')).toHaveLength(3);
    expect(verifyWebhook('whsec_new-secret-new-secret-new-secret-new', body, header, at).ok).toBe(true);
    expect(verifyWebhook(secret, body, header, at).ok).toBe(true);
    expect(verifyWebhook('whsec_unrelated', body, header, at).ok).toBe(false);
  });

  it('treats a missing header as malformed', () => {
    expect(verifyWebhook(secret, body, undefined, at)).toEqual({ ok: false, reason: 'MALFORMED' });
    expect(parseSignatureHeader(`t=${t},v1=${'a'.repeat(64)}`)).toEqual({ timestamp: t, signatures: ['a'.repeat(64)] });
  });

  it('generates distinct secrets of 256 random bits, in the Standard Webhooks form (whsec_ and standard base64)', () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(standardKeyOf(a)).toHaveLength(32);
    expect(standardWebhookSecret(a)).toBe(a);
    expect(generateWebhookSecret()).not.toBe(a);
  });
});

describe('Standard Webhooks signatures, as the published library verifies them', () => {
  const messageId = 'V2ViaG9va0RlbGl2ZXJ5OjAwMDAwMDAwLTAwMDAtNDAwMC04MDAwLTAwMDAwMDAwMDAwMw';
  /** What a receiver does: the library checks the timestamp against its own clock (Date.now), here the attempt's. */
  const verify = (secret: string, headers: Record<string, string>, now = at) => {
    const spy = jest.spyOn(Date, 'now').mockReturnValue(now.getTime());
    try {
      return new Webhook(secret).verify(body, headers);
    } finally {
      spy.mockRestore();
    }
  };
  const headersOf = (signature: string, timestamp = t) => ({ 'webhook-id': messageId, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature });

  it('is v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>"> keyed with the secret\'s bytes', () => {
    const key = randomBytes(32);
    const secret = `whsec_${key.toString('base64')}`;
    const expected = createHmac('sha256', key).update(`${messageId}.${t}.${body}`).digest('base64');
    expect(signStandardWebhook(secret, messageId, at, body)).toBe(`v1,${expected}`);
    expect(verify(secret, headersOf(`v1,${expected}`))).toEqual(JSON.parse(body));
  });

  it('refuses another secret, another id, another body and an old timestamp', () => {
    const secret = generateWebhookSecret();
    const signature = signStandardWebhook(secret, messageId, at, body);
    expect(() => verify(generateWebhookSecret(), headersOf(signature))).toThrow(WebhookVerificationError);
    expect(() => verify(secret, { ...headersOf(signature), 'webhook-id': 'another' })).toThrow(WebhookVerificationError);
    expect(() => new Webhook(secret).verify(body.replace('breached', 'warning'), headersOf(signature))).toThrow(WebhookVerificationError);
    expect(() => verify(secret, headersOf(signature), new Date(at.getTime() + 301_000))).toThrow('Message timestamp too old');
  });

  it('carries one signature per secret during a rotation, each verifying with its own secret', () => {
    const [current, previous] = [generateWebhookSecret(), generateWebhookSecret()];
    const signature = signStandardWebhook([current, previous], messageId, at, body);
    expect(signature.split(' ')).toHaveLength(2);
    expect(verify(current, headersOf(signature))).toEqual(JSON.parse(body));
    expect(verify(previous, headersOf(signature))).toEqual(JSON.parse(body));
  });

  it('keys a secret issued before Standard Webhooks (base64url, no padding) with the same 32 bytes, which the library takes in standard base64', () => {
    const key = randomBytes(32);
    const old = `whsec_${key.toString('base64url')}`;
    expect(standardKeyOf(old).equals(key)).toBe(true);
    const converted = standardWebhookSecret(old);
    expect(converted).toBe(`whsec_${key.toString('base64')}`);
    const signature = signStandardWebhook(old, messageId, at, body);
    expect(verify(converted, headersOf(signature))).toEqual(JSON.parse(body));
    // The old form as it is does not load in the library when it holds - or _ (its base64 is the standard alphabet).
    const withUrlCharacters = `whsec_${Buffer.from('fb+/'.repeat(8), 'base64').toString('base64url')}`;
    expect(() => new Webhook(withUrlCharacters)).toThrow();
    // The legacy header keeps its own keying (the secret's text), unchanged for existing receivers.
    expect(verifyWebhook(old, body, signWebhook(old, body, at), at).ok).toBe(true);
  });
});
