import { eventErrorBudget, sliceErrorBudget, timeErrorBudget } from './error-budget';

const MINUTE = 60_000;
const DAY = 86_400_000;

describe('timeErrorBudget', () => {
  it('allows 43.2 minutes (2592000 ms) at 99.9% over a 30-day month', () => {
    const b = timeErrorBudget({ targetPercent: 99.9, windowMs: 30 * DAY, badMs: 0 });
    expect(b).toEqual({
      unit: 'MILLISECONDS',
      targetPercent: '99.9',
      allowed: '2592000',
      consumed: '0',
      remaining: '2592000',
      budgetExceeded: false,
      noData: false,
      attainedPercent: '100.0000',
      attainedPercentExact: '100',
      burnRate: '0.0000',
      burnRateInfinite: false,
    });
    expect(Number(b.allowed)).toBe(43.2 * MINUTE);
  });

  it('allows 22.32 minutes (1339200 ms) at 99.95% over a 31-day month', () => {
    expect(timeErrorBudget({ targetPercent: '99.95', windowMs: 31 * DAY, badMs: 0 }).allowed).toBe('1339200');
  });

  it('allows 2 h 11 min 24 s at 99.7% of a 30-day month, and 4.32 minutes at 99.99%', () => {
    expect(timeErrorBudget({ targetPercent: 99.7, windowMs: 30 * DAY, badMs: 0 }).allowed).toBe(String(7_776_000));
    expect(timeErrorBudget({ targetPercent: 99.99, windowMs: 30 * DAY, badMs: 0 }).allowed).toBe('259200');
  });

  it('reads a target given as a number or as a decimal string the same way', () => {
    const a = timeErrorBudget({ targetPercent: 99.9, windowMs: 30 * DAY, badMs: 1234 });
    const b = timeErrorBudget({ targetPercent: '99.9', windowMs: String(30 * DAY), badMs: '1234' });
    expect(a).toEqual(b);
  });

  it('spends the budget exactly: 43.2 minutes of downtime leave 0 and the objective is met', () => {
    const b = timeErrorBudget({ targetPercent: 99.9, windowMs: 30 * DAY, badMs: 2_592_000 });
    expect(b).toMatchObject({ consumed: '2592000', remaining: '0', budgetExceeded: false, attainedPercent: '99.9000', attainedPercentExact: '99.9' });
  });

  it('goes negative one millisecond later; the display rounds to 99.9000 but the exact attainment is below 99.9', () => {
    const b = timeErrorBudget({ targetPercent: 99.9, windowMs: 30 * DAY, badMs: 2_592_001 });
    expect(b.remaining).toBe('-1');
    expect(b.budgetExceeded).toBe(true);
    expect(b.attainedPercent).toBe('99.9000');
    expect(b.attainedPercentExact).toBe('99.89999996141975308641');
  });

  it('reports a large overspend as a negative remaining budget', () => {
    const b = timeErrorBudget({ targetPercent: 99.9, windowMs: 30 * DAY, badMs: 3 * 60 * MINUTE });
    expect(b).toMatchObject({ allowed: '2592000', consumed: '10800000', remaining: '-8208000', budgetExceeded: true, attainedPercent: '99.5833' });
  });

  describe('burn rate', () => {
    it('is 6.9444 for 10 minutes down in the first day of a 30-day window at 99.9%', () => {
      const b = timeErrorBudget({ targetPercent: 99.9, windowMs: 30 * DAY, badMs: 10 * MINUTE, elapsedMs: DAY });
      expect(b.burnRate).toBe('6.9444');
      expect(b.remaining).toBe(String(2_592_000 - 600_000));
      expect(b.budgetExceeded).toBe(false);
      expect(b.attainedPercent).toBe('99.9769');
    });

    it('is exactly 1 when the error rate equals the allowed rate (86.4 s in one day at 99.9%)', () => {
      expect(timeErrorBudget({ targetPercent: 99.9, windowMs: 30 * DAY, badMs: 86_400, elapsedMs: DAY }).burnRate).toBe('1.0000');
    });

    it('is taken over the whole window when no elapsed time is given', () => {
      expect(timeErrorBudget({ targetPercent: 99.9, windowMs: 30 * DAY, badMs: 2_592_000 * 2 }).burnRate).toBe('2.0000');
    });

    it('is the plain error rate with a 0% target', () => {
      const b = timeErrorBudget({ targetPercent: 0, windowMs: 1000, badMs: 250 });
      expect(b).toMatchObject({ allowed: '1000', remaining: '750', burnRate: '0.2500', budgetExceeded: false });
    });

    it('is null (no data) at the very start of a window, while the attainment is 100', () => {
      const b = timeErrorBudget({ targetPercent: 99.9, windowMs: 30 * DAY, badMs: 0, elapsedMs: 0 });
      expect(b).toMatchObject({ burnRate: null, burnRateInfinite: false, attainedPercent: '100.0000', noData: false });
    });
  });

  describe('a 100% target has no budget', () => {
    it('with no failure: nothing allowed, nothing spent, nothing burns', () => {
      const b = timeErrorBudget({ targetPercent: 100, windowMs: 30 * DAY, badMs: 0 });
      expect(b).toMatchObject({ allowed: '0', remaining: '0', budgetExceeded: false, burnRate: '0.0000', burnRateInfinite: false, attainedPercent: '100.0000' });
    });

    it('with one millisecond down: breached, and the burn rate is infinite (null with the flag)', () => {
      const b = timeErrorBudget({ targetPercent: '100', windowMs: 30 * DAY, badMs: 1, elapsedMs: DAY });
      expect(b).toMatchObject({ allowed: '0', consumed: '1', remaining: '-1', budgetExceeded: true, burnRate: null, burnRateInfinite: true });
    });
  });

  describe('no data', () => {
    it('a window of 0 ms has no attainment and no burn rate', () => {
      expect(timeErrorBudget({ targetPercent: 99.9, windowMs: 0, badMs: 0 })).toEqual({
        unit: 'MILLISECONDS',
        targetPercent: '99.9',
        allowed: '0',
        consumed: '0',
        remaining: '0',
        budgetExceeded: false,
        noData: true,
        attainedPercent: null,
        attainedPercentExact: null,
        burnRate: null,
        burnRateInfinite: false,
      });
    });

    it('a window of 0 ms with a 100% target is no data either, not an infinite burn', () => {
      expect(timeErrorBudget({ targetPercent: 100, windowMs: 0, badMs: 0 })).toMatchObject({ noData: true, burnRate: null, burnRateInfinite: false });
    });
  });

  describe('rounding: half up, once, at the end', () => {
    it('rounds an allowance of 0.5 ms up to 1, 1.5 to 2 and 2.5 to 3 (half even would give 0, 2, 2)', () => {
      expect(timeErrorBudget({ targetPercent: 99.95, windowMs: 1000, badMs: 0 }).allowed).toBe('1');
      expect(timeErrorBudget({ targetPercent: 99.95, windowMs: 3000, badMs: 0 }).allowed).toBe('2');
      expect(timeErrorBudget({ targetPercent: 99.95, windowMs: 5000, badMs: 0 }).allowed).toBe('3');
    });

    it('rounds the attainment to 4 decimals half up: 99.99985 -> 99.9999, 99.99975 -> 99.9998', () => {
      expect(timeErrorBudget({ targetPercent: 99.9, windowMs: 2_000_000, badMs: 3 }).attainedPercent).toBe('99.9999');
      expect(timeErrorBudget({ targetPercent: 99.9, windowMs: 2_000_000, badMs: 5 }).attainedPercent).toBe('99.9998');
    });

    it('shows 100.0000 for 99.99995 but keeps the exact value for comparisons', () => {
      const b = timeErrorBudget({ targetPercent: 99.9, windowMs: 2_000_000, badMs: 1 });
      expect(b.attainedPercent).toBe('100.0000');
      expect(b.attainedPercentExact).toBe('99.99995');
    });

    it('truncates a non-terminating exact attainment at 20 decimals and rounds the shown one', () => {
      const b = timeErrorBudget({ targetPercent: 50, windowMs: 3, badMs: 1 });
      expect(b.attainedPercent).toBe('66.6667');
      expect(b.attainedPercentExact).toBe('66.66666666666666666666');
    });

    it('rounds fractional bad time (weighted degradation) half up to whole ms', () => {
      expect(timeErrorBudget({ targetPercent: 99.9, windowMs: 30 * DAY, badMs: '1500.5' }).consumed).toBe('1501');
      expect(timeErrorBudget({ targetPercent: 99.9, windowMs: 30 * DAY, badMs: '1500.4' }).consumed).toBe('1500');
    });

    it('judges the budget on exact values: allowed 1.5 ms, 2 ms down is a breach although the rounded remaining is 0', () => {
      const b = timeErrorBudget({ targetPercent: 99.95, windowMs: 3000, badMs: 2 });
      expect(b).toMatchObject({ allowed: '2', consumed: '2', remaining: '0', budgetExceeded: true });
      expect(timeErrorBudget({ targetPercent: 99.95, windowMs: 3000, badMs: 1 }).budgetExceeded).toBe(false);
    });
  });

  describe('refuses impossible input', () => {
    it.each([
      [{ targetPercent: 100.01, windowMs: 1000, badMs: 0 }, /between 0 and 100/],
      [{ targetPercent: -1, windowMs: 1000, badMs: 0 }, /between 0 and 100/],
      [{ targetPercent: '99,9', windowMs: 1000, badMs: 0 }, /decimal/],
      [{ targetPercent: '1e2', windowMs: 1000, badMs: 0 }, /decimal/],
      [{ targetPercent: Number.NaN, windowMs: 1000, badMs: 0, label: 'NaN target' }, /finite/],
      [{ targetPercent: 99.9, windowMs: -1, badMs: 0 }, /negative/],
      [{ targetPercent: 99.9, windowMs: 1000, badMs: 1001 }, /cannot exceed/],
      [{ targetPercent: 99.9, windowMs: 1000, badMs: 10, elapsedMs: 5 }, /cannot exceed the elapsed/],
      [{ targetPercent: 99.9, windowMs: 1000, badMs: 0, elapsedMs: 1001 }, /cannot exceed windowMs/],
    ])('%j', ({ label: _label, ...input }: { label?: string; targetPercent: string | number; windowMs: number; badMs: number; elapsedMs?: number }, message) => {
      expect(() => timeErrorBudget(input)).toThrow(message);
    });
  });
});

