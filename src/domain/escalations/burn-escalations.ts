import { EscalationEntity } from '../../db/entities/escalation.entity';
import { type RequestContext } from '../../context/request-context';
import { escalationPolicyOf } from '../agreements/terms-rules';
import { type BurnAlertRaised, type BurnAlertResolved } from '../compliance/compliance.domain-events';
import { type PayloadOf } from '../events/domain-events';
import { policyRaises, snapshotLevels } from './escalation-policy';
import { afterIncidentResolved } from './escalation-state';
import { closeOrAcknowledge, raiseEscalation } from './escalation-writes';

export const CANCELLED_BY_BURN_END = 'Cancelled: the burn stopped before anyone acknowledged the escalation.';
export const RESOLVED_BY_BURN_END = 'Resolved: the burn stopped.';

/**
 * Reaction to BurnAlertRaised: an escalation of the objective for the episode, when the policy of
 * the revision in force escalates budget burns. Once per episode (unique per burn alert).
 */
export async function escalateBurnAlert(tx: RequestContext, { alert, escalationPolicy }: PayloadOf<typeof BurnAlertRaised>): Promise<void> {
  const policy = escalationPolicyOf(escalationPolicy);
  if (!policyRaises(policy, 'BUDGET_BURN')) return;
  const share = Number(alert.budgetPercent);
  await raiseEscalation(tx, {
    providerId: alert.providerId,
    agreementId: alert.agreementId,
    revisionId: alert.revisionId,
    customerId: alert.customerId,
    objectiveId: alert.objectiveId,
    period: { start: alert.periodStart, end: alert.periodEnd },
    trigger: 'BUDGET_BURN',
    burnAlertId: alert.id,
    levels: snapshotLevels(policy),
    note: `Error budget burning: more than ${share}% of the period's budget within ${alert.longWindowSeconds / 3600} h (burn rate ${alert.longBurnRate ?? 'infinite'}, threshold ${alert.threshold}).`,
  });
}

/** Reaction to BurnAlertResolved: the episode's escalation is settled as an incident's is when it resolves (acknowledged: RESOLVED; else CANCELLED). */
export async function settleEscalationOfBurnAlert(tx: RequestContext, { alert }: PayloadOf<typeof BurnAlertResolved>): Promise<void> {
  const rows = await tx.em
    .getRepository(EscalationEntity)
    .createQueryBuilder('e')
    .setLock('pessimistic_write')
    .where("e.burnAlertId = :id AND e.status IN ('OPEN', 'ACKNOWLEDGED')", { id: alert.id })
    .getMany();
  for (const e of rows) {
    const to = afterIncidentResolved(e.status);
    if (to) await closeOrAcknowledge(tx, e, to, tx.now, to === 'CANCELLED' ? CANCELLED_BY_BURN_END : RESOLVED_BY_BURN_END);
  }
}
