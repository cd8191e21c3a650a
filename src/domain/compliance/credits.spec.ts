import { Metric, Priority } from '../../common/agreement-enums';
import { type CreditPolicy } from '../agreements/terms';
import { type BreachedClock, type ObjectiveAttainment, calculateCredit, minorUnitDigits, tierFor } from './credits';

/** The published table: below 99.99% -> 10%, below 99.0% -> 30%, below 95.0% -> 100%. */
const TIERS = [
  { below: 99.99, creditPercent: 10 },
  { below: 99.0, creditPercent: 30 },
  { below: 95.0, creditPercent: 100 },
];

function policy(overrides: Partial<CreditPolicy> = {}): CreditPolicy {
  return {
    currency: 'EUR',
    periodFee: '12500.00',
    tiers: TIERS,
    perBreach: [],
    monthlyCapPercent: null,
    terminationAfterConsecutiveBreaches: null,
    ...overrides,
  };
}

function availability(attainedPercent: string | number | null): ObjectiveAttainment[] {
  return [{ metric: Metric.AVAILABILITY, priority: null, attainedPercent }];
}

function breaches(metric: Metric, priority: Priority | null, n: number): BreachedClock[] {
  return Array.from({ length: n }, () => ({ metric, priority }));
}

describe('credit tiers', () => {
  it.each([
    // [attainment, credit percent, amount of 12500.00 EUR]
    ['100', '0', '0.00'],
    ['99.999', '0', '0.00'],
    ['99.99', '0', '0.00'], // exactly at "below 99.99": not below it
    ['99.9899999', '10', '1250.00'],
    ['99.989', '10', '1250.00'],
    ['99.5', '10', '1250.00'],
    ['99.0', '10', '1250.00'], // exactly at "below 99.0": still only the 99.99 tier
    ['99', '10', '1250.00'],
    ['98.9999999', '30', '3750.00'],
    ['98.999', '30', '3750.00'],
    ['97', '30', '3750.00'],
    ['95.0', '30', '3750.00'], // exactly at "below 95.0"
    ['94.9999999', '100', '12500.00'],
    ['94.9', '100', '12500.00'],
    ['50', '100', '12500.00'],
    ['0', '100', '12500.00'],
  ])('attainment %s%% earns %s%% = %s EUR', (attained, creditPercent, amount) => {
    const credit = calculateCredit(policy(), availability(attained), []);
    expect(credit.tierCreditPercent).toBe(creditPercent);
    expect(credit.totalPercent).toBe(creditPercent);
    expect(credit.amount).toBe(amount);
    expect(credit.tier?.creditPercent ?? 0).toBe(Number(creditPercent));
  });

  it('reads attainments given as numbers through their shortest form (99.99 is 99.99, not 99.98999...)', () => {
    expect(calculateCredit(policy(), availability(99.99), []).tier).toBeNull();
    expect(calculateCredit(policy(), availability(99.989), []).tier).toEqual({ below: 99.99, creditPercent: 10 });
    expect(calculateCredit(policy(), availability(0.1 + 99.89), []).tier).toBeNull(); // 99.99000000000001 in binary
  });

  it('does not depend on the order of the tiers in the policy', () => {
    const reversed = policy({ tiers: [...TIERS].reverse() });
    for (const [attained, below] of [['99.989', 99.99], ['98.999', 99.0], ['94.9', 95.0]] as const) {
      expect(calculateCredit(reversed, availability(attained), []).tier?.below).toBe(below);
    }
    expect(tierFor([TIERS[2], TIERS[0], TIERS[1]], '98.5')).toEqual({ below: 99.0, creditPercent: 30 });
  });

  it('judges the lowest attainment when there are several objectives, and names it', () => {
    const credit = calculateCredit(
      policy(),
      [
        { metric: Metric.AVAILABILITY, priority: null, attainedPercent: '99.995' },
        { metric: Metric.RATIO, priority: null, attainedPercent: '98.7' },
        { metric: Metric.AVAILABILITY, priority: Priority.P1, attainedPercent: null },
      ],
      [],
    );
    expect(credit.tierBasis).toEqual({ metric: Metric.RATIO, priority: null, attainedPercent: '98.7' });
    expect(credit.tier).toEqual({ below: 99.0, creditPercent: 30 });
    expect(credit.explanation[0]).toBe('RATIO attained 98.7%, below 99%: tier credit 30%.');
  });

  it('gives no tier credit without attainment data', () => {
    const credit = calculateCredit(policy(), [...availability(null)], []);
    expect(credit).toMatchObject({ tier: null, tierBasis: null, tierCreditPercent: '0', amount: '0.00' });
    expect(credit.explanation[0]).toBe('No attainment data for the period: no tier credit.');
    expect(calculateCredit(policy(), [], []).tier).toBeNull();
  });

  it('gives no tier credit when the policy has no tiers', () => {
    const credit = calculateCredit(policy({ tiers: [] }), availability('10'), []);
    expect(credit.tier).toBeNull();
    expect(credit.explanation[0]).toBe('AVAILABILITY attained 10%; the policy has no attainment tiers: no tier credit.');
  });
});

