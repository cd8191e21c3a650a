import { DateTime } from 'luxon';
import { UserError } from '../../common/errors';

/**
 * How a compliance series is cut: calendar days, ISO weeks (Monday to Monday), months, quarters or
 * years, always in the provider's time zone.
 */
export type Granularity = 'DAY' | 'WEEK' | 'MONTH' | 'QUARTER' | 'YEAR';

export const GRANULARITIES: readonly Granularity[] = ['DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'];

/** Granularities whose periods settle money (credits, termination rights): a day or a week does not. */
export const SETTLING_GRANULARITIES: readonly Granularity[] = ['MONTH', 'QUARTER', 'YEAR'];

export interface Period {
  start: Date;
  end: Date;
}

/** A period of a series with its local name ("2026-03", "2026-W12", "2026-03-29"). */
export interface LabelledPeriod extends Period {
  label: string;
}

/** At most this many periods in one report (ten years of months), but for days: */
export const MAX_PERIODS = 120;
/** At most this many days in one report: a year of days. */
export const MAX_DAY_PERIODS = 366;

const UNIT = { DAY: 'day', WEEK: 'week', MONTH: 'month', QUARTER: 'quarter', YEAR: 'year' } as const;

/**
 * The local name of the period of `granularity` that starts at `start` (local time in `zone`):
 * DAY "2026-03-29", WEEK "2026-W13" (ISO week and week-year: the week of 2026-12-31, a Thursday, is
 * "2026-W53"; that of 2027-01-01 too), MONTH "2026-03", QUARTER "2026-Q1", YEAR "2026".
 */
export function periodLabel(start: Date, granularity: Granularity, zone: string): string {
  const t = DateTime.fromJSDate(start, { zone });
  switch (granularity) {
    case 'DAY':
      return t.toFormat('yyyy-MM-dd');
    case 'WEEK':
      return t.toFormat("kkkk-'W'WW");
    case 'MONTH':
      return t.toFormat('yyyy-MM');
    case 'QUARTER':
      return `${t.toFormat('yyyy')}-Q${t.quarter}`;
    case 'YEAR':
      return t.toFormat('yyyy');
  }
}

/**
 * Calendar periods of `granularity` in the time zone `zone` that overlap [from, to): a period
 * always covers its whole day, ISO week (from Monday 00:00), month, quarter or year, so a day is 23
 * or 25 hours long on the days daylight saving time changes. More than MAX_PERIODS (MAX_DAY_PERIODS
 * days) is INVALID_INPUT on `to`.
 */
export function periodsBetween(from: Date, to: Date, granularity: Granularity, zone: string): LabelledPeriod[] {
  const unit = UNIT[granularity];
  const out: LabelledPeriod[] = [];
  const max = granularity === 'DAY' ? MAX_DAY_PERIODS : MAX_PERIODS;
  // Luxon's week is the ISO week: it starts on Monday whatever the locale.
  let cursor = DateTime.fromJSDate(from, { zone }).startOf(unit);
  const stop = DateTime.fromJSDate(to, { zone });
  while (cursor < stop) {
    if (out.length === max) throw new UserError('INVALID_INPUT', `A report covers at most ${max} periods; narrow from/to or use a coarser granularity.`, ['to']);
    const next = cursor.plus({ [`${unit}s`]: 1 });
    out.push({ start: cursor.toJSDate(), end: next.toJSDate(), label: periodLabel(cursor.toJSDate(), granularity, zone) });
    cursor = next;
  }
  return out;
}

/** An instant as local time in `zone`, ISO 8601 with that zone's offset at the instant ("2026-03-29T03:00:00.000+02:00"). */
export function localIso(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toISO()!;
}
