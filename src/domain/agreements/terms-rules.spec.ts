import { DataSourceKind, Metric, Priority, ReportingFrequency, ReviewCadence } from '../../common/agreement-enums';
import { type FieldPath, UserError, UserErrors } from '../../common/errors';
import { Role } from '../../common/roles';
import { checkTerms, DEFAULT_ESCALATION_TRIGGERS, effectivePauseRules, emptyTerms, escalationPolicyOf, pauseStatusesFor, readTerms, termsProblems } from './terms-rules';
import { type CreditPolicy, type CreditTier, type DisputeProcedureTerms, type EscalationLevelTerms, type EscalationTriggers, type MaintenanceWindowTerms, type RevisionTerms } from './terms';

const AT: FieldPath = ['terms'];
const CREDIT: FieldPath = [...AT, 'creditPolicy'];
const WINDOWS: FieldPath = [...AT, 'exclusions', 'maintenanceWindows'];
const LEVELS: FieldPath = [...AT, 'escalationPolicy', 'levels'];

/** The credit table published in the service description. */
const PUBLISHED: CreditTier[] = [
  { below: 99.99, creditPercent: 10 },
  { below: 99.0, creditPercent: 30 },
  { below: 95.0, creditPercent: 100 },
];

function creditPolicy(overrides: Partial<CreditPolicy> = {}): CreditPolicy {
  return {
    currency: 'EUR',
    periodFee: '12500.00',
    tiers: PUBLISHED,
    perBreach: [{ metric: Metric.FIRST_RESPONSE_TIME, priority: Priority.P1, creditPercent: 5 }],
    monthlyCapPercent: 50,
    terminationAfterConsecutiveBreaches: 3,
    ...overrides,
  };
}

const maintenance = (name: string, overrides: Partial<MaintenanceWindowTerms> = {}): MaintenanceWindowTerms => ({
  name,
  description: '',
  noticePeriod: 'P7D',
  maxPerMonth: 'PT8H',
  ...overrides,
});

const level = (n: number, overrides: Partial<EscalationLevelTerms> = {}): EscalationLevelTerms => ({
  level: n,
  name: `Level ${n}`,
  notifyRoles: [Role.ACCOUNT_MANAGER],
  notifyUsers: [],
  notifyWebhookEndpoints: [],
  after: 'PT30M',
  ...overrides,
});

const policy = (levels: EscalationLevelTerms[], triggers: Partial<EscalationTriggers> = {}) => ({ levels, triggers: { ...DEFAULT_ESCALATION_TRIGGERS, ...triggers } });

/** Complete, valid terms; each test changes one part. */
function terms(overrides: Partial<RevisionTerms> = {}): RevisionTerms {
  return {
    ...emptyTerms('Managed hosting'),
    creditPolicy: creditPolicy(),
    exclusions: { maintenanceWindows: [maintenance('Sunday patching'), maintenance('Quarterly upgrade', { maxPerMonth: null })], forceMajeure: 'Usual' },
    escalationPolicy: policy([level(1), level(2, { after: 'PT1H' }), level(3, { after: 'P1D', notifyRoles: [], notifyUsers: ['user-1'] })]),
    ...overrides,
  };
}

/** Every user error checkTerms throws, one (UserError) or several (UserErrors), as code and field. */
function problems(t: RevisionTerms, at: FieldPath = AT): { code: string; field: FieldPath }[] {
  try {
    checkTerms(t, at);
  } catch (e) {
    if (e instanceof UserErrors) {
      expect(e.errors.length).toBeGreaterThan(1);
      return e.errors.map((u) => ({ code: u.code, field: u.field }));
    }
    if (e instanceof UserError) return [{ code: e.code, field: e.field }];
    throw e;
  }
  return [];
}

const invalid = (...fields: FieldPath[]) => fields.map((field) => ({ code: 'INVALID_INPUT', field }));

