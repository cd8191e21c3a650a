import { BudgetingMethod, Comparator, Metric, Priority, WindowKind } from '../../common/agreement-enums';
import { type FieldPath, UserError, UserErrors } from '../../common/errors';
import { naturalComparator, normalizeObjective, normalizeObjectives, type ObjectiveInput } from './objective-rules';

const AT: FieldPath = ['terms', 'objectives', 0];
const LIST_AT: FieldPath = ['terms', 'objectives'];

const availability = (overrides: Partial<ObjectiveInput> = {}): ObjectiveInput => ({ metric: Metric.AVAILABILITY, target: 99.9, ...overrides });
const firstResponse = (overrides: Partial<ObjectiveInput> = {}): ObjectiveInput => ({
  metric: Metric.FIRST_RESPONSE_TIME,
  priority: 'P1',
  targetDuration: 'PT15M',
  ...overrides,
});

/** The fields a user is told about, in order; every problem must be INVALID_INPUT. */
function problems(input: ObjectiveInput): FieldPath[] {
  const { objective, errors } = normalizeObjective(input, AT);
  if (errors.length > 0) expect(objective).toBeNull();
  errors.forEach((e) => {
    expect(e).toBeInstanceOf(UserError);
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).not.toBe('');
  });
  return errors.map((e) => e.field);
}

function accepted(input: ObjectiveInput) {
  const { objective, errors } = normalizeObjective(input, AT);
  expect(errors).toEqual([]);
  expect(objective).not.toBeNull();
  return objective!;
}

/** Every user error thrown by `fn`, whether one (UserError) or several (UserErrors). */
function thrown(fn: () => unknown): { code: string; field: FieldPath }[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof UserErrors) return e.errors.map((u) => ({ code: u.code, field: u.field }));
    if (e instanceof UserError) return [{ code: e.code, field: e.field }];
    throw e;
  }
  return [];
}

describe('naturalComparator', () => {
  it.each([
    [Metric.AVAILABILITY, Comparator.AT_LEAST],
    [Metric.RATIO, Comparator.AT_LEAST],
    [Metric.SATISFACTION, Comparator.AT_LEAST],
    [Metric.FIRST_RESPONSE_TIME, Comparator.AT_MOST],
    [Metric.RESOLUTION_TIME, Comparator.AT_MOST],
    [Metric.UPDATE_INTERVAL, Comparator.AT_MOST],
  ])('%s -> %s', (metric, comparator) => {
    expect(naturalComparator(metric)).toBe(comparator);
  });
});

