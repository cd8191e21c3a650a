import { createHash } from 'node:crypto';
import { generateApiKeySecret, hashApiKey, looksLikeApiKey, parseApiKey, sameHash } from './api-key-secret';

const FORMAT = /^slak_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{43}$/;

describe('API key secrets', () => {
  it('are generated as slak_<12 letters or digits>_<43 base64url characters>, with a matching prefix and hash', () => {
    const key = generateApiKeySecret();
    expect(key.token).toMatch(FORMAT);
    expect(key.token.split('_')[1]).toBe(key.prefix);
    expect(key.hash).toBe(hashApiKey(key.token));
    expect(parseApiKey(key.token)).toEqual({ prefix: key.prefix });
  });

  it('always match the format (the prefix strips - and _ from base64url)', () => {
    const keys = Array.from({ length: 200 }, () => generateApiKeySecret());
    expect(keys.filter((k) => !FORMAT.test(k.token))).toEqual([]);
  });

  it('differ in prefix and secret between calls', () => {
    const a = generateApiKeySecret();
    const b = generateApiKeySecret();
    expect(a.prefix).not.toBe(b.prefix);
    expect(a.token.split('_').slice(2).join('_')).not.toBe(b.token.split('_').slice(2).join('_'));
    expect(a.hash).not.toBe(b.hash);
  });

  it('are hashed with sha256 as 64 hex characters, the same every time', () => {
    const token = generateApiKeySecret().token;
    expect(hashApiKey(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiKey(token)).toBe(createHash('sha256').update(token).digest('hex'));
    expect(hashApiKey(token)).toBe(hashApiKey(token));
    expect(hashApiKey(`${token}x`)).not.toBe(hashApiKey(token));
  });

  it('are recognised by their slak_ prefix', () => {
    expect(looksLikeApiKey('slak_anything')).toBe(true);
    expect(looksLikeApiKey('eyJhbGciOiJIUzI1NiJ9.e30.x')).toBe(false);
  });

  const secret = 'A'.repeat(43);
  it.each([
    ['an empty string', ''],
    ['a JWT', 'eyJhbGciOiJIUzI1NiJ9.e30.sig'],
    ['another prefix', `sk_live_abcdefghijkl_${secret}`],
    ['a short prefix', `slak_abcdefghijk_${secret}`],
    ['a prefix with a dash', `slak_abcdef-hijkl_${secret}`],
    ['a short secret', `slak_abcdefghijkl_${secret.slice(1)}`],
    ['a long secret', `slak_abcdefghijkl_${secret}A`],
    ['a secret with +', `slak_abcdefghijkl_${secret.slice(1)}+`],
    ['trailing whitespace', `slak_abcdefghijkl_${secret} `],
  ])('parseApiKey refuses %s', (_label, token) => {
    expect(parseApiKey(token)).toBeNull();
  });

  it('parseApiKey reads the prefix of a well-formed token', () => {
    expect(parseApiKey(`slak_abcdefghijkl_${secret}`)).toEqual({ prefix: 'abcdefghijkl' });
  });

  describe('sameHash', () => {
    const a = hashApiKey('slak_a');
    const b = hashApiKey('slak_b');

    it('is true for equal hashes', () => {
      expect(sameHash(a, a.slice())).toBe(true);
    });

    it('is false for different hashes', () => {
      expect(sameHash(a, b)).toBe(false);
    });

    it('is false, without throwing, for hashes of different lengths', () => {
      expect(sameHash(a, a.slice(0, 62))).toBe(false);
      expect(sameHash(a, '')).toBe(false);
    });
  });
});
