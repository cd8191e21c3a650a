import { type RequestContext } from '../../context/request-context';
import { ProviderEntity } from '../../db/entities/provider.entity';
import { escalationPolicyOf } from '../agreements/terms-rules';
import { type Period, periodsBetween } from '../compliance/periods';
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
  await tx.db.jobs.schedule(tx, 'escalation.check-objectives', { agreementId, periodStart: period.start.toISOString(), periodEnd: period.end.toISOString() }, period.end, {
    singletonKey: `escalation.check-objectives:${agreementId}:${period.start.toISOString()}`,
  });
}

/** Called when a revision becomes ACTIVE (in that transaction): its policy may ask for objective checks. */
export async function onRevisionActivated(tx: RequestContext, agreement: { id: string; providerId: string }, terms: Record<string, unknown>, now: Date): Promise<void> {
  if (!policyRaises(escalationPolicyOf(terms.escalationPolicy), 'OBJECTIVE_BREACHED')) return;
  await scheduleObjectiveCheck(tx, agreement.id, monthAround(now, await providerTimeZone(tx, agreement.providerId)));
}
