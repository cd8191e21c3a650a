import { type EntityTarget, type ObjectLiteral } from 'typeorm';
import { NotFoundError, StaleVersionError, UserError } from '../../common/errors';
import { type RequestContext } from '../../context/request-context';
import { withTransaction } from '../../context/transaction';

interface TenantRow extends ObjectLiteral {
  id: string;
  providerId: string;
  version: number;
  archivedAt?: Date | null;
}

/**
 * Loads a row of the caller's provider for update (row lock, inside the open transaction)
 * and checks the version the client read. Another provider's row is NOT_FOUND, as if missing.
 */
export async function lockForUpdate<T extends TenantRow>(
  ctx: RequestContext,
  entity: EntityTarget<T>,
  id: string,
  what: string,
  opts: { expectedVersion?: number | null; allowArchived?: boolean; idField?: (string | number)[] } = {},
): Promise<T> {
  const row = await ctx.em
    .getRepository(entity)
    .createQueryBuilder('t')
    .setLock('pessimistic_write')
    .where('t.id = :id AND t.providerId = :providerId', { id, providerId: ctx.caller.providerId })
    .getOne();
  if (!row) throw new NotFoundError(what, opts.idField ?? ['id']);
  if (opts.expectedVersion != null && row.version !== opts.expectedVersion) throw new StaleVersionError(what);
  if (row.archivedAt && !opts.allowArchived) {
    throw new UserError('ARCHIVED', `${what} is archived and can no longer be changed.`, opts.idField ?? ['id']);
  }
  return row;
}

/** Archives a row of the caller's provider (archiving twice changes nothing); the caller checks roles. */
export async function archiveRow<T extends TenantRow>(
  ctx: RequestContext,
  entity: EntityTarget<T>,
  id: string,
  what: string,
  expectedVersion?: number | null,
): Promise<T> {
  return withTransaction(ctx, async (tx) => {
    const row = await lockForUpdate(tx, entity, id, what, { expectedVersion, allowArchived: true });
    if (row.archivedAt) return row;
    (row as TenantRow).archivedAt = tx.now;
    return tx.em.getRepository(entity).save(row);
  });
}
