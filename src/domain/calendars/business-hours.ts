import Holidays from 'date-holidays';
import { IANAZone } from 'luxon';
import type { OpeningInterval } from '../../db/entities/business-calendar.entity';

/**
 * Business-hours arithmetic: pure functions over a calendar's plain data (no database).
 *
 * Rules, in the calendar's time zone, for each local date:
 * - a date in `closedDates` is closed all day (this wins over everything, `openDates` included);
 * - a date in `openDates` is open with the hours of its weekday, or, if its weekday has none (a
 *   Saturday opened to make up for a bridge day), with the hours of the calendar's first weekday
 *   from Monday on that has any; public holidays do not close it;
 * - otherwise the weekly hours of its weekday, minus public holidays (type "public" only) of
 *   `holidayCountry` / `holidayRegion`. A partial-day holiday (the data has a few, e.g. Christmas
 *   Eve from 12:00 in CH-VS) closes only its part of the day.
 * A local opening time maps to the first instant at which the local clock shows it: in a
 * spring-forward gap that is the instant of the jump; in a fall-back overlap, its first
 * occurrence. So "00:00-24:00" is 23 h on a spring-forward day and 25 h on a fall-back day.
 * A null calendar is 24x7: every instant counts.
 */
export interface CalendarSpec {
  /** IANA time zone, e.g. "Europe/Berlin". */
  timeZone: string;
  weeklyHours: OpeningInterval[];
  /** ISO 3166-1 country of the public holidays ("DE"), or null for none. */
  holidayCountry: string | null;
  /** Subdivision of that country as date-holidays names it ("BY", "BE"), or null. */
  holidayRegion: string | null;
  /** Local dates "YYYY-MM-DD". */
  closedDates: string[];
  openDates: string[];
}

/** Half-open [start, end). */
export type Interval = { start: Date; end: Date };

const MINUTE = 60_000;
const DAY = 86_400_000;
/** addBusinessMillis gives up after this many consecutive days without open time. */
const MAX_CLOSED_DAYS = 400;

/** Minutes of a local day, [from, to), 0..1440. */
type Span = [number, number];
/** Instants in ms, [start, end). */
type Range = [number, number];

interface Compiled {
  zone: IANAZone;
  week: Span[][]; // index 1..7, ISO weekday
  fallback: Span[];
  holidays: HolidayDays | null;
  closed: Set<string>;
  open: Set<string>;
}

/** Open intervals of `cal` within [from, to), in order, adjacent ones merged. */
export function openIntervals(cal: CalendarSpec | null, from: Date, to: Date): Interval[] {
  return openRanges(cal && compile(cal), ms(from, 'from'), ms(to, 'to')).map(([s, e]) => ({ start: new Date(s), end: new Date(e) }));
}

/** Open time in ms within [from, to); 0 when to <= from. */
export function businessMillis(cal: CalendarSpec | null, from: Date, to: Date): number {
  return sum(openRanges(cal && compile(cal), ms(from, 'from'), ms(to, 'to')));
}

/**
 * The earliest instant t with businessMillis(cal, from, t) = amount: the deadline of a target of
 * `amount` ms of business time started at `from` (counting starts at the next opening when `from`
 * is outside hours). An amount of 0 gives `from` itself.
 */
export function addBusinessMillis(cal: CalendarSpec | null, from: Date, amount: number): Date {
  const start = ms(from, 'from');
  if (!Number.isFinite(amount) || amount < 0) throw new RangeError(`amount must be a finite number >= 0, got ${amount}.`);
  if (amount === 0 || cal === null) return new Date(start + amount);
  const c = compile(cal);
  let remaining = amount;
  let closedDays = 0;
  for (let day = localDay(c.zone, start) - DAY; ; day += DAY) {
    let open = false;
    for (const [s, e] of dayRanges(c, day)) {
      const a = Math.max(s, start);
      if (e <= a) continue;
      open = true;
      if (e - a >= remaining) return new Date(a + remaining);
      remaining -= e - a;
    }
    closedDays = open ? 0 : closedDays + 1;
    if (closedDays > MAX_CLOSED_DAYS) throw new RangeError(`The calendar has no open time in ${MAX_CLOSED_DAYS} days after ${new Date(day).toISOString().slice(0, 10)}.`);
  }
}

