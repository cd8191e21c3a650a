import { AgreementStatus } from '../../common/agreement-enums';
import { actorLabel } from '../../common/actor';
import { NotFoundError, UserError } from '../../common/errors';
import { EventType } from '../../common/event-types';
import { toGlobalId } from '../../common/global-id';
import { AgreementEntity } from '../../db/entities/agreement.entity';
import { ProviderEntity } from '../../db/entities/provider.entity';
import { ReviewEntity, type ReviewKind } from '../../db/entities/review.entity';
import { type RequestContext } from '../../context/request-context';
import { type JobRequest } from '../../context/scheduled-jobs';
import { withTransaction } from '../../context/transaction';
import { type TermsTookEffect } from '../agreements/agreement.domain-events';
import { visibleAgreements } from '../agreements/agreement-access';
import { inForceAt } from '../agreements/revision-read.service';
import { type RevisionTerms } from '../agreements/terms';
import { type PayloadOf } from '../events/domain-events';
import { raiseEvent } from '../events/event.service';
import { requireRole } from '../shared/access';
import { ReviewRoles } from './review-roles';
import { cadencePeriod, checkAdHocPeriod, reviewDueAt } from './review-schedule';

/**
 * Scheduling of reviews. For every ACTIVE agreement whose revision in force has a MONTHLY,
 * QUARTERLY or ANNUAL cadence, the review of the period under way exists: it is planned when
 * the agreement activates (or a revision with another cadence takes effect), when a review is
 * completed, and when the previous period ends (the `review.due` job). Planning is idempotent:
 * a unique index on (agreement, kind, period start) and INSERT ... ON CONFLICT DO NOTHING.
 * Each new review gets two durable jobs: `review.due` at its period end and `review.overdue`
 * at its due date. Jobs scheduled inside a transaction exist only if it commits.
 */

type PlannedReview = Pick<ReviewEntity, 'id' | 'periodEnd' | 'dueAt'>;

/** A review's two jobs: `review.due` at its period end (now, if that has passed) and `review.overdue` at its due date. */
function reviewJobs(review: PlannedReview, now: Date): { due: JobRequest<'review.due'>; overdue: JobRequest<'review.overdue'> } {
  return {
    due: { data: { reviewId: review.id }, runAt: review.periodEnd > now ? review.periodEnd : now, singletonKey: `review.due:${review.id}` },
    overdue: { data: { reviewId: review.id }, runAt: review.dueAt, singletonKey: `review.overdue:${review.id}` },
  };
}

async function scheduleJobs(tx: RequestContext, review: PlannedReview): Promise<void> {
  const { due, overdue } = reviewJobs(review, tx.now);
  await tx.db.jobs.schedule(tx, 'review.due', due.data, due.runAt, { singletonKey: due.singletonKey });
  await tx.db.jobs.schedule(tx, 'review.overdue', overdue.data, overdue.runAt, { singletonKey: overdue.singletonKey });
}

/**
 * Reaction to TermsTookEffect: the review the cadence of the terms now in force asks for is
 * planned by the `review.plan` job (planNextReview), once this transaction commits. A terminated
 * agreement gets no more reviews.
 */
export async function planReviewOfNewTerms(tx: RequestContext, { agreement, revision, at }: PayloadOf<typeof TermsTookEffect>): Promise<void> {
  if (agreement.terminatedAt) return;
  await tx.db.jobs.schedule(tx, 'review.plan', { agreementId: agreement.id }, at, { singletonKey: `review.plan:${revision.id}` });
}

/**
 * Plans the review of the period under way for one agreement, if its cadence asks for one and
 * none exists yet; scheduled reviews of a cadence the terms no longer have, whose period has not
 * ended, are cancelled. Needs no caller (runs in jobs). Returns the review planned now, if any.
 */
export async function planNextReview(ctx: RequestContext, agreementId: string): Promise<ReviewEntity | null> {
  return withTransaction(ctx, async (tx) => {
    const now = tx.now;
    const agreement = await tx.em.getRepository(AgreementEntity).findOneBy({ id: agreementId });
    if (!agreement || agreement.status !== AgreementStatus.ACTIVE) return null;
    const revision = (await inForceAt(tx, [agreementId], now)).get(agreementId);
    if (!revision) return null;
    const cadence = ((revision.terms as unknown as RevisionTerms).reviewCadence ?? 'AD_HOC') as ReviewKind;
    await tx.em.query(
      `UPDATE review SET status = 'CANCELLED', cancelled_at = $3, cancelled_by = 'Scheduler', cancel_reason = 'The review cadence of the terms in force changed.', version = version + 1
       WHERE agreement_id = $1 AND status = 'SCHEDULED' AND kind NOT IN ('AD_HOC', $2) AND period_end > $3`,
      [agreementId, cadence, now],
    );
    return insertCadenceReview(tx, agreement, cadence, now);
  });
}

