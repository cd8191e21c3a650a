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

/**
 * How every duration the API shows is written: ISO 8601 in hours, minutes and seconds, never
 * days ("PT104H58M19S", "PT24H", "PT960H"). A day of business time is not 24 hours, so "P4DT8H"
 * for 104 h of business time would read as four calendar days; in hours nothing is ambiguous.
 * The shortest such form: 900 -> "PT15M", 0 -> "PT0S"; fractions of a second to the millisecond
 * ("PT0.5S"). Negative durations are written with a leading minus ("-PT5M").
 */
export function isoDuration(seconds: number): string {
  if (seconds < 0) return `-${isoDuration(-seconds)}`;
  const ms = Math.round(seconds * 1000);
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const secs = (ms % 60_000) / 1000;
  const time = `${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${secs ? `${secs}S` : ''}`;
  return `PT${time || '0S'}`;
}

/** A duration as given (terms keep what was entered, "P7D"), written as the API shows durations ("PT168H"). */
export function shownDuration(iso: string): string {
  const seconds = durationSeconds(iso);
  return seconds === null ? iso : isoDuration(seconds);
}
