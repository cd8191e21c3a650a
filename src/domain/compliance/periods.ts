import { DateTime } from 'luxon';

export type Granularity = 'MONTH' | 'QUARTER' | 'YEAR';

export interface Period {
  start: Date;
  end: Date;
}

/**
 * Calendar periods of `granularity` in the time zone `zone` that overlap [from, to): a period
 * always covers its whole month, quarter or year. At most 120 periods.
 */
export function periodsBetween(from: Date, to: Date, granularity: Granularity, zone: string): Period[] {
  const unit = granularity === 'MONTH' ? 'month' : granularity === 'QUARTER' ? 'quarter' : 'year';
  const out: Period[] = [];
  let cursor = DateTime.fromJSDate(from, { zone }).startOf(unit);
  const stop = DateTime.fromJSDate(to, { zone });
  while (cursor < stop && out.length < 120) {
    const next = cursor.plus({ [`${unit}s`]: 1 });
    out.push({ start: cursor.toJSDate(), end: next.toJSDate() });
    cursor = next;
  }
  return out;
}