describe('eventErrorBudget', () => {
  it('allows 0.1% of 12345 calls = 12.345 calls exactly (binary floats give 12.344999999999299)', () => {
    const b = eventErrorBudget({ targetPercent: 99.9, totalEvents: 12_345, goodEvents: 12_333 });
    expect(b).toEqual({
      unit: 'EVENTS',
      targetPercent: '99.9',
      allowed: '12.345',
      consumed: '12',
      remaining: '0.345',
      budgetExceeded: false,
      noData: false,
      attainedPercent: '99.9028',
      attainedPercentExact: '99.90279465370595382746',
      burnRate: '0.9721',
      burnRateInfinite: false,
    });
  });

  it('one more bad call overspends it', () => {
    const b = eventErrorBudget({ targetPercent: 99.9, totalEvents: 12_345, goodEvents: 12_332 });
    expect(b).toMatchObject({ consumed: '13', remaining: '-0.655', budgetExceeded: true });
  });

  it('attainment is good / total * 100, burn rate the bad share over the allowed share', () => {
    expect(eventErrorBudget({ targetPercent: 99.9, totalEvents: 1000, goodEvents: 999 })).toMatchObject({
      allowed: '1',
      remaining: '0',
      budgetExceeded: false,
      attainedPercent: '99.9000',
      attainedPercentExact: '99.9',
      burnRate: '1.0000',
    });
    expect(eventErrorBudget({ targetPercent: 99, totalEvents: 1000, goodEvents: 950 })).toMatchObject({
      allowed: '10',
      remaining: '-40',
      budgetExceeded: true,
      attainedPercent: '95.0000',
      burnRate: '5.0000',
    });
  });

  it('no events: no attainment, no burn rate', () => {
    expect(eventErrorBudget({ targetPercent: 99.9, totalEvents: 0, goodEvents: 0 })).toMatchObject({
      allowed: '0',
      consumed: '0',
      remaining: '0',
      noData: true,
      budgetExceeded: false,
      attainedPercent: null,
      attainedPercentExact: null,
      burnRate: null,
      burnRateInfinite: false,
    });
  });

  it('a 100% target: all good burns nothing, one bad event is a breach with an infinite burn rate', () => {
    expect(eventErrorBudget({ targetPercent: 100, totalEvents: 500, goodEvents: 500 })).toMatchObject({ allowed: '0', budgetExceeded: false, burnRate: '0.0000' });
    expect(eventErrorBudget({ targetPercent: 100, totalEvents: 500, goodEvents: 499 })).toMatchObject({
      remaining: '-1',
      budgetExceeded: true,
      burnRate: null,
      burnRateInfinite: true,
      attainedPercent: '99.8000',
    });
  });

  it.each([
    [{ targetPercent: 99.9, totalEvents: 10, goodEvents: 11 }, /cannot exceed totalEvents/],
    [{ targetPercent: 99.9, totalEvents: 10.5, goodEvents: 1 }, /whole number/],
    [{ targetPercent: 99.9, totalEvents: 10, goodEvents: -1 }, /whole number/],
    [{ targetPercent: 101, totalEvents: 10, goodEvents: 1 }, /between 0 and 100/],
  ])('refuses %j', (input, message) => {
    expect(() => eventErrorBudget(input)).toThrow(message);
  });
});