describe('normalizeObjective', () => {
  describe('defaults', () => {
    it('fills in every default of an availability objective', () => {
      expect(accepted({ metric: Metric.AVAILABILITY, target: 99.95 })).toEqual({
        metric: Metric.AVAILABILITY,
        priority: null,
        name: 'Availability',
        description: '',
        comparator: Comparator.AT_LEAST,
        target: 99.95,
        targetSeconds: null,
        window: { kind: WindowKind.CALENDAR_MONTH, days: null },
        calendarId: null,
        warningThresholdPercent: 75,
        degradedWeightPercent: 0,
        budgeting: { method: BudgetingMethod.OCCURRENCES, sliceSeconds: null, sliceTarget: null },
        conditions: null,
        supports: [],
      });
    });

    it('fills in every default of a time objective, naming it after metric and priority', () => {
      expect(accepted({ metric: Metric.RESOLUTION_TIME, priority: 'P2', targetDuration: 'PT8H' })).toEqual({
        metric: Metric.RESOLUTION_TIME,
        priority: Priority.P2,
        name: 'Resolution P2',
        description: '',
        comparator: Comparator.AT_MOST,
        target: null,
        targetSeconds: 28800,
        window: { kind: WindowKind.CALENDAR_MONTH, days: null },
        calendarId: null,
        warningThresholdPercent: 75,
        degradedWeightPercent: 0,
        budgeting: { method: BudgetingMethod.OCCURRENCES, sliceSeconds: null, sliceTarget: null },
        conditions: null,
        supports: [],
      });
    });

    it.each<[ObjectiveInput, string]>([
      [{ metric: Metric.AVAILABILITY, target: 99 }, 'Availability'],
      [{ metric: Metric.RATIO, target: 98 }, 'Success ratio'],
      [{ metric: Metric.SATISFACTION, target: 80 }, 'Customer satisfaction'],
      [{ metric: Metric.FIRST_RESPONSE_TIME, targetDuration: 'PT1H' }, 'First response'],
      [{ metric: Metric.FIRST_RESPONSE_TIME, priority: 'P1', targetDuration: 'PT1H' }, 'First response P1'],
      [{ metric: Metric.UPDATE_INTERVAL, priority: 'P4', targetDuration: 'P1D' }, 'Update interval P4'],
      [{ metric: Metric.AVAILABILITY, target: 99, name: '   ' }, 'Availability'],
      [{ metric: Metric.AVAILABILITY, target: 99, name: null }, 'Availability'],
      [{ metric: Metric.AVAILABILITY, target: 99, name: '  Uptime of the shop ' }, 'Uptime of the shop'],
    ])('names %j %j', (input, name) => {
      expect(accepted(input).name).toBe(name);
    });

    it('keeps what is given: trimmed description, calendar, window, warning, degraded weight', () => {
      const o = accepted(
        availability({
          description: ' Measured by probes ',
          calendarId: 'cal-1',
          window: { kind: WindowKind.CALENDAR_QUARTER },
          warningThresholdPercent: 90,
          degradedWeightPercent: 50,
          comparator: Comparator.AT_LEAST,
        }),
      );
      expect(o).toMatchObject({
        description: 'Measured by probes',
        calendarId: 'cal-1',
        window: { kind: WindowKind.CALENDAR_QUARTER, days: null },
        warningThresholdPercent: 90,
        degradedWeightPercent: 50,
        comparator: Comparator.AT_LEAST,
      });
    });
  });

  describe('target of a percentage or score', () => {
    it.each([100, 99.999, 99.123456, 0.000001, 50])('accepts availability %s', (target) => {
      expect(accepted(availability({ target })).target).toBe(target);
    });

    it.each([
      ['above 100', 120],
      ['just above 100', 100.000001],
      ['zero', 0],
      ['negative', -1],
      ['7 decimals', 99.1234567],
      ['a tiny value with 7 decimals', 0.0000001],
      ['NaN', NaN],
      ['infinite', Infinity],
    ])('refuses availability %s (%s)', (_what, target) => {
      expect(problems(availability({ target }))).toEqual([[...AT, 'target']]);
    });

    it.each([Metric.AVAILABILITY, Metric.RATIO, Metric.SATISFACTION])('%s needs a target', (metric) => {
      expect(problems({ metric })).toEqual([[...AT, 'target']]);
    });

    it.each([Metric.AVAILABILITY, Metric.RATIO, Metric.SATISFACTION])('%s refuses a targetDuration', (metric) => {
      expect(problems({ metric, target: 90, targetDuration: 'PT15M' })).toEqual([[...AT, 'targetDuration']]);
    });
  });

  describe('priority', () => {
    it.each(['P1', 'P2', 'P3', 'P4'])('accepts %s on a time metric', (priority) => {
      expect(accepted(firstResponse({ priority })).priority).toBe(priority);
    });

    it.each(['P5', 'P0', 'p1', '', 'HIGH'])('refuses %j, naming the priority under the given prefix', (priority) => {
      expect(problems(firstResponse({ priority }))).toEqual([['terms', 'objectives', 0, 'priority']]);
    });

    it('accepts a time objective without a priority (it applies to every priority)', () => {
      expect(accepted(firstResponse({ priority: null })).priority).toBeNull();
    });

    it.each([Metric.AVAILABILITY, Metric.RATIO, Metric.SATISFACTION])('refuses a priority on %s', (metric) => {
      expect(problems({ metric, target: 90, priority: 'P1' })).toEqual([[...AT, 'priority']]);
    });

    it('uses the prefix it is given', () => {
      const { errors } = normalizeObjective(firstResponse({ priority: 'P5' }), ['x', 3]);
      expect(errors.map((e) => e.field)).toEqual([['x', 3, 'priority']]);
    });
  });

  describe('time metrics', () => {
    it.each([
      ['PT15M', 900],
      ['P1DT4H', 100800],
      ['PT1S', 1],
      ['PT36H', 129600],
      ['P366D', 366 * 86400],
    ])('turn targetDuration %s into %s seconds', (targetDuration, seconds) => {
      expect(accepted(firstResponse({ targetDuration })).targetSeconds).toBe(seconds);
    });

    it.each([Metric.FIRST_RESPONSE_TIME, Metric.RESOLUTION_TIME, Metric.UPDATE_INTERVAL])('%s needs a targetDuration', (metric) => {
      expect(problems({ metric })).toEqual([[...AT, 'targetDuration']]);
    });

    it('refuses a target next to the targetDuration', () => {
      expect(problems(firstResponse({ target: 15 }))).toEqual([[...AT, 'target']]);
    });

    it('refuses a target instead of a targetDuration, naming both', () => {
      expect(problems(firstResponse({ targetDuration: null, target: 15 }))).toEqual([
        [...AT, 'target'],
        [...AT, 'targetDuration'],
      ]);
    });

    it.each([
      ['months', 'P1M'],
      ['years', 'P1Y'],
      ['weeks', 'P1W'],
      ['zero', 'PT0S'],
      ['a fraction of a second', 'PT0.5S'],
      ['a whole number plus a fraction of a second', 'PT1.5S'],
      ['more than 366 days', 'P367D'],
      ['366 days and one second', 'P366DT1S'],
      ['negative', 'PT-15M'],
      ['no number', '15 minutes'],
      ['empty', ''],
    ])('refuses a targetDuration of %s (%j)', (_what, targetDuration) => {
      expect(problems(firstResponse({ targetDuration }))).toEqual([[...AT, 'targetDuration']]);
    });
  });

  describe('comparator', () => {
    it.each([
      [Metric.AVAILABILITY, Comparator.AT_MOST, { target: 99 }],
      [Metric.RATIO, Comparator.AT_MOST, { target: 99 }],
      [Metric.SATISFACTION, Comparator.AT_MOST, { target: 80 }],
      [Metric.FIRST_RESPONSE_TIME, Comparator.AT_LEAST, { targetDuration: 'PT1H' }],
      [Metric.RESOLUTION_TIME, Comparator.AT_LEAST, { targetDuration: 'PT1H' }],
      [Metric.UPDATE_INTERVAL, Comparator.AT_LEAST, { targetDuration: 'PT1H' }],
    ])('refuses %s with %s', (metric, comparator, rest) => {
      expect(problems({ metric, comparator, ...rest })).toEqual([[...AT, 'comparator']]);
    });

    it('accepts the natural comparator given explicitly', () => {
      expect(accepted(firstResponse({ comparator: Comparator.AT_MOST })).comparator).toBe(Comparator.AT_MOST);
    });
  });

  describe('window', () => {
    it.each([1, 30, 366])('accepts a rolling window of %s days', (days) => {
      expect(accepted(availability({ window: { kind: WindowKind.ROLLING_DAYS, days } })).window).toEqual({ kind: WindowKind.ROLLING_DAYS, days });
    });

    it.each([
      ['no days', undefined],
      ['null days', null],
      ['0 days', 0],
      ['367 days', 367],
      ['negative days', -7],
      ['a fraction of days', 1.5],
    ])('refuses a rolling window with %s', (_what, days) => {
      expect(problems(availability({ window: { kind: WindowKind.ROLLING_DAYS, days } }))).toEqual([[...AT, 'window']]);
    });

    it.each([WindowKind.CALENDAR_MONTH, WindowKind.CALENDAR_QUARTER, WindowKind.CALENDAR_YEAR])('refuses days on %s', (kind) => {
      expect(problems(availability({ window: { kind, days: 30 } }))).toEqual([[...AT, 'window']]);
    });

    it.each([WindowKind.CALENDAR_MONTH, WindowKind.CALENDAR_QUARTER, WindowKind.CALENDAR_YEAR])('accepts %s without days', (kind) => {
      expect(accepted(availability({ window: { kind, days: null } })).window).toEqual({ kind, days: null });
    });

    it.each([
      ['P28D', 28],
      ['P30D', 30],
      ['PT672H', 28],
    ])('accepts a rolling window given as a duration %s (%s days)', (duration, days) => {
      expect(accepted(availability({ window: { kind: WindowKind.ROLLING_DAYS, duration } })).window).toEqual({ kind: WindowKind.ROLLING_DAYS, days });
      expect(accepted(availability({ window: { kind: WindowKind.ROLLING_DAYS, duration, days } })).window).toEqual({ kind: WindowKind.ROLLING_DAYS, days });
    });

    it.each([
      ['a duration that is not whole days', { kind: WindowKind.ROLLING_DAYS, duration: 'PT36H' }],
      ['a duration in months (their length varies)', { kind: WindowKind.ROLLING_DAYS, duration: 'P1M' }],
      ['a duration longer than 366 days', { kind: WindowKind.ROLLING_DAYS, duration: 'P400D' }],
      ['days and a duration that disagree', { kind: WindowKind.ROLLING_DAYS, days: 30, duration: 'P28D' }],
      ['a duration on a calendar window', { kind: WindowKind.CALENDAR_MONTH, duration: 'P28D' }],
    ])('refuses %s', (_what, window) => {
      expect(problems(availability({ window }))).toEqual([[...AT, 'window']]);
    });
  });

  describe('budgeting', () => {
    const slices = (sliceDuration: string | null, sliceTarget: number | null) => ({ method: BudgetingMethod.TIMESLICES, sliceDuration, sliceTarget });

    it.each([
      ['PT1M', 60],
      ['PT5M', 300],
      ['PT1H', 3600],
      ['P1D', 86400],
      ['PT90S', 90],
    ])('accepts time slices of %s', (duration, seconds) => {
      expect(accepted(availability({ budgeting: slices(duration, 95) })).budgeting).toEqual({ method: BudgetingMethod.TIMESLICES, sliceSeconds: seconds, sliceTarget: 95 });
      expect(accepted({ metric: Metric.RATIO, target: 99, budgeting: slices(duration, 99.5) }).budgeting).toEqual({ method: BudgetingMethod.TIMESLICES, sliceSeconds: seconds, sliceTarget: 99.5 });
    });

    it('accepts a slice target of exactly 100', () => {
      expect(accepted(availability({ budgeting: slices('PT1M', 100) })).budgeting.sliceTarget).toBe(100);
    });

    it.each([
      ['under a minute', 'PT30S'],
      ['over a day', 'P2D'],
      ['not dividing a day (7 minutes)', 'PT7M'],
      ['not whole seconds', 'PT60.5S'],
      ['missing', null],
    ])('refuses a slice duration %s', (_what, duration) => {
      expect(problems(availability({ budgeting: slices(duration, 95) }))).toEqual([[...AT, 'budgeting', 'sliceDuration']]);
    });

    it.each([
      ['0', 0],
      ['above 100', 100.5],
      ['more than 6 decimals', 99.1234567],
      ['missing', null],
    ])('refuses a slice target %s', (_what, target) => {
      expect(problems(availability({ budgeting: slices('PT1M', target) }))).toEqual([[...AT, 'budgeting', 'sliceTarget']]);
    });

    it.each([Metric.SATISFACTION, Metric.FIRST_RESPONSE_TIME])('refuses time slices for %s', (metric) => {
      const input = metric === Metric.SATISFACTION ? { metric, target: 4 } : { metric, priority: 'P1', targetDuration: 'PT15M' };
      expect(problems({ ...input, budgeting: slices('PT1M', 95) })).toEqual([[...AT, 'budgeting', 'method']]);
    });

    it('refuses a slice on OCCURRENCES', () => {
      expect(problems(availability({ budgeting: { method: BudgetingMethod.OCCURRENCES, sliceDuration: 'PT1M' } }))).toEqual([[...AT, 'budgeting', 'sliceDuration']]);
    });

    it('defaults to OCCURRENCES', () => {
      expect(accepted(availability({ budgeting: { method: BudgetingMethod.OCCURRENCES } })).budgeting).toEqual({ method: BudgetingMethod.OCCURRENCES, sliceSeconds: null, sliceTarget: null });
    });
  });

  describe('warningThresholdPercent', () => {
    it.each([0.5, 50, 99.5])('accepts %s', (warningThresholdPercent) => {
      expect(accepted(availability({ warningThresholdPercent })).warningThresholdPercent).toBe(warningThresholdPercent);
    });

    it.each([0, 100, -10, 150, NaN])('refuses %s', (warningThresholdPercent) => {
      expect(problems(availability({ warningThresholdPercent }))).toEqual([[...AT, 'warningThresholdPercent']]);
    });
  });

  describe('degradedWeightPercent', () => {
    it.each([0, 25, 100])('accepts %s on AVAILABILITY', (degradedWeightPercent) => {
      expect(accepted(availability({ degradedWeightPercent })).degradedWeightPercent).toBe(degradedWeightPercent);
    });

    it.each([-1, 101, NaN])('refuses %s on AVAILABILITY', (degradedWeightPercent) => {
      expect(problems(availability({ degradedWeightPercent }))).toEqual([[...AT, 'degradedWeightPercent']]);
    });

    it.each<ObjectiveInput>([
      { metric: Metric.RATIO, target: 99 },
      { metric: Metric.SATISFACTION, target: 80 },
      { metric: Metric.FIRST_RESPONSE_TIME, targetDuration: 'PT1H' },
      { metric: Metric.RESOLUTION_TIME, targetDuration: 'PT1H' },
      { metric: Metric.UPDATE_INTERVAL, targetDuration: 'PT1H' },
    ])('refuses a degraded weight on $metric, but accepts 0 there', (input) => {
      expect(problems({ ...input, degradedWeightPercent: 50 })).toEqual([[...AT, 'degradedWeightPercent']]);
      expect(accepted({ ...input, degradedWeightPercent: 0 }).degradedWeightPercent).toBe(0);
    });
  });

  it('reports every problem of one objective together, each naming its field', () => {
    const input: ObjectiveInput = {
      metric: Metric.FIRST_RESPONSE_TIME,
      priority: 'P9',
      comparator: Comparator.AT_LEAST,
      target: 5,
      targetDuration: 'P1M',
      window: { kind: WindowKind.CALENDAR_MONTH, days: 30 },
      warningThresholdPercent: 100,
      degradedWeightPercent: 10,
    };
    expect(problems(input)).toEqual([
      [...AT, 'priority'],
      [...AT, 'comparator'],
      [...AT, 'target'],
      [...AT, 'targetDuration'],
      [...AT, 'window'],
      [...AT, 'warningThresholdPercent'],
      [...AT, 'degradedWeightPercent'],
    ]);
  });
});

