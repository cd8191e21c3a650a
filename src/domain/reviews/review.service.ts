import { In, type SelectQueryBuilder } from 'typeorm';
import { NotFoundError } from '../../common/errors';
import { ReviewActionItemEntity } from '../../db/entities/review-action-item.entity';
import { ReviewFindingEntity } from '../../db/entities/review-finding.entity';
import { ReviewParticipantEntity } from '../../db/entities/review-participant.entity';
import { ReviewEntity } from '../../db/entities/review.entity';
import { type RequestContext } from '../../context/request-context';
import { requireRole } from '../shared/access';
import { customerScope, inCustomerScopeSql } from '../shared/customer-scope';
import { nestedPages } from '../shared/nested-pages';
import { type KeysetOrder, type Page, type PageRequest, paginate } from '../shared/pagination';
import { ReviewRoles } from './review-roles';
import { type ReviewDisplayStatus } from './review-schedule';

export interface ReviewFilter {
  agreementId?: string | null;
  /** OVERDUE: not finished and past due; SCHEDULED and IN_PROGRESS: not (yet) overdue. */
  status?: ReviewDisplayStatus | null;
  /** Due strictly before this instant. */
  dueBefore?: Date | null;
}

export type ReviewOrder = 'DUE_AT_ASC' | 'DUE_AT_DESC';

const ORDERS: Record<ReviewOrder, KeysetOrder<ReviewEntity>> = {
  DUE_AT_ASC: { column: 'dueAt', direction: 'ASC', value: (r) => r.dueAt },
  DUE_AT_DESC: { column: 'dueAt', direction: 'DESC', value: (r) => r.dueAt },
};

/**
 * Reviews the caller may read: its provider's; customer users only those of agreements made
 * with their own customer (a review's snapshot holds figures of everyone an agreement covers).
 */
export function visibleReviews(ctx: RequestContext, alias = 'rv'): SelectQueryBuilder<ReviewEntity> {
  const actor = requireRole(ctx, ReviewRoles.read);
  const qb = ctx.em.getRepository(ReviewEntity).createQueryBuilder(alias).where(`${alias}.providerId = :providerId`, { providerId: actor.providerId });
  qb.andWhere(inCustomerScopeSql(`${alias}.customerId`, ':viewerCustomer'), { viewerCustomer: customerScope(actor) });
  return qb;
}

/** Query-builder condition for a displayed status (OVERDUE is computed from the clock, `:statusNow`). */
function statusCondition(alias: string, status: ReviewDisplayStatus): string {
  switch (status) {
    case 'OVERDUE':
      return `${alias}.status IN ('SCHEDULED','IN_PROGRESS') AND ${alias}.dueAt <= :statusNow`;
    case 'SCHEDULED':
    case 'IN_PROGRESS':
      return `${alias}.status = '${status}' AND ${alias}.dueAt > :statusNow`;
    default:
      return `${alias}.status = '${status}'`;
  }
}

export async function findByIds(ctx: RequestContext, ids: readonly string[]): Promise<ReviewEntity[]> {
  if (ids.length === 0) return [];
  return visibleReviews(ctx).andWhere('rv.id IN (:...ids)', { ids }).getMany();
}

export async function list(ctx: RequestContext, filter: ReviewFilter, order: ReviewOrder, page: PageRequest): Promise<Page<ReviewEntity>> {
  const qb = visibleReviews(ctx);
  if (filter.agreementId) qb.andWhere('rv.agreementId = :agreementId', { agreementId: filter.agreementId });
  if (filter.status) qb.andWhere(statusCondition('rv', filter.status), { statusNow: ctx.now });
  if (filter.dueBefore) qb.andWhere('rv.dueAt < :dueBefore', { dueBefore: filter.dueBefore });
  return paginate(qb, ORDERS[order], page);
}

