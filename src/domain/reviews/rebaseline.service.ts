import { DateTime } from 'luxon';
import { Comparator, Metric } from '../../common/agreement-enums';
import { type ReviewEntity } from '../../db/entities/review.entity';
import { ProviderEntity } from '../../db/entities/provider.entity';
import { type RequestContext } from '../../context/request-context';
import { instantBefore } from '../agreements/in-force';
import { inForceAt } from '../agreements/revision-read.service';
import { objectivesOfRevisions } from '../agreements/revision-store';
import { complianceReport } from '../compliance/compliance.service';
import { isoDuration } from '../shared/iso-duration';
import { REBASELINE_PERIODS, rebaseline, type RebaselineFigures } from './rebaseline';
import { type ReviewSnapshotDoc } from './review-snapshot';

/** The attainment history of one objective of the revision in force, and the target it supports. */
export interface ObjectiveRebaseline extends RebaselineFigures {
  objectiveId: string;
  metric: string;
  priority: string | null;
  /** The current target: percent, or null for time objectives (see targetDuration). */
  target: string | null;
  targetDuration: string | null;
  history: { start: string; end: string; status: string; attainedPercent: string | null }[];
}

/** Percent targets the rule can judge: AT_LEAST availability and ratio objectives. */
const percentTarget = (metric: Metric, comparator: Comparator, target: number | null) =>
  (metric === Metric.AVAILABILITY || metric === Metric.RATIO) && comparator === Comparator.AT_LEAST && target !== null ? String(target) : null;

/**
 * For each objective of the revision in force at the end of the review's period (or now, if
 * earlier), its attainment in each of the last REBASELINE_PERIODS closed calendar months (in
 * the provider's time zone) up to then, from the compliance report (computed in SQL, each month
 * judged against the revision then in force, objectives matched by metric and priority), and
 * the target that history supports (see rebaseline.ts).
 */
/** A review's re-baselining figures: frozen in its snapshot once it started, computed now before that. */
export async function reviewRebaseline(ctx: RequestContext, review: ReviewEntity): Promise<ObjectiveRebaseline[]> {
  if (review.snapshot) return (review.snapshot as unknown as ReviewSnapshotDoc).rebaseline;
  return rebaselineOf(ctx, review);
}

export async function rebaselineOf(ctx: RequestContext, review: ReviewEntity): Promise<ObjectiveRebaseline[]> {
  const asOf = new Date(Math.min(review.periodEnd.getTime(), ctx.now.getTime()));
  const revision = (await inForceAt(ctx, [review.agreementId], instantBefore(asOf))).get(review.agreementId);
  if (!revision) return [];
  const objectives = await objectivesOfRevisions(ctx, [revision.id]);
  if (objectives.length === 0) return [];
  const provider = await ctx.em.getRepository(ProviderEntity).findOneByOrFail({ id: review.providerId });
  const to = DateTime.fromJSDate(asOf, { zone: provider.timeZone }).startOf('month');
  const from = to.minus({ months: REBASELINE_PERIODS });
  const report = await complianceReport(ctx, review.agreementId, from.toJSDate(), to.toJSDate(), 'MONTH');
  const periods = report?.periods ?? [];
  return objectives.map((o) => {
    const history = periods.map((p) => {
      const same = p.objectives.find((x) => x.objective.metric === o.metric && x.objective.priority === o.priority);
      return { start: p.start.toISOString(), end: p.end.toISOString(), status: same?.status ?? 'NO_DATA', attainedPercent: same?.attainedPercent ?? null };
    });
    const target = percentTarget(o.metric, o.comparator, o.target);
    return {
      objectiveId: o.id,
      metric: o.metric,
      priority: o.priority,
      target: o.target === null ? null : String(o.target),
      targetDuration: o.targetSeconds === null ? null : isoDuration(o.targetSeconds),
      history,
      ...rebaseline(
        history.map((h) => h.attainedPercent),
        target,
      ),
    };
  });
}
