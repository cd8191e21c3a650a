import { type RequestContext } from '../../context/request-context';
import { clockCountsSql, countedClocksSql, downtimeSql, RATIO_SLICES_SQL, RATIO_SQL, SUPPORTING_CLOCK_COUNTS_SQL } from './downtime.sql';
import { type MaintenanceSeries, occurrenceParams } from './maintenance-occurrences';
import { type Period } from './periods';
import { SCALE } from './satisfaction';
import { SATISFACTION_SQL } from './satisfaction.sql';

/**
 * The figures a compliance report judges, read from the database in one statement per kind for
 * all the report's periods (not one per period): clocks met and breached, downtime, ratio events,
 * survey responses. Which periods and windows need which figure is the report's choice; this file
 * only reads them.
 */

/** Whose figures: the agreement, its provider, whether it names a customer, the one customer a customer user sees (else null), and the report's instant. */
export interface FigureScope {
  agreementId: string;
  providerId: string;
  namesCustomer: boolean;
  /** A supporting agreement (OLA, underpinning contract): its clocks are its party's, on the incidents it held. */
  supporting?: boolean;
  onlyCustomer: string | null;
  now: Date;
}

export interface ClockCountRow {
  metric: string;
  priority: string;
  /** The objective the clocks were judged against; null for clocks planned before it was stored. */
  objective_id: string | null;
  met: number;
  breached: number;
  breached_incidents: string[];
}

/** One clock that counts in a period (countedClocksSql): its verdict and what it was judged against. */
export interface CountedClock {
  incident_id: string;
  metric: string;
  /** The priority whose target gave the verdict. */
  priority: string;
  objective_id: string | null;
  state: string;
}

/** Counts clocks as clockCountsSql does: met and breached per metric, priority and objective (in order of first appearance). */
export function countClocks(clocks: readonly CountedClock[]): ClockCountRow[] {
  const rows = new Map<string, ClockCountRow>();
  for (const c of clocks) {
    const key = JSON.stringify([c.metric, c.priority, c.objective_id]);
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { metric: c.metric, priority: c.priority, objective_id: c.objective_id, met: 0, breached: 0, breached_incidents: [] }));
    if (c.state === 'MET') row.met += 1;
    if (c.state === 'BREACHED') {
      row.breached += 1;
      row.breached_incidents.push(c.incident_id);
    }
  }
  return [...rows.values()];
}

export interface DowntimeRow {
  outage_ms: string;
  degraded_ms: string;
  maintenance_excused_ms: string;
  maintenance_over_cap_ms: string;
  maintenance_windows: number;
  maintenance_windows_over_cap: number;
  maintenance_windows_without_notice: number;
  /** Time-slice objectives: whole ended slices of the window below the slice target. */
  bad_slices: number;
}

/** How a time-slice objective judges a slice: its length, its target in percent, and (availability) the weight of degraded time. */
export interface SliceRule {
  seconds: number;
  target: number;
  degradedWeightPercent: number;
}

/** One availability judgement: a period's window with the covered time of one objective's calendar and its revision's maintenance allowance. */
export interface DowntimeWindow extends Period {
  /** Business hours in the window, or the whole window. */
  covered: Period[];
  noticeSeconds: number | null;
  capSeconds: number | null;
  /** The calendar months of the window in the provider's time zone: starts and ends. */
  months: [string[], string[]];
  /** Time-slice objectives: how a slice is judged; null for occurrences. */
  slice: SliceRule | null;
}

/** Ratio time slices of a window: the slices with data, and the good ones among them. */
export interface RatioSlices {
  slices: number;
  good: number;
}

export interface RatioTotals {
  good: number;
  total: number;
  /** Of `total`, the events whose measurements came from the monitor asked about. */
  monitored: number;
}

export interface SurveyTotals {
  responses: number;
  scoreSum: number;
  satisfied: number;
}

/** The span of all the windows (which may overlap and come in any order: periods, rolling windows). */
const bounds = (windows: readonly Period[]): [Date, Date] => [
  windows.reduce((s, w) => (w.start < s ? w.start : s), windows[0].start),
  windows.reduce((e, w) => (w.end > e ? w.end : e), windows[0].end),
];
const starts = (periods: readonly Period[]) => periods.map((p) => p.start.toISOString());
const ends = (periods: readonly Period[]) => periods.map((p) => p.end.toISOString());
const multirange = (intervals: readonly Period[]) => `{${intervals.map((i) => `[${i.start.toISOString()},${i.end.toISOString()})`).join(',')}}`;

/** Clock counts per period (by position in `periods`), for clocks judged against `objectiveIds`. */
export async function clockCountsByPeriod(ctx: RequestContext, scope: FigureScope, periods: readonly Period[], objectiveIds: string[]): Promise<ClockCountRow[][]> {
  const out = periods.map((): ClockCountRow[] => []);
  if (periods.length === 0) return out;
  const rows: (ClockCountRow & { k: number })[] = await ctx.em.query(scope.supporting ? SUPPORTING_CLOCK_COUNTS_SQL : clockCountsSql(scope.namesCustomer), [
    scope.agreementId, scope.providerId, ...bounds(periods), scope.onlyCustomer, objectiveIds, starts(periods), ends(periods),
  ]);
  for (const { k, ...row } of rows) out[k - 1].push(row);
  return out;
}

/** The clocks that count per period (by position in `periods`), one by one, for clocks judged against `objectiveIds` (not for supporting agreements). */
export async function countedClocksByPeriod(ctx: RequestContext, scope: FigureScope, periods: readonly Period[], objectiveIds: string[]): Promise<CountedClock[][]> {
  const out = periods.map((): CountedClock[] => []);
  if (periods.length === 0) return out;
  const rows: (CountedClock & { k: number })[] = await ctx.em.query(countedClocksSql(scope.namesCustomer), [
    scope.agreementId, scope.providerId, ...bounds(periods), scope.onlyCustomer, objectiveIds, starts(periods), ends(periods),
  ]);
  for (const { k, ...row } of rows) out[k - 1].push(row);
  return out;
}