/** Open time within [from, to) that is not inside any of the (possibly overlapping) pauses. */
export function businessMillisExcluding(cal: CalendarSpec | null, from: Date, to: Date, pauses: Interval[]): number {
  const c = cal && compile(cal);
  const [f, t] = [ms(from, 'from'), ms(to, 'to')];
  const clipped = pauses
    .map(({ start, end }): Range => [Math.max(ms(start, 'pause start'), f), Math.min(ms(end, 'pause end'), t)])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const merged: Range[] = [];
  for (const r of clipped) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([...r]);
  }
  return merged.reduce((rest, [s, e]) => rest - sum(openRanges(c, s, e)), sum(openRanges(c, f, t)));
}

/** Whether date-holidays knows this country (and subdivision, when given). */
export function isKnownHolidayLocation(country: string, region: string | null): boolean {
  const countries = catalog.getCountries();
  if (!Object.hasOwn(countries, country.toUpperCase())) return false;
  if (region === null) return true;
  return Object.hasOwn(catalog.getStates(country.toUpperCase()) ?? {}, region.toUpperCase());
}

// ---- walking through local days -----------------------------------------------------------

function openRanges(c: Compiled | null, from: number, to: number): Range[] {
  if (to <= from) return [];
  if (c === null) return [[from, to]];
  const out: Range[] = [];
  // One day of margin each side: cheap insurance for zones whose clocks go back across midnight.
  for (let day = localDay(c.zone, from) - DAY, last = localDay(c.zone, to) + DAY; day <= last; day += DAY) {
    for (const [s, e] of dayRanges(c, day)) {
      const [a, b] = [Math.max(s, from), Math.min(e, to)];
      if (b <= a) continue;
      const prev = out[out.length - 1];
      if (prev && a <= prev[1]) prev[1] = Math.max(prev[1], b);
      else out.push([a, b]);
    }
  }
  return out;
}

/** Open instants of one local date, given as the UTC ms of its local midnight wall clock. */
function dayRanges(c: Compiled, day: number): Range[] {
  return daySpans(c, day)
    .map(([f, t]): Range => [instantOf(c.zone, day + f * MINUTE), instantOf(c.zone, day + t * MINUTE)])
    .filter(([s, e]) => e > s);
}

function daySpans(c: Compiled, day: number): Span[] {
  const date = new Date(day).toISOString().slice(0, 10);
  if (c.closed.has(date)) return [];
  const hours = c.week[((new Date(day).getUTCDay() + 6) % 7) + 1];
  if (c.open.has(date)) return hours.length > 0 ? hours : c.fallback;
  return c.holidays ? subtract(hours, c.holidays.closures(day)) : hours;
}

// ---- time zones (luxon) ---------------------------------------------------------------------

/** Local wall-clock time of an instant, as UTC ms. */
function wallOf(zone: IANAZone, t: number): number {
  return t + zone.offset(t) * MINUTE;
}

/** Local date (its midnight wall clock as UTC ms) of an instant. */
function localDay(zone: IANAZone, t: number): number {
  return Math.floor(wallOf(zone, t) / DAY) * DAY;
}

/** The first instant at which the local clock shows `wall` or later. */
function instantOf(zone: IANAZone, wall: number): number {
  const [before, after] = [zone.offset(wall - DAY), zone.offset(wall + DAY)];
  if (before === after) return wall - before * MINUTE; // no switch nearby
  const candidates = [wall - before * MINUTE, wall - after * MINUTE];
  const exact = candidates.filter((t) => wallOf(zone, t) === wall);
  if (exact.length > 0) return Math.min(...exact);
  // A spring-forward gap: the clock never shows `wall`; find the jump between the candidates.
  let [lo, hi] = [Math.min(...candidates), Math.max(...candidates)];
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (wallOf(zone, mid) >= wall) hi = mid;
    else lo = mid;
  }
  return hi;
}

// ---- compiling a calendar -------------------------------------------------------------------

