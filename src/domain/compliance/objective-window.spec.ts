import { BudgetingMethod, WindowKind } from '../../common/agreement-enums';
import { budgetWindowAt, rollingWindow, sliceCounts, sliceStart } from './objective-window';

const at = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();
const rolling = (days: number, slice: number | null = null) => ({
  windowKind: WindowKind.ROLLING_DAYS,
  windowDays: days,
  budgetingMethod: slice ? BudgetingMethod.TIMESLICES : BudgetingMethod.OCCURRENCES,
  sliceSeconds: slice,
});
const MIN = 60_000;

describe('budgetWindowAt: rolling windows', () => {
  it.each([
    // [what, days, now, start, end, label]
    ['28 days across a month end', 28, '2026-03-10T12:00:00Z', '2026-02-10T12:00:00.000Z', '2026-03-10T12:00:00.000Z', 'P28D/2026-03-10T13:00:00.000+01:00'],
    ['30 days across February in a leap year', 30, '2028-03-15T00:00:00Z', '2028-02-14T00:00:00.000Z', '2028-03-15T00:00:00.000Z', 'P30D/2028-03-15T01:00:00.000+01:00'],
    ['30 days across a year end', 30, '2026-01-10T06:00:00Z', '2025-12-11T06:00:00.000Z', '2026-01-10T06:00:00.000Z', 'P30D/2026-01-10T07:00:00.000+01:00'],
    // 28 x 24 hours even across the spring change: the local start is 11:00 CET, the local end 12:00 CEST.
    ['28 days across the change to summer time', 28, '2026-04-10T10:00:00Z', '2026-03-13T10:00:00.000Z', '2026-04-10T10:00:00.000Z', 'P28D/2026-04-10T12:00:00.000+02:00'],
    ['7 days across the change to winter time', 7, '2026-10-28T12:00:00Z', '2026-10-21T12:00:00.000Z', '2026-10-28T12:00:00.000Z', 'P7D/2026-10-28T13:00:00.000+01:00'],
  ])('%s', (_what, days, now, start, end, label) => {
    const w = budgetWindowAt(rolling(days), at(now), 'Europe/Berlin');
    expect([iso(w.start), iso(w.end), w.label]).toEqual([start, end, label]);
    expect(w.end.getTime() - w.start.getTime()).toBe(days * 86_400_000);
  });

  it('ends a time-slice window at the start of the slice under way, so it holds whole slices only', () => {
    const w = budgetWindowAt(rolling(28, 60), at('2026-03-10T12:00:42.500Z'), 'UTC');
    expect([iso(w.start), iso(w.end)]).toEqual(['2026-02-10T12:00:00.000Z', '2026-03-10T12:00:00.000Z']);
    expect(sliceCounts(w, [w], MIN, at('2026-03-10T12:00:42.500Z'))).toEqual({ inWindow: 28 * 1440, elapsed: 28 * 1440 });
  });

  it('keeps the window of an instant exactly on the grid', () => {
    const w = rollingWindow(1, at('2026-03-10T12:00:00Z'), 5 * MIN);
    expect(iso(w.end)).toBe('2026-03-10T12:00:00.000Z');
  });
});

describe('budgetWindowAt: calendar windows', () => {
  it.each([
    [WindowKind.CALENDAR_MONTH, '2026-03-31T21:59:59.999Z', '2026-02-28T23:00:00.000Z', '2026-03-31T22:00:00.000Z', '2026-03'],
    // 22:00 UTC on 31 March is already 1 April in Berlin (CEST).
    [WindowKind.CALENDAR_MONTH, '2026-03-31T22:00:00Z', '2026-03-31T22:00:00.000Z', '2026-04-30T22:00:00.000Z', '2026-04'],
    [WindowKind.CALENDAR_QUARTER, '2026-05-05T00:00:00Z', '2026-03-31T22:00:00.000Z', '2026-06-30T22:00:00.000Z', '2026-Q2'],
    [WindowKind.CALENDAR_YEAR, '2026-05-05T00:00:00Z', '2025-12-31T23:00:00.000Z', '2026-12-31T23:00:00.000Z', '2026'],
  ])('%s at %s', (kind, now, start, end, label) => {
    const w = budgetWindowAt({ windowKind: kind, windowDays: null }, at(now), 'Europe/Berlin');
    expect([iso(w.start), iso(w.end), w.label]).toEqual([start, end, label]);
  });
});

describe('sliceCounts: whole slices of a window', () => {
  const day = { start: at('2026-03-10T00:00:00Z'), end: at('2026-03-11T00:00:00Z') };
  const after = at('2026-04-01T00:00:00Z');

  it.each([
    ['a whole day of minute slices', day, [day], MIN, after, { inWindow: 1440, elapsed: 1440 }],
    ['half of it elapsed: the slice under way is not judged', day, [day], MIN, at('2026-03-10T12:00:30Z'), { inWindow: 1440, elapsed: 720 }],
    ['a window that starts and ends mid-slice: the cut slices count in neither part', { start: at('2026-03-10T00:00:30Z'), end: at('2026-03-10T00:05:30Z') }, [day], MIN, after, { inWindow: 4, elapsed: 4 }],
    ['a window shorter than a slice holds none', { start: at('2026-03-10T00:00:10Z'), end: at('2026-03-10T00:00:50Z') }, [day], MIN, after, { inWindow: 0, elapsed: 0 }],
    // Kolkata's midnight is 18:30 UTC: a local day holds 23 whole hour slices, its first and last half-hours count in no day.
    ['a day of a +05:30 zone with hour slices', { start: at('2026-03-09T18:30:00Z'), end: at('2026-03-10T18:30:00Z') }, [{ start: at('2026-03-09T18:30:00Z'), end: at('2026-03-10T18:30:00Z') }], 60 * MIN, after, { inWindow: 23, elapsed: 23 }],
    // Business hours 09:00-12:00 and 12:00:30-17:00: the slice 12:00-12:01 touches both and counts once.
    ['open hours that touch one slice twice', day, [{ start: at('2026-03-10T09:00:00Z'), end: at('2026-03-10T12:00:00Z') }, { start: at('2026-03-10T12:00:30Z'), end: at('2026-03-10T17:00:00Z') }], MIN, after, { inWindow: 480, elapsed: 480 }],
    ['closed all day: no slices', day, [], MIN, after, { inWindow: 0, elapsed: 0 }],
    ['nothing elapsed yet', day, [day], MIN, at('2026-03-01T00:00:00Z'), { inWindow: 1440, elapsed: 0 }],
  ])('%s', (_what, window, covered, ms, now, expected) => {
    expect(sliceCounts(window, covered, ms, now)).toEqual(expected);
  });

  it('lays slices on a grid from the epoch', () => {
    expect(iso(sliceStart(at('2026-03-10T12:34:56.789Z'), 5 * MIN))).toBe('2026-03-10T12:30:00.000Z');
  });
});