describe('per-breach credits', () => {
  const perBreach = [
    { metric: Metric.FIRST_RESPONSE_TIME, priority: null, creditPercent: 2 },
    { metric: Metric.FIRST_RESPONSE_TIME, priority: Priority.P1, creditPercent: 5 },
    { metric: Metric.RESOLUTION_TIME, priority: Priority.P2, creditPercent: 3 },
  ];

  it('counts each breach once: its own priority entry first, else the metric-wide (null) entry', () => {
    const credit = calculateCredit(policy({ perBreach }), availability('100'), [
      ...breaches(Metric.FIRST_RESPONSE_TIME, Priority.P1, 2),
      ...breaches(Metric.FIRST_RESPONSE_TIME, Priority.P3, 1),
      ...breaches(Metric.FIRST_RESPONSE_TIME, Priority.P4, 1),
      ...breaches(Metric.RESOLUTION_TIME, Priority.P2, 1),
      ...breaches(Metric.RESOLUTION_TIME, Priority.P1, 1), // no entry for RESOLUTION_TIME P1 nor for all RESOLUTION_TIME
      ...breaches(Metric.UPDATE_INTERVAL, Priority.P1, 1), // no entry for the metric at all
    ]);
    expect(credit.perBreach).toEqual([
      { metric: Metric.FIRST_RESPONSE_TIME, priority: null, count: 2, creditPercentEach: '2', creditPercent: '4' },
      { metric: Metric.FIRST_RESPONSE_TIME, priority: Priority.P1, count: 2, creditPercentEach: '5', creditPercent: '10' },
      { metric: Metric.RESOLUTION_TIME, priority: Priority.P2, count: 1, creditPercentEach: '3', creditPercent: '3' },
    ]);
    expect(credit.uncreditedBreaches).toBe(2);
    expect(credit.totalPercentBeforeCap).toBe('17');
    expect(credit.amount).toBe('2125.00');
  });

  it('a null-priority entry covers every priority of its metric, and clocks without a priority', () => {
    const all = [{ metric: Metric.FIRST_RESPONSE_TIME, priority: null, creditPercent: 5 }];
    const clocks = [Priority.P1, Priority.P2, Priority.P3, Priority.P4, null].map((priority) => ({ metric: Metric.FIRST_RESPONSE_TIME, priority }));
    const credit = calculateCredit(policy({ perBreach: all }), availability('100'), clocks);
    expect(credit.perBreach).toEqual([{ metric: Metric.FIRST_RESPONSE_TIME, priority: null, count: 5, creditPercentEach: '5', creditPercent: '25' }]);
  });

  it('an entry for one priority covers only that priority', () => {
    const p1Only = [{ metric: Metric.FIRST_RESPONSE_TIME, priority: Priority.P1, creditPercent: 5 }];
    const credit = calculateCredit(policy({ perBreach: p1Only }), availability('100'), [
      ...breaches(Metric.FIRST_RESPONSE_TIME, Priority.P1, 3),
      ...breaches(Metric.FIRST_RESPONSE_TIME, Priority.P2, 4),
      ...breaches(Metric.FIRST_RESPONSE_TIME, null, 1),
    ]);
    expect(credit.perBreach).toEqual([{ metric: Metric.FIRST_RESPONSE_TIME, priority: Priority.P1, count: 3, creditPercentEach: '5', creditPercent: '15' }]);
    expect(credit.uncreditedBreaches).toBe(5);
    expect(credit.totalPercent).toBe('15');
  });

  it('adds tier and per-breach credits', () => {
    const credit = calculateCredit(policy({ perBreach }), availability('99.5'), breaches(Metric.FIRST_RESPONSE_TIME, Priority.P1, 1));
    expect(credit).toMatchObject({ tierCreditPercent: '10', totalPercentBeforeCap: '15', totalPercent: '15', amount: '1875.00' });
  });

  it('a breached satisfaction floor is one breach of the period, and says so', () => {
    const csat = [{ metric: Metric.SATISFACTION, priority: null, creditPercent: 5 }];
    const credit = calculateCredit(policy({ perBreach: csat }), availability('100'), breaches(Metric.SATISFACTION, null, 1));
    expect(credit.perBreach).toEqual([{ metric: Metric.SATISFACTION, priority: null, count: 1, creditPercentEach: '5', creditPercent: '5' }]);
    expect(credit.explanation).toContain('1 breached SATISFACTION period at 5% each: 5%.');
    expect(credit.amount).toBe('625.00');
  });

  it('lists nothing when nothing was breached', () => {
    const credit = calculateCredit(policy({ perBreach }), availability('100'), []);
    expect(credit.perBreach).toEqual([]);
    expect(credit.uncreditedBreaches).toBe(0);
    expect(credit.explanation).toContain('No breached clocks in the period: no per-breach credit.');
  });
});

