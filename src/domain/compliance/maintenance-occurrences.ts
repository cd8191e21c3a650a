import { type Occurrence, occurrencesBetween } from '../calendars/recurrence';

/** A recurring maintenance series as compliance reads it (maintenance_recurrence). */
export interface MaintenanceSeries {
  rule: string;
  firstStart: string;
  durationSeconds: number;
  timeZone: string;
  announcedAt: Date;
  endedAt: Date | null;
}

/** An occurrence with the moment it was announced: the series' announcement. */
export interface AnnouncedOccurrence extends Occurrence {
  announcedAt: Date;
}

/**
 * The occurrences of a series that are maintenance, overlapping [from, to): those that start at
 * or after the series was announced (a rule announces what is to come, never what already
 * happened, whatever its first start) and before it was ended. Each is judged like a window
 * announced on its own at the series' announcement: it has the notice when it starts at least the
 * notice period after that.
 */
export function seriesOccurrences(s: MaintenanceSeries, from: Date, to: Date): AnnouncedOccurrence[] {
  if (to.getTime() <= s.announcedAt.getTime()) return [];
  const recurrence = { rule: s.rule, firstStart: s.firstStart, durationMs: s.durationSeconds * 1000, timeZone: s.timeZone };
  // At most one occurrence starts per local day, and one may have started up to 7 days before
  // `from` (the longest duration): a limit no valid rule reaches, so a report over any span is whole.
  const limit = Math.ceil((to.getTime() - from.getTime()) / 86_400_000) + 10;
  return occurrencesBetween(recurrence, from, to, limit)
    .filter((o) => o.start.getTime() >= s.announcedAt.getTime() && (s.endedAt === null || o.start.getTime() < s.endedAt.getTime()))
    .map((o) => ({ ...o, announcedAt: s.announcedAt }));
}

/** The occurrences of many series overlapping [from, to), as the downtime statement takes them: starts, ends, announcement times. */
export function occurrenceParams(series: readonly MaintenanceSeries[], from: Date, to: Date): [string[], string[], string[]] {
  const all = series.flatMap((s) => seriesOccurrences(s, from, to));
  return [all.map((o) => o.start.toISOString()), all.map((o) => o.end.toISOString()), all.map((o) => o.announcedAt.toISOString())];
}