describe('normalizeObjectives', () => {
  it('returns every objective normalized, in order', () => {
    const out = normalizeObjectives([availability(), firstResponse(), firstResponse({ priority: 'P2', targetDuration: 'PT1H' })], LIST_AT);
    expect(out.map((o) => [o.metric, o.priority, o.target, o.targetSeconds])).toEqual([
      [Metric.AVAILABILITY, null, 99.9, null],
      [Metric.FIRST_RESPONSE_TIME, Priority.P1, null, 900],
      [Metric.FIRST_RESPONSE_TIME, Priority.P2, null, 3600],
    ]);
  });

  it('accepts no objectives', () => {
    expect(normalizeObjectives([], LIST_AT)).toEqual([]);
  });

  it.each<[string, ObjectiveInput[]]>([
    ['one metric with different priorities', [firstResponse({ priority: 'P1' }), firstResponse({ priority: 'P2' }), firstResponse({ priority: 'P3' })]],
    ['one metric with and without a priority', [firstResponse({ priority: null }), firstResponse({ priority: 'P1' })]],
    ['different metrics with the same priority', [firstResponse(), { metric: Metric.RESOLUTION_TIME, priority: 'P1', targetDuration: 'PT4H' }]],
  ])('accepts %s', (_what, inputs) => {
    expect(normalizeObjectives(inputs, LIST_AT)).toHaveLength(inputs.length);
  });

  it.each<[string, ObjectiveInput[], number]>([
    ['availability twice', [availability(), availability({ target: 99 })], 1],
    ['first response P1 twice', [firstResponse(), availability(), firstResponse({ targetDuration: 'PT30M' })], 2],
    ['first response without priority twice', [firstResponse({ priority: null }), firstResponse({ priority: null })], 1],
  ])('refuses %s at the second one\'s metric', (_what, inputs, second) => {
    expect(thrown(() => normalizeObjectives(inputs, LIST_AT))).toEqual([{ code: 'INVALID_INPUT', field: [...LIST_AT, second, 'metric'] }]);
  });

  it('throws a single problem as a UserError', () => {
    expect(() => normalizeObjectives([availability({ target: 0 })], LIST_AT)).toThrow(UserError);
    expect(thrown(() => normalizeObjectives([availability({ target: 0 })], LIST_AT))).toEqual([{ code: 'INVALID_INPUT', field: [...LIST_AT, 0, 'target'] }]);
  });

  it('throws several problems together as UserErrors, each with the index of its objective', () => {
    const inputs: ObjectiveInput[] = [
      availability({ target: 120 }),
      firstResponse({ priority: 'P5' }),
      firstResponse(),
      firstResponse({ targetDuration: 'PT10M' }),
      availability({ degradedWeightPercent: 101 }),
    ];
    expect(() => normalizeObjectives(inputs, LIST_AT)).toThrow(UserErrors);
    expect(thrown(() => normalizeObjectives(inputs, LIST_AT))).toEqual([
      { code: 'INVALID_INPUT', field: [...LIST_AT, 0, 'target'] },
      { code: 'INVALID_INPUT', field: [...LIST_AT, 1, 'priority'] },
      { code: 'INVALID_INPUT', field: [...LIST_AT, 3, 'metric'] },
      { code: 'INVALID_INPUT', field: [...LIST_AT, 4, 'degradedWeightPercent'] },
    ]);
  });
});

