import { DateTime } from 'luxon';
import { BudgetingMethod, WindowKind } from '../../common/agreement-enums';
import { type Granularity, type LabelledPeriod, type Period, periodLabel, periodsBetween } from './periods';

/**
 * The window an objective's error budget is counted over, and the time slices of time-slice
 * objectives. Plain functions of plain data; the SQL that reads the slices (slices.sql.ts and
 * downtime.sql.ts) follows the same rules.
 *
 * - A calendar window (CALENDAR_MONTH, the default; QUARTER; YEAR) is the calendar period in the
 *   provider's time zone that contains the instant.
 * - A rolling window of N days is the N x 24 hours that end at the instant: 28 days are always
 *   672 hours, across a change of daylight saving time too (the budget of 99.9% over 28 days is
 *   always 40.32 minutes), so its local start is an hour off its local end on such days.
 * - Time slices lie on a fixed grid of their duration from 1970-01-01T00:00Z (a minute is a clock
 *   minute, whatever the window), so a slice is the same slice in every window and report. Only
 *   whole slices inside a window count in it: a slice cut by the window's start or end (a rolling
 *   window's edges, a day of a zone whose offset is not whole hours with hour slices) counts in
 *   neither part. A rolling window of a time-slice objective therefore ends at the start of the
 *   slice under way, so it holds exactly N days of whole slices. A slice counts once it has ended.
 */

export interface WindowTerms {
  windowKind: WindowKind | string;
  windowDays: number | null;
  budgetingMethod?: BudgetingMethod | string | null;
  sliceSeconds?: number | null;
}

export const DAY_MS = 86_400_000;

const CALENDAR: Partial<Record<string, Granularity>> = {
  [WindowKind.CALENDAR_MONTH]: 'MONTH',
  [WindowKind.CALENDAR_QUARTER]: 'QUARTER',
  [WindowKind.CALENDAR_YEAR]: 'YEAR',
};

/** The slice length in ms of a time-slice objective; null for occurrences. */
export function sliceMs(o: WindowTerms): number | null {
  return o.budgetingMethod === BudgetingMethod.TIMESLICES && o.sliceSeconds ? o.sliceSeconds * 1000 : null;
}

export const isRolling = (o: WindowTerms): boolean => o.windowKind === WindowKind.ROLLING_DAYS && o.windowDays != null;

/** The start of the slice of `ms` on the epoch grid that contains `at` (at itself when it is on the grid). */
export function sliceStart(at: Date, ms: number): Date {
  return new Date(Math.floor(at.getTime() / ms) * ms);
}

/**
 * The rolling window of `days` x 24 hours ending at `end`; for a time-slice objective (`sliceLength`
 * in ms) ending at the start of the slice that contains `end`.
 */
export function rollingWindow(days: number, end: Date, sliceLength: number | null = null): Period {
  const last = sliceLength ? sliceStart(end, sliceLength) : end;
  return { start: new Date(last.getTime() - days * DAY_MS), end: last };
}

/**
 * The local name of a rolling window: an ISO 8601 interval of its duration and its local end
 * ("P28D/2026-04-10T12:00:00.000+02:00").
 */
export function rollingLabel(days: number, end: Date, zone: string): string {
  return `P${days}D/${DateTime.fromJSDate(end, { zone }).toISO()}`;
}

/**
 * The window an objective's error budget is counted over at `now`: the calendar period that
 * contains now, or the rolling window ending now. Labelled as a series period is ("2026-03") or as
 * a rolling window ("P28D/...").
 */
export function budgetWindowAt(o: WindowTerms, now: Date, zone: string): LabelledPeriod {
  if (isRolling(o)) {
    const w = rollingWindow(o.windowDays!, now, sliceMs(o));
    return { ...w, label: rollingLabel(o.windowDays!, w.end, zone) };
  }
  const granularity = CALENDAR[o.windowKind] ?? 'MONTH';
  const [period] = periodsBetween(now, new Date(now.getTime() + 1), granularity, zone);
  return { ...period, label: periodLabel(period.start, granularity, zone) };
}

/**
 * The whole slices of `ms` that lie inside [start, end) and touch `covered` (the window's open
 * hours, or all of it), and how many of them have ended by `now`. The slices of several covered
 * intervals are counted once each (a slice may touch two).
 */
export function sliceCounts(window: Period, covered: readonly Period[], ms: number, now: Date): { inWindow: number; elapsed: number } {
  const first = Math.ceil(window.start.getTime() / ms);
  const pastLast = Math.floor(window.end.getTime() / ms);
  const pastElapsed = Math.min(pastLast, Math.floor(now.getTime() / ms));
  // Index ranges [lo, hi) of slices touching each covered interval, merged.
  const ranges = covered
    .map((c) => [Math.max(first, Math.floor(c.start.getTime() / ms)), Math.min(pastLast, Math.ceil(c.end.getTime() / ms))] as const)
    .filter(([lo, hi]) => lo < hi)
    .sort((a, b) => a[0] - b[0]);
  let inWindow = 0;
  let elapsed = 0;
  let reached = -Infinity;
  for (const [lo0, hi] of ranges) {
    const lo = Math.max(lo0, reached);
    if (lo >= hi) continue;
    inWindow += hi - lo;
    elapsed += Math.max(0, Math.min(hi, pastElapsed) - lo);
    reached = hi;
  }
  return { inWindow, elapsed };
}