function compile(cal: CalendarSpec): Compiled {
  const zone = IANAZone.create(cal.timeZone);
  if (!zone.isValid) throw new RangeError(`Unknown time zone "${cal.timeZone}".`);
  const week: Span[][] = Array.from({ length: 8 }, () => []);
  for (const h of cal.weeklyHours) {
    if (!Number.isInteger(h.weekday) || h.weekday < 1 || h.weekday > 7) throw new RangeError(`Bad weekday ${h.weekday}.`);
    const span: Span = [minutes(h.from), minutes(h.to)];
    if (span[1] <= span[0]) throw new RangeError(`Opening interval ${h.from}-${h.to} ends before it starts.`);
    week[h.weekday].push(span);
  }
  const merged = week.map(union);
  return {
    zone,
    week: merged,
    fallback: merged.find((spans, i) => i > 0 && spans.length > 0) ?? [],
    holidays: cal.holidayCountry ? holidayDays(cal.holidayCountry, cal.holidayRegion) : null,
    closed: new Set(cal.closedDates),
    open: new Set(cal.openDates),
  };
}

function minutes(time: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(time);
  const value = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  if (!m || Number(m[2]) > 59 || value > 1440) throw new RangeError(`Bad local time "${time}" (use "HH:mm" or "24:00").`);
  return value;
}

function union(spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const s of [...spans].sort((a, b) => a[0] - b[0])) {
    const last = out[out.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else out.push([...s]);
  }
  return out;
}

/** Spans `a` (disjoint, sorted) minus spans `b`. */
function subtract(a: Span[], b: Span[]): Span[] {
  if (b.length === 0) return a;
  let rest = a;
  for (const [bf, bt] of b) {
    rest = rest.flatMap(([f, t]): Span[] => [
      ...(bf > f ? [[f, Math.min(t, bf)] as Span] : []),
      ...(bt < t ? [[Math.max(f, bt), t] as Span] : []),
    ]).filter(([f, t]) => t > f);
  }
  return rest;
}

function sum(ranges: Range[]): number {
  return ranges.reduce((total, [s, e]) => total + e - s, 0);
}

function ms(d: Date, name: string): number {
  const t = d instanceof Date ? d.getTime() : NaN;
  if (Number.isNaN(t)) throw new RangeError(`${name} is not a valid Date.`);
  return t;
}

// ---- public holidays (date-holidays, offline data) ------------------------------------------

interface HolidayDays {
  /** Closed spans of one local date (midnight wall clock as UTC ms) due to public holidays. */
  closures(day: number): Span[];
}

const catalog = new Holidays();
const holidayCache = new Map<string, HolidayDays>();

function holidayDays(country: string, region: string | null): HolidayDays {
  const key = `${country.toUpperCase()}-${region?.toUpperCase() ?? ''}`;
  let found = holidayCache.get(key);
  if (!found) {
    if (!isKnownHolidayLocation(country, region)) throw new RangeError(`Unknown holiday country or region "${key}".`);
    // In UTC, start and end differ by the holiday's wall-clock length (no DST inside).
    const source = region ? new Holidays(country, region, { timezone: 'UTC' }) : new Holidays(country, { timezone: 'UTC' });
    found = yearlyClosures(source);
    holidayCache.set(key, found);
  }
  return found;
}

function yearlyClosures(source: Holidays): HolidayDays {
  const years = new Map<number, Map<string, Span[]>>();
  const year = (y: number): Map<string, Span[]> => {
    let byDate = years.get(y);
    if (byDate) return byDate;
    byDate = new Map();
    for (const h of source.getHolidays(y)) {
      if (h.type !== 'public') continue;
      // `date` is the local wall clock the holiday starts at ("2026-12-24 12:00:00", possibly
      // followed by " -0600" for days that begin at the previous sunset: we start at the date).
      const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})/.exec(h.date);
      if (!m) continue;
      const start = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
      const end = start + (h.end.getTime() - h.start.getTime());
      for (let day = Math.floor(start / DAY) * DAY; day < end; day += DAY) {
        const date = new Date(day).toISOString().slice(0, 10);
        const span: Span = [Math.max(0, (start - day) / MINUTE), Math.min(1440, (end - day) / MINUTE)];
        byDate.set(date, union([...(byDate.get(date) ?? []), span]));
      }
    }
    years.set(y, byDate);
    return byDate;
  };
  return {
    closures(day) {
      const date = new Date(day).toISOString().slice(0, 10);
      const y = new Date(day).getUTCFullYear();
      // A holiday of the previous year may run into this one (several-day holidays).
      return union([...(year(y - 1).get(date) ?? []), ...(year(y).get(date) ?? [])]);
    },
  };
}
