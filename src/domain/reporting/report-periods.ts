import { DateTime } from 'luxon';
import { type ReportingFrequency } from '../../common/agreement-enums';
import { type Period } from '../compliance/periods';

const UNIT = { WEEKLY: 'week', MONTHLY: 'month', QUARTERLY: 'quarter' } as const;

/**
 * The reporting period of `frequency` that contains `at`, in the provider's time zone: an ISO
 * week (Monday 00:00 to Monday 00:00), a calendar month or a calendar quarter. Its bounds are
 * local midnights, so a period that spans a change of daylight saving time is an hour longer or
 * shorter than its days.
 */
export function reportPeriodOf(at: Date, frequency: ReportingFrequency, zone: string): Period {
  const unit = UNIT[frequency];
  const start = DateTime.fromJSDate(at, { zone }).startOf(unit);
  return { start: start.toJSDate(), end: start.plus({ [`${unit}s`]: 1 }).toJSDate() };
}

/**
 * The reporting periods that ended in (after, now]: those whose report is due, oldest first,
 * at most `max` (the first ones). `frequencyAt` says which frequency the terms in force at an
 * instant ask for (null: no terms in force then, the period is skipped): when an amendment
 * changes the frequency, periods follow the terms in force at their start.
 */
export function duePeriods(after: Date, now: Date, zone: string, frequencyAt: (at: Date) => ReportingFrequency | null, max = 60): (Period & { frequency: ReportingFrequency })[] {
  const out: (Period & { frequency: ReportingFrequency })[] = [];
  let cursor = after;
  for (let guard = 0; guard < 10_000 && out.length < max && cursor < now; guard++) {
    const frequency = frequencyAt(cursor);
    if (!frequency) {
      // Nothing in force at the cursor: look again a day later (the next revision, if any, starts then or after).
      cursor = DateTime.fromJSDate(cursor, { zone }).plus({ days: 1 }).startOf('day').toJSDate();
      continue;
    }
    const p = reportPeriodOf(cursor, frequency, zone);
    if (p.end > now) break;
    // A period that began before `after` (the first, when reporting starts mid-period) is reported whole.
    out.push({ ...p, frequency });
    cursor = p.end;
  }
  return out;
}
