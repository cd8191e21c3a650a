import { Party, RevisionState } from '../../common/agreement-enums';
import { type Actor, hasAnyRole } from '../../common/actor';
import { ForbiddenError, NotFoundError, StaleVersionError, throwIfAny, UserError } from '../../common/errors';
import { EventType } from '../../common/event-types';
import { AgreementRevisionEntity } from '../../db/entities/agreement-revision.entity';
import { type AgreementEntity } from '../../db/entities/agreement.entity';
import { RevisionApprovalEntity } from '../../db/entities/revision-approval.entity';
import { type RequestContext } from '../../context/request-context';
import { withTransaction } from '../../context/transaction';
import { requireRole } from '../shared/access';
import { lockAgreement, requireNotTerminated } from './agreement-access';
import { AgreementRoles } from './agreement-roles';
import { settleAgreement } from './activation';
import { applyDraftInput, type DraftInput, effectiveDatesProblems } from './draft-input';
import { recordEvent } from './history';
import { raiseRevisionEvent } from './revision-events';
import { normalizeObjectiveList } from './objective-rules';
import { requiredParties, requireMove, SIGNED_STATES, fullyApproved } from './revision-lifecycle';
import { diffRevisions } from './revision-diff';
import { PATHS_ONLY, revisionView } from './revision-view';
import { inForceSql } from './in-force';
import { findRevisionsByIds } from './revision-read.service';
import { supportingTermsProblems } from './supporting-objectives';
import { checkEscalationEndpoints, contentOf, copyContent, insertDraft, objectiveTerms, objectivesOfRevisions, writeObjectives } from './revision-store';
import { readTerms, termsProblems } from './terms-rules';
import { sealRevision } from './revision-seal';

interface Locked {
  agreement: AgreementEntity;
  revision: AgreementRevisionEntity;
}

/**
 * The revision and its agreement, the agreement row-locked; a revision the caller may not read
 * (another provider's; for a customer user, one of an agreement not covering its customer) is NOT_FOUND.
 */
async function lockRevision(tx: RequestContext, revisionId: string): Promise<Locked> {
  const [found] = await findRevisionsByIds(tx, [revisionId]);
  if (!found) throw new NotFoundError('The revision', ['id']);
  const agreement = await lockAgreement(tx, found.agreementId, ['id']);
  const revision = await tx.em.getRepository(AgreementRevisionEntity).findOneByOrFail({ id: revisionId });
  return { agreement, revision };
}

const event = (tx: RequestContext, l: Locked, type: Parameters<typeof recordEvent>[1]['type'], data: Record<string, unknown> = {}) =>
  recordEvent(tx, { providerId: l.agreement.providerId, agreementId: l.agreement.id, revisionId: l.revision.id, type, data: { revision: l.revision.number, ...data } });

/** Edits a DRAFT revision. `version` is the one the client read; a stale one changes nothing. */
export async function updateDraft(ctx: RequestContext, revisionId: string, version: number, input: DraftInput): Promise<AgreementRevisionEntity> {
  requireRole(ctx, AgreementRoles.write);
  return withTransaction(ctx, async (tx) => {
    const l = await lockRevision(tx, revisionId);
    requireNotTerminated(l.agreement, ['id']);
    if (l.revision.state !== RevisionState.DRAFT) {
      throw new UserError('INVALID_STATE', `Only a DRAFT revision can be edited; this one is ${l.revision.state}. Amend the agreement to change its terms.`, ['id']);
    }
    if (l.revision.version !== version) throw new StaleVersionError('The revision');
    const objectivesBefore = await objectivesOfRevisions(tx, [l.revision.id]);
    const before = contentOf(l.revision, objectivesBefore);
    const terms = applyDraftInput(readTerms(l.revision.terms), input);
    const checked = input.objectives ? normalizeObjectiveList(input.objectives, ['terms', 'objectives']) : { objectives: objectivesBefore.map(objectiveTerms), errors: [] };
    const effectiveFrom = input.effectiveFrom === undefined ? l.revision.effectiveFrom : input.effectiveFrom;
    const effectiveTo = input.effectiveTo === undefined ? l.revision.effectiveTo : input.effectiveTo;
    throwIfAny([
      ...termsProblems(terms, ['terms']),
      ...supportingTermsProblems(terms, l.agreement.supportingPartyId !== null),
      ...checked.errors,
      ...effectiveDatesProblems(effectiveFrom, effectiveTo, ['terms']),
    ]);
    await checkEscalationEndpoints(tx, l.revision.providerId, terms, Boolean(input.escalationPolicy));
    const objectives = checked.objectives;
    l.revision.terms = terms as unknown as Record<string, unknown>;
    l.revision.effectiveFrom = effectiveFrom;
    l.revision.effectiveTo = effectiveTo;
    l.revision.updatedAt = tx.now;
    const saved = await tx.em.getRepository(AgreementRevisionEntity).save(l.revision);
    if (input.objectives) await writeObjectives(tx, l.agreement, saved, objectives);
    const after = { terms, effectiveFrom: saved.effectiveFrom?.toISOString() ?? null, effectiveTo: saved.effectiveTo?.toISOString() ?? null, objectives };
    const changed = diffRevisions(revisionView(before, PATHS_ONLY), revisionView(after, PATHS_ONLY)).map((d) => d.path);
    await event(tx, { ...l, revision: saved }, 'EDITED', { changed });
    return saved;
  });
}

