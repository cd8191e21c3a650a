import { type JobData, type JobName } from '../context/scheduled-jobs';
import { type RequestContext } from '../context/request-context';
import { checkUnacknowledged } from '../domain/escalations/escalation-triggers';
import { advanceEscalation } from '../domain/escalations/escalation-writes';
import { checkObjectiveBreaches } from '../domain/escalations/objective-breaches';
import { runScheduledDelivery } from '../domain/webhooks/webhook-delivery.service';
import { announceReviewDue, announceReviewOverdue, planNextReview } from '../domain/reviews/review-planner.service';
import { evaluateAfterChange, evaluateBurnAlerts } from '../domain/compliance/burn-alert.service';
import { closeDueStatements } from '../domain/settlement/statement-close.service';
import { reconcileAffected } from '../domain/settlement/statement-reconcile.service';
import { missClaimDeadline } from '../domain/claims/claim-deadline.service';
import { deliverDueReports, sendReportEmail } from '../domain/reporting/report-delivery.service';

/**
 * Runs one durable job with the data it was scheduled with (JobPayloads). The context has no
 * actor (events say SYSTEM) and the application's clock. A handler must be safe to run twice for
 * the same job (a process may die after the work committed and before the queue heard of it):
 * check the state, then act.
 */
export type JobHandler<J extends JobName = JobName> = (ctx: RequestContext, data: JobData<J>) => Promise<void>;

/** A handler for each job. */
export type JobHandlers = { [J in JobName]: JobHandler<J> };

/** The handler of every job name. */
export const jobHandlers: JobHandlers = {
  'review.plan': async (ctx, { agreementId }) => {
    await planNextReview(ctx, agreementId);
  },
  'review.due': (ctx, { reviewId }) => announceReviewDue(ctx, reviewId),
  'review.overdue': (ctx, { reviewId }) => announceReviewOverdue(ctx, reviewId),
  'webhook.deliver': (ctx, { deliveryId }) => runScheduledDelivery(ctx, deliveryId),
  // Escalations: each handler checks the state under a row lock before it acts (compare-and-set).
  'escalation.advance': async (ctx, { escalationId, level }) => {
    await advanceEscalation(ctx, escalationId, level);
  },
  'escalation.check-unacknowledged': async (ctx, { incidentId }) => {
    await checkUnacknowledged(ctx, incidentId);
  },
  'escalation.check-objectives': async (ctx, { agreementId, periodStart, periodEnd }) => {
    await checkObjectiveBreaches(ctx, agreementId, { start: new Date(periodStart), end: new Date(periodEnd) });
  },
  // Statements: the agreement's row lock and the unique (agreement, period) make a second run a no-op.
  'statement.close': async (ctx, { agreementId }) => {
    await closeDueStatements(ctx, agreementId);
  },
  // Burn-rate alerts: an episode opens once (unique per objective and pair) and resolves once.
  'budget.burn-evaluate': async (ctx, { agreementId }) => {
    await evaluateBurnAlerts(ctx, agreementId);
  },
  'budget.burn-changed': async (ctx, data) => {
    await evaluateAfterChange(ctx, data);
  },
  'statement.reconcile': async (ctx, data) => {
    await reconcileAffected(ctx, { ...data, since: new Date(data.since) });
  },
  // Claims: the claim's row lock, the stage it names and the once-only record of a missed deadline make a second run a no-op.
  'claim.deadline': async (ctx, { claimId, stage }) => {
    await missClaimDeadline(ctx, claimId, stage);
  },
  // Reports: the agreement's row lock and the unique (agreement, period) make a second run a no-op.
  'report.deliver': async (ctx, { agreementId, since }) => {
    await deliverDueReports(ctx, agreementId, new Date(since));
  },
  // An e-mail attempt is claimed (counted) under the delivery's row lock before it is sent.
  'report.email': (ctx, { deliveryId }) => sendReportEmail(ctx, deliveryId),
};