describe('monthly cap', () => {
  const perBreach = [{ metric: Metric.FIRST_RESPONSE_TIME, priority: Priority.P1, creditPercent: 5 }];
  // 98.5% -> tier 30%, plus 2 x 5% = 40%.
  const run = (monthlyCapPercent: number | null) =>
    calculateCredit(policy({ perBreach, monthlyCapPercent }), availability('98.5'), breaches(Metric.FIRST_RESPONSE_TIME, Priority.P1, 2));

  it('is applied when the sum exceeds it', () => {
    expect(run(35)).toMatchObject({ totalPercentBeforeCap: '40', capPercent: '35', capApplied: true, totalPercent: '35', amount: '4375.00' });
  });

  it('is not applied when the sum is exactly at it', () => {
    expect(run(40)).toMatchObject({ totalPercentBeforeCap: '40', capPercent: '40', capApplied: false, totalPercent: '40', amount: '5000.00' });
  });

  it('is not applied below it', () => {
    expect(run(50)).toMatchObject({ capApplied: false, totalPercent: '40', amount: '5000.00' });
  });

  it('without a cap the sum stands, even above 100%', () => {
    const credit = calculateCredit(policy({ perBreach }), availability('90'), breaches(Metric.FIRST_RESPONSE_TIME, Priority.P1, 6));
    expect(credit).toMatchObject({ totalPercentBeforeCap: '130', capPercent: null, capApplied: false, totalPercent: '130', amount: '16250.00' });
  });

  it('caps a fractional sum exactly', () => {
    const credit = calculateCredit(
      policy({ perBreach: [{ metric: Metric.RESOLUTION_TIME, priority: null, creditPercent: 0.1 }], monthlyCapPercent: 0.3 }),
      availability('100'),
      breaches(Metric.RESOLUTION_TIME, Priority.P3, 4),
    );
    expect(credit).toMatchObject({ totalPercentBeforeCap: '0.4', capApplied: true, totalPercent: '0.3', amount: '37.50' });
  });
});