/** Puts a DRAFT to the parties. It must be complete: a title, an effectiveFrom and at least one objective. */
export async function propose(ctx: RequestContext, revisionId: string, version?: number | null): Promise<AgreementRevisionEntity> {
  requireRole(ctx, AgreementRoles.write);
  return withTransaction(ctx, async (tx) => {
    const l = await lockRevision(tx, revisionId);
    requireNotTerminated(l.agreement, ['id']);
    requireMove(l.revision.state, RevisionState.PROPOSED);
    if (version != null && l.revision.version !== version) throw new StaleVersionError('The revision');
    const terms = readTerms(l.revision.terms);
    if (!terms.title) throw new UserError('INVALID_INPUT', 'Give the revision a title before proposing it.', ['id']);
    if (!l.revision.effectiveFrom) throw new UserError('INVALID_INPUT', 'Set effectiveFrom before proposing the revision.', ['id']);
    const objectives = await objectivesOfRevisions(tx, [l.revision.id]);
    if (objectives.length === 0) throw new UserError('INVALID_INPUT', 'A revision needs at least one objective before it is proposed.', ['id']);
    l.revision.state = RevisionState.PROPOSED;
    l.revision.proposedAt = tx.now;
    const saved = await tx.em.getRepository(AgreementRevisionEntity).save(l.revision);
    // What the parties will sign, fixed from now on: its canonical text and hash.
    const termsSha256 = await sealRevision(tx, saved);
    await event(tx, l, 'PROPOSED', { effectiveFrom: l.revision.effectiveFrom.toISOString(), termsSha256 });
    return saved;
  });
}

/** The party the caller signs for on this agreement, or FORBIDDEN. */
function partyOf(actor: Actor, agreement: AgreementEntity): Party {
  if (hasAnyRole(actor, AgreementRoles.approveForProvider)) return Party.PROVIDER;
  if (hasAnyRole(actor, AgreementRoles.approveForCustomer) && actor.customerId && actor.customerId === agreement.customerId) return Party.CUSTOMER;
  throw new ForbiddenError('Approving needs PROVIDER_ADMIN or ACCOUNT_MANAGER, or CUSTOMER_SIGNATORY of the agreement\'s customer.');
}

/**
 * Records the caller's party's approval. When every required party has approved, the revision
 * is APPROVED, and ACTIVE at once if its effectiveFrom has come (it then starts now, when both
 * parties have signed); the revision it replaces ends when it starts. Approving again is harmless.
 */
export async function approve(ctx: RequestContext, revisionId: string): Promise<AgreementRevisionEntity> {
  const actor = ctx.caller;
  return withTransaction(ctx, async (tx) => {
    const l = await lockRevision(tx, revisionId);
    const party = partyOf(actor, l.agreement);
    const required = requiredParties(l.agreement);
    if (!required.includes(party)) throw new UserError('NOT_ALLOWED', `This agreement is approved by the ${required.join(' and ')} side only.`, ['id']);
    const approvals = await tx.em.getRepository(RevisionApprovalEntity).findBy({ revisionId: l.revision.id });
    if (approvals.some((a) => a.party === party) && l.revision.state !== RevisionState.DRAFT) return l.revision;
    requireNotTerminated(l.agreement, ['id']);
    if (l.revision.state !== RevisionState.PROPOSED) throw new UserError('INVALID_STATE', `Only a PROPOSED revision can be approved; this one is ${l.revision.state}.`, ['id']);
    const now = tx.now;
    const termsSha256 = await sealRevision(tx, l.revision);
    await tx.em.getRepository(RevisionApprovalEntity).insert({ providerId: l.agreement.providerId, revisionId: l.revision.id, party, actorKind: actor.kind, actorId: actor.id, actorName: actor.name, approvedAt: now, termsSha256 });
    await event(tx, l, 'APPROVED', { party, by: actor.name, termsSha256 });
    if (!fullyApproved(required, [...approvals.map((a) => a.party), party])) return l.revision;

    const effectiveFrom = l.revision.effectiveFrom && l.revision.effectiveFrom > now ? l.revision.effectiveFrom : now;
    if (l.revision.effectiveTo && l.revision.effectiveTo <= effectiveFrom) {
      throw new UserError('INVALID_STATE', 'This revision would end before it starts; withdraw it and correct effectiveTo.', ['id']);
    }
    const repo = tx.em.getRepository(AgreementRevisionEntity);
    const latest = await repo
      .createQueryBuilder('r')
      .where('r.agreementId = :id AND r.state IN (:...signed)', { id: l.agreement.id, signed: SIGNED_STATES })
      .orderBy('r.effectiveFrom', 'DESC')
      .getOne();
    if (latest?.effectiveFrom && latest.effectiveFrom >= effectiveFrom) {
      throw new UserError('INVALID_STATE', `This revision must start after revision ${latest.number} (from ${latest.effectiveFrom.toISOString()}).`, ['id']);
    }
    if (latest && (!latest.effectiveTo || latest.effectiveTo > effectiveFrom)) await repo.update({ id: latest.id }, { effectiveTo: effectiveFrom });
    await repo.update({ id: l.revision.id }, { state: RevisionState.APPROVED, approvedAt: now, effectiveFrom });
    await raiseRevisionEvent(tx, EventType.REVISION_APPROVED, l.agreement, { ...l.revision, effectiveFrom }, now, { approvedAt: now.toISOString() });
    await settleAgreement(tx, l.agreement, now);
    return repo.findOneByOrFail({ id: l.revision.id });
  });
}