/** Downtime and maintenance figures per window (by position in `windows`). */
export async function downtimeByWindow(ctx: RequestContext, scope: FigureScope, windows: readonly DowntimeWindow[]): Promise<DowntimeRow[]> {
  if (windows.length === 0) return [];
  const keys = windows.map((_, i) => i + 1);
  const monthKeys = windows.flatMap((w, i) => w.months[0].map(() => i + 1));
  const [from, to] = bounds(windows);
  const occurrences = occurrenceParams(await maintenanceSeries(ctx, scope, from, to), from, to);
  const rows: (DowntimeRow & { k: number })[] = await ctx.em.query(downtimeSql(scope.namesCustomer), [
    scope.agreementId, scope.providerId, from, to, scope.now, scope.onlyCustomer,
    keys, starts(windows), ends(windows), windows.map((w) => multirange(w.covered)), windows.map((w) => w.noticeSeconds), windows.map((w) => w.capSeconds),
    monthKeys, windows.flatMap((w) => w.months[0]), windows.flatMap((w) => w.months[1]),
    ...occurrences,
    windows.map((w) => w.slice?.seconds ?? null), windows.map((w) => w.slice?.target ?? null), windows.map((w) => w.slice?.degradedWeightPercent ?? null),
  ]);
  const out: DowntimeRow[] = new Array(windows.length);
  for (const { k, ...row } of rows) out[k - 1] = { ...row, bad_slices: Number(row.bad_slices ?? 0) };
  return out;
}

/** Ratio time slices per window (by position in `windows`), each window with its objective's slice rule. */
export async function ratioSlicesByWindow(ctx: RequestContext, scope: FigureScope, windows: readonly (Period & { slice: SliceRule })[]): Promise<RatioSlices[]> {
  const out = windows.map((): RatioSlices => ({ slices: 0, good: 0 }));
  if (windows.length === 0) return out;
  const [from, to] = bounds(windows);
  const rows: { k: number; slices: number; good_slices: number }[] = await ctx.em.query(RATIO_SLICES_SQL, [
    scope.providerId, scope.agreementId, starts(windows), ends(windows), windows.map((w) => w.slice.seconds), windows.map((w) => w.slice.target), from, to, scope.now,
  ]);
  for (const r of rows) out[r.k - 1] = { slices: Number(r.slices), good: Number(r.good_slices) };
  return out;
}

/**
 * The recurring maintenance of the agreement's services that may have occurrences in [from, to):
 * announced before `to` and not ended before `from`. One statement; the rules are expanded in
 * JavaScript (maintenance-occurrences.ts) and the occurrences judged in SQL with the one-off windows.
 */
async function maintenanceSeries(ctx: RequestContext, scope: FigureScope, from: Date, to: Date): Promise<MaintenanceSeries[]> {
  const rows: { rule: string; first_start: string; duration_seconds: number; time_zone: string; announced_at: Date; ended_at: Date | null }[] = await ctx.em.query(
    `SELECT r.rule, r.first_start, r.duration_seconds, r.time_zone, r.announced_at, r.ended_at FROM maintenance_recurrence r
     WHERE r.provider_id = $2 AND r.service_id IN (SELECT s.service_id FROM agreement_service s WHERE s.agreement_id = $1)
       AND r.announced_at < $4 AND (r.ended_at IS NULL OR r.ended_at > $3)`,
    [scope.agreementId, scope.providerId, from, to],
  );
  return rows.map((r) => ({
    rule: r.rule,
    firstStart: r.first_start,
    durationSeconds: Number(r.duration_seconds),
    timeZone: r.time_zone,
    announcedAt: new Date(r.announced_at),
    endedAt: r.ended_at && new Date(r.ended_at),
  }));
}

/** Good and total events of the agreement's ratio objectives per period (by position in `periods`), and how many came from each period's monitor (`monitors`, by position; null: none named). */
export async function ratioTotalsByPeriod(ctx: RequestContext, scope: FigureScope, periods: readonly Period[], monitors: readonly (string | null)[]): Promise<RatioTotals[]> {
  const out = periods.map((): RatioTotals => ({ good: 0, total: 0, monitored: 0 }));
  if (periods.length === 0) return out;
  const rows: { k: number; good: string; total: string; monitored: string }[] = await ctx.em.query(RATIO_SQL, [
    scope.providerId, scope.agreementId, starts(periods), ends(periods), ...bounds(periods), [...monitors],
  ]);
  for (const r of rows) out[r.k - 1] = { good: Number(r.good), total: Number(r.total), monitored: Number(r.monitored) };
  return out;
}

/** The survey responses of the agreement's satisfaction objectives per period (by position in `periods`). */
export async function surveyTotalsByPeriod(ctx: RequestContext, scope: FigureScope, periods: readonly Period[]): Promise<SurveyTotals[]> {
  const out = periods.map((): SurveyTotals => ({ responses: 0, scoreSum: 0, satisfied: 0 }));
  if (periods.length === 0) return out;
  const rows: { k: number; responses: number; score_sum: string; satisfied: number }[] = await ctx.em.query(SATISFACTION_SQL, [
    scope.providerId, scope.agreementId, starts(periods), ends(periods), SCALE.satisfiedFrom,
  ]);
  for (const r of rows) out[r.k - 1] = { responses: Number(r.responses), scoreSum: Number(r.score_sum), satisfied: Number(r.satisfied) };
  return out;
}