/**
 * The review of `kind` for the calendar period containing `at`, created with its jobs if it
 * does not exist yet (null when it did, or for AD_HOC). Idempotent through the unique index.
 */
async function insertCadenceReview(tx: RequestContext, agreement: AgreementEntity, kind: ReviewKind, at: Date): Promise<ReviewEntity | null> {
  const provider = await tx.em.getRepository(ProviderEntity).findOneByOrFail({ id: agreement.providerId });
  const period = cadencePeriod(kind, at, provider.timeZone);
  if (!period) return null;
  const rows: { id: string }[] = await tx.em
    .createQueryBuilder()
    .insert()
    .into(ReviewEntity)
    .values({
      providerId: agreement.providerId,
      agreementId: agreement.id,
      customerId: agreement.customerId,
      kind,
      title: '',
      periodStart: period.start,
      periodEnd: period.end,
      dueAt: reviewDueAt(period.end, provider.timeZone),
      status: 'SCHEDULED',
      createdBy: 'Scheduler',
      version: 1,
    })
    .orIgnore()
    .returning('*')
    .execute()
    .then((r) => (Array.isArray(r.raw) ? (r.raw as { id: string }[]) : []));
  if (!rows[0]?.id) return null;
  const review = await tx.em.getRepository(ReviewEntity).findOneByOrFail({ id: rows[0].id });
  await scheduleJobs(tx, review);
  return review;
}

/**
 * Start-up catch-up, in bulk: the review of the period under way for every ACTIVE agreement whose
 * revision in force asks for one (MONTHLY, QUARTERLY, ANNUAL) and that has none, as planNextReview
 * would plan it one by one, with its two jobs. A few statements whatever the number of agreements
 * (10,000 agreements start in seconds). Exactly once with any number of processes starting
 * together: the unique index on (agreement, kind, period start) lets one insert each review (the
 * others wait for it and skip it), and only the reviews inserted here get jobs here. Returns how
 * many reviews it planned.
 */
export async function planMissingReviews(ctx: RequestContext): Promise<number> {
  return withTransaction(ctx, async (tx) => {
    const now = tx.now;
    const unplanned: { id: string; provider_id: string; customer_id: string | null; cadence: ReviewKind; time_zone: string }[] = await tx.em.query(
      `SELECT a.id, a.provider_id, a.customer_id, r.terms->>'reviewCadence' AS cadence, p.time_zone
       FROM agreement a
       JOIN agreement_revision r ON r.agreement_id = a.id AND r.state = 'ACTIVE'
       JOIN provider p ON p.id = a.provider_id
       WHERE a.status = 'ACTIVE' AND coalesce(r.terms->>'reviewCadence', 'AD_HOC') <> 'AD_HOC'
         AND NOT EXISTS (SELECT 1 FROM review v WHERE v.agreement_id = a.id AND v.kind <> 'AD_HOC' AND v.period_end > $1)
       ORDER BY a.id`, // one order for every process, so that concurrent catch-ups wait for each other rather than deadlock
      [now],
    );
    // The period depends on the cadence and the provider's time zone only: computed once per pair.
    const periods = new Map<string, { start: Date; end: Date; dueAt: Date } | null>();
    const periodOf = (kind: ReviewKind, zone: string) => {
      const key = `${kind} ${zone}`;
      if (!periods.has(key)) {
        const period = cadencePeriod(kind, now, zone);
        periods.set(key, period ? { start: period.start, end: period.end, dueAt: reviewDueAt(period.end, zone) } : null);
      }
      return periods.get(key);
    };
    const rows = unplanned.flatMap((a) => {
      const period = periodOf(a.cadence, a.time_zone);
      return period ? [{ ...a, ...period }] : [];
    });
    if (rows.length === 0) return 0;
    const inserted: { id: string; period_end: Date | string; due_at: Date | string }[] = await tx.em.query(
      `INSERT INTO review (provider_id, agreement_id, customer_id, kind, title, period_start, period_end, due_at, status, created_by, version)
       SELECT provider_id, agreement_id, customer_id, kind, '', period_start, period_end, due_at, 'SCHEDULED', 'Scheduler', 1
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::timestamptz[])
         AS x (provider_id, agreement_id, customer_id, kind, period_start, period_end, due_at)
       ON CONFLICT DO NOTHING
       RETURNING id, period_end, due_at`,
      [
        rows.map((r) => r.provider_id),
        rows.map((r) => r.id),
        rows.map((r) => r.customer_id),
        rows.map((r) => r.cadence),
        rows.map((r) => r.start.toISOString()),
        rows.map((r) => r.end.toISOString()),
        rows.map((r) => r.dueAt.toISOString()),
      ],
    );
    const jobs = inserted.map((r) => reviewJobs({ id: r.id, periodEnd: new Date(r.period_end), dueAt: new Date(r.due_at) }, now));
    await tx.db.jobs.scheduleMany(tx, 'review.due', jobs.map((j) => j.due));
    await tx.db.jobs.scheduleMany(tx, 'review.overdue', jobs.map((j) => j.overdue));
    return inserted.length;
  });
}