/** The reviews of each agreement, a page each, latest period first. */
export async function reviewsOfAgreements(ctx: RequestContext, agreementIds: readonly string[], page: PageRequest): Promise<Map<string, Page<ReviewEntity>>> {
  const actor = requireRole(ctx, ReviewRoles.read);
  return nestedPages(
    ctx,
    agreementIds,
    {
      orderKey: 'agreement-reviews:period',
      direction: 'DESC',
      pairsSql: `SELECT r.agreement_id AS parent_id, r.id AS child_id, to_char(r.period_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS sort_value
                 FROM review r WHERE r.agreement_id = ANY($1::uuid[]) AND r.provider_id = $2 AND ${inCustomerScopeSql('r.customer_id', '$3')}`,
      params: [actor.providerId, customerScope(actor)],
      load: (ids) => findByIds(ctx, ids),
    },
    page,
  );
}

/** The action items of each review, a page each, by due date (then in the order they were added). */
export async function actionItemsOfReviews(ctx: RequestContext, reviewIds: readonly string[], page: PageRequest): Promise<Map<string, Page<ReviewActionItemEntity>>> {
  const actor = requireRole(ctx, ReviewRoles.read);
  return nestedPages(
    ctx,
    reviewIds,
    {
      orderKey: 'review-action-items:due',
      direction: 'ASC',
      // Parents come from visible reviews; the provider check keeps another tenant's ids out.
      pairsSql: `SELECT i.review_id AS parent_id, i.id AS child_id, to_char(i.due_on, 'YYYY-MM-DD') || lpad(i.seq::text, 19, '0') AS sort_value
                 FROM review_action_item i WHERE i.review_id = ANY($1::uuid[]) AND i.provider_id = $2`,
      params: [actor.providerId],
      load: async (ids) => (ids.length ? ctx.em.getRepository(ReviewActionItemEntity).findBy({ id: In(ids), providerId: actor.providerId }) : []),
    },
    page,
  );
}

/** Action items of reviews the caller may read. */
export async function findActionItemsByIds(ctx: RequestContext, ids: readonly string[]): Promise<ReviewActionItemEntity[]> {
  if (ids.length === 0) return [];
  const visible = visibleReviews(ctx, 'vr').select('vr.id');
  return ctx.em
    .getRepository(ReviewActionItemEntity)
    .createQueryBuilder('i')
    .where('i.id IN (:...ids)', { ids })
    .andWhere(`i.reviewId IN (${visible.getQuery()})`)
    .setParameters(visible.getParameters())
    .getMany();
}

/** The participants of reviews (the caller already reads the reviews), in the order they were added. */
export async function participantsOf(ctx: RequestContext, reviewIds: readonly string[]): Promise<ReviewParticipantEntity[]> {
  if (reviewIds.length === 0) return [];
  const actor = requireRole(ctx, ReviewRoles.read);
  return ctx.em.getRepository(ReviewParticipantEntity).find({ where: { reviewId: In([...reviewIds]), providerId: actor.providerId }, order: { seq: 'ASC' } });
}

/** The findings of reviews, in the order they were recorded. */
export async function findingsOf(ctx: RequestContext, reviewIds: readonly string[]): Promise<ReviewFindingEntity[]> {
  if (reviewIds.length === 0) return [];
  const actor = requireRole(ctx, ReviewRoles.read);
  return ctx.em.getRepository(ReviewFindingEntity).find({ where: { reviewId: In([...reviewIds]), providerId: actor.providerId }, order: { seq: 'ASC' } });
}

/**
 * The review, row-locked for the rest of the transaction, if the caller may read it; NOT_FOUND
 * naming `field` otherwise (another tenant's review looks exactly like a missing one).
 */
export async function lockReview(tx: RequestContext, id: string, field: (string | number)[] = ['id']): Promise<ReviewEntity> {
  const row = await visibleReviews(tx).andWhere('rv.id = :id', { id }).setLock('pessimistic_write').getOne();
  if (!row) throw new NotFoundError('The review', field);
  return row;
}
