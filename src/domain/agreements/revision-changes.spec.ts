import { NotFoundError } from '../../common/errors';
import { type AgreementRevisionEntity } from '../../db/entities/agreement-revision.entity';
import { diffBase, type DiffedRevision, type RevisionReads } from './revision-changes';

/** Revisions 1..4 of agreement A: 3 was copied from 1 (a rejected 2 was skipped), 2 and 4 from nothing recorded. */
const rows: Record<string, { agreementId: string; number: number }> = {
  r1: { agreementId: 'A', number: 1 },
  r2: { agreementId: 'A', number: 2 },
  r3: { agreementId: 'A', number: 3 },
  r4: { agreementId: 'A', number: 4 },
};
const entity = (id: string) => ({ id, ...rows[id] }) as unknown as AgreementRevisionEntity;
const reads: RevisionReads = {
  revision: async (id) => (rows[id] ? entity(id) : null),
  revisionByNumber: async (agreementId, number) => {
    const id = Object.keys(rows).find((k) => rows[k].agreementId === agreementId && rows[k].number === number);
    return id ? entity(id) : null;
  },
  objectivesOf: async () => [],
};
const rev = (id: string, basedOnId: string | null): DiffedRevision => ({ id, basedOnId, ...rows[id] });

describe('diffBase', () => {
  it.each([
    ['the number asked for, over what it was copied from', rev('r3', 'r1'), 2, 'r2'],
    ['a later number when asked for', rev('r1', null), 4, 'r4'],
    ['itself when asked for', rev('r2', null), 2, 'r2'],
    ['by default, the revision it was copied from', rev('r3', 'r1'), null, 'r1'],
    ['by default, else the previous number', rev('r4', null), null, 'r3'],
    ['nothing for a first revision copied from nothing', rev('r1', null), null, null],
  ])('is %s', async (_what, r, against, expected) => {
    expect((await diffBase(reads, r, against))?.id ?? null).toBe(expected);
  });

  it('is NOT_FOUND on `against` for a number the agreement has no revision of', async () => {
    const error = await diffBase(reads, rev('r3', 'r1'), 9).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).field).toEqual(['against']);
  });
});
