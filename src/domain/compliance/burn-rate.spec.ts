import { burnPairKey, burnRateAlertProblems, burnRateAlertsOf, DEFAULT_BURN_ALERT_PAIRS } from '../agreements/burn-alert-terms';
import { budgetPeriodAt } from './burn-alert.service';
import { burnsAbove, burnThreshold, episodeStep, eventBurnRate, nextEvaluationAt, pairFires, shownBurnRate, timeBurnRate, weightedBadMs } from './burn-rate';
import { Dec } from './decimal';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MONTH30 = 30 * DAY;

describe('burnThreshold: share of the budget * period / long window', () => {
  it.each([
    ['2% in 1 h of 30 days', 2, MONTH30, HOUR, '14.4'],
    ['5% in 6 h of 30 days', 5, MONTH30, 6 * HOUR, '6'],
    ['10% in 3 days of 30 days', 10, MONTH30, 3 * DAY, '1'],
    ['2% in 1 h of a 31-day month', 2, 31 * DAY, HOUR, '14.88'],
    ['2% in 1 h of a 28-day February', 2, 28 * DAY, HOUR, '13.44'],
    ['2% in 1 h of a quarter of 92 days', 2, 92 * DAY, HOUR, '44.16'],
  ])('%s -> %s', (_, share, period, long, expected) => {
    expect(burnThreshold(share, period, long).toFixed()).toBe(expected);
  });

  it('refuses a window of nothing', () => {
    expect(() => burnThreshold(2, MONTH30, 0)).toThrow(RangeError);
  });
});

describe('timeBurnRate: (bad / window) / (budget / period)', () => {
  it.each([
    // 2% of 43.2 min = 51.84 s within an hour burns at exactly 14.4
    ['exactly 2% of the budget in 1 h', 51_840, HOUR, '14.4'],
    ['a millisecond more', 51_841, HOUR, '14.400278'],
    ['the whole hour down', HOUR, HOUR, '1000'],
    ['nothing bad', 0, HOUR, '0'],
  ])('%s', (_, bad, window, expected) => {
    expect(timeBurnRate({ badMs: bad, windowMs: window, targetPercent: 99.9, coveredPeriodMs: MONTH30, periodMs: MONTH30 }).exact!.toDecimalPlaces(6).toFixed()).toBe(expected);
  });

  it('a budget of zero (target 100%) burns infinitely fast once anything fails, and not at all otherwise', () => {
    expect(timeBurnRate({ badMs: 1, windowMs: HOUR, targetPercent: 100, coveredPeriodMs: MONTH30, periodMs: MONTH30 })).toEqual({ exact: null, infinite: true });
    expect(timeBurnRate({ badMs: 0, windowMs: HOUR, targetPercent: 100, coveredPeriodMs: MONTH30, periodMs: MONTH30 }).exact!.isZero()).toBe(true);
  });

  it('counts degraded time at its weight exactly (no binary fractions)', () => {
    expect(weightedBadMs(51_000, 1_680, 50).toFixed()).toBe('51840');
    const rate = timeBurnRate({ badMs: weightedBadMs(51_000, 1_680, 50), windowMs: HOUR, targetPercent: 99.9, coveredPeriodMs: MONTH30, periodMs: MONTH30 });
    expect(burnsAbove(rate, burnThreshold(2, MONTH30, HOUR))).toBe(false); // exactly at 14.4
  });

  it('refuses more bad time than the window holds', () => {
    expect(() => timeBurnRate({ badMs: HOUR + 1, windowMs: HOUR, targetPercent: 99.9, coveredPeriodMs: MONTH30, periodMs: MONTH30 })).toThrow(RangeError);
  });
});

describe('eventBurnRate: (bad / total) / (1 - target)', () => {
  it.each([
    ['1.44% bad against 99.9: 14.4', 99.9, 10_000, 9_856, '14.4'],
    ['0.1% bad against 99.9: exactly 1', 99.9, 1_000, 999, '1'],
    ['no events: nothing burns', 99.9, 0, 0, '0'],
    ['all good', 99.9, 500, 500, '0'],
  ])('%s', (_, target, total, good, expected) => {
    expect(eventBurnRate({ targetPercent: target, total, good }).exact!.toFixed()).toBe(expected);
  });

  it('a 100% target: anything bad is infinite', () => {
    expect(eventBurnRate({ targetPercent: 100, total: 10, good: 9 }).infinite).toBe(true);
  });
});

describe('pairFires: both windows strictly above the threshold', () => {
  const t = new Dec('14.4');
  const rate = (v: string) => ({ exact: new Dec(v), infinite: false });
  it.each([
    ['both above', '14.41', '20', true],
    ['long window exactly at the threshold: no alert', '14.4', '172.8', false],
    ['short window exactly at the threshold: no alert', '30', '14.4', false],
    ['long window over, short window under: no alert (the burn has stopped)', '20', '3', false],
    ['short window over, long window under: no alert (a blip)', '2', '200', false],
    ['both under', '1', '1', false],
  ])('%s', (_, long, short, fires) => {
    expect(pairFires(rate(long), rate(short), t)).toBe(fires);
  });

  it('an infinite rate is above every threshold', () => {
    expect(burnsAbove({ exact: null, infinite: true }, new Dec('1e6'))).toBe(true);
    expect(shownBurnRate({ exact: null, infinite: true })).toBeNull();
    expect(shownBurnRate(rate('14.40004'))).toBe('14.4000');
  });
});

