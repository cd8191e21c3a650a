import { Duration } from 'luxon';

/**
 * Seconds in an ISO 8601 duration of days, hours, minutes and seconds ("PT15M", "P1DT4H"),
 * or null when it is not one. Months and years are refused: their length depends on the date.
 */
export function durationSeconds(iso: string): number | null {
  const d = Duration.fromISO(iso);
  if (!d.isValid) return null;
  if (d.years || d.months || d.weeks) return null;
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
