import { type SelectQueryBuilder } from 'typeorm';
import { UserError, NotFoundError } from '../../common/errors';
import { AgreementEntity } from '../../db/entities/agreement.entity';
import { type RequestContext } from '../../context/request-context';
import { requireRole } from '../shared/access';
import { customerScope } from '../shared/customer-scope';
import { AgreementRoles } from './agreement-roles';
import { agreementInCustomerScopeSql } from './agreement-visibility';

/** Agreements the caller may read: its provider's; for customer users, those that cover their customer and were proposed. */
export function visibleAgreements(ctx: RequestContext, alias = 'a'): SelectQueryBuilder<AgreementEntity> {
  const actor = requireRole(ctx, AgreementRoles.read);
  const qb = ctx.em.getRepository(AgreementEntity).createQueryBuilder(alias);
  // The tenancy proof (tests only) leaves the provider out: row-level security alone must hold it.
  if (!ctx.db.withoutTenantFiltersForTest) qb.andWhere(`${alias}.providerId = :providerId`, { providerId: actor.providerId });
  qb.andWhere(agreementInCustomerScopeSql(alias, ':viewerCustomer'), { viewerCustomer: customerScope(actor) });
  return qb;
}

/**
 * The agreement, row-locked for the rest of the transaction: every change of an agreement or
 * its revisions takes this lock first, so they happen one after the other.
 */
export async function lockAgreement(tx: RequestContext, id: string, field: (string | number)[] = ['agreementId']): Promise<AgreementEntity> {
  const actor = tx.caller;
  const row = await tx.em
    .getRepository(AgreementEntity)
    .createQueryBuilder('a')
    .setLock('pessimistic_write')
    .where('a.id = :id AND a.providerId = :providerId', { id, providerId: actor.providerId })
    .getOne();
  if (!row) throw new NotFoundError('The agreement', field);
  return row;
}

export function requireNotTerminated(agreement: AgreementEntity, field: (string | number)[] = ['agreementId']): void {
  if (agreement.terminatedAt) throw new UserError('INVALID_STATE', 'The agreement is terminated; it can no longer change.', field);
}