describe('sliceErrorBudget', () => {
  it.each([
    // [what, target, window, elapsed, bad, allowed, remaining, exceeded, attained, burn]
    ['28 days of minutes at 99.9%: 40.32 slices allowed', '99.9', 40320, 40320, 40, '40.32', '0.32', false, '99.9008', '0.9921'],
    ['one bad slice more is over the budget', '99.9', 40320, 40320, 41, '40.32', '-0.68', true, '99.8983', '1.0169'],
    ['exactly the allowance is not exceeded', '99', 100, 100, 1, '1', '0', false, '99.0000', '1.0000'],
    ['half the window elapsed burns at twice the rate', '99', 100, 50, 1, '1', '0', false, '99.0000', '2.0000'],
    ['no slice judged yet', '99', 100, 0, 0, '1', '1', false, '100.0000', null],
  ])('%s', (_what, target, windowSlices, elapsedSlices, badSlices, allowed, remaining, exceeded, attained, burn) => {
    const b = sliceErrorBudget({ targetPercent: target, windowSlices, elapsedSlices, badSlices });
    expect(b).toMatchObject({ unit: 'SLICES', allowed, consumed: String(badSlices), remaining, budgetExceeded: exceeded, attainedPercent: attained, burnRate: burn, noData: false });
  });

  it('has no data without slices (a ratio window without measurements)', () => {
    expect(sliceErrorBudget({ targetPercent: 99, windowSlices: 0, elapsedSlices: 0, badSlices: 0 })).toMatchObject({ noData: true, attainedPercent: null, burnRate: null });
  });

  it('refuses more bad slices than judged ones', () => {
    expect(() => sliceErrorBudget({ targetPercent: 99, windowSlices: 10, elapsedSlices: 2, badSlices: 3 })).toThrow(RangeError);
  });
});
