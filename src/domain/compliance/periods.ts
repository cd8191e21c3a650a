import { DateTime } from 'luxon';
import { UserError } from '../../common/errors';

export type Granularity = 'MONTH' | 'QUARTER' | 'YEAR';

export interface Period {
  start: Date;
  end: Date;
}

export const MAX_PERIODS = 120;

/**
 * Calendar periods of `granularity` in the time zone `zone` that overlap [from, to): a period
 * always covers its whole month, quarter or year. More than MAX_PERIODS is INVALID_INPUT on `to`.
 */
export function periodsBetween(from: Date, to: Date, granularity: Granularity, zone: string): Period[] {
  const unit = granularity === 'MONTH' ? 'month' : granularity === 'QUARTER' ? 'quarter' : 'year';
  const out: Period[] = [];
  let cursor = DateTime.fromJSDate(from, { zone }).startOf(unit);
  const stop = DateTime.fromJSDate(to, { zone });
  while (cursor < stop) {
    if (out.length === MAX_PERIODS) throw new UserError('INVALID_INPUT', `A report covers at most ${MAX_PERIODS} periods; narrow from/to or use a coarser granularity.`, ['to']);
    const next = cursor.plus({ [`${unit}s`]: 1 });
    out.push({ start: cursor.toJSDate(), end: next.toJSDate() });
    cursor = next;
  }
  return out;
}
