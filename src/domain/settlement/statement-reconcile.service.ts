import { type RequestContext } from '../../context/request-context';
import { withTransaction } from '../../context/transaction';
import { type DataChangeCause, type PastDataChange, type PastDataChanged } from '../compliance/compliance.domain-events';
import { type PayloadOf } from '../events/domain-events';
import { snapshotPeriod } from '../reviews/review-snapshot';
import { periodDifference } from './settlement-figures';
import { asProviderSystem, lockAgreementForSettlement, monthlyCompliance } from './statement-close.service';
import { type AdjustmentRow, adjustmentsOfAgreement, settledFigures, statementsOfAgreement, toAdjustmentRow, ADJUSTMENT_COLUMNS } from './statement-rows';

/**
 * Late data and corrections: a closed period's statement never changes; when the data of a closed
 * period changes (a back-filled incident, a corrected time, late measurements, a correction), the
 * period is judged again from the data of now, and what differs from what it settled at (its
 * statement, then its adjustments in turn) is recorded as a new adjustment, with its cause, to be
 * carried on the agreement's next statement. So the ledger (statements plus adjustments) always
 * sums to what the data says now.
 *
 * Runs on the durable queue (`statement.reconcile`), as the owner; the request that changed the
 * data only asks for it (in its transaction, so only if it commits). Safe to run again: a second
 * run finds nothing left to adjust.
 */

/** Reaction to PastDataChanged (in the changing transaction): a recheck of the closed periods it may touch, once that commits. */
export async function recheckClosedPeriods(tx: RequestContext, change: PayloadOf<typeof PastDataChanged>): Promise<void> {
  await tx.db.jobs.schedule(
    tx,
    'statement.reconcile',
    { providerId: change.providerId, since: change.since.toISOString(), serviceIds: change.serviceIds, objectiveIds: change.objectiveIds, agreementIds: change.agreementIds ?? null, cause: change.cause },
    tx.now,
  );
}

/** The job: every agreement with a statement of a period that ends after `since` and that the change can touch, judged again. */
export async function reconcileAffected(ctx: RequestContext, change: Omit<PastDataChange, 'since'> & { since: Date }): Promise<AdjustmentRow[]> {
  const agreements: { agreement_id: string }[] = await ctx.em.query(
    `SELECT DISTINCT s.agreement_id FROM statement s
     WHERE s.provider_id = $1 AND s.period_end > $2
       AND ($3::uuid[] IS NULL OR s.agreement_id IN (SELECT x.agreement_id FROM agreement_service x WHERE x.service_id = ANY($3::uuid[])))
       AND ($4::uuid[] IS NULL OR s.agreement_id IN (SELECT r.agreement_id FROM objective o JOIN agreement_revision r ON r.id = o.revision_id WHERE o.id = ANY($4::uuid[])))
       AND ($5::uuid[] IS NULL OR s.agreement_id = ANY($5::uuid[]))
     ORDER BY 1`,
    [change.providerId, change.since, change.serviceIds, change.objectiveIds, change.agreementIds ?? null],
  );
  const out: AdjustmentRow[] = [];
  for (const { agreement_id } of agreements) out.push(...(await reconcileAgreement(ctx, agreement_id, change.cause)));
  return out;
}

/**
 * Judges every closed period of one agreement again and records an adjustment for each that
 * differs from what it settled at. Returns the adjustments recorded now.
 */
export async function reconcileAgreement(ctx: RequestContext, agreementId: string, cause: DataChangeCause): Promise<AdjustmentRow[]> {
  return withTransaction(ctx, async (tx) => {
    const agreement = await lockAgreementForSettlement(tx, agreementId);
    if (!agreement) return [];
    const statements = await statementsOfAgreement(tx, agreementId);
    if (statements.length === 0) return [];
    const adjustments = await adjustmentsOfAgreement(tx, agreementId);
    const periods = await monthlyCompliance(asProviderSystem(tx, agreement.provider_id), agreementId, agreement.time_zone, statements[0].periodStart, statements[statements.length - 1].periodEnd);
    const byStart = new Map(periods.map((p) => [p.start.getTime(), p]));
    const recorded: AdjustmentRow[] = [];
    for (const statement of statements) {
      const now = byStart.get(statement.periodStart.getTime());
      if (!now) continue;
      const current = snapshotPeriod(now);
      const difference = periodDifference(settledFigures(statement, adjustments), current);
      if (!difference) continue;
      const rows: Record<string, unknown>[] = await tx.em.query(
        `INSERT INTO statement_adjustment (provider_id, agreement_id, customer_id, statement_id, recorded_at, currency, credit_before, credit_after, credit_difference, cause, changes, figures)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb, $12::jsonb)
         RETURNING ${ADJUSTMENT_COLUMNS.replace(/\ba\./g, '')}`,
        [
          agreement.provider_id,
          agreementId,
          agreement.customer_id,
          statement.id,
          tx.now,
          difference.currency,
          difference.creditBefore,
          difference.creditAfter,
          difference.creditDifference,
          JSON.stringify(cause),
          JSON.stringify(difference),
          JSON.stringify(current),
        ],
      );
      recorded.push(toAdjustmentRow(rows[0]));
    }
    return recorded;
  });
}