describe('emptyTerms', () => {
  it('starts a draft with the title and every other term empty or at its default', () => {
    expect(emptyTerms('Managed hosting')).toEqual({
      title: 'Managed hosting',
      description: '',
      scopeOfServices: '',
      responsibilities: [],
      measurement: { method: '', dataSource: DataSourceKind.PROVIDER_REPORTED, monitor: null },
      reporting: { frequency: ReportingFrequency.MONTHLY, recipients: [] },
      creditPolicy: null,
      exclusions: { maintenanceWindows: [], forceMajeure: '' },
      escalationPolicy: policy([]),
      reviewCadence: ReviewCadence.QUARTERLY,
      disputeResolution: '',
      changeProcedure: '',
    });
  });

  it('hands out a fresh copy each time', () => {
    const a = emptyTerms('a');
    a.escalationPolicy.levels.push(level(1));
    a.exclusions.maintenanceWindows.push(maintenance('x'));
    expect(emptyTerms('b').escalationPolicy.levels).toEqual([]);
    expect(emptyTerms('b').exclusions.maintenanceWindows).toEqual([]);
  });

  it('passes checkTerms', () => {
    expect(problems(emptyTerms('New'))).toEqual([]);
  });
});

describe('checkTerms', () => {
  it('accepts complete terms with the published credit table', () => {
    expect(problems(terms())).toEqual([]);
  });

  it('names fields under ["input"] when no prefix is given', () => {
    expect(() => checkTerms(terms({ creditPolicy: creditPolicy({ monthlyCapPercent: 0 }) }))).toThrow(UserError);
    try {
      checkTerms(terms({ creditPolicy: creditPolicy({ monthlyCapPercent: 0 }) }));
    } catch (e) {
      expect((e as UserError).field).toEqual(['creditPolicy', 'monthlyCapPercent']);
    }
  });

  describe('credit policy', () => {
    it.each<[string, Partial<CreditPolicy>]>([
      ['no credit policy at all', {}],
      ['the published table in any order', { tiers: [PUBLISHED[2], PUBLISHED[0], PUBLISHED[1]] }],
      ['no tiers', { tiers: [] }],
      ['equal credits on neighbouring tiers', { tiers: [{ below: 99.9, creditPercent: 25 }, { below: 99, creditPercent: 25 }] }],
      ['a tier below 100 crediting 100', { tiers: [{ below: 100, creditPercent: 100 }] }],
      ['no per-breach credits, cap or termination right', { perBreach: [], monthlyCapPercent: null, terminationAfterConsecutiveBreaches: null }],
      ['a cap of 100', { monthlyCapPercent: 100 }],
      ['termination after 1 breach', { terminationAfterConsecutiveBreaches: 1 }],
      ['a fee without decimals', { periodFee: '12500' }],
      ['a fee with 4 decimals', { periodFee: '0.0001' }],
      ['a fee of 12 digits', { periodFee: '999999999999.99' }],
    ])('accepts %s', (what, policy) => {
      const t = what === 'no credit policy at all' ? terms({ creditPolicy: null }) : terms({ creditPolicy: creditPolicy(policy) });
      expect(problems(t)).toEqual([]);
    });

    it.each<[string, Partial<CreditPolicy>, FieldPath]>([
      ['a duplicate below', { tiers: [...PUBLISHED, { below: 99.0, creditPercent: 30 }] }, ['tiers', 3, 'below']],
      ['credit decreasing as attainment falls', { tiers: [{ below: 99.99, creditPercent: 30 }, { below: 99.0, creditPercent: 10 }] }, ['tiers', 1, 'creditPercent']],
      [
        'credit decreasing as attainment falls, tiers unsorted',
        { tiers: [{ below: 95, creditPercent: 20 }, { below: 99.99, creditPercent: 10 }, { below: 99, creditPercent: 30 }] },
        ['tiers', 0, 'creditPercent'],
      ],
      ['a tier crediting 0', { tiers: [{ below: 99.99, creditPercent: 0 }] }, ['tiers', 0, 'creditPercent']],
      ['a tier crediting 101', { tiers: [{ below: 95, creditPercent: 101 }] }, ['tiers', 0, 'creditPercent']],
      ['a tier below 0', { tiers: [{ below: 0, creditPercent: 10 }] }, ['tiers', 0, 'below']],
      ['a tier below 100.01', { tiers: [{ below: 100.01, creditPercent: 10 }] }, ['tiers', 0, 'below']],
      ['a per-breach credit of 0', { perBreach: [{ metric: Metric.RESOLUTION_TIME, priority: null, creditPercent: 0 }] }, ['perBreach', 0, 'creditPercent']],
      ['a per-breach credit of 101', { perBreach: [{ metric: Metric.RESOLUTION_TIME, priority: null, creditPercent: 101 }] }, ['perBreach', 0, 'creditPercent']],
      ['a fee with a decimal comma "12,50"', { periodFee: '12,50' }, ['periodFee']],
      ['a negative fee "-5"', { periodFee: '-5' }, ['periodFee']],
      ['a fee with 5 decimals', { periodFee: '1.00001' }, ['periodFee']],
      ['a fee with a currency sign', { periodFee: '€12' }, ['periodFee']],
      ['an empty fee', { periodFee: '' }, ['periodFee']],
      ['a fee of 13 digits', { periodFee: '1000000000000' }, ['periodFee']],
      ['a monthly cap of 0', { monthlyCapPercent: 0 }, ['monthlyCapPercent']],
      ['a monthly cap of 101', { monthlyCapPercent: 101 }, ['monthlyCapPercent']],
      ['termination after 0 breaches', { terminationAfterConsecutiveBreaches: 0 }, ['terminationAfterConsecutiveBreaches']],
      ['termination after 1.5 breaches', { terminationAfterConsecutiveBreaches: 1.5 }, ['terminationAfterConsecutiveBreaches']],
    ])('refuses %s', (_what, policy, field) => {
      expect(problems(terms({ creditPolicy: creditPolicy(policy) }))).toEqual(invalid([...CREDIT, ...field]));
    });

    it('refuses a duplicate below with a different credit on both counts', () => {
      const tiers = [{ below: 99, creditPercent: 30 }, { below: 99, creditPercent: 10 }];
      expect(problems(terms({ creditPolicy: creditPolicy({ tiers }) }))).toEqual(
        invalid([...CREDIT, 'tiers', 1, 'below'], [...CREDIT, 'tiers', 1, 'creditPercent']),
      );
    });
  });

  describe('maintenance windows', () => {
    it.each<[string, MaintenanceWindowTerms[]]>([
      ['none', []],
      ['no notice', [maintenance('Emergency', { noticePeriod: 'PT0S' })]],
      ['notice in days and hours', [maintenance('Patching', { noticePeriod: 'P2DT12H' })]],
    ])('accepts %s', (_what, maintenanceWindows) => {
      expect(problems(terms({ exclusions: { maintenanceWindows, forceMajeure: '' } }))).toEqual([]);
    });

    it.each<[string, MaintenanceWindowTerms[], FieldPath]>([
      ['a duplicate name', [maintenance('Sunday'), maintenance('Other'), maintenance('Sunday')], [2, 'name']],
      ['a notice period in months', [maintenance('Sunday', { noticePeriod: 'P1M' })], [0, 'noticePeriod']],
      ['a notice period that is no duration', [maintenance('Sunday', { noticePeriod: 'seven days' })], [0, 'noticePeriod']],
      ['an empty notice period', [maintenance('A'), maintenance('Sunday', { noticePeriod: '' })], [1, 'noticePeriod']],
      ['a negative notice period', [maintenance('Sunday', { noticePeriod: '-P5D' })], [0, 'noticePeriod']],
      ['a notice period with no component ("P")', [maintenance('Sunday', { noticePeriod: 'P' })], [0, 'noticePeriod']],
      ['a maximum per month that is no duration', [maintenance('Sunday', { maxPerMonth: '8 hours' })], [0, 'maxPerMonth']],
      ['a negative maximum per month', [maintenance('Sunday', { maxPerMonth: 'PT-8H' })], [0, 'maxPerMonth']],
    ])('refuses %s', (_what, maintenanceWindows, field) => {
      expect(problems(terms({ exclusions: { maintenanceWindows, forceMajeure: '' } }))).toEqual(invalid([...WINDOWS, ...field]));
    });
  });

  describe('escalation levels', () => {
    it.each<[string, EscalationLevelTerms[]]>([
      ['none', []],
      ['one level', [level(1)]],
      ['a level notifying only people', [level(1, { notifyRoles: [], notifyUsers: ['user-1'] })]],
      ['a level notifying roles and people', [level(1, { notifyRoles: [Role.PROVIDER_ADMIN], notifyUsers: ['user-1'] })]],
      ['after one second', [level(1, { after: 'PT1S' })]],
      ['a level notifying only a webhook endpoint', [level(1, { notifyRoles: [], notifyWebhookEndpoints: ['0b7c6a52-5f0e-4a8e-9d3c-1f2e3d4c5b6a'] })]],
    ])('accepts %s', (_what, levels) => {
      expect(problems(terms({ escalationPolicy: policy(levels) }))).toEqual([]);
    });

    it.each<[string, EscalationLevelTerms[], FieldPath]>([
      ['numbering that starts at 2', [level(2)], [0, 'level']],
      ['numbering that starts at 0', [level(0)], [0, 'level']],
      ['a gap in the numbering', [level(1), level(3)], [1, 'level']],
      ['a repeated number', [level(1), level(2), level(2)], [2, 'level']],
      ['an after of zero', [level(1, { after: 'PT0S' })], [0, 'after']],
      ['a negative after', [level(1), level(2, { after: '-PT30M' })], [1, 'after']],
      ['an after in months', [level(1, { after: 'P1M' })], [0, 'after']],
      ['an after that is no duration', [level(1, { after: '30 minutes' })], [0, 'after']],
      ['a level notifying nobody', [level(1), level(2, { notifyRoles: [], notifyUsers: [] })], [1]],
      ['a webhook endpoint that is no id', [level(1, { notifyWebhookEndpoints: ['0b7c6a52-5f0e-4a8e-9d3c-1f2e3d4c5b6a', 'hook-1'] })], [0, 'notifyWebhookEndpoints', 1]],
      ['a business-hours calendar that is no id', [level(1), level(2, { calendar: 'office' })], [1, 'calendar']],
    ])('refuses %s', (_what, levels, field) => {
      expect(problems(terms({ escalationPolicy: policy(levels) }))).toEqual(invalid([...LEVELS, ...field]));
    });

    it('refuses levels out of order, naming each misplaced one', () => {
      expect(problems(terms({ escalationPolicy: policy([level(2), level(1), level(3)]) }))).toEqual(invalid([...LEVELS, 0, 'level'], [...LEVELS, 1, 'level']));
    });
  });

  describe('escalation triggers', () => {
    it.each(['PT15M', 'PT1S', 'P1DT2H'])('accepts unacknowledgedAfter %s', (after) => {
      expect(problems(terms({ escalationPolicy: policy([level(1)], { unacknowledgedAfter: after }) }))).toEqual([]);
    });

    it.each(['PT0S', '-PT5M', 'P1M', '15 minutes', ''])('refuses unacknowledgedAfter %j, naming it', (after) => {
      expect(problems(terms({ escalationPolicy: policy([level(1)], { unacknowledgedAfter: after }) }))).toEqual(
        invalid([...AT, 'escalationPolicy', 'triggers', 'unacknowledgedAfter']),
      );
    });

    it('accepts triggers without levels (nothing is raised then)', () => {
      expect(problems(terms({ escalationPolicy: policy([], { clockWarning: true, objectiveBreached: true }) }))).toEqual([]);
    });
  });

  describe('stored policies written before triggers and webhook endpoints', () => {
    const old = { levels: [{ level: 1, name: 'On call', notifyRoles: [Role.ACCOUNT_MANAGER], notifyUsers: ['a@x.example'], after: 'PT30M' }] };

    it('read with no webhook endpoints, no business-hours calendar (all time counts), no supporting party notified and the default triggers (a breach escalates, nothing else)', () => {
      expect(escalationPolicyOf(old)).toEqual({
        levels: [{ level: 1, name: 'On call', notifyRoles: [Role.ACCOUNT_MANAGER], notifyUsers: ['a@x.example'], notifyWebhookEndpoints: [], after: 'PT30M', calendar: null, notifySupportingParty: false }],
        triggers: { clockWarning: false, clockBreach: true, unacknowledgedAfter: null, objectiveBreached: false, budgetBurn: false },
      });
    });

    it('read as valid terms', () => {
      const stored = { ...terms(), escalationPolicy: old } as unknown as Record<string, unknown>;
      expect(problems(readTerms(stored))).toEqual([]);
    });

    it('a missing policy reads as no levels', () => {
      expect(escalationPolicyOf(undefined)).toEqual({ levels: [], triggers: { ...DEFAULT_ESCALATION_TRIGGERS } });
    });

    it('triggers given in part keep the defaults for the rest', () => {
      expect(escalationPolicyOf({ levels: [], triggers: { clockWarning: true } }).triggers).toEqual({ ...DEFAULT_ESCALATION_TRIGGERS, clockWarning: true });
    });
  });

  it('refuses an unknown review cadence', () => {
    expect(problems(terms({ reviewCadence: 'WEEKLY' as ReviewCadence }))).toEqual(invalid([...AT, 'reviewCadence']));
  });

  it('reports every problem at once, each with its path', () => {
    const t = terms({
      creditPolicy: creditPolicy({ periodFee: '12,50', monthlyCapPercent: 0 }),
      exclusions: { maintenanceWindows: [maintenance('A'), maintenance('A', { noticePeriod: 'soon' })], forceMajeure: '' },
      escalationPolicy: policy([level(1, { notifyRoles: [] })]),
    });
    expect(() => checkTerms(t, AT)).toThrow(UserErrors);
    expect(problems(t)).toEqual(
      invalid(
        [...CREDIT, 'periodFee'],
        [...CREDIT, 'monthlyCapPercent'],
        [...WINDOWS, 1, 'name'],
        [...WINDOWS, 1, 'noticePeriod'],
        [...LEVELS, 0],
      ),
    );
  });
});