/** The review of `kind` covering `at` for an agreement, planned now if it was not (for the demo seed and tools). */
export async function reviewForPeriod(ctx: RequestContext, agreementId: string, kind: ReviewKind, at: Date): Promise<ReviewEntity> {
  return withTransaction(ctx, async (tx) => {
    const agreement = await tx.em.getRepository(AgreementEntity).findOneByOrFail({ id: agreementId });
    const created = await insertCadenceReview(tx, agreement, kind, at);
    if (created) return created;
    const provider = await tx.em.getRepository(ProviderEntity).findOneByOrFail({ id: agreement.providerId });
    const period = cadencePeriod(kind, at, provider.timeZone);
    return tx.em.getRepository(ReviewEntity).findOneByOrFail({ agreementId, kind, periodStart: period!.start });
  });
}

export interface AdHocReviewInput {
  agreementId: string;
  periodStart: Date;
  periodEnd: Date;
  dueAt: Date;
  title?: string | null;
}

/** An ad hoc review of any agreement the caller manages, for a period and due date given by hand. */
export async function scheduleAdHoc(ctx: RequestContext, input: AdHocReviewInput): Promise<ReviewEntity> {
  const actor = requireRole(ctx, ReviewRoles.manage);
  checkAdHocPeriod(input.periodStart, input.periodEnd, input.dueAt);
  return withTransaction(ctx, async (tx) => {
    const agreement = await visibleAgreements(tx).andWhere('a.id = :id', { id: input.agreementId }).getOne();
    if (!agreement) throw new NotFoundError('The agreement', ['agreementId']);
    if (agreement.status === AgreementStatus.DRAFT) throw new UserError('INVALID_STATE', 'A draft agreement has nothing to review yet; review it once it is signed.', ['agreementId']);
    const repo = tx.em.getRepository(ReviewEntity);
    const review = await repo.save(
      repo.create({
        providerId: agreement.providerId,
        agreementId: agreement.id,
        customerId: agreement.customerId,
        kind: 'AD_HOC',
        title: input.title?.trim() ?? '',
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        dueAt: input.dueAt,
        status: 'SCHEDULED',
        createdBy: actorLabel(actor),
        version: 1,
      }),
    );
    await scheduleJobs(tx, review);
    return review;
  });
}

const eventData = (r: ReviewEntity) => ({
  review: toGlobalId('Review', r.id),
  agreement: toGlobalId('Agreement', r.agreementId),
  kind: r.kind,
  periodStart: r.periodStart.toISOString(),
  periodEnd: r.periodEnd.toISOString(),
  dueAt: r.dueAt.toISOString(),
  status: r.status,
});

/** The review row, locked, without a caller (jobs). */
async function lockForJob(tx: RequestContext, reviewId: string): Promise<ReviewEntity | null> {
  return tx.em.getRepository(ReviewEntity).createQueryBuilder('r').setLock('pessimistic_write').where('r.id = :id', { id: reviewId }).getOne();
}

/**
 * The `review.due` job, at the end of a review's period: raises `review.due` once (unless the
 * review is already finished) and plans the review of the period that now begins.
 */
export async function announceReviewDue(ctx: RequestContext, reviewId: string): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const review = await lockForJob(tx, reviewId);
    if (!review) return;
    const now = tx.now;
    if (!review.dueRaisedAt && now >= review.periodEnd && (review.status === 'SCHEDULED' || review.status === 'IN_PROGRESS')) {
      await tx.em.getRepository(ReviewEntity).update({ id: review.id }, { dueRaisedAt: now });
      await raiseEvent(tx, { type: EventType.REVIEW_DUE, providerId: review.providerId, customerId: review.customerId, agreementId: review.agreementId, subjectType: 'Review', subjectId: review.id, data: eventData(review) });
    }
    if (review.kind !== 'AD_HOC') await planNextReview(tx, review.agreementId);
  });
}

/** The `review.overdue` job, at a review's due date: raises `review.overdue` once if it is not finished by then. */
export async function announceReviewOverdue(ctx: RequestContext, reviewId: string): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const review = await lockForJob(tx, reviewId);
    if (!review || review.overdueRaisedAt) return;
    const now = tx.now;
    if (now < review.dueAt || !(review.status === 'SCHEDULED' || review.status === 'IN_PROGRESS')) return;
    await tx.em.getRepository(ReviewEntity).update({ id: review.id }, { overdueRaisedAt: now });
    await raiseEvent(tx, { type: EventType.REVIEW_OVERDUE, providerId: review.providerId, customerId: review.customerId, agreementId: review.agreementId, subjectType: 'Review', subjectId: review.id, data: { ...eventData(review), status: 'OVERDUE' } });
  });
}
