import { type RequestContext } from '../../context/request-context';
import { type JobRequest } from '../../context/scheduled-jobs';
import { ProviderEntity } from '../../db/entities/provider.entity';
import { type RevisionActivated } from '../agreements/agreement.domain-events';
import { escalationPolicyOf } from '../agreements/terms-rules';
import { type Period, periodsBetween } from '../compliance/periods';
import { type PayloadOf } from '../events/domain-events';
import { policyRaises } from './escalation-policy';

/** The calendar month (in the provider's time zone) that contains `at`: the period objectives are judged and escalated for. */
export function monthAround(at: Date, timeZone: string): Period {
  return periodsBetween(at, new Date(at.getTime() + 1), 'MONTH', timeZone)[0];
}

export async function providerTimeZone(tx: RequestContext, providerId: string): Promise<string> {
  return (await tx.em.getRepository(ProviderEntity).findOneByOrFail({ id: providerId })).timeZone;
}

/**
 * Schedules the check of an agreement's objectives for `period`, run when it ends (durable job,
 * one per agreement and period whoever asks). Done when a revision whose policy escalates
 * breached objectives takes effect; each check schedules the next period's.
 */
export async function scheduleObjectiveCheck(tx: RequestContext, agreementId: string, period: Period): Promise<void> {
  const job = objectiveCheckJob(agreementId, period);
  await tx.db.jobs.schedule(tx, 'escalation.check-objectives', job.data, job.runAt, { singletonKey: job.singletonKey });
}

function objectiveCheckJob(agreementId: string, period: Period): JobRequest<'escalation.check-objectives'> {
  return {
    data: { agreementId, periodStart: period.start.toISOString(), periodEnd: period.end.toISOString() },
    runAt: period.end,
    singletonKey: `escalation.check-objectives:${agreementId}:${period.start.toISOString()}`,
  };
}

/**
 * Start-up catch-up, in bulk: this month's check for every ACTIVE agreement whose revision in force
 * escalates breached objectives, in a few statements whatever their number. A check that exists
 * already (same agreement and month) is skipped, so starting again, or several processes
 * starting together, schedules each once. Returns how many agreements it covered.
 */
export async function scheduleMissingObjectiveChecks(ctx: RequestContext): Promise<number> {
  const now = ctx.now;
  const agreements: { id: string; time_zone: string }[] = await ctx.em.query(
    `SELECT a.id, p.time_zone FROM agreement a
     JOIN agreement_revision r ON r.agreement_id = a.id AND r.state = 'ACTIVE'
     JOIN provider p ON p.id = a.provider_id
     WHERE a.status = 'ACTIVE' AND r.terms #>> '{escalationPolicy,triggers,objectiveBreached}' = 'true'
     ORDER BY a.id`,
  );
  const months = new Map<string, Period>();
  const monthIn = (zone: string) => months.get(zone) ?? months.set(zone, monthAround(now, zone)).get(zone)!;
  await ctx.db.jobs.scheduleMany(ctx, 'escalation.check-objectives', agreements.map((a) => objectiveCheckJob(a.id, monthIn(a.time_zone))));
  return agreements.length;
}

/** Reaction to RevisionActivated (in that transaction): its policy may ask for objective checks, from this month on. */
export async function checkObjectivesOfActivatedRevision(tx: RequestContext, { agreement, revision, at }: PayloadOf<typeof RevisionActivated>): Promise<void> {
  if (!policyRaises(escalationPolicyOf(revision.terms.escalationPolicy), 'OBJECTIVE_BREACHED')) return;
  await scheduleObjectiveCheck(tx, agreement.id, monthAround(at, await providerTimeZone(tx, agreement.providerId)));
}
