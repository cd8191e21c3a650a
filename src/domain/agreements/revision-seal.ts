import { type RequestContext } from '../../context/request-context';
import { withTransaction } from '../../context/transaction';
import { In } from 'typeorm';
import { AgreementRevisionEntity } from '../../db/entities/agreement-revision.entity';
import { canonicalTerms } from './canonical-terms';
import { contentOf, objectivesOfRevisions } from './revision-store';

/**
 * Seals a revision that leaves DRAFT: writes the canonical text of its terms and objectives and
 * its SHA-256 (canonical-terms.ts) onto the row, once (a database trigger refuses any later
 * change), and answers the hash. A revision sealed already keeps what it has. `revision` is
 * updated in place. The caller holds the transaction.
 */
export async function sealRevision(tx: RequestContext, revision: AgreementRevisionEntity): Promise<string> {
  if (revision.termsSha256) return revision.termsSha256;
  const objectives = await objectivesOfRevisions(tx, [revision.id]);
  const { canonical, sha256 } = canonicalTerms(revision.agreementId, revision.number, contentOf(revision, objectives));
  await tx.em.query(`UPDATE agreement_revision SET terms_canonical = $2, terms_sha256 = $3 WHERE id = $1 AND terms_sha256 IS NULL`, [revision.id, canonical, sha256]);
  revision.termsCanonical = canonical;
  revision.termsSha256 = sha256;
  return sha256;
}

/**
 * Scheduled work (at start, with revision activation): seals revisions that left DRAFT before
 * hashes existed, and gives their approvals the hash, a batch at a time. Returns how many it sealed.
 */
export async function sealUnsealedRevisions(ctx: RequestContext, batch = 100): Promise<number> {
  return withTransaction(ctx, async (tx) => {
    const rows: { id: string }[] = await tx.em.query(
      `SELECT id FROM agreement_revision WHERE state <> 'DRAFT' AND terms_sha256 IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [batch],
    );
    if (rows.length === 0) return 0;
    const revisions = await tx.em.getRepository(AgreementRevisionEntity).findBy({ id: In(rows.map((r) => r.id)) });
    for (const revision of revisions) await sealRevision(tx, revision);
    await tx.em.query(
      `UPDATE revision_approval a SET terms_sha256 = r.terms_sha256 FROM agreement_revision r WHERE r.id = a.revision_id AND a.terms_sha256 IS NULL AND r.id = ANY ($1::uuid[])`,
      [revisions.map((r) => r.id)],
    );
    return revisions.length;
  });
}
