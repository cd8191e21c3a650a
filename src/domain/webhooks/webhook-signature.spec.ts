import { createHmac } from 'node:crypto';
import { generateWebhookSecret, parseSignatureHeader, signWebhook, verifyWebhook } from './webhook-signature';

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

  it('generates distinct secrets of 256 random bits', () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(generateWebhookSecret()).not.toBe(a);
  });
});
