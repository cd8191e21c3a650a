import { createHmac, timingSafeEqual } from 'node:crypto';
import { toGlobalId } from '../../common/global-id';

/**
 * The download URLs of the exports, and short-lived signed links to them for e-mails and
 * webhooks (whose readers hold no token). One list of paths: the HTTP routes, the API's URL
 * fields and the reports all build them here.
 */
export type ExportKind = 'compliance.csv' | 'qbr.pdf' | 'credit-ledger.csv';

export interface RangeQuery {
  from: Date;
  to: Date;
  granularity?: string;
}

/** The path (and query) of an agreement's export. */
export function agreementExportPath(agreementId: string, kind: ExportKind, range?: RangeQuery): string {
  const path = `/exports/agreements/${encodeURIComponent(toGlobalId('Agreement', agreementId))}/${kind}`;
  if (!range) return path;
  const q = new URLSearchParams({ from: range.from.toISOString(), to: range.to.toISOString(), ...(range.granularity ? { granularity: range.granularity } : {}) });
  return `${path}?${q.toString()}`;
}

/** The path of a statement's CSV. */
export function statementExportPath(statementId: string): string {
  return `/exports/statements/${encodeURIComponent(toGlobalId('Statement', statementId))}.csv`;
}

/** The key signed links are signed with, derived from the server's token secret (never the secret itself). */
export function linkKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('sla-download-links/v1').digest();
}

const canonical = (path: string, params: URLSearchParams) => {
  const entries = [...params.entries()].filter(([k]) => k !== 'signature').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${path}?${new URLSearchParams(entries).toString()}`;
};

/**
 * A link to `pathAndQuery` that anyone holding it may open until `expiresAt`, reading as the
 * system user of `providerId` (the provider's data only, nothing else): the path, its query,
 * the provider and the expiry are signed together (HMAC-SHA256).
 */
export function signLink(key: Buffer, pathAndQuery: string, providerId: string, expiresAt: Date): string {
  const [path, query = ''] = pathAndQuery.split('?');
  const params = new URLSearchParams(query);
  params.set('provider', toGlobalId('Provider', providerId));
  params.set('expires', String(Math.floor(expiresAt.getTime() / 1000)));
  params.set('signature', createHmac('sha256', key).update(canonical(path, params)).digest('base64url'));
  return `${path}?${params.toString()}`;
}

export type LinkCheck = { ok: true; providerGlobalId: string } | { ok: false; reason: string };

/** Whether a request's path and query carry a valid, unexpired signature. */
export function verifyLink(key: Buffer, path: string, params: URLSearchParams, now: Date): LinkCheck {
  const signature = params.get('signature');
  const expires = Number(params.get('expires'));
  const provider = params.get('provider');
  if (!signature || !provider || !Number.isInteger(expires)) return { ok: false, reason: 'The link is not signed.' };
  const expected = createHmac('sha256', key).update(canonical(path, params)).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'The link signature does not match.' };
  if (expires * 1000 <= now.getTime()) return { ok: false, reason: 'The link has expired.' };
  return { ok: true, providerGlobalId: provider };
}
