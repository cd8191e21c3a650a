import { Party, RevisionState } from '../../common/agreement-enums';
import { UserError } from '../../common/errors';
import { canMove, fullyApproved, requiredParties, requireMove } from './revision-lifecycle';

const { DRAFT, PROPOSED, APPROVED, ACTIVE, SUPERSEDED, REJECTED, WITHDRAWN } = RevisionState;

/** Every step the lifecycle allows; any other (from, to) pair must be refused. */
const ALLOWED: ReadonlySet<string> = new Set([
  `${DRAFT}->${PROPOSED}`,
  `${PROPOSED}->${APPROVED}`,
  `${PROPOSED}->${ACTIVE}`,
  `${PROPOSED}->${REJECTED}`,
  `${PROPOSED}->${WITHDRAWN}`,
  `${APPROVED}->${ACTIVE}`,
  `${APPROVED}->${WITHDRAWN}`,
  `${ACTIVE}->${SUPERSEDED}`,
]);

const STATES = Object.values(RevisionState);
/** All 7 x 7 pairs, each with the expected answer. */
const PAIRS: [RevisionState, RevisionState, boolean][] = STATES.flatMap((from) => STATES.map((to): [RevisionState, RevisionState, boolean] => [from, to, ALLOWED.has(`${from}->${to}`)]));

/** What the caller sees of a thrown error: its class, code and field. */
function thrown(fn: () => void): { code: string; field: (string | number)[] } | 'nothing' {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return { code: (e as UserError).code, field: (e as UserError).field };
  }
  return 'nothing';
}

describe('canMove', () => {
  it('covers every pair of states, and exactly 8 of them are steps', () => {
    expect(STATES).toHaveLength(7);
    expect(PAIRS).toHaveLength(49);
    expect(PAIRS.filter(([, , ok]) => ok)).toHaveLength(ALLOWED.size);
  });

  it.each(PAIRS)('%s -> %s: allowed = %s', (from, to, allowed) => {
    expect(canMove(from, to)).toBe(allowed);
  });

  it.each(STATES)('never goes back to DRAFT (from %s)', (from) => {
    expect(canMove(from, DRAFT)).toBe(false);
  });

  it.each([SUPERSEDED, REJECTED, WITHDRAWN])('%s is final: nothing leaves it', (from) => {
    expect(STATES.filter((to) => canMove(from, to))).toEqual([]);
  });

  it.each(STATES)('%s cannot move to itself', (state) => {
    expect(canMove(state, state)).toBe(false);
  });
});

describe('requireMove', () => {
  it.each(PAIRS.filter(([, , ok]) => ok))('lets %s -> %s through', (from, to) => {
    expect(thrown(() => requireMove(from, to))).toBe('nothing');
  });

  it.each(PAIRS.filter(([, , ok]) => !ok))('refuses %s -> %s with INVALID_STATE', (from, to) => {
    expect(thrown(() => requireMove(from, to, ['revisionId']))).toEqual({ code: 'INVALID_STATE', field: ['revisionId'] });
  });

  it('names the revision as input.id when no field is given', () => {
    expect(thrown(() => requireMove(ACTIVE, PROPOSED))).toEqual({ code: 'INVALID_STATE', field: ['id'] });
  });

  it('says which states are involved', () => {
    expect(() => requireMove(REJECTED, APPROVED)).toThrow(/REJECTED.*APPROVED/);
  });
});

describe('requiredParties', () => {
  it.each<[string, string | null, Party[]]>([
    ['a named customer', 'customer-1', [Party.PROVIDER, Party.CUSTOMER]],
    ['no customer (service-based, corporate or segment)', null, [Party.PROVIDER]],
    ['an empty customer id', '', [Party.PROVIDER]],
  ])('%s -> %j', (_what, customerId, parties) => {
    expect(requiredParties({ customerId })).toEqual(parties);
  });
});

describe('fullyApproved', () => {
  const both = [Party.PROVIDER, Party.CUSTOMER];
  const provider = [Party.PROVIDER];
  it.each<[string, Party[], Party[], boolean]>([
    ['provider alone, provider approved', provider, [Party.PROVIDER], true],
    ['provider alone, nobody approved', provider, [], false],
    ['provider alone, only the customer approved', provider, [Party.CUSTOMER], false],
    ['provider alone, both approved', provider, both, true],
    ['both, nobody approved', both, [], false],
    ['both, only the provider approved', both, [Party.PROVIDER], false],
    ['both, only the customer approved', both, [Party.CUSTOMER], false],
    ['both, both approved', both, [Party.PROVIDER, Party.CUSTOMER], true],
    ['both, both approved in the other order', both, [Party.CUSTOMER, Party.PROVIDER], true],
    ['both, provider approved twice', both, [Party.PROVIDER, Party.PROVIDER], false],
  ])('%s -> %s', (_what, required, approvedBy, expected) => {
    expect(fullyApproved(required, approvedBy)).toBe(expected);
  });
});