describe('pause rules', () => {
  const base = emptyTerms('T');
  it('say nothing: WAITING_ON_CUSTOMER pauses resolution and update interval, nothing pauses the first response', () => {
    expect(pauseStatusesFor(base, 'RESOLUTION_TIME')).toEqual(['WAITING_ON_CUSTOMER']);
    expect(pauseStatusesFor(base, 'UPDATE_INTERVAL')).toEqual(['WAITING_ON_CUSTOMER']);
    expect(pauseStatusesFor(null, 'RESOLUTION_TIME')).toEqual(['WAITING_ON_CUSTOMER']);
    expect(pauseStatusesFor(base, 'FIRST_RESPONSE_TIME')).toEqual([]);
  });

  it('a rule replaces the default for its metric only', () => {
    const terms = { ...base, pauseRules: [{ metric: Metric.RESOLUTION_TIME, statuses: ['WAITING_ON_THIRD_PARTY' as const] }] };
    expect(pauseStatusesFor(terms, 'RESOLUTION_TIME')).toEqual(['WAITING_ON_THIRD_PARTY']);
    expect(pauseStatusesFor(terms, 'UPDATE_INTERVAL')).toEqual(['WAITING_ON_CUSTOMER']);
    expect(effectivePauseRules(terms)).toEqual([
      { metric: 'RESOLUTION_TIME', statuses: ['WAITING_ON_THIRD_PARTY'] },
      { metric: 'UPDATE_INTERVAL', statuses: ['WAITING_ON_CUSTOMER'] },
    ]);
  });

  it('refuses the first response, a metric twice and statuses that cannot pause, naming each', () => {
    const terms = {
      ...base,
      pauseRules: [
        { metric: Metric.FIRST_RESPONSE_TIME, statuses: [] },
        { metric: Metric.RESOLUTION_TIME, statuses: ['SCHEDULED' as const, 'IN_PROGRESS' as const] },
        { metric: Metric.RESOLUTION_TIME, statuses: [] },
      ],
    };
    expect(termsProblems(terms, ['terms']).map((e) => e.field)).toEqual([
      ['terms', 'pauseRules', 0, 'metric'],
      ['terms', 'pauseRules', 1, 'statuses', 1],
      ['terms', 'pauseRules', 2, 'metric'],
    ]);
  });
});

