import { PGlite } from '@electric-sql/pglite';
import { RevisionState } from '../../common/agreement-enums';
import { agreementEventInCustomerScopeSql, agreementInCustomerScopeSql, isRevisionInCustomerScope, revisionInCustomerScopeSql } from './agreement-visibility';

const C1 = '11111111-1111-4111-8111-111111111111';
const C2 = '22222222-2222-4222-8222-222222222222';

// The columns the predicates read (coverage included), nothing more.
const SCHEMA = `
  CREATE TABLE customer (id uuid PRIMARY KEY, provider_id text, size_band text, industry text, region text, tier text, country char(2), archived_at timestamptz);
  CREATE TABLE segment (id uuid PRIMARY KEY, provider_id text, rules jsonb);
  CREATE TABLE segment_pin (segment_id uuid, customer_id uuid, kind text);
  CREATE TABLE agreement (id text PRIMARY KEY, customer_id uuid, segment_id uuid, supporting_party_id uuid);
  CREATE TABLE agreement_revision (agreement_id text, state text);
  INSERT INTO agreement VALUES ('c1-draft', '${C1}', NULL, NULL), ('c1-proposed', '${C1}', NULL, NULL), ('c2-proposed', '${C2}', NULL, NULL), ('corporate-proposed', NULL, NULL, NULL), ('corporate-draft', NULL, NULL, NULL),
    ('ola-active', NULL, NULL, '22222222-2222-4222-8222-222222222222');
  INSERT INTO agreement_revision VALUES ('c1-draft', 'DRAFT'), ('c1-proposed', 'PROPOSED'), ('c2-proposed', 'ACTIVE'), ('corporate-proposed', 'SUPERSEDED'), ('corporate-proposed', 'DRAFT'), ('corporate-draft', 'DRAFT'), ('ola-active', 'ACTIVE');
`;

let db: PGlite;
beforeAll(async () => {
  db = await PGlite.create();
  await db.exec(SCHEMA);
});
afterAll(() => db.close());

/** As a WHERE clause reads it: true selects the row, false or NULL does not. */
const selects = async (sql: string, params: unknown[]) => (await db.query<{ ok: boolean | null }>(sql, params)).rows[0].ok === true;

describe('agreementInCustomerScopeSql: customer users see the agreements covering their customer, once put to the parties', () => {
  /** [agreement, scope, visible] */
  const CASES: [string, string | null, boolean][] = [
    ['c1-draft', null, true], // provider-side: every agreement, drafts too
    ['c1-draft', C1, false], // never put to the parties
    ['c1-proposed', C1, true],
    ['c2-proposed', C1, false], // another customer's
    ['corporate-proposed', C1, true], // covers every customer; signed once, a draft since
    ['corporate-draft', C1, false],
    ['ola-active', null, true], // an OLA: the provider sees it
    ['ola-active', C1, false], // signed, but it covers no customer: customer users never see it
  ];
  it.each(CASES)('%s within scope %s: %s', async (agreement, scope, expected) => {
    expect(await selects(`SELECT ${agreementInCustomerScopeSql('a', '$2')} AS ok FROM agreement a WHERE a.id = $1`, [agreement, scope])).toBe(expected);
  });
});

describe('isRevisionInCustomerScope and revisionInCustomerScopeSql: customer users see every revision but drafts', () => {
  const CASES: [string | null, RevisionState, boolean][] = [
    ...Object.values(RevisionState).map((state): [string | null, RevisionState, boolean] => [null, state, true]),
    ...Object.values(RevisionState).map((state): [string | null, RevisionState, boolean] => [C1, state, state !== RevisionState.DRAFT]),
  ];
  it.each(CASES)('scope %s, a %s revision: %s', async (scope, state, expected) => {
    expect(isRevisionInCustomerScope(scope, state)).toBe(expected);
    expect(await selects(`SELECT ${revisionInCustomerScopeSql('r', '$2')} AS ok FROM (SELECT $1::text AS state) r`, [state, scope])).toBe(expected);
  });
});

describe("agreementEventInCustomerScopeSql: customer users do not see the provider's drafting", () => {
  const CASES: [string | null, string, boolean][] = [
    [null, 'DRAFT_OPENED', true],
    [null, 'EDITED', true],
    [C1, 'DRAFT_OPENED', false],
    [C1, 'EDITED', false],
    [C1, 'PROPOSED', true],
    [C1, 'APPROVED', true],
    [C1, 'ACTIVATED', true],
  ];
  it.each(CASES)('scope %s, a %s event: %s', async (scope, type, expected) => {
    expect(await selects(`SELECT ${agreementEventInCustomerScopeSql('e', '$2')} AS ok FROM (SELECT $1::text AS type) e`, [type, scope])).toBe(expected);
  });
});
