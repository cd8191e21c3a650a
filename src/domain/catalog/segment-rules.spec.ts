import { Region, SizeBand, Tier } from '../../common/catalog-enums';
import { UserError } from '../../common/errors';
import { type SegmentRule } from '../../db/entities/segment.entity';
import { normalizeRules, validateRules } from './segment.service';

function userError(rules: SegmentRule[]): UserError {
  try {
    validateRules(rules);
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error(`validateRules accepted ${JSON.stringify(rules)}`);
}

describe('validateRules', () => {
  it('accepts no rules, and rules that each name at least one attribute with values', () => {
    expect(() => validateRules([])).not.toThrow();
    expect(() => validateRules([{ tiers: [Tier.GOLD] }, { countries: ['de'], industries: ['Retail'] }])).not.toThrow();
  });

  it('accepts 50 rules', () => {
    expect(() => validateRules(Array.from({ length: 50 }, () => ({ tiers: [Tier.GOLD] })))).not.toThrow();
  });

  it('refuses more than 50 rules, naming the rules field', () => {
    const error = userError(Array.from({ length: 51 }, () => ({ tiers: [Tier.GOLD] })));
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: ['rules'] });
    expect(error.message).toMatch(/at most 50 rules/);
  });

  it.each<[string, SegmentRule]>([
    ['an empty rule', {}],
    ['a rule whose attributes are all null', { tiers: null, countries: null } as unknown as SegmentRule],
  ])('refuses %s, naming the rule by its position', (_label, rule) => {
    const error = userError([{ tiers: [Tier.GOLD] }, rule]);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: ['rules', 1] });
    expect(error.message).toMatch(/at least one attribute/);
  });

  it.each(['sizeBands', 'industries', 'regions', 'tiers', 'countries'] as const)('refuses an empty %s list, naming the attribute', (attribute) => {
    const error = userError([{ tiers: [Tier.GOLD] }, { regions: [Region.EUROPE] }, { tiers: [Tier.SILVER], [attribute]: [] }]);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: ['rules', 2, attribute] });
    expect(error.message).toContain(`${attribute} must list at least one value`);
  });
});

describe('normalizeRules', () => {
  it('removes duplicate values, upper-cases countries and trims industries', () => {
    const [rule] = normalizeRules([
      {
        sizeBands: [SizeBand.SMALL, SizeBand.SMALL, SizeBand.LARGE],
        industries: ['  Retail', 'Retail ', 'Banking'],
        regions: [Region.EUROPE, Region.EUROPE],
        tiers: [Tier.GOLD, Tier.GOLD],
        countries: ['de', 'DE', 'fr'],
      },
    ]);
    expect(rule).toEqual({
      sizeBands: [SizeBand.SMALL, SizeBand.LARGE],
      industries: ['Retail', 'Banking'],
      regions: [Region.EUROPE],
      tiers: [Tier.GOLD],
      countries: ['DE', 'FR'],
    });
  });

  it('leaves out attributes that were absent or null, keeping the order of rules', () => {
    const rules = normalizeRules([{ countries: ['nl'] }, { tiers: [Tier.PLATINUM], regions: null } as unknown as SegmentRule]);
    expect(rules).toEqual([{ countries: ['NL'] }, { tiers: [Tier.PLATINUM] }]);
    expect(Object.keys(rules[1])).toEqual(['tiers']);
  });
});
