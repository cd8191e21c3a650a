import { addBusinessMillis, businessMillis, type CalendarSpec } from '../calendars/business-hours';

/** The target in force and its warning threshold, in ms of counted time; null: no objective. */
export type Goal = { target: number; warning: number } | null;

/** Counted time of the current period and the instants at which it crossed its marks (ms since epoch). */
export interface Meter {
  periodStart: number;
  elapsed: number;
  /** When the current period reached the warning threshold. */
  warnedAt: number | null;
  /** Since when the current period is over the target in force (undone by a downgrade or a new period). */
  overdueSince: number | null;
  /** The first instant the clock was over its target; never undone. */
  breachedAt: number | null;
}

export function goalOf(target: number | undefined, warningThresholdPercent: number): Goal {
  return target === undefined ? null : { target, warning: Math.ceil((target * warningThresholdPercent) / 100) };
}

export function newMeter(start: number): Meter {
  return { periodStart: start, elapsed: 0, warnedAt: null, overdueSince: null, breachedAt: null };
}

/** A new period (UPDATE_INTERVAL gap) from `at`: nothing counted, nothing crossed yet; breachedAt stays. */
export function restart(m: Meter, at: number): void {
  Object.assign(m, { periodStart: at, elapsed: 0, warnedAt: null, overdueSince: null });
}

/**
 * Counts [from, to) against `goal`. A mark reached strictly before `to` is recorded at the exact
 * instant; one reached at `to` itself is left to settle(), so that a clock stopped at that very
 * instant is still in time.
 */
export function count(cal: CalendarSpec | null, m: Meter, from: number, to: number, goal: Goal): void {
  if (to <= from) return;
  const gained = businessMillis(cal, new Date(from), new Date(to));
  const crossing = (mark: number): number | null => {
    if (m.elapsed >= mark || m.elapsed + gained < mark) return null;
    const t = addBusinessMillis(cal, new Date(from), mark - m.elapsed).getTime();
    return t < to ? t : null;
  };
  if (goal) {
    if (m.warnedAt === null) m.warnedAt = crossing(goal.warning);
    if (m.overdueSince === null) {
      m.overdueSince = crossing(goal.target);
      m.breachedAt ??= m.overdueSince;
    }
  }
  m.elapsed += gained;
}

/**
 * Records marks already reached at `at` by a clock that did not stop there: the elapsed time met
 * a (new) goal at this instant, e.g. after a priority upgrade, or at the start for a zero target.
 */
export function settle(m: Meter, at: number, goal: Goal): void {
  if (goal === null) {
    m.overdueSince = null;
    return;
  }
  if (m.warnedAt === null && m.elapsed >= goal.warning) m.warnedAt = at;
  if (m.elapsed < goal.target) m.overdueSince = null;
  else {
    m.overdueSince ??= at;
    m.breachedAt ??= at;
  }
}
