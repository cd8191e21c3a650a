import { pipeline } from 'node:stream/promises';
import express, { type Request, type Response, type Router } from 'express';
import { type Actor } from '../../common/actor';
import { type Clock } from '../../common/clock';
import { ForbiddenError, NotFoundError, UnauthenticatedError, UserError } from '../../common/errors';
import { fromGlobalId } from '../../common/global-id';
import { type Logger } from '../../common/logger';
import { Role } from '../../common/roles';
import { type Database } from '../../context/database';
import { RequestContext } from '../../context/request-context';
import { bindTenant, runWithTenantBinding, TenantBinding } from '../../db/tenant-scope';
import { type Authenticator } from '../../domain/identity/authenticator';
import { verifyLink } from '../../domain/reporting/download-links';
import { complianceCsv, creditLedgerCsv, type ExportFile, qbrPdf, statementCsv } from '../../domain/reporting/export.service';
import { tenantOf } from '../../domain/shared/customer-scope';
import { isUnavailable } from '../plugins/error-policy';

/**
 * The downloads (CSV and PDF exports), plain GET URLs that the API returns
 * (`Agreement.exports`, `Statement.csvUrl`). They authenticate exactly as GraphQL does (a
 * `Bearer` access token or API key, checked at the request's instant) and run in the caller's
 * tenant under row-level security with its customer scope; an agreement or statement the caller
 * may not see is 404, like a missing one. A signed link (from a report's e-mail or webhook)
 * opens its one file without a token until it expires, as its provider's system user.
 */
export function exportRoutes(deps: { db: Database; clock: Clock; logger: Logger; authenticator: Authenticator }): Router {
  const router = express.Router();
  const { db, clock, logger, authenticator } = deps;

  const serve = (produce: (rc: RequestContext, req: Request) => Promise<ExportFile | null>) => async (req: Request, res: Response) => {
    const rid = String((req as Request & { id?: unknown }).id ?? '');
    const tenant = new TenantBinding();
    await runWithTenantBinding(tenant, async () => {
      const arriving = new RequestContext(db, null, rid, clock, logger.child({ requestId: rid }));
      try {
        const actor = await callerOf(req, arriving);
        if (!actor) throw new UnauthenticatedError('Send an access token or API key (Authorization: Bearer ...), or use a signed link.');
        bindTenant(tenant, tenantOf(actor));
        const file = await produce(arriving.actingAs(actor), req);
        if (!file) throw new NotFoundError('The agreement or statement', ['id']);
        res.status(200).set({ 'content-type': file.contentType, 'content-disposition': `attachment; filename="${file.fileName}"`, 'cache-control': 'private, no-store' });
        // Streamed: the file is written as it is produced.
        await pipeline(file.body, res);
      } catch (error) {
        if (res.headersSent) {
          logger.error({ err: error, requestId: rid }, 'export failed while streaming');
          res.destroy(error as Error);
          return;
        }
        const [status, code, message, field] =
          error instanceof UnauthenticatedError
            ? [401, 'UNAUTHENTICATED', error.message, undefined]
            : error instanceof ForbiddenError
              ? [403, 'FORBIDDEN', error.message, undefined]
              : error instanceof NotFoundError
                ? [404, 'NOT_FOUND', 'Not found.', undefined]
                : error instanceof UserError
                  ? [400, error.code, error.message, error.field]
                  : isUnavailable(error)
                    ? [503, 'UNAVAILABLE', 'The database is unavailable; try again.', undefined]
                    : [500, 'INTERNAL_SERVER_ERROR', 'Internal server error.', undefined];
        if (status >= 500) logger.error({ err: error, requestId: rid }, 'export failed');
        res.status(status).json({ errors: [{ message, extensions: { code, requestId: rid, ...(field ? { field } : {}) } }] });
      }
    });
  };

  /** The caller: a signed link's system user, or whoever the Authorization header names (null: nobody). */
  async function callerOf(req: Request, rc: RequestContext): Promise<Actor | null> {
    const params = new URLSearchParams(req.originalUrl.split('?')[1] ?? '');
    if (params.has('signature')) {
      const check = verifyLink(db.reports.linkKey, req.originalUrl.split('?')[0], params, rc.now);
      if (!check.ok) throw new UnauthenticatedError(check.reason);
      const provider = fromGlobalId(check.providerGlobalId);
      if (!provider || provider.type !== 'Provider') throw new UnauthenticatedError('The link names no provider.');
      return { kind: 'USER', id: 'signed-link', name: 'Signed download link', providerId: provider.uuid, roles: [Role.ANALYST], customerId: null };
    }
    return authenticator.authenticate(db.dataSource.manager, req.headers.authorization, rc.now);
  }

  router.get(
    '/exports/agreements/:agreement/compliance.csv',
    serve((rc, req) => {
      const { from, to } = range(req);
      const granularity = String(req.query.granularity ?? 'MONTH');
      if (!['MONTH', 'QUARTER', 'YEAR'].includes(granularity)) throw new UserError('INVALID_INPUT', 'granularity must be MONTH, QUARTER or YEAR.', ['granularity']);
      return complianceCsv(rc, idOf(req.params.agreement, 'Agreement'), from, to, granularity as 'MONTH');
    }),
  );
  router.get(
    '/exports/agreements/:agreement/qbr.pdf',
    serve((rc, req) => {
      const { from, to } = range(req);
      return qbrPdf(rc, idOf(req.params.agreement, 'Agreement'), from, to);
    }),
  );
  router.get(
    '/exports/agreements/:agreement/credit-ledger.csv',
    serve((rc, req) => creditLedgerCsv(rc, idOf(req.params.agreement, 'Agreement'))),
  );
  router.get(
    '/exports/statements/:file',
    serve((rc, req) => {
      const file = String(req.params.file);
      if (!file.endsWith('.csv')) throw new NotFoundError('The statement', ['id']);
      return statementCsv(rc, idOf(file.slice(0, -4), 'Statement'));
    }),
  );
  return router;
}

/** A global id of `type` in the path; anything else is a missing object (404). */
function idOf(value: unknown, type: string): string {
  const decoded = fromGlobalId(String(value));
  if (!decoded || decoded.type !== type) throw new NotFoundError(`The ${type.toLowerCase()}`, ['id']);
  return decoded.uuid;
}

/** `from` and `to` of the query, ISO 8601 instants, `to` after `from`. */
function range(req: Request): { from: Date; to: Date } {
  const at = (name: 'from' | 'to') => {
    const text = req.query[name];
    const d = typeof text === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(text) ? new Date(text) : null;
    if (!d || Number.isNaN(d.getTime())) throw new UserError('INVALID_INPUT', `${name} must be an ISO 8601 instant (2026-07-01T00:00:00Z).`, [name]);
    return d;
  };
  const from = at('from');
  const to = at('to');
  if (to <= from) throw new UserError('INVALID_INPUT', '`to` must be after `from`.', ['to']);
  return { from, to };
}
