import { type RequestContext } from '../context/request-context';
import { scheduleMissingObjectiveChecks } from '../domain/escalations/objective-checks';
import { planMissingReviews } from '../domain/reviews/review-planner.service';
import { scheduleMissingBurnEvaluations } from '../domain/compliance/burn-alert.service';
import { scheduleMissingCloses } from '../domain/settlement/statement-close.service';
import { scheduleMissingClaimDeadlines } from '../domain/claims/claim-deadline.service';
import { scheduleMissingReports } from '../domain/reporting/report-delivery.service';

/**
 * Run at start: every ACTIVE agreement gets the review its cadence asks for and, when its
 * escalation policy says so, the check of its objectives at this month's end. The reviews and
 * escalations areas schedule both when terms take effect (their reactions to the activation);
 * this catches agreements that took effect before this version ran, or whose jobs were lost.
 * Each area does its part in bulk (a few statements for any number of agreements) and
 * idempotently: reviews are unique per period, checks keyed per agreement and month.
 */
export async function keepWorkflowsScheduled(ctx: RequestContext): Promise<number> {
  const reviews = await planMissingReviews(ctx);
  const checks = await scheduleMissingObjectiveChecks(ctx);
  // Statements: every agreement with objectives closes what is due (every month missed while down).
  const closes = await scheduleMissingCloses(ctx);
  // Claims: every OPEN claim's deadline job (a lost job is asked for again; a waiting one is not doubled).
  const deadlines = await scheduleMissingClaimDeadlines(ctx);
  // Burn-rate alerts: agreements with an open episode, or something burning, are evaluated again.
  const burns = await scheduleMissingBurnEvaluations(ctx);
  // Reports: every agreement with terms in force reports the periods that ended since its last report.
  const reports = await scheduleMissingReports(ctx);
  return reviews + checks + closes + deadlines + burns + reports;
}
