import { type MaintenanceWindowTerms } from '../agreements/terms';
import { durationSeconds, isoDuration } from '../shared/iso-duration';
import { type Period, periodsBetween } from './periods';

/** What a revision's terms allow of announced maintenance. */
export interface MaintenanceAllowance {
  /** The notice a window needs to be excused at all, in seconds. */
  noticeSeconds: number;
  /** The maintenance excused per calendar month (provider's time zone), in seconds; null: no cap. */
  capSeconds: number | null;
}

/**
 * The allowance of a revision's maintenance terms; null when they excuse no maintenance. With
 * several maintenance clauses the most generous reading applies: the shortest notice, and the
 * largest monthly cap (none if a clause has none). Durations that do not parse (the terms rules
 * refuse them) excuse nothing.
 */
export function maintenanceAllowance(clauses: readonly MaintenanceWindowTerms[]): MaintenanceAllowance | null {
  const notices = clauses.map((c) => durationSeconds(c.noticePeriod)).filter((s): s is number => s !== null);
  if (notices.length === 0) return null;
  const caps = clauses.filter((c) => durationSeconds(c.noticePeriod) !== null).map((c) => (c.maxPerMonth == null ? null : durationSeconds(c.maxPerMonth)));
  return { noticeSeconds: Math.min(...notices), capSeconds: caps.some((c) => c === null) ? null : Math.max(...(caps as number[])) };
}

/** The calendar months (in `zone`) that [start, end) touches, each with the share of it inside. */
export function monthlyShares(start: Date, end: Date, zone: string): { month: Period; ms: number }[] {
  return periodsBetween(start, end, 'MONTH', zone).map((month) => ({
    month,
    ms: Math.min(end.getTime(), month.end.getTime()) - Math.max(start.getTime(), month.start.getTime()),
  }));
}

/**
 * Whether one window alone is over a monthly cap: its share of some calendar month exceeds the
 * cap (a window across a month boundary uses each month's cap for its own share). Returns that
 * month's share, or null when it fits.
 */
export function overMonthlyCap(start: Date, end: Date, zone: string, capSeconds: number | null): { month: Period; ms: number } | null {
  if (capSeconds === null) return null;
  return monthlyShares(start, end, zone).find((s) => s.ms > capSeconds * 1000) ?? null;
}

/** The calendar months (in `zone`) of a report period, as the starts and ends the downtime SQL takes ($10, $11). */
export function monthsParams(period: Period, zone: string): [string[], string[]] {
  const months = periodsBetween(period.start, period.end, 'MONTH', zone);
  return [months.map((m) => m.start.toISOString()), months.map((m) => m.end.toISOString())];
}

/** What a report says of a period's maintenance, up to now. Durations are ISO 8601 (wall-clock time). */
export interface MaintenanceFigures {
  noticePeriod: string;
  /** null: no cap. */
  capPerMonth: string | null;
  /** Windows announced with the notice, in the period so far. */
  windows: number;
  excused: string;
  excusedMs: number;
  overCap: string;
  overCapMs: number;
  /** Windows with some of their time over the cap (counted as downtime). */
  windowsOverCap: number;
  /** Windows announced with less than the notice: none of their time is excused. */
  windowsWithoutNotice: number;
}

export function maintenanceFigures(
  allowance: MaintenanceAllowance,
  row: { maintenance_excused_ms: string | number; maintenance_over_cap_ms: string | number; maintenance_windows: number; maintenance_windows_over_cap: number; maintenance_windows_without_notice: number },
): MaintenanceFigures {
  const excusedMs = Number(row.maintenance_excused_ms);
  const overCapMs = Number(row.maintenance_over_cap_ms);
  return {
    noticePeriod: isoDuration(allowance.noticeSeconds),
    capPerMonth: allowance.capSeconds === null ? null : isoDuration(allowance.capSeconds),
    windows: Number(row.maintenance_windows),
    excused: isoDuration(excusedMs / 1000),
    excusedMs,
    overCap: isoDuration(overCapMs / 1000),
    overCapMs,
    windowsOverCap: Number(row.maintenance_windows_over_cap),
    windowsWithoutNotice: Number(row.maintenance_windows_without_notice),
  };
}
