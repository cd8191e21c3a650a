import { PGlite } from '@electric-sql/pglite';
import { coversCustomerSql, coversEveryCustomer, coversEveryCustomerSql } from './coverage.sql';

// The columns the predicate reads, nothing more.
const SCHEMA = `
  CREATE TABLE customer (id text PRIMARY KEY, provider_id text, size_band text, industry text, region text, tier text, country char(2), archived_at timestamptz);
  CREATE TABLE segment (id text PRIMARY KEY, provider_id text, rules jsonb);
  CREATE TABLE segment_pin (segment_id text, customer_id text, kind text);
  CREATE TABLE agreement (id text PRIMARY KEY, customer_id text, segment_id text, supporting_party_id text);
`;

const customer = (id: string, provider: string, tier: string, archived = false) =>
  `INSERT INTO customer VALUES ('${id}', '${provider}', 'LARGE', 'Finance', 'EUROPE', '${tier}', 'DE', ${archived ? 'now()' : 'NULL'});`;

const WORLD = `
  ${customer('gold', 'p1', 'GOLD')}
  ${customer('silver', 'p1', 'SILVER')}
  ${customer('pinned-in', 'p1', 'SILVER')}
  ${customer('pinned-out', 'p1', 'GOLD')}
  ${customer('archived', 'p1', 'GOLD', true)}
  ${customer('other-provider', 'p2', 'GOLD')}
  INSERT INTO segment VALUES ('gold-customers', 'p1', '[{"tiers": ["GOLD"]}]');
  INSERT INTO segment_pin VALUES ('gold-customers', 'pinned-in', 'INCLUDE'), ('gold-customers', 'pinned-out', 'EXCLUDE');
  INSERT INTO agreement VALUES ('names-gold', 'gold', NULL, NULL), ('names-silver', 'silver', NULL, NULL), ('corporate', NULL, NULL, NULL), ('segment', NULL, 'gold-customers', NULL),
    ('ola', NULL, NULL, 'database-team');
`;

let db: PGlite;
beforeAll(async () => {
  db = await PGlite.create();
  await db.exec(SCHEMA + WORLD);
});
afterAll(() => db.close());

/** [agreement, customer, covered] */
const CASES: [string, string, boolean][] = [
  ['names-gold', 'gold', true], // names the customer
  ['names-silver', 'gold', false], // names another one
  ['corporate', 'gold', true], // names no party: every customer of its services
  ['corporate', 'other-provider', true], // (the provider is checked apart, always)
  ['segment', 'gold', true], // matches the segment's rule
  ['segment', 'silver', false], // matches no rule
  ['segment', 'pinned-in', true], // matches no rule, pinned in
  ['segment', 'pinned-out', false], // matches the rule, pinned out
  ['segment', 'archived', false], // archived customers are members of nothing
  ['segment', 'other-provider', false], // matches the rule, but of another provider
  ['ola', 'gold', false], // a supporting agreement (OLA, underpinning contract) covers no customer
];

describe('coversCustomerSql: the agreement names the customer, a segment it belongs to, or no party', () => {
  const covers = async (agreement: string, customerId: string, known?: { namesCustomer: boolean }) => {
    const { rows } = await db.query<{ covered: boolean | null }>(`SELECT ${coversCustomerSql('a', '$2', known)} AS covered FROM agreement a WHERE a.id = $1`, [agreement, customerId]);
    // As a WHERE clause reads it: true selects the row, false or NULL does not.
    return rows[0].covered === true;
  };

  it.each(CASES)('%s covers %s: %s', async (agreement, customerId, expected) => {
    expect(await covers(agreement, customerId)).toBe(expected);
  });

  it.each(CASES.filter(([agreement]) => agreement.startsWith('names-')))('gives the same answer when told the agreement names a customer: %s covers %s: %s', async (agreement, customerId, expected) => {
    expect(await covers(agreement, customerId, { namesCustomer: true })).toBe(expected);
  });
});

describe('coversEveryCustomer: an agreement that names no party covers every customer', () => {
  it.each([
    ['corporate', { customerId: null, segmentId: null, supportingPartyId: null }, true],
    ['names-gold', { customerId: 'gold', segmentId: null, supportingPartyId: null }, false],
    ['segment', { customerId: null, segmentId: 'gold-customers', supportingPartyId: null }, false],
    ['ola', { customerId: null, segmentId: null, supportingPartyId: 'database-team' }, false],
  ] as [string, { customerId: string | null; segmentId: string | null; supportingPartyId: string | null }, boolean][])('%s: %s in JavaScript and in SQL', async (agreement, parties, expected) => {
    expect(coversEveryCustomer(parties)).toBe(expected);
    const { rows } = await db.query<{ all: boolean }>(`SELECT ${coversEveryCustomerSql('a')} AS all FROM agreement a WHERE a.id = $1`, [agreement]);
    expect(rows[0].all).toBe(expected);
  });
});