/** Rejects (either party) or withdraws (provider) a proposal; a new DRAFT copied from it follows. */
export async function close(
  ctx: RequestContext,
  revisionId: string,
  outcome: RevisionState.REJECTED | RevisionState.WITHDRAWN,
  reason: string | null,
): Promise<{ closed: AgreementRevisionEntity; draft: AgreementRevisionEntity }> {
  const actor = ctx.caller;
  if (outcome === RevisionState.WITHDRAWN) requireRole(ctx, AgreementRoles.write);
  return withTransaction(ctx, async (tx) => {
    const l = await lockRevision(tx, revisionId);
    if (outcome === RevisionState.REJECTED) partyOf(actor, l.agreement);
    requireNotTerminated(l.agreement, ['id']);
    requireMove(l.revision.state, outcome);
    if (l.revision.state !== RevisionState.PROPOSED) {
      throw new UserError('INVALID_STATE', `Only a PROPOSED revision can be ${outcome.toLowerCase()}.`, ['id']);
    }
    const repo = tx.em.getRepository(AgreementRevisionEntity);
    await repo.update({ id: l.revision.id }, { state: outcome, closedAt: tx.now });
    await event(tx, l, outcome, reason ? { reason } : {});
    const draft = await insertDraft(tx, l.agreement, { ...(await copyContent(tx, l.revision)), effectiveFrom: l.revision.effectiveFrom, effectiveTo: l.revision.effectiveTo });
    await recordEvent(tx, { providerId: l.agreement.providerId, agreementId: l.agreement.id, revisionId: draft.id, type: 'DRAFT_OPENED', data: { revision: draft.number, basedOn: l.revision.number } });
    return { closed: await repo.findOneByOrFail({ id: l.revision.id }), draft };
  });
}

/** Opens a new DRAFT copied from the revision in force. At most one open draft per agreement. */
export async function amend(ctx: RequestContext, agreementId: string): Promise<AgreementRevisionEntity> {
  requireRole(ctx, AgreementRoles.write);
  return withTransaction(ctx, async (tx) => {
    const agreement = await lockAgreement(tx, agreementId, ['agreementId']);
    requireNotTerminated(agreement);
    const repo = tx.em.getRepository(AgreementRevisionEntity);
    const open = await repo.findOne({ where: [{ agreementId, state: RevisionState.DRAFT }, { agreementId, state: RevisionState.PROPOSED }] });
    if (open) {
      throw new UserError('INVALID_STATE', `Revision ${open.number} is still open (${open.state}); finish or withdraw it before amending again.`, ['agreementId']);
    }
    const now = tx.now;
    const source =
      (await repo
        .createQueryBuilder('r')
        .where('r.agreementId = :agreementId', { agreementId })
        .andWhere(inForceSql('r', ':now'), { now })
        .getOne()) ??
      (await repo.createQueryBuilder('r').where('r.agreementId = :agreementId AND r.state IN (:...signed)', { agreementId, signed: SIGNED_STATES }).orderBy('r.effectiveFrom', 'DESC').getOne());
    if (!source) throw new UserError('INVALID_STATE', 'Nothing has been signed yet: edit the open draft instead of amending.', ['agreementId']);
    const draft = await insertDraft(tx, agreement, await copyContent(tx, source));
    await recordEvent(tx, { providerId: agreement.providerId, agreementId, revisionId: draft.id, type: 'DRAFT_OPENED', data: { revision: draft.number, basedOn: source.number, amendment: true } });
    return draft;
  });
}
