import { PGlite } from '@electric-sql/pglite';
import { RevisionState } from '../../common/agreement-enums';
import { inForceSql, instantBefore, isInForceAt } from './in-force';

const at = (iso: string) => new Date(iso);
const FROM = '2026-03-01T00:00:00.000Z';
const TO = '2026-04-01T00:00:00.000Z';

const revision = (state: RevisionState, from: string | null, to: string | null) => ({ state, effectiveFrom: from ? at(from) : null, effectiveTo: to ? at(to) : null });

/** [state, effectiveFrom, effectiveTo, instant, in force] */
const CASES: [RevisionState, string | null, string | null, string, boolean][] = [
  [RevisionState.ACTIVE, FROM, null, FROM, true], // effectiveFrom exactly at the instant: in force
  [RevisionState.ACTIVE, FROM, null, '2026-02-28T23:59:59.999Z', false], // a millisecond before it starts
  [RevisionState.ACTIVE, FROM, null, '2099-01-01T00:00:00.000Z', true], // open-ended
  [RevisionState.SUPERSEDED, FROM, TO, '2026-03-31T23:59:59.999Z', true], // its last millisecond
  [RevisionState.SUPERSEDED, FROM, TO, TO, false], // effectiveTo exactly at the instant: not in force (the next one is)
  [RevisionState.ACTIVE, TO, null, TO, true], // ... the next one
  [RevisionState.APPROVED, FROM, TO, '2026-03-15T00:00:00.000Z', true], // approved, scheduled or not yet activated
  [RevisionState.DRAFT, FROM, TO, '2026-03-15T00:00:00.000Z', false], // never signed
  [RevisionState.PROPOSED, FROM, TO, '2026-03-15T00:00:00.000Z', false],
  [RevisionState.REJECTED, FROM, TO, '2026-03-15T00:00:00.000Z', false],
  [RevisionState.WITHDRAWN, FROM, TO, '2026-03-15T00:00:00.000Z', false],
  [RevisionState.APPROVED, null, null, '2026-03-15T00:00:00.000Z', false], // no effectiveFrom: not in force
];

describe('isInForceAt: effectiveFrom <= t < effectiveTo, for signed revisions', () => {
  it.each(CASES)('%s from %s to %s, at %s: %s', (state, from, to, instant, expected) => {
    expect(isInForceAt(revision(state, from, to), at(instant))).toBe(expected);
  });

  it('hands over between two consecutive revisions at one instant, leaving no gap and no overlap', () => {
    const first = revision(RevisionState.SUPERSEDED, FROM, TO);
    const second = revision(RevisionState.ACTIVE, TO, null);
    for (const instant of [instantBefore(at(TO)), at(TO)]) {
      expect([first, second].filter((r) => isInForceAt(r, instant))).toHaveLength(1);
    }
    expect(isInForceAt(first, instantBefore(at(TO)))).toBe(true);
    expect(isInForceAt(second, at(TO))).toBe(true);
  });
});

describe('inForceSql: the same rule in SQL, on the same rows', () => {
  let db: PGlite;
  beforeAll(async () => {
    db = await PGlite.create();
  });
  afterAll(() => db.close());

  it.each(CASES)('agrees with isInForceAt: %s from %s to %s, at %s: %s', async (state, from, to, instant, expected) => {
    const { rows } = await db.query<{ in_force: boolean }>(
      `SELECT ${inForceSql('r', '$4::timestamptz')} AS in_force FROM (SELECT $1::text AS state, $2::timestamptz AS effective_from, $3::timestamptz AS effective_to) r`,
      [state, from, to, instant],
    );
    // As a WHERE clause reads it: true selects the row, false or NULL does not.
    expect(rows[0].in_force === true).toBe(expected);
  });
});

describe('instantBefore', () => {
  it('is the millisecond before', () => {
    expect(instantBefore(at(TO)).toISOString()).toBe('2026-03-31T23:59:59.999Z');
  });
});
