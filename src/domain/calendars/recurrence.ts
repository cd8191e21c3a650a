import { DateTime, IANAZone } from 'luxon';
import { Frequency, type Options, RRule } from 'rrule';
import { type FieldPath, UserError } from '../../common/errors';

/**
 * Recurring time spans (maintenance windows) by an RFC 5545 recurrence rule, expanded in an IANA
 * time zone: pure functions, no database.
 *
 * The rule is expanded by `rrule` in "floating" time (local wall-clock dates, no time zone), and
 * each local start is then placed in the zone here, as RFC 5545 (3.3.5) says for a DTSTART with a
 * TZID: a local time that does not exist (the spring-forward gap) is read with the offset from
 * before the gap (Sunday 02:30 in Europe/Berlin on the last Sunday of March is 03:30 CEST, 01:30
 * UTC); a local time that exists twice (fall-back) is its first occurrence (the summer-time one).
 * So a weekly window "Sunday 02:30" stays at 02:30 local time all year, whatever the UTC offset.
 * The duration is exact (elapsed) time: a 2-hour window over the fall-back hour ends at 03:30
 * local wall-clock time, two real hours after it started.
 *
 * Expansion is always bounded: occurrences are only ever listed between two instants, and a rule
 * yields at most one occurrence per local day (frequencies DAILY, WEEKLY, MONTHLY and YEARLY only,
 * no BYHOUR, BYMINUTE or BYSECOND), so any span of N days has at most N + 1 of them.
 */
export interface Recurrence {
  /** The RRULE value ("FREQ=WEEKLY;BYDAY=SU"), UNTIL (if any) in UTC as RFC 5545 requires with a local DTSTART. */
  rule: string;
  /** DTSTART: the local date and time of the first occurrence, "YYYY-MM-DDTHH:mm" or "YYYY-MM-DDTHH:mm:ss". */
  firstStart: string;
  /** Length of each occurrence, in ms of elapsed time. */
  durationMs: number;
  /** IANA time zone the rule is expanded in. */
  timeZone: string;
}