describe('the dispute procedure', () => {
  const DISPUTE: FieldPath = [...AT, 'disputeProcedure'];
  const procedure = (overrides: Partial<DisputeProcedureTerms> = {}): DisputeProcedureTerms => ({
    claimWindow: 'P30D',
    responseDeadline: 'P10D',
    stages: [{ name: 'Account manager', responseDeadline: null }, { name: 'Service manager', responseDeadline: 'P5D' }],
    ...overrides,
  });

  it('accepts terms without one (the defaults apply) and a complete one', () => {
    expect(problems(terms())).toEqual([]);
    expect(problems(terms({ disputeProcedure: procedure() }))).toEqual([]);
    expect(problems(terms({ disputeProcedure: procedure({ claimWindow: 'P3650D', responseDeadline: 'PT36H' }) }))).toEqual([]);
  });

  it.each([
    ['a window of zero', { claimWindow: 'PT0S' }, [['claimWindow']]],
    ['a window in months (its length depends on the date)', { claimWindow: 'P1M' }, [['claimWindow']]],
    ['a window over ten years', { claimWindow: 'P3661D' }, [['claimWindow']]],
    ['a deadline that is not a duration', { responseDeadline: 'ten days' }, [['responseDeadline']]],
    ['a deadline over a year', { responseDeadline: 'P367D' }, [['responseDeadline']]],
    ['no stage', { stages: [] }, [['stages']]],
    ['eleven stages', { stages: Array.from({ length: 11 }, (_, i) => ({ name: `Stage ${i}`, responseDeadline: null })) }, [['stages']]],
    ['a stage without a name', { stages: [{ name: ' ', responseDeadline: null }] }, [['stages', 0, 'name']]],
    ['two stages of one name (ignoring case)', { stages: [{ name: 'Desk', responseDeadline: null }, { name: 'desk', responseDeadline: null }] }, [['stages', 1, 'name']]],
    ['a stage deadline of zero', { stages: [{ name: 'Desk', responseDeadline: 'P0D' }] }, [['stages', 0, 'responseDeadline']]],
  ] as [string, Partial<DisputeProcedureTerms>, FieldPath[]][])('refuses %s, naming the field', (_name, overrides, fields) => {
    expect(problems(terms({ disputeProcedure: procedure(overrides) }))).toEqual(invalid(...fields.map((f) => [...DISPUTE, ...f])));
  });
});

describe('the monitor named as data source', () => {
  it.each([
    [DataSourceKind.THIRD_PARTY_MONITOR, 'Pingdom', []],
    [DataSourceKind.THIRD_PARTY_MONITOR, null, []],
    [DataSourceKind.PROVIDER_REPORTED, null, []],
    [DataSourceKind.PROVIDER_REPORTED, 'Pingdom', [['measurement', 'monitor']]],
  ])('%s with monitor %s', (dataSource, monitor, fields) => {
    const terms = { ...emptyTerms('x'), measurement: { method: 'probes', dataSource, monitor } };
    expect(termsProblems(terms).map((e) => e.field)).toEqual(fields);
  });
});