describe('episodeStep: one alert per episode, resolved when the pair stops firing', () => {
  it.each([
    [true, false, 'RAISE'],
    [true, true, 'KEEP'], // still burning: no second alert
    [false, true, 'RESOLVE'], // the short window dropped below
    [false, false, 'NONE'],
  ] as const)('fires %s, open %s -> %s', (fires, open, step) => {
    expect(episodeStep(fires, open)).toBe(step);
  });
});

describe('nextEvaluationAt: the next instant of the one-minute grid, strictly after', () => {
  it.each([
    ['2026-06-10T10:00:00.000Z', '2026-06-10T10:01:00.000Z'], // on the grid: the next one
    ['2026-06-10T10:00:00.001Z', '2026-06-10T10:01:00.000Z'],
    ['2026-06-10T10:00:59.999Z', '2026-06-10T10:01:00.000Z'],
  ])('%s -> %s', (at, next) => {
    expect(nextEvaluationAt(new Date(at)).toISOString()).toBe(next);
  });
});

describe('budgetPeriodAt: the period an objective budget counts over', () => {
  it.each([
    ['calendar month in Berlin (June: 30 days)', 'CALENDAR_MONTH', null, '2026-06-10T10:00:00Z', '2026-05-31T22:00:00.000Z', '2026-06-30T22:00:00.000Z'],
    ['calendar month across the DST change (March: 31 days less an hour)', 'CALENDAR_MONTH', null, '2026-03-10T10:00:00Z', '2026-02-28T23:00:00.000Z', '2026-03-31T22:00:00.000Z'],
    ['rolling 28 days', 'ROLLING_DAYS', 28, '2026-06-10T10:00:00Z', '2026-05-13T10:00:00.000Z', '2026-06-10T10:00:00.000Z'],
    ['calendar quarter', 'CALENDAR_QUARTER', null, '2026-06-10T10:00:00Z', '2026-03-31T22:00:00.000Z', '2026-06-30T22:00:00.000Z'],
  ] as const)('%s', (_, kind, days, at, start, end) => {
    const p = budgetPeriodAt({ windowKind: kind as never, windowDays: days }, new Date(at), 'Europe/Berlin');
    expect([p.start.toISOString(), p.end.toISOString()]).toEqual([start, end]);
  });
});

describe('the burn-rate alert policy of the terms', () => {
  it('defaults to the SRE workbook pairs when the terms name none', () => {
    expect(burnRateAlertsOf({})).toEqual({ enabled: true, pairs: DEFAULT_BURN_ALERT_PAIRS });
    expect(burnRateAlertsOf({ burnRateAlertPolicy: { enabled: false, pairs: [] } })).toEqual({ enabled: false, pairs: [] });
  });

  it('keys a pair by its values, whatever the notation of its durations', () => {
    expect(burnPairKey({ budgetPercent: 10, longWindow: 'P3D', shortWindow: 'PT6H' })).toBe(burnPairKey({ budgetPercent: 10, longWindow: 'PT72H', shortWindow: 'PT360M' }));
  });

  it.each([
    ['a share of 0', { budgetPercent: 0, longWindow: 'PT1H', shortWindow: 'PT5M' }, ['p', 'pairs', 0, 'budgetPercent']],
    ['a share above 100', { budgetPercent: 101, longWindow: 'PT1H', shortWindow: 'PT5M' }, ['p', 'pairs', 0, 'budgetPercent']],
    ['a long window that is no duration', { budgetPercent: 2, longWindow: '1 hour', shortWindow: 'PT5M' }, ['p', 'pairs', 0, 'longWindow']],
    ['a long window over 90 days', { budgetPercent: 2, longWindow: 'P91D', shortWindow: 'PT5M' }, ['p', 'pairs', 0, 'longWindow']],
    ['a short window as long as the long one', { budgetPercent: 2, longWindow: 'PT1H', shortWindow: 'PT60M' }, ['p', 'pairs', 0, 'shortWindow']],
  ])('refuses %s, naming the field', (_, pair, field) => {
    const problems = burnRateAlertProblems({ enabled: true, pairs: [pair] }, ['p']);
    expect(problems.map((p) => p.field)).toEqual([field]);
  });

  it('refuses the same pair twice and an enabled policy without pairs; accepts a disabled one', () => {
    const pair = { budgetPercent: 2, longWindow: 'PT1H', shortWindow: 'PT5M' };
    expect(burnRateAlertProblems({ enabled: true, pairs: [pair, { ...pair, longWindow: 'PT60M' }] }, []).map((p) => p.field)).toEqual([['pairs', 1]]);
    expect(burnRateAlertProblems({ enabled: true, pairs: [] }, []).map((p) => p.field)).toEqual([['pairs']]);
    expect(burnRateAlertProblems({ enabled: false, pairs: [] }, [])).toEqual([]);
    expect(burnRateAlertProblems({ enabled: true, pairs: DEFAULT_BURN_ALERT_PAIRS.map((p) => ({ ...p })) }, [])).toEqual([]);
  });
});
