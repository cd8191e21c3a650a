import { Tier } from '../../common/catalog-enums';
import { chooseObjective, type ConditionalTerm, conditionCount, conditionsKey, type IncidentFacts, matchesConditions, NO_FACTS, type ObjectiveConditions } from './objective-conditions';
import { termForPriority } from './objective-priority';

let n = 0;
const o = (name: string, priority: string | null, conditions: ObjectiveConditions | null = null, metric = 'RESOLUTION_TIME'): ConditionalTerm & { name: string } => ({
  name,
  metric,
  priority,
  conditions,
  position: n++,
  id: `id-${name}`,
});
const facts = (f: Partial<IncidentFacts>): IncidentFacts => ({ ...NO_FACTS, ...f });

const GOLD_OUTAGE: IncidentFacts = facts({ customerTier: 'GOLD', impact: 'OUTAGE', category: 'Database', channel: 'phone', customerRegion: 'EUROPE' });

describe('matchesConditions', () => {
  it.each<[string, ObjectiveConditions | null, IncidentFacts, boolean]>([
    ['no conditions match every incident', null, NO_FACTS, true],
    ['one value of a list is enough', { customerTiers: [Tier.GOLD, Tier.PLATINUM] }, GOLD_OUTAGE, true],
    ['every list given must match', { customerTiers: [Tier.GOLD], impacts: ['DEGRADED'] }, GOLD_OUTAGE, false],
    ['an unknown fact matches no list', { categories: ['Database'] }, facts({ customerTier: 'GOLD' }), false],
    ['categories compare exactly', { categories: ['database'] }, GOLD_OUTAGE, false],
    ['an empty list constrains nothing', { channels: [] }, NO_FACTS, true],
  ])('%s', (_what, c, f, expected) => {
    expect(matchesConditions(c, f)).toBe(expected);
  });
});

describe('conditionsKey and conditionCount', () => {
  it('equal conditions, however written, have one key; none: the empty key', () => {
    expect(conditionsKey({ customerTiers: [Tier.PLATINUM, Tier.GOLD], channels: [] })).toBe(conditionsKey({ customerTiers: [Tier.GOLD, Tier.PLATINUM] }));
    expect(conditionsKey(null)).toBe('');
    expect(conditionsKey({ channels: [] })).toBe('');
    expect(conditionCount({ customerTiers: [Tier.GOLD], impacts: ['OUTAGE', 'DEGRADED'] })).toBe(2);
  });
});

describe('chooseObjective: precedence', () => {
  const plain = o('P1 plain', 'P1');
  const any = o('any priority', null);
  const gold = o('gold, any priority', null, { customerTiers: [Tier.GOLD] });
  const goldP1 = o('gold P1', 'P1', { customerTiers: [Tier.GOLD] });
  const outage = o('outage P1', 'P1', { impacts: ['OUTAGE'] });
  const goldOutage = o('gold outage', null, { customerTiers: [Tier.GOLD], impacts: ['OUTAGE'] });
  const platinum = o('platinum P1', 'P1', { customerTiers: [Tier.PLATINUM] });
  const pick = (among: ReturnType<typeof o>[], priority: string, f: IncidentFacts) => chooseObjective(among, 'RESOLUTION_TIME', priority, f)?.objective.name;

  it.each<[string, ReturnType<typeof o>[], string, IncidentFacts, string | undefined]>([
    ['more conditions win: 2 over 1', [goldP1, goldOutage, plain], 'P1', GOLD_OUTAGE, 'gold outage'],
    ['more conditions win over the priority\'s own objective', [plain, gold], 'P1', GOLD_OUTAGE, 'gold, any priority'],
    ['equally specific: the priority\'s own wins over a priority-less one', [gold, goldP1], 'P1', GOLD_OUTAGE, 'gold P1'],
    ['equally specific, both of the priority: the one listed first wins', [goldP1, outage], 'P1', GOLD_OUTAGE, 'gold P1'],
    ['... whatever the order of the array', [outage, goldP1], 'P1', GOLD_OUTAGE, 'gold P1'],
    ['no conditioned objective matches: the unconditioned one applies', [platinum, plain], 'P1', GOLD_OUTAGE, 'P1 plain'],
    ['no match and nothing unconditioned for the priority: the priority-less one', [platinum, any], 'P1', GOLD_OUTAGE, 'any priority'],
    ['no match and nothing unconditioned at all: none', [platinum], 'P1', GOLD_OUTAGE, undefined],
    ['another priority\'s objective never applies', [goldP1], 'P2', GOLD_OUTAGE, undefined],
    ['an incident without facts matches only the unconditioned', [gold, goldP1, plain], 'P1', NO_FACTS, 'P1 plain'],
  ])('%s', (_what, among, priority, f, expected) => {
    expect(pick(among, priority, f)).toBe(expected);
  });

  it('without conditions anywhere it is termForPriority', () => {
    const set = [o('P1', 'P1'), o('P2', 'P2'), o('rest', null), o('FR P1', 'P1', null, 'FIRST_RESPONSE_TIME')];
    for (const p of ['P1', 'P2', 'P3', 'P4']) {
      expect(chooseObjective(set, 'RESOLUTION_TIME', p, NO_FACTS)?.objective).toBe(termForPriority(set, 'RESOLUTION_TIME', p));
    }
  });

  it('says which conditions matched and why, in words', () => {
    expect(chooseObjective([goldP1, goldOutage, plain], 'RESOLUTION_TIME', 'P1', GOLD_OUTAGE)).toEqual({
      objective: goldOutage,
      matchedConditions: { customerTiers: [Tier.GOLD], impacts: ['OUTAGE'] },
      reason: 'Chosen for P1: the RESOLUTION_TIME objective for every priority with the most specific conditions the incident matches (2: impacts OUTAGE, customerTiers GOLD).',
    });
    expect(chooseObjective([platinum, plain], 'RESOLUTION_TIME', 'P1', GOLD_OUTAGE)).toMatchObject({
      matchedConditions: null,
      reason: 'Chosen for P1: the RESOLUTION_TIME objective for P1 without conditions: the incident matches none of the 1 with conditions.',
    });
    expect(chooseObjective([plain], 'RESOLUTION_TIME', 'P1', GOLD_OUTAGE)?.reason).toBe('Chosen for P1: the RESOLUTION_TIME objective for P1 (no conditions).');
    expect(chooseObjective([goldP1, outage], 'RESOLUTION_TIME', 'P1', GOLD_OUTAGE)?.reason).toMatch(/as specific as another matching objective, it is listed first\.$/);
    expect(chooseObjective([gold, goldP1], 'RESOLUTION_TIME', 'P1', GOLD_OUTAGE)?.reason).toMatch(/its own priority wins\.$/);
  });
});
