import { type JobName } from '../context/scheduled-jobs';
import { type RequestContext } from '../context/request-context';
import { checkUnacknowledged } from '../domain/escalations/escalation-triggers';
import { advanceEscalation } from '../domain/escalations/escalation-writes';
import { checkObjectiveBreaches } from '../domain/escalations/objective-breaches';
import { runScheduledDelivery } from '../domain/webhooks/webhook-delivery.service';
import { announceReviewDue, announceReviewOverdue, planNextReview } from '../domain/reviews/review-planner.service';

/**
 * Runs one durable job. The context has no actor (events say SYSTEM) and the application's
 * clock. A handler must be safe to run twice for the same job (a process may die after the
 * work committed and before the queue heard of it): check the state, then act.
 */
export type JobHandler = (ctx: RequestContext, data: Record<string, unknown>) => Promise<void>;

/** The handler of every job name; a job without one cannot be scheduled. */
export const jobHandlers: Partial<Record<JobName, JobHandler>> = {
  'review.plan': async (ctx, data) => {
    await planNextReview(ctx, String(data.agreementId));
  },
  'review.due': (ctx, data) => announceReviewDue(ctx, String(data.reviewId)),
  'review.overdue': (ctx, data) => announceReviewOverdue(ctx, String(data.reviewId)),
  'webhook.deliver': (ctx, data) => runScheduledDelivery(ctx, String(data.deliveryId)),
  // Escalations: each handler checks the state under a row lock before it acts (compare-and-set).
  'escalation.advance': async (ctx, data) => {
    await advanceEscalation(ctx, String(data.escalationId), Number(data.level));
  },
  'escalation.check-unacknowledged': async (ctx, data) => {
    await checkUnacknowledged(ctx, String(data.incidentId));
  },
  'escalation.check-objectives': async (ctx, data) => {
    await checkObjectiveBreaches(ctx, String(data.agreementId), { start: new Date(String(data.periodStart)), end: new Date(String(data.periodEnd)) });
  },
};
