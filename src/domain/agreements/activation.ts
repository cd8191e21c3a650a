import { AgreementStatus, RevisionState } from '../../common/agreement-enums';
import { EventType } from '../../common/event-types';
import { toGlobalId } from '../../common/global-id';
import { type AgreementEntity } from '../../db/entities/agreement.entity';
import { AgreementRevisionEntity } from '../../db/entities/agreement-revision.entity';
import { AgreementEntity as Agreement } from '../../db/entities/agreement.entity';
import { type RequestContext } from '../../context/request-context';
import { withTransaction } from '../../context/transaction';
import { publish } from '../events/domain-events';
import { RevisionActivated, TermsTookEffect } from './agreement.domain-events';
import { recordEvent } from './history';
import { raiseRevisionEvent } from './revision-events';

/**
 * Brings one agreement's revisions up to date at `now` (the caller holds the agreement's lock):
 * an APPROVED revision whose effectiveFrom has come becomes ACTIVE and the one it replaces
 * SUPERSEDED; an agreement whose terms ran out with no successor becomes EXPIRED.
 */
export async function settleAgreement(tx: RequestContext, agreement: AgreementEntity, now: Date): Promise<void> {
  const repo = tx.em.getRepository(AgreementRevisionEntity);
  const due = await repo
    .createQueryBuilder('r')
    .where('r.agreementId = :id AND r.state = :approved AND r.effectiveFrom <= :now', { id: agreement.id, approved: RevisionState.APPROVED, now })
    .orderBy('r.effectiveFrom', 'ASC')
    .getMany();
  for (const revision of due) {
    const previous = await repo.findOneBy({ agreementId: agreement.id, state: RevisionState.ACTIVE });
    if (previous) {
      await repo.update({ id: previous.id }, { state: RevisionState.SUPERSEDED, closedAt: now });
      await recordEvent(tx, { providerId: agreement.providerId, agreementId: agreement.id, revisionId: previous.id, type: 'SUPERSEDED', data: { revision: previous.number, by: revision.number }, at: now });
    }
    await repo.update({ id: revision.id }, { state: RevisionState.ACTIVE, activatedAt: now });
    await publish(tx, RevisionActivated, { agreement, revision, at: now });
    await recordEvent(tx, {
      providerId: agreement.providerId,
      agreementId: agreement.id,
      revisionId: revision.id,
      type: 'ACTIVATED',
      data: { revision: revision.number, effectiveFrom: revision.effectiveFrom?.toISOString() },
      at: now,
    });
    await raiseRevisionEvent(tx, EventType.REVISION_ACTIVATED, agreement, revision, now, {
      activatedAt: now.toISOString(),
      supersedes: previous ? { revision: toGlobalId('AgreementRevision', previous.id), number: previous.number } : null,
    });
  }
  const active = await repo.findOneBy({ agreementId: agreement.id, state: RevisionState.ACTIVE });
  if (due.length > 0 && active) await publish(tx, TermsTookEffect, { agreement, revision: active, at: now });
  let status = agreement.status;
  if (agreement.terminatedAt) status = AgreementStatus.TERMINATED;
  else if (active?.effectiveTo && active.effectiveTo <= now) status = AgreementStatus.EXPIRED;
  else if (active) status = AgreementStatus.ACTIVE;
  if (status !== agreement.status) {
    agreement.status = status;
    await tx.em.getRepository(Agreement).update({ id: agreement.id }, { status });
    if (status === AgreementStatus.EXPIRED) {
      await recordEvent(tx, { providerId: agreement.providerId, agreementId: agreement.id, revisionId: active?.id, type: 'EXPIRED', data: { at: active?.effectiveTo?.toISOString() }, at: now });
    }
  }
}

/**
 * Scheduled work: settles every agreement with a revision due or terms that ran out. Runs at
 * start and periodically, so a revision scheduled before a restart activates after it; with
 * several processes, SKIP LOCKED lets each agreement be settled by one of them.
 */
export async function settleDueAgreements(ctx: RequestContext): Promise<number> {
  const now = ctx.now;
  const ids: { id: string }[] = await ctx.em.query(
    `SELECT DISTINCT a.id FROM agreement a JOIN agreement_revision r ON r.agreement_id = a.id
     WHERE (r.state = 'APPROVED' AND r.effective_from <= $1)
        OR (r.state = 'ACTIVE' AND r.effective_to <= $1 AND a.status = 'ACTIVE')`,
    [now],
  );
  let settled = 0;
  for (const { id } of ids) {
    const done = await withTransaction(ctx, async (tx) => {
      const rows: { id: string }[] = await tx.em.query('SELECT id FROM agreement WHERE id = $1 FOR UPDATE SKIP LOCKED', [id]);
      if (rows.length === 0) return false;
      const agreement = await tx.em.getRepository(Agreement).findOneByOrFail({ id });
      await settleAgreement(tx, agreement, now);
      return true;
    });
    if (done) settled += 1;
  }
  return settled;
}
