import { toGlobalId } from '../../common/global-id';
import { agreementExportPath, linkKey, signLink, verifyLink } from './download-links';

const key = linkKey('a-test-secret-that-is-long-enough-0123456789');
const provider = '2b1f8d3c-5a8e-4f3e-9a0c-1f2e3d4c5b6a';
const agreement = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const now = new Date('2026-10-01T10:00:00Z');
const split = (link: string) => {
  const u = new URL(link, 'http://x');
  return [u.pathname, u.searchParams] as const;
};

describe('signed download links', () => {
  const link = signLink(key, agreementExportPath(agreement, 'qbr.pdf', { from: new Date('2026-09-01T00:00:00Z'), to: new Date('2026-10-01T00:00:00Z') }), provider, new Date('2026-10-08T10:00:00Z'));

  it('carries the agreement, the range, the provider and the expiry, and verifies until it expires', () => {
    expect(link.startsWith(`/exports/agreements/${encodeURIComponent(toGlobalId('Agreement', agreement))}/qbr.pdf?`)).toBe(true);
    expect(verifyLink(key, ...split(link), now)).toEqual({ ok: true, providerGlobalId: toGlobalId('Provider', provider) });
    expect(verifyLink(key, ...split(link), new Date('2026-10-08T09:59:59Z')).ok).toBe(true);
    expect(verifyLink(key, ...split(link), new Date('2026-10-08T10:00:00Z'))).toEqual({ ok: false, reason: 'The link has expired.' });
  });

  it.each<[string, (p: URLSearchParams) => void]>([
    ['another range', (p) => p.set('to', '2027-10-01T00:00:00.000Z')],
    ['another provider', (p) => p.set('provider', toGlobalId('Provider', agreement))],
    ['a later expiry', (p) => p.set('expires', String(Number(p.get('expires')) + 1))],
    ['an added parameter', (p) => p.set('granularity', 'YEAR')],
  ])('refuses the link changed to %s', (_name, change) => {
    const [path, params] = split(link);
    change(params);
    expect(verifyLink(key, path, params, now)).toEqual({ ok: false, reason: 'The link signature does not match.' });
  });

  it('refuses another path, another key, and a link without signature', () => {
    const [path, params] = split(link);
    expect(verifyLink(key, path.replace('qbr.pdf', 'compliance.csv'), params, now).ok).toBe(false);
    expect(verifyLink(linkKey('another-secret-that-is-long-enough-0123456789'), path, params, now).ok).toBe(false);
    expect(verifyLink(key, path, new URLSearchParams({ from: 'x' }), now)).toEqual({ ok: false, reason: 'The link is not signed.' });
  });
});
