import { EventType } from '../../common/event-types';
import { toGlobalId } from '../../common/global-id';
import { type RequestContext } from '../../context/request-context';
import { withTransaction } from '../../context/transaction';
import { type AgreementRevisionEntity } from '../../db/entities/agreement-revision.entity';
import { inForceAt } from '../agreements/revision-read.service';
import { escalationPolicyOf } from '../agreements/terms-rules';
import { policyRaises, snapshotLevels } from '../escalations/escalation-policy';
import { raiseEscalation } from '../escalations/escalation-writes';
import { onDeadline, responseDue, stageOf } from './claim-procedure';
import { type ClaimRow } from './claim-rows';
import { emitClaimEvent, lockClaim, moveClaim, recordClaimStep, scheduleDeadline } from './claim.service';

/**
 * The provider's response deadlines, on the durable queue (`claim.deadline`, one job per claim and
 * stage, asked for in the transaction that opened the stage). When the answer of a stage is due
 * and none came, the claim moves to the next stage by itself (its deadline counted from the one
 * missed, so downtime does not stretch the procedure) and the agreement's escalation policy is
 * raised (trigger CLAIM_DEADLINE_MISSED); at the last stage it stays OPEN, overdue. Exactly once:
 * the claim's row is locked, the job acts only on the stage it was asked for, and a stage's missed
 * deadline is recorded once (a unique index), so a job run twice or late changes nothing.
 */
export async function missClaimDeadline(ctx: RequestContext, claimId: string, stage: number): Promise<boolean> {
  return withTransaction(ctx, async (tx) => {
    const locked = await lockClaim(tx, claimId, true);
    if (!locked) return false;
    const { claim, timeZone } = locked;
    const [{ missed }] = (await tx.em.query(`SELECT EXISTS (SELECT 1 FROM claim_event WHERE claim_id = $1 AND stage = $2 AND kind = 'DEADLINE_MISSED') AS missed`, [claimId, stage])) as {
      missed: boolean;
    }[];
    const outcome = onDeadline({ status: claim.status, stage: claim.stage, stageCount: claim.procedure.stages.length }, stage, claim.responseDueAt, tx.now, missed);
    if (!outcome.missed) return false;
    const dueAt = claim.responseDueAt!;
    const stageName = stageOf(claim.procedure, stage).name;
    const escalationId = await raisePolicy(tx, claim, `The provider did not answer claim ${toGlobalId('Claim', claim.id)} at stage ${stage} (${stageName}) by ${dueAt.toISOString()}.`);
    await recordClaimStep(tx, claim, 'DEADLINE_MISSED', stage, { note: `No answer by ${dueAt.toISOString()}.`, escalationId });
    await emitClaimEvent(tx, claim, EventType.CLAIM_DEADLINE_MISSED, { missedStage: stage, missedDueAt: dueAt.toISOString(), escalation: escalationId && toGlobalId('Escalation', escalationId) });
    if (outcome.nextStage === null) return true;
    const next = outcome.nextStage;
    const nextDue = responseDue(claim.procedure, next, dueAt, timeZone);
    const moved: ClaimRow = await moveClaim(tx, claim, { stage: next, status: 'OPEN', responseDueAt: nextDue });
    await recordClaimStep(tx, moved, 'ESCALATED', next, { note: `Escalated: the deadline of stage ${stage} (${stageName}) was missed.`, responseDueAt: nextDue });
    await scheduleDeadline(tx, claim.id, next, nextDue);
    await emitClaimEvent(tx, moved, EventType.CLAIM_ESCALATED, { reason: 'DEADLINE_MISSED', fromStage: stage });
    return true;
  });
}

/** Raises the escalation policy in force now (else that of the revision the claim was filed under); the escalation's id, or null when none was raised. */
async function raisePolicy(tx: RequestContext, claim: ClaimRow, note: string): Promise<string | null> {
  const revision: Pick<AgreementRevisionEntity, 'id' | 'terms'> | undefined =
    (await inForceAt(tx, [claim.agreementId], tx.now)).get(claim.agreementId) ??
    ((await tx.em.query(`SELECT id, terms FROM agreement_revision WHERE id = $1`, [claim.revisionId])) as Pick<AgreementRevisionEntity, 'id' | 'terms'>[])[0];
  if (!revision) return null;
  const terms = (typeof revision.terms === 'string' ? JSON.parse(revision.terms) : revision.terms) as { escalationPolicy?: unknown };
  const policy = escalationPolicyOf(terms.escalationPolicy);
  if (!policyRaises(policy, 'CLAIM_DEADLINE_MISSED')) return null;
  const e = await raiseEscalation(tx, {
    providerId: claim.providerId,
    agreementId: claim.agreementId,
    revisionId: revision.id,
    customerId: claim.customerId,
    claimId: claim.id,
    trigger: 'CLAIM_DEADLINE_MISSED',
    levels: snapshotLevels(policy),
    note,
  });
  return e?.id ?? null;
}

/**
 * Start-up catch-up: the deadline job of every OPEN claim's stage, in a few statements (the job a
 * stage asked for, keyed the same: a job that still waits is not asked for twice, and a job that ran
 * finds nothing left to do). After a restart that lost jobs, every deadline still fires, once.
 */
export async function scheduleMissingClaimDeadlines(ctx: RequestContext): Promise<number> {
  const open: { id: string; stage: number; response_due_at: Date | string }[] = await ctx.em.query(`SELECT id, stage, response_due_at FROM claim WHERE status = 'OPEN' ORDER BY id`);
  await ctx.db.jobs.scheduleMany(
    ctx,
    'claim.deadline',
    open.map((c) => ({ data: { claimId: c.id, stage: Number(c.stage) }, runAt: new Date(c.response_due_at), singletonKey: `claim.deadline:${c.id}:${c.stage}` })),
  );
  return open.length;
}