/** One occurrence, half-open [start, end). */
export interface Occurrence {
  start: Date;
  end: Date;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
/** The longest occurrence accepted: a week. */
export const MAX_OCCURRENCE_MS = 7 * DAY;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const ALLOWED_FREQUENCIES = new Map<Frequency, string>([
  [Frequency.YEARLY, 'YEARLY'],
  [Frequency.MONTHLY, 'MONTHLY'],
  [Frequency.WEEKLY, 'WEEKLY'],
  [Frequency.DAILY, 'DAILY'],
]);

/** The parts of a rule this module accepts, as rrule options (without dtstart and tzid). */
function parseRule(rule: string): { options: Partial<Options> } | { problem: string } {
  const value = rule.trim().replace(/^RRULE:/i, '');
  if (value === '' || /[\r\n]/.test(value) || /(^|;)(DTSTART|TZID|EXDATE|RDATE)[=:]/i.test(value)) {
    return { problem: 'rule is one RRULE value such as "FREQ=WEEKLY;BYDAY=SU" (no DTSTART or TZID: firstStart and the time zone give them).' };
  }
  let options: Partial<Options>;
  try {
    options = RRule.parseString(value);
  } catch (error) {
    return { problem: `rule is not a valid RFC 5545 RRULE (${(error as Error).message}).` };
  }
  const parts = new Set(value.split(';').map((p) => p.split('=')[0].toUpperCase()));
  const known = new Set(['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'BYDAY', 'BYMONTHDAY', 'BYMONTH', 'BYYEARDAY', 'BYWEEKNO', 'BYSETPOS', 'WKST']);
  const unknown = [...parts].filter((p) => !known.has(p));
  if (unknown.length > 0) return { problem: `rule may not use ${unknown.join(', ')}: one occurrence at most per local day, at the time of firstStart.` };
  if (options.freq === undefined || !ALLOWED_FREQUENCIES.has(options.freq)) return { problem: 'rule needs FREQ=DAILY, WEEKLY, MONTHLY or YEARLY.' };
  if (options.count != null && options.until != null) return { problem: 'rule may have COUNT or UNTIL, not both.' };
  if (options.count != null && (!Number.isInteger(options.count) || options.count < 1)) return { problem: 'COUNT must be a whole number from 1.' };
  if (options.interval != null && (!Number.isInteger(options.interval) || options.interval < 1)) return { problem: 'INTERVAL must be a whole number from 1.' };
  if (/(^|;)UNTIL=\d{8}(;|$)/i.test(value) || (/(^|;)UNTIL=/i.test(value) && !/(^|;)UNTIL=\d{8}T\d{6}Z(;|$)/i.test(value))) {
    return { problem: 'UNTIL must be a UTC date-time such as 20261231T235959Z (RFC 5545, with a DTSTART in a time zone).' };
  }
  return { options };
}

/** The local wall clock of `local` ("YYYY-MM-DDTHH:mm[:ss]") as UTC ms, or null when it is no valid date-time. */
function wallOfLocal(local: string): number | null {
  const m = LOCAL.exec(local);
  if (!m) return null;
  const dt = DateTime.fromObject(
    { year: +m[1], month: +m[2], day: +m[3], hour: +m[4], minute: +m[5], second: m[6] ? +m[6] : 0 },
    { zone: 'UTC' },
  );
  // Years 2000 to 2199: a rule is expanded from its first start, which must not lie ages away.
  return dt.isValid && dt.year >= 2000 && dt.year < 2200 ? dt.toMillis() : null;
}

/** Every problem of a recurrence, each naming its field under `at` (rule, firstStart, duration, timeZone). */
export function recurrenceProblems(r: { rule: string; firstStart: string; durationMs: number | null; timeZone: string }, at: FieldPath = []): UserError[] {
  const problems: UserError[] = [];
  const parsed = parseRule(r.rule);
  if ('problem' in parsed) problems.push(new UserError('INVALID_INPUT', parsed.problem, [...at, 'rule']));
  if (wallOfLocal(r.firstStart) === null) problems.push(new UserError('INVALID_INPUT', 'firstStart is a local date and time "YYYY-MM-DDTHH:mm" from the year 2000 to 2199 (no offset: the time zone gives it).', [...at, 'firstStart']));
  if (r.durationMs === null || !(r.durationMs > 0) || r.durationMs > MAX_OCCURRENCE_MS) {
    problems.push(new UserError('INVALID_INPUT', 'duration is an ISO 8601 duration above zero and at most P7D, such as "PT2H".', [...at, 'duration']));
  }
  if (!IANAZone.isValidZone(r.timeZone)) problems.push(new UserError('INVALID_INPUT', `"${r.timeZone}" is not an IANA time zone.`, [...at, 'timeZone']));
  return problems;
}

/** Local wall-clock time of an instant in `zone`, as UTC ms. */
function wallOf(zone: IANAZone, t: number): number {
  return t + zone.offset(t) * MINUTE;
}

/**
 * The instant a local wall-clock time names in `zone`, as RFC 5545 reads it: the first of two
 * when the clock shows it twice (fall-back), and with the offset from before the change when the
 * clock never shows it (spring-forward gap).
 */
export function instantOfLocal(zone: IANAZone, wall: number): number {
  const before = zone.offset(wall - DAY);
  const after = zone.offset(wall + DAY);
  const exact = [...new Set([before, after])].map((o) => wall - o * MINUTE).filter((t) => wallOf(zone, t) === wall);
  if (exact.length > 0) return Math.min(...exact);
  return wall - before * MINUTE;
}

function compile(r: Recurrence): { rule: RRule; zone: IANAZone } {
  const parsed = parseRule(r.rule);
  const first = wallOfLocal(r.firstStart);
  const zone = IANAZone.create(r.timeZone);
  if ('problem' in parsed || first === null || !zone.isValid || !(r.durationMs > 0)) {
    throw new RangeError(`Not a valid recurrence: ${recurrenceProblems(r).map((p) => p.message).join(' ')}`);
  }
  const options: Partial<Options> = { ...parsed.options, dtstart: new Date(first), tzid: null };
  // UNTIL is an instant (UTC); the floating expansion compares local wall clocks.
  if (parsed.options.until) options.until = new Date(wallOf(zone, parsed.options.until.getTime()));
  return { rule: new RRule(options), zone };
}

/**
 * The occurrences of `r` that overlap [from, to), in time order: at most `limit` of them (a
 * RangeError when there are more, so a caller never works on a truncated list unknowingly).
 */
export function occurrencesBetween(r: Recurrence, from: Date, to: Date, limit = 10_000): Occurrence[] {
  if (to.getTime() <= from.getTime()) return [];
  const { rule, zone } = compile(r);
  // Local wall clocks can be up to 14 hours ahead of or 12 behind UTC: a day of margin each side.
  const after = new Date(wallOf(zone, from.getTime() - r.durationMs) - DAY);
  const before = new Date(wallOf(zone, to.getTime()) + DAY);
  const out: Occurrence[] = [];
  let overflow = false;
  rule.between(after, before, true, (wall) => {
    const start = instantOfLocal(zone, wall.getTime());
    const end = start + r.durationMs;
    if (start < to.getTime() && end > from.getTime()) {
      if (out.length === limit) {
        overflow = true;
        return false;
      }
      out.push({ start: new Date(start), end: new Date(end) });
    }
    return true;
  });
  if (overflow) throw new RangeError(`More than ${limit} occurrences between ${from.toISOString()} and ${to.toISOString()}.`);
  return out;
}

/**
 * The first occurrence that starts in [from, to), or null: bounded like every expansion (a rule
 * such as "the 30th of February" never has one, and is only ever searched for in a span).
 */
export function firstStartBetween(r: Recurrence, from: Date, to: Date): Occurrence | null {
  if (to.getTime() <= from.getTime()) return null;
  const { rule, zone } = compile(r);
  let found: Occurrence | null = null;
  rule.between(new Date(wallOf(zone, from.getTime()) - DAY), new Date(wallOf(zone, to.getTime()) + DAY), true, (wall) => {
    const start = instantOfLocal(zone, wall.getTime());
    if (start >= from.getTime() && start < to.getTime()) {
      found = { start: new Date(start), end: new Date(start + r.durationMs) };
      return false;
    }
    return true;
  });
  return found;
}