describe('amounts: exact decimals, rounded half up once at the end', () => {
  const tenPercent = availability('99.5');

  it.each([
    ['12500.00', '1250.00'],
    ['0.30', '0.03'], // binary floats: 0.3 * 0.1 = 0.030000000000000002
    ['0.05', '0.01'], // 0.005 rounds half up
    ['0.04', '0.00'], // 0.004 rounds down
    ['0.00', '0.00'],
    ['0', '0.00'],
    ['1', '0.10'],
    ['999999999999.99', '100000000000.00'], // 99999999999.999 -> up
    ['999999999999.90', '99999999999.99'],
    ['123.4567', '12.35'], // a fee with more decimals than the currency: 12.34567
  ])('10%% of %s EUR is %s EUR', (periodFee, amount) => {
    expect(calculateCredit(policy({ periodFee }), tenPercent, []).amount).toBe(amount);
  });

  it('sums percentages without binary error: 0.1% + 0.2% is 0.3%, seven times 0.1% is 0.7%', () => {
    const perBreach = [
      { metric: Metric.FIRST_RESPONSE_TIME, priority: null, creditPercent: 0.1 },
      { metric: Metric.RESOLUTION_TIME, priority: null, creditPercent: 0.2 },
    ];
    const a = calculateCredit(policy({ perBreach, periodFee: '100.00' }), availability('100'), [
      ...breaches(Metric.FIRST_RESPONSE_TIME, Priority.P1, 1),
      ...breaches(Metric.RESOLUTION_TIME, Priority.P1, 1),
    ]);
    expect(a).toMatchObject({ totalPercent: '0.3', amount: '0.30' });
    const b = calculateCredit(policy({ perBreach, periodFee: '1000.00' }), availability('100'), breaches(Metric.FIRST_RESPONSE_TIME, Priority.P2, 7));
    expect(b.perBreach[0].creditPercent).toBe('0.7');
    expect(b.amount).toBe('7.00');
  });

  it('rounds 50% of 1.15 to 0.58 (binary floats give 0.57499999... and 0.57)', () => {
    const half = policy({ periodFee: '1.15', tiers: [{ below: 100, creditPercent: 50 }] });
    expect(calculateCredit(half, availability('99'), []).amount).toBe('0.58');
  });

  it('rounds 33.33% of 999999999999.99 exactly: 333299999999.996667 -> 333300000000.00', () => {
    const odd = policy({ periodFee: '999999999999.99', tiers: [{ below: 100, creditPercent: 33.33 }] });
    expect(calculateCredit(odd, availability('99'), []).amount).toBe('333300000000.00');
  });

  it('rounds the total, not each part: 2.5% + 2.5% of 0.10 is 0.005 -> 0.01, not 0.00 + 0.00', () => {
    const perBreach = [
      { metric: Metric.FIRST_RESPONSE_TIME, priority: null, creditPercent: 2.5 },
      { metric: Metric.RESOLUTION_TIME, priority: null, creditPercent: 2.5 },
    ];
    const credit = calculateCredit(policy({ perBreach, periodFee: '0.10' }), availability('100'), [
      ...breaches(Metric.FIRST_RESPONSE_TIME, Priority.P1, 1),
      ...breaches(Metric.RESOLUTION_TIME, Priority.P1, 1),
    ]);
    expect(credit).toMatchObject({ totalPercent: '5', amount: '0.01' });
  });

  it('a zero fee credits nothing whatever the percentage', () => {
    expect(calculateCredit(policy({ periodFee: '0.00' }), availability('10'), [])).toMatchObject({ totalPercent: '100', amount: '0.00' });
  });

  describe('currencies', () => {
    it('knows the minor units: EUR and USD 2, JPY 0, BHD 3', () => {
      expect([minorUnitDigits('EUR'), minorUnitDigits('USD'), minorUnitDigits('JPY'), minorUnitDigits('BHD')]).toEqual([2, 2, 0, 3]);
    });

    it.each([
      ['123457', '12346'], // 12345.7
      ['15', '2'], // 1.5 rounds half up
      ['5', '1'], // 0.5 rounds half up
      ['4', '0'], // 0.4
      ['1250000', '125000'],
    ])('10%% of %s JPY is %s JPY, in whole yen', (periodFee, amount) => {
      const credit = calculateCredit(policy({ currency: 'JPY', periodFee }), tenPercent, []);
      expect(credit).toMatchObject({ currency: 'JPY', amount, minorUnitDigits: 0 });
    });

    it('USD like EUR, BHD to 3 decimals', () => {
      expect(calculateCredit(policy({ currency: 'USD', periodFee: '0.05' }), tenPercent, []).amount).toBe('0.01');
      expect(calculateCredit(policy({ currency: 'BHD', periodFee: '0.005' }), availability('50'), []).amount).toBe('0.005');
      expect(calculateCredit(policy({ currency: 'BHD', periodFee: '0.005' }), tenPercent, []).amount).toBe('0.001');
    });
  });
});

