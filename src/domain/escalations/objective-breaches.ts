import { AgreementStatus } from '../../common/agreement-enums';
import { Role } from '../../common/roles';
import { type RequestContext } from '../../context/request-context';
import { withTransaction } from '../../context/transaction';
import { AgreementEntity } from '../../db/entities/agreement.entity';
import { type EscalationEntity } from '../../db/entities/escalation.entity';
import { inForceAt } from '../agreements/revision-read.service';
import { escalationPolicyOf } from '../agreements/terms-rules';
import { complianceReport } from '../compliance/compliance.service';
import { type Period } from '../compliance/periods';
import { policyRaises, snapshotLevels } from './escalation-policy';
import { raiseEscalation } from './escalation-writes';
import { monthAround, providerTimeZone, scheduleObjectiveCheck } from './objective-checks';

/** The compliance domain answers callers of a provider: the scheduler reads as the provider's own system user. */
function asProviderSystem(tx: RequestContext, providerId: string): RequestContext {
  return tx.actingAs({ kind: 'USER', id: 'system', name: 'Scheduler', providerId, roles: [Role.PROVIDER_ADMIN], customerId: null });
}

/**
 * Escalates every objective of an agreement that is BREACHED for `period` (compliance as the
 * compliance report computes it, against the revision in force at the period's end), once per
 * objective and period however often it runs; then schedules the next period's check while the
 * agreement is in force and its policy still asks for it. Returns the escalations raised now.
 */
export async function checkObjectiveBreaches(ctx: RequestContext, agreementId: string, period: Period): Promise<EscalationEntity[]> {
  return withTransaction(ctx, async (tx) => {
    const agreement = await tx.em.getRepository(AgreementEntity).findOneBy({ id: agreementId });
    if (!agreement) return [];
    const system = asProviderSystem(tx, agreement.providerId);
    const report = await complianceReport(system, agreementId, period.start, period.end, 'MONTH');
    const judged = report?.periods.find((p) => p.start.getTime() === period.start.getTime());
    const raised: EscalationEntity[] = [];
    if (judged?.revision) {
      const policy = escalationPolicyOf(judged.revision.terms.escalationPolicy);
      if (policyRaises(policy, 'OBJECTIVE_BREACHED')) {
        for (const o of judged.objectives.filter((x) => x.status === 'BREACHED')) {
          const e = await raiseEscalation(tx, {
            providerId: agreement.providerId,
            agreementId,
            revisionId: judged.revision.id,
            customerId: agreement.customerId,
            objectiveId: o.objective.id,
            period: { start: judged.start, end: judged.end },
            trigger: 'OBJECTIVE_BREACHED',
            metric: null,
            levels: snapshotLevels(policy),
            note: `${o.objective.metric}${o.objective.priority ? ` ${o.objective.priority}` : ''} breached for the period${o.attainedPercent ? `: ${o.attainedPercent}% attained` : ''}.`,
          });
          if (e) raised.push(e);
        }
      }
    }
    if (agreement.status === AgreementStatus.ACTIVE) {
      const next = monthAround(period.end, await providerTimeZone(tx, agreement.providerId));
      const nextRevision = (await inForceAt(tx, [agreementId], next.start)).get(agreementId);
      if (nextRevision && policyRaises(escalationPolicyOf(nextRevision.terms.escalationPolicy), 'OBJECTIVE_BREACHED')) await scheduleObjectiveCheck(tx, agreementId, next);
    }
    return raised;
  });
}
