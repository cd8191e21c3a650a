import { type AgreementStatus, type Party, RevisionState } from '../../common/agreement-enums';
import { throwIfAny } from '../../common/errors';
import { AgreementEntity } from '../../db/entities/agreement.entity';
import { AgreementRevisionEntity } from '../../db/entities/agreement-revision.entity';
import { RevisionApprovalEntity } from '../../db/entities/revision-approval.entity';
import { RevisionOriginEntity } from '../../db/entities/revision-origin.entity';
import { type RequestContext } from '../../context/request-context';
import { applyDraftInput, type DraftInput } from './draft-input';
import { recordEvent } from './history';
import { normalizeObjectiveList } from './objective-rules';
import { insertDraft } from './revision-store';
import { emptyTerms } from './terms-rules';
import { sealRevision } from './revision-seal';

/** A revision signed elsewhere, checked (signedHistoryProblems), with its period and state as imported. */
export interface SignedRevision {
  draft: DraftInput;
  effectiveFrom: Date;
  effectiveTo: Date | null;
  state: RevisionState.ACTIVE | RevisionState.SUPERSEDED | RevisionState.APPROVED;
  approvedAt: Date;
  signatures: { party: Party; name: string; id?: string | null; at: Date }[];
  evidence: { document: string; sha256: string };
}

/** Where signed history came from: the source tool, the record's id there, and who imported it. */
export interface HistoryOrigin {
  source: string;
  externalId: string;
  importedBy: string;
}

/**
 * Writes the signed revisions of an agreement just created (its revision 1 is the DRAFT that
 * agreement.service's create wrote from the first revision's terms), in number order: each as a
 * draft through the same store as every revision (objectives and their calendars checked there),
 * then signed: its period, its state, the parties' signatures as the source recorded them (who,
 * when) and its origin with the evidence. From then on the database guards it as any signed
 * revision (terms, objectives, effectiveFrom fixed; periods never overlap; origin append-only).
 * The caller holds the transaction; nothing is published: history raises no live events.
 */
export async function writeSignedHistory(
  tx: RequestContext,
  agreement: AgreementEntity,
  first: AgreementRevisionEntity,
  revisions: SignedRevision[],
  status: AgreementStatus,
  origin: HistoryOrigin,
): Promise<AgreementRevisionEntity[]> {
  const repo = tx.em.getRepository(AgreementRevisionEntity);
  const written: AgreementRevisionEntity[] = [];
  const importedAt = tx.now;
  for (const [i, r] of revisions.entries()) {
    let revision = first;
    if (i > 0) {
      const checked = normalizeObjectiveList(r.draft.objectives ?? [], ['terms', 'objectives']);
      throwIfAny(checked.errors);
      revision = await insertDraft(tx, agreement, {
        terms: applyDraftInput(emptyTerms(''), r.draft),
        effectiveFrom: r.effectiveFrom,
        effectiveTo: r.effectiveTo,
        objectives: checked.objectives,
        basedOnId: written[i - 1].id,
      });
    }
    const signed = r.state !== RevisionState.APPROVED;
    await repo.update(
      { id: revision.id },
      {
        state: r.state,
        effectiveFrom: r.effectiveFrom,
        effectiveTo: r.effectiveTo,
        proposedAt: r.approvedAt,
        approvedAt: r.approvedAt,
        activatedAt: signed ? r.effectiveFrom : null,
        closedAt: r.state === RevisionState.SUPERSEDED ? r.effectiveTo : null,
      },
    );
    // Sealed as one signed here: its canonical terms and their hash, on the revision and on each imported signature.
    const termsSha256 = await sealRevision(tx, revision);
    await tx.em.getRepository(RevisionApprovalEntity).insert(
      r.signatures.map((s) => ({ providerId: agreement.providerId, revisionId: revision.id, party: s.party, actorKind: 'IMPORTED', actorId: s.id ?? s.name, actorName: s.name, approvedAt: s.at, termsSha256 })),
    );
    await tx.em.getRepository(RevisionOriginEntity).insert({
      revisionId: revision.id,
      providerId: agreement.providerId,
      source: origin.source,
      externalId: origin.externalId,
      importedBy: origin.importedBy,
      importedAt,
      evidenceDocument: r.evidence.document,
      evidenceSha256: r.evidence.sha256,
    });
    await recordEvent(tx, {
      providerId: agreement.providerId,
      agreementId: agreement.id,
      revisionId: revision.id,
      type: 'IMPORTED',
      data: {
        revision: revision.number,
        state: r.state,
        source: origin.source,
        externalId: origin.externalId,
        signatures: r.signatures.map((s) => ({ party: s.party, by: s.name, at: s.at.toISOString() })),
        evidence: r.evidence,
      },
    });
    written.push(await repo.findOneByOrFail({ id: revision.id }));
  }
  if (status !== agreement.status) {
    await tx.em.getRepository(AgreementEntity).update({ id: agreement.id }, { status });
    agreement.status = status;
  }
  return written;
}