describe('explanation', () => {
  it('spells out every step', () => {
    const credit = calculateCredit(
      policy({
        perBreach: [
          { metric: Metric.FIRST_RESPONSE_TIME, priority: Priority.P1, creditPercent: 5 },
          { metric: Metric.RESOLUTION_TIME, priority: null, creditPercent: 2 },
        ],
        monthlyCapPercent: 20,
      }),
      availability('99.95'),
      [
        ...breaches(Metric.FIRST_RESPONSE_TIME, Priority.P1, 2),
        ...breaches(Metric.RESOLUTION_TIME, Priority.P3, 1),
        ...breaches(Metric.UPDATE_INTERVAL, Priority.P1, 1),
      ],
    );
    expect(credit.explanation).toEqual([
      'AVAILABILITY attained 99.95%, below 99.99%: tier credit 10%.',
      '2 breached FIRST_RESPONSE_TIME P1 clocks at 5% each: 10%.',
      '1 breached RESOLUTION_TIME (any priority) clock at 2% each: 2%.',
      '1 breached clock without a per-breach credit in the policy.',
      'Total before cap: 10% + 12% = 22%.',
      'Monthly cap of 20% applied: total 20%.',
      'Credit: 12500.00 EUR x 20% = 2500.00 EUR (rounded half up to 2 decimals).',
    ]);
    expect(credit).toMatchObject({
      currency: 'EUR',
      periodFee: '12500.00',
      tierCreditPercent: '10',
      totalPercentBeforeCap: '22',
      capPercent: '20',
      capApplied: true,
      totalPercent: '20',
      amount: '2500.00',
    });
  });

  it('says why nothing is credited', () => {
    expect(calculateCredit(policy(), availability('99.99'), []).explanation).toEqual([
      'AVAILABILITY attained 99.99%, not below 99.99%: no tier credit.',
      'No breached clocks in the period: no per-breach credit.',
      'Total before cap: 0% + 0% = 0%.',
      'No monthly cap.',
      'Credit: 12500.00 EUR x 0% = 0.00 EUR (rounded half up to 2 decimals).',
    ]);
  });

  it('says when the total is within the cap', () => {
    expect(calculateCredit(policy({ monthlyCapPercent: 50 }), availability('99.5'), []).explanation).toContain('Within the monthly cap of 50%.');
  });
});

describe('refuses what is not an amount', () => {
  it.each(['12,500.00', '-1.00', '1e5', '', 'abc', '12500.'])('periodFee %j', (periodFee) => {
    expect(() => calculateCredit(policy({ periodFee }), availability('99'), [])).toThrow(/periodFee/);
  });

  it('an unknown currency code', () => {
    expect(() => calculateCredit(policy({ currency: 'EURO' }), availability('99'), [])).toThrow(RangeError);
  });

  it('an attainment outside 0 to 100', () => {
    expect(() => calculateCredit(policy(), availability('100.01'), [])).toThrow(/between 0 and 100/);
    expect(() => calculateCredit(policy(), availability('-1'), [])).toThrow(/between 0 and 100/);
  });
});