describe('conditions', () => {
  it('normalizes them: lists sorted without repeats, empty lists left out, none left: null', () => {
    expect(accepted(firstResponse({ conditions: { customerTiers: ['PLATINUM', 'GOLD', 'GOLD'] as never, channels: [], categories: [' Database '] } })).conditions).toEqual({
      categories: ['Database'],
      customerTiers: ['GOLD', 'PLATINUM'],
    });
    expect(accepted(firstResponse({ conditions: { channels: [] } })).conditions).toBeNull();
  });

  it.each<[string, ObjectiveInput, FieldPath[]]>([
    ['on an availability objective', availability({ conditions: { impacts: ['OUTAGE'] } }), [[...AT, 'conditions']]],
    ['an unknown tier', firstResponse({ conditions: { customerTiers: ['GOLD', 'IRON'] as never } }), [[...AT, 'conditions', 'customerTiers', 1]]],
    ['an unknown impact', firstResponse({ conditions: { impacts: ['TOTAL'] as never } }), [[...AT, 'conditions', 'impacts', 0]]],
    ['a blank category', firstResponse({ conditions: { categories: ['  '] } }), [[...AT, 'conditions', 'categories', 0]]],
  ])('refuses conditions %s, naming the value', (_what, input, fields) => {
    expect(problems(input)).toEqual(fields);
  });

  it('allows objectives of one metric and priority with different conditions, not twice the same conditions (in any order)', () => {
    expect(normalizeObjectives([firstResponse(), firstResponse({ conditions: { customerTiers: ['GOLD'] as never }, targetDuration: 'PT5M' })], LIST_AT)).toHaveLength(2);
    const twice = [
      firstResponse({ conditions: { customerTiers: ['GOLD', 'PLATINUM'] as never } }),
      firstResponse({ conditions: { customerTiers: ['PLATINUM', 'GOLD'] as never }, targetDuration: 'PT5M' }),
    ];
    expect(thrown(() => normalizeObjectives(twice, LIST_AT))).toEqual([{ code: 'INVALID_INPUT', field: [...LIST_AT, 1, 'metric'] }]);
  });
});
