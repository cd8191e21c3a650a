import { type RequestContext } from '../context/request-context';
import { monthAround, providerTimeZone, scheduleObjectiveCheck } from '../domain/escalations/objective-checks';
import { planNextReview } from '../domain/reviews/review-planner.service';
import { withTransaction } from '../context/transaction';

/**
 * Run at start: every ACTIVE agreement gets the review its cadence asks for and, when its
 * escalation policy says so, the check of its objectives at this month's end. Activation
 * schedules both; this catches agreements that took effect before this version ran, or whose
 * jobs were lost. Idempotent: reviews are unique per period, checks keyed per agreement and month.
 */
export async function keepWorkflowsScheduled(ctx: RequestContext): Promise<number> {
  const now = ctx.now;
  const unplanned: { id: string }[] = await ctx.em.query(
    `SELECT a.id FROM agreement a
     JOIN agreement_revision r ON r.agreement_id = a.id AND r.state = 'ACTIVE'
     WHERE a.status = 'ACTIVE' AND coalesce(r.terms->>'reviewCadence', 'AD_HOC') <> 'AD_HOC'
       AND NOT EXISTS (SELECT 1 FROM review v WHERE v.agreement_id = a.id AND v.kind <> 'AD_HOC' AND v.period_end > $1)`,
    [now],
  );
  for (const { id } of unplanned) await planNextReview(ctx, id);
  const checked: { id: string; provider_id: string }[] = await ctx.em.query(
    `SELECT a.id, a.provider_id FROM agreement a
     JOIN agreement_revision r ON r.agreement_id = a.id AND r.state = 'ACTIVE'
     WHERE a.status = 'ACTIVE' AND r.terms #>> '{escalationPolicy,triggers,objectiveBreached}' = 'true'`,
  );
  for (const a of checked) {
    await withTransaction(ctx, async (tx) => scheduleObjectiveCheck(tx, a.id, monthAround(now, await providerTimeZone(tx, a.provider_id))));
  }
  return unplanned.length + checked.length;
}
