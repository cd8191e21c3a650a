import { Duration } from 'luxon';

/** Unsigned days, hours, minutes and seconds: at least one component, and a T only before a time component. */
const DAYS_AND_TIME = /^P(?=\d|T\d)(\d+(?:[.,]\d+)?D)?(?:T(?=\d)(\d+(?:[.,]\d+)?H)?(\d+(?:[.,]\d+)?M)?(\d+(?:[.,]\d+)?S)?)?$/;

/**
 * Seconds in an ISO 8601 duration of days, hours, minutes and seconds ("PT15M", "P1DT4H"),
 * or null when it is not one. Months and years are refused: their length depends on the date.
 */
export function durationSeconds(iso: string): number | null {
  // Luxon also takes signed durations ("-P5D", "PT-8H") and empty ones ("P", "PT", "P1DT").
  if (!DAYS_AND_TIME.test(iso)) return null;
  const d = Duration.fromISO(iso);
  if (!d.isValid) return null;
  const seconds = d.as('seconds');
  return Number.isFinite(seconds) ? seconds : null;
}

/** The shortest ISO 8601 form of a number of seconds: 900 -> "PT15M", 93600 -> "P1DT2H". */
export function isoDuration(seconds: number): string {
  const days = Math.floor(seconds / 86400);
  let rest = seconds - days * 86400;
  const hours = Math.floor(rest / 3600);
  rest -= hours * 3600;
  const minutes = Math.floor(rest / 60);
  const secs = rest - minutes * 60;
  const time = `${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${secs ? `${secs}S` : ''}`;
  if (!days && !time) return 'PT0S';
  return `P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
}
