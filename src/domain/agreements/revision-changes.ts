import { NotFoundError } from '../../common/errors';
import { type AgreementRevisionEntity } from '../../db/entities/agreement-revision.entity';
import { type ObjectiveEntity } from '../../db/entities/objective.entity';
import { type DiffEntry, diffRevisions } from './revision-diff';
import { contentOf } from './revision-store';
import { type ApiIds, revisionView } from './revision-view';

/** How a diff reads revisions and their objectives (the API passes its per-request loaders, so a list of diffs shares its statements). */
export interface RevisionReads {
  revision(id: string): Promise<AgreementRevisionEntity | null>;
  revisionByNumber(agreementId: string, number: number): Promise<AgreementRevisionEntity | null>;
  objectivesOf(revisionId: string): Promise<ObjectiveEntity[]>;
}

export interface DiffedRevision {
  id: string;
  agreementId: string;
  number: number;
  basedOnId: string | null;
}

/**
 * The revision a diff compares against: number `against` when one is asked for (NOT_FOUND on
 * `against` when the agreement has no such revision), else the revision this one was copied
 * from, else the previous number; nothing for a first revision that was copied from nothing.
 */
export async function diffBase(reads: RevisionReads, r: DiffedRevision, against: number | null): Promise<AgreementRevisionEntity | null> {
  if (against != null) {
    const named = await reads.revisionByNumber(r.agreementId, against);
    if (!named) throw new NotFoundError(`Revision ${against} of this agreement`, ['against']);
    return named;
  }
  if (r.basedOnId) return reads.revision(r.basedOnId);
  if (r.number > 1) return reads.revisionByNumber(r.agreementId, r.number - 1);
  return null;
}

/** Every change from the base (see `diffBase`) to revision `r`, field by field, in the API's terms (`ids` names calendars and endpoints). */
export async function revisionChanges(reads: RevisionReads, r: DiffedRevision, against: number | null, ids: ApiIds): Promise<DiffEntry[]> {
  const other = await diffBase(reads, r, against);
  if (!other) return [];
  const self = await reads.revision(r.id);
  if (!self) return [];
  const [mine, theirs] = await Promise.all([reads.objectivesOf(self.id), reads.objectivesOf(other.id)]);
  return diffRevisions(revisionView(contentOf(other, theirs), ids), revisionView(contentOf(self, mine), ids));
}
