import { actorLabel } from '../../common/actor';
import { StaleVersionError, UserError } from '../../common/errors';
import { type ReviewDecision, ReviewEntity } from '../../db/entities/review.entity';
import { type RequestContext } from '../../context/request-context';
import { withTransaction } from '../../context/transaction';
import * as revisions from '../agreements/revision.service';
import { complianceReport } from '../compliance/compliance.service';
import { requireRole } from '../shared/access';
import { rebaselineOf } from './rebaseline.service';
import { addActionItemRow, addFindingRow, addParticipantRow, type ActionItemInput, type FindingInput, type ParticipantInput } from './review-items.service';
import { planNextReview } from './review-planner.service';
import { ReviewRoles } from './review-roles';
import { lockReview } from './review.service';
import { requireReviewMove, SNAPSHOT_GRANULARITY } from './review-schedule';
import { snapshotOf } from './review-snapshot';

function checkVersion(review: ReviewEntity, version: number | null | undefined): void {
  if (version != null && review.version !== version) throw new StaleVersionError('The review');
}

/**
 * SCHEDULED -> IN_PROGRESS: freezes the compliance report and credits of the review's period
 * (and the re-baselining figures) into its snapshot. Two starts at once: the row lock makes
 * the second wait and then find the review IN_PROGRESS (INVALID_STATE).
 */
export async function startReview(ctx: RequestContext, id: string, version?: number | null): Promise<ReviewEntity> {
  const actor = requireRole(ctx, ReviewRoles.manage);
  return withTransaction(ctx, async (tx) => {
    const review = await lockReview(tx, id);
    checkVersion(review, version);
    requireReviewMove(review.status, 'IN_PROGRESS');
    const now = tx.now;
    const granularity = SNAPSHOT_GRANULARITY;
    const report = await complianceReport(tx, review.agreementId, review.periodStart, review.periodEnd, granularity);
    if (!report) throw new UserError('NOT_FOUND', 'The agreement of this review is no longer visible to you.', ['id']);
    const snapshot = snapshotOf(report, review, granularity, now, await rebaselineOf(tx, review));
    await tx.em.query(`UPDATE review SET status = 'IN_PROGRESS', started_at = $2, started_by = $3, snapshot = $4::jsonb, version = version + 1 WHERE id = $1`, [
      review.id,
      now,
      actorLabel(actor),
      JSON.stringify(snapshot),
    ]);
    return tx.em.getRepository(ReviewEntity).findOneByOrFail({ id: review.id });
  });
}

export interface ReviewCompleteInput {
  id: string;
  version?: number | null;
  decision: ReviewDecision;
  decisionNotes?: string | null;
  participants?: ParticipantInput[] | null;
  findings?: FindingInput[] | null;
  actionItems?: ActionItemInput[] | null;
}

/**
 * IN_PROGRESS -> COMPLETED with a decision; participants, findings and action items given here
 * are recorded with it. AMEND opens a draft revision copied from the terms in force (as
 * agreementAmend does) and links it to the review; if the agreement already has an open
 * revision, nothing is recorded and the error names `decision`. The next review is planned.
 */
export async function completeReview(ctx: RequestContext, input: ReviewCompleteInput): Promise<ReviewEntity> {
  const actor = requireRole(ctx, ReviewRoles.manage);
  return withTransaction(ctx, async (tx) => {
    const review = await lockReview(tx, input.id);
    checkVersion(review, input.version);
    requireReviewMove(review.status, 'COMPLETED');
    const now = tx.now;
    for (const [i, p] of (input.participants ?? []).entries()) await addParticipantRow(tx, review, p, ['participants', i]);
    for (const [i, f] of (input.findings ?? []).entries()) await addFindingRow(tx, review, f, ['findings', i]);
    for (const [i, a] of (input.actionItems ?? []).entries()) await addActionItemRow(tx, review, a, ['actionItems', i]);
    let amendmentRevisionId: string | null = null;
    if (input.decision === 'AMEND') {
      try {
        amendmentRevisionId = (await revisions.amend(tx, review.agreementId)).id;
      } catch (error) {
        if (error instanceof UserError) throw new UserError(error.code, `The amendment could not be opened: ${error.message}`, ['decision']);
        throw error;
      }
    }
    await tx.em.getRepository(ReviewEntity).update(
      { id: review.id },
      {
        status: 'COMPLETED',
        completedAt: now,
        completedBy: actorLabel(actor),
        decision: input.decision,
        decisionNotes: input.decisionNotes?.trim() || null,
        amendmentRevisionId,
        version: review.version + 1,
      },
    );
    if (review.kind !== 'AD_HOC') await planNextReview(tx, review.agreementId);
    return tx.em.getRepository(ReviewEntity).findOneByOrFail({ id: review.id });
  });
}

/** SCHEDULED or IN_PROGRESS -> CANCELLED, with a reason. A cancelled review is not planned again. */
export async function cancelReview(ctx: RequestContext, id: string, reason: string, version?: number | null): Promise<ReviewEntity> {
  const actor = requireRole(ctx, ReviewRoles.manage);
  return withTransaction(ctx, async (tx) => {
    const review = await lockReview(tx, id);
    checkVersion(review, version);
    requireReviewMove(review.status, 'CANCELLED');
    await tx.em.getRepository(ReviewEntity).update(
      { id: review.id },
      { status: 'CANCELLED', cancelledAt: tx.now, cancelledBy: actorLabel(actor), cancelReason: reason.trim(), version: review.version + 1 },
    );
    return tx.em.getRepository(ReviewEntity).findOneByOrFail({ id: review.id });
  });
}
