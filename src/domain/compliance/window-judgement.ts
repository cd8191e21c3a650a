import { Metric, TIME_METRICS } from '../../common/agreement-enums';
import { BusinessCalendarEntity } from '../../db/entities/business-calendar.entity';
import { AgreementRevisionEntity } from '../../db/entities/agreement-revision.entity';
import { type ObjectiveEntity } from '../../db/entities/objective.entity';
import { type RequestContext } from '../../context/request-context';
import { customerScope } from '../shared/customer-scope';
import { instantBefore, isInForceAt } from '../agreements/in-force';
import { appliesToPriority } from '../agreements/objective-priority';
import { type RevisionTerms } from '../agreements/terms';
import { openIntervals } from '../calendars/business-hours';
import {
  type ClockCountRow,
  clockCountsByPeriod,
  countClocks,
  type CountedClock,
  countedClocksByPeriod,
  type DowntimeRow,
  type DowntimeWindow,
  downtimeByWindow,
  type FigureScope,
  type RatioSlices,
  ratioSlicesByWindow,
  type RatioTotals,
  ratioTotalsByPeriod,
  type SliceRule,
  type SurveyTotals,
  surveyTotalsByPeriod,
} from './period-figures';
import { type ErrorBudget, eventErrorBudget, sliceErrorBudget, timeErrorBudget } from './error-budget';
import { type LabelledPeriod, type Period } from './periods';
import { sliceCounts, sliceMs } from './objective-window';
import { judgeSatisfaction, type SatisfactionAttainment, SCALE } from './satisfaction';
import { type MaintenanceAllowance, maintenanceAllowance, type MaintenanceFigures, maintenanceFigures, monthsParams } from './maintenance-allowance';
import { type ReportBasis } from './report-basis';
import { type MonitorShare, monitorShare } from './monitor-share';


/**
 * How objectives are judged over windows (a report's periods, rolling windows, any window a
 * monitor asks for): the figures of all the windows read in one SQL statement per kind, then each
 * objective judged from its window's figures, with its error budget by occurrences or by time
 * slices. compliance.service.ts chooses the windows; this file judges them.
 */
export type ComplianceStatus = 'MET' | 'BREACHED' | 'NO_DATA';

export interface ObjectiveCompliance {
  objective: ObjectiveEntity;
  status: ComplianceStatus;
  attainedPercent: string | null;
  budget: ErrorBudget | null;
  clocksMet: number;
  clocksBreached: number;
  breachedIncidentIds: string[];
  /** The priority of each breached clock (time objectives). */
  breachedPriorities?: string[];
  /** Availability objectives whose terms excuse maintenance: what was excused and what was over the cap. */
  maintenance?: MaintenanceFigures | null;
  /** SATISFACTION objectives: the survey responses of the period, judged against the floor. */
  satisfaction?: SatisfactionAttainment | null;
  /** TIMESLICES objectives: the slices of the window (whole, inside it), judged so far, and bad. */
  slices?: SliceFigures | null;
  /**
   * Objectives over a rolling window, in a report that asks for them: their standing over the
   * rolling window that ends at the period's end (or now, while the period runs); null for a
   * period that has not begun.
   */
  rolling?: WindowStanding | null;
}

/** TIMESLICES figures of one window. */
export interface SliceFigures {
  /** Slices of the window: all of them (availability), or those with data so far (ratio). */
  inWindow: number;
  /** Slices judged so far (ended; for ratio: with data). */
  judged: number;
  bad: number;
}

/** How one objective stands over one window (a rolling window, or its current budget window). */
export interface WindowStanding {
  window: LabelledPeriod;
  standing: ObjectiveCompliance;
}


const span = (intervals: { start: Date; end: Date }[]) => intervals.reduce((ms, i) => ms + (i.end.getTime() - i.start.getTime()), 0);

/** One window to judge: its bounds, the revision judging it, the objectives to judge in it and all of that revision's (for priority fall-backs). */
export interface JudgedWindow {
  period: Period;
  revision: AgreementRevisionEntity | null;
  objectives: ObjectiveEntity[];
  revisionObjectives: ObjectiveEntity[];
  /** A substitute judges it in place of another revision (what-if): its clocks are judged again. */
  replaced?: boolean;
}

/**
 * A revision judged in place of the signed ones (what-if): its terms, objectives and the
 * calendars they name. Every period that some signed revision judged is judged by it instead;
 * the figures (downtime, clocks, ratios, surveys) are the same rows the report reads.
 */
export interface SubstituteRevision {
  revision: AgreementRevisionEntity;
  objectives: ObjectiveEntity[];
  calendars: Map<string, BusinessCalendarEntity>;
  /**
   * Judges clocks again as the substitute would have judged them (its targets, calendars, pause
   * rules, choice of objective): each clock given, in the same order, with its new state, judged
   * priority and objective (one of the substitute's, or null). Asked only for the clocks of
   * windows that another revision judged, and only for the clocks judged against one of the
   * agreement's own objectives; without it, and for the others, the recorded verdicts count.
   */
  rejudgeClocks?: (ctx: RequestContext, clocks: CountedClock[]) => Promise<CountedClock[]>;
}

/** What one report or window query shares: the basis, the figures' scope, the time zone and how objectives find their revision's objectives and calendars. */
export interface Judging {
  basis: ReportBasis;
  scope: FigureScope;
  objectivesOf: (revision: AgreementRevisionEntity | null) => ObjectiveEntity[];
  calendarOf: (o: ObjectiveEntity) => BusinessCalendarEntity | null;
  /** What-if: how a substitute judges the clocks of the windows it judges in place of another revision. */
  rejudgeClocks?: SubstituteRevision['rejudgeClocks'];
}

/** `substitute` (what-if): its calendars are found too (judgeOf's caller puts it in place of the signed revisions). */
export function judging(ctx: RequestContext, basis: ReportBasis, agreementId: string, substitute?: SubstituteRevision): Judging {
  const { agreement, signed, calendars } = basis;
  // Customer users see their own customer's share of an agreement that covers many; a supporting
  // agreement's clocks are its party's (supporting_clock).
  const scope: FigureScope = {
    agreementId,
    providerId: agreement.providerId,
    namesCustomer: agreement.customerId !== null,
    supporting: agreement.supportingPartyId !== null,
    onlyCustomer: customerScope(ctx.caller),
    now: ctx.now,
  };
  const objectivesByRevision = new Map<string, ObjectiveEntity[]>(signed.map((r) => [r.id, []]));
  for (const o of basis.objectives) objectivesByRevision.get(o.revisionId)?.push(o);
  return {
    basis,
    scope,
    objectivesOf: (revision) => (revision ? (objectivesByRevision.get(revision.id) ?? []) : []),
    calendarOf: (o) => calendars.get(o.calendarId ?? '') ?? substitute?.calendars.get(o.calendarId ?? '') ?? null,
    rejudgeClocks: substitute?.rejudgeClocks,
  };
}

/** The revision that judges a window: the one in force at its last instant (up to now), else at its start. */
export function judgeOf(j: Judging, period: Period, now: Date): AgreementRevisionEntity | null {
  const lastInstant = instantBefore(new Date(Math.min(period.end.getTime(), now.getTime())));
  return inForce(j.basis.signed, lastInstant) ?? inForce(j.basis.signed, period.start);
}

/** The judgement of windows: each window's objectives, and the share of its measurement data from the monitor its terms name. */
export interface JudgedWindows {
  objectives: Map<JudgedWindow, ObjectiveCompliance[]>;
  /** Null when the judging terms name no monitor (or no revision judges the window). */
  monitorShare: (w: JudgedWindow) => MonitorShare | null;
}

/** Judges every window's objectives from figures read once for all the windows. */
export async function judgeWindows(ctx: RequestContext, j: Judging, windows: JudgedWindow[]): Promise<JudgedWindows> {
  const now = ctx.now;
  const figures = await readFigures(ctx, j, windows);
  const out = new Map<JudgedWindow, ObjectiveCompliance[]>();
  for (const w of windows) {
    if (!w.revision) {
      out.set(w, []);
      continue;
    }
    const maintenance = maintenanceOf(w.revision);
    out.set(
      w,
      w.objectives.map((objective) => judge(objective, { period: w.period, now, maintenance, revisionObjectives: w.revisionObjectives, calendar: j.calendarOf(objective), figures: figures.of(w, objective) })),
    );
  }
  return { objectives: out, monitorShare: (w) => (w.revision ? monitorShare(monitorOf(w.revision), figures.ratioOf(w)) : null) };
}

/** What one objective of one window is judged on. */
interface ObjectiveFigures {
  clocks: ClockCountRow[];
  /** Availability: the window its downtime was read for (its covered time) and that downtime. */
  downtime: { window: DowntimeWindow; row: DowntimeRow } | null;
  ratio: RatioTotals;
  /** Ratio objectives by time slices. */
  ratioSlices: RatioSlices | null;
  survey: SurveyTotals;
}

const sliceRuleOf = (o: ObjectiveEntity): SliceRule | null => {
  const ms = sliceMs(o);
  return ms ? { seconds: ms / 1000, target: o.sliceTarget ?? 100, degradedWeightPercent: o.degradedWeightPercent } : null;
};

/**
 * Reads every figure the windows need, one statement per kind, one after the other: the snapshot
 * is one connection, which runs one statement at a time anyway (pg deprecates queueing a query on
 * a client that is busy).
 */
/**
 * The clock counts of each window (by position in `timed`): as recorded (clockCountsSql), except
 * in the windows a substitute judges in place of another revision, whose clocks (the same ones,
 * read one by one) are judged again by `rejudge` when they were judged against one of the
 * agreement's own objectives (one judged against another level's objective, or planned before
 * the choice was stored, keeps its verdict), then counted the same way (countClocks).
 */
async function clockFigures(
  ctx: RequestContext,
  scope: FigureScope,
  timed: JudgedWindow[],
  agreementObjectiveIds: string[],
  rejudge?: SubstituteRevision['rejudgeClocks'],
): Promise<ClockCountRow[][]> {
  const again = rejudge && !scope.supporting ? timed.filter((w) => w.replaced) : [];
  const recorded = timed.filter((w) => !again.includes(w));
  const counts = await clockCountsByPeriod(ctx, scope, recorded.map((w) => w.period), agreementObjectiveIds);
  const clocks = await countedClocksByPeriod(ctx, scope, again.map((w) => w.period), agreementObjectiveIds);
  const own = new Set(agreementObjectiveIds);
  const mine = (c: CountedClock) => c.objective_id !== null && own.has(c.objective_id);
  const asked = clocks.flat().filter(mine);
  const answers = asked.length ? await rejudge!(ctx, asked) : [];
  const judgedAgain = new Map(asked.map((c, i) => [c, answers[i]]));
  return timed.map((w) => {
    const a = again.indexOf(w);
    if (a < 0) return counts[recorded.indexOf(w)] ?? [];
    return countClocks(clocks[a].map((c) => judgedAgain.get(c) ?? c));
  });
}

async function readFigures(
  ctx: RequestContext,
  j: Judging,
  judged: JudgedWindow[],
): Promise<{ of: (w: JudgedWindow, objective: ObjectiveEntity) => ObjectiveFigures; ratioOf: (w: JudgedWindow) => RatioTotals }> {
  const { scope, calendarOf } = j;
  const timeZone = j.basis.timeZone;
  const needing = (metrics: readonly Metric[]) => judged.filter((w) => w.revision && w.objectives.some((o) => metrics.includes(o.metric)));
  const timed = needing(TIME_METRICS);
  const clocks = timed.length ? await clockFigures(ctx, scope, timed, j.basis.objectives.map((o) => o.id), j.rejudgeClocks) : [];
  // One downtime window per availability objective of a window: its calendar's hours, its revision's maintenance allowance, its slices.
  const windows: { judged: JudgedWindow; objective: ObjectiveEntity; window: DowntimeWindow }[] = needing([Metric.AVAILABILITY]).flatMap((w) => {
    const { period } = w;
    const allowance = maintenanceOf(w.revision!);
    return w.objectives
      .filter((o) => o.metric === Metric.AVAILABILITY)
      .map((objective) => ({
        judged: w,
        objective,
        window: {
          ...period,
          covered: openIntervals(calendarOf(objective), period.start, period.end),
          noticeSeconds: allowance?.noticeSeconds ?? null,
          capSeconds: allowance?.capSeconds ?? null,
          months: monthsParams(period, timeZone),
          slice: sliceRuleOf(objective),
        },
      }));
  });
  const downtime = await downtimeByWindow(ctx, scope, windows.map((w) => w.window));
  const ratioWindows = needing([Metric.RATIO]);
  const ratios = await ratioTotalsByPeriod(ctx, scope, ratioWindows.map((w) => w.period), ratioWindows.map((w) => monitorOf(w.revision!)));
  const sliced = judged.flatMap((w) =>
    w.revision ? w.objectives.filter((o) => o.metric === Metric.RATIO && sliceRuleOf(o)).map((objective) => ({ judged: w, objective, window: { ...w.period, slice: sliceRuleOf(objective)! } })) : [],
  );
  const ratioSlices = await ratioSlicesByWindow(ctx, scope, sliced.map((s) => s.window));
  const surveyWindows = needing([Metric.SATISFACTION]);
  const surveys = await surveyTotalsByPeriod(ctx, scope, surveyWindows.map((w) => w.period));
  const none = { ratio: { good: 0, total: 0, monitored: 0 }, survey: { responses: 0, scoreSum: 0, satisfied: 0 } };
  return {
    ratioOf: (w) => ratios[ratioWindows.indexOf(w)] ?? none.ratio,
    of: (w, objective) => {
      const at = (list: JudgedWindow[]) => list.indexOf(w);
      const d = windows.findIndex((x) => x.judged === w && x.objective === objective);
      const s = sliced.findIndex((x) => x.judged === w && x.objective === objective);
      return {
        clocks: clocks[at(timed)] ?? [],
        downtime: d >= 0 ? { window: windows[d].window, row: downtime[d] } : null,
        ratio: ratios[at(ratioWindows)] ?? none.ratio,
        ratioSlices: s >= 0 ? ratioSlices[s] : null,
        survey: surveys[at(surveyWindows)] ?? none.survey,
      };
    },
  };
}

interface ObjectiveScope {
  period: Period;
  now: Date;
  maintenance: MaintenanceAllowance | null;
  revisionObjectives: ObjectiveEntity[];
  calendar: BusinessCalendarEntity | null;
  figures: ObjectiveFigures;
}

/**
 * Whether clocks of a row count under `objective` of a revision: those judged against one of the
 * revision's objectives count under that one (the objective chosen for the incident: with
 * conditions, several objectives share a metric and priority); the others (judged against another
 * level's objective, or planned before the choice was stored) by priority, under the revision's
 * objectives without conditions (a priority-less one judges the priorities without their own).
 */
function countsUnder(objective: ObjectiveEntity, row: ClockCountRow, revisionObjectives: readonly ObjectiveEntity[]): boolean {
  if (row.objective_id != null && revisionObjectives.some((o) => o.id === row.objective_id)) return row.objective_id === objective.id;
  if (objective.conditions) return false;
  return appliesToPriority(objective, row.priority, revisionObjectives.filter((o) => !o.conditions));
}

const statusOf = (budget: ErrorBudget): ComplianceStatus => (budget.noData ? 'NO_DATA' : budget.budgetExceeded ? 'BREACHED' : 'MET');

/** Judges one objective over one window from the figures read for it. */
function judge(objective: ObjectiveEntity, scope: ObjectiveScope): ObjectiveCompliance {
  const { period, now, figures } = scope;
  const base = { objective, budget: null, clocksMet: 0, clocksBreached: 0, breachedIncidentIds: [] as string[] };
  const target = objective.target ?? 100;
  if (objective.metric === Metric.AVAILABILITY) {
    const { window, row } = figures.downtime!;
    const covered = window.covered;
    const maintenance = scope.maintenance && maintenanceFigures(scope.maintenance, row);
    if (window.slice) {
      const counts = sliceCounts(period, covered, window.slice.seconds * 1000, now);
      const slices: SliceFigures = { inWindow: counts.inWindow, judged: counts.elapsed, bad: row.bad_slices };
      const budget = sliceErrorBudget({ targetPercent: target, windowSlices: slices.inWindow, elapsedSlices: slices.judged, badSlices: slices.bad });
      return { ...base, budget, maintenance, slices, status: statusOf(budget), attainedPercent: budget.attainedPercent };
    }
    const elapsed = openIntervals(scope.calendar, period.start, new Date(Math.min(period.end.getTime(), now.getTime())));
    const bad = Number(row.outage_ms) + (Number(row.degraded_ms) * objective.degradedWeightPercent) / 100;
    const budget = timeErrorBudget({ targetPercent: target, windowMs: span(covered), badMs: bad, elapsedMs: span(elapsed) });
    return { ...base, budget, maintenance, status: statusOf(budget), attainedPercent: budget.attainedPercent };
  }
  if (objective.metric === Metric.RATIO) {
    if (figures.ratioSlices) {
      // Slices without measurements are not judged: the budget is over the slices with data so far.
      const { slices: counted, good } = figures.ratioSlices;
      const slices: SliceFigures = { inWindow: counted, judged: counted, bad: counted - good };
      const budget = sliceErrorBudget({ targetPercent: target, windowSlices: counted, elapsedSlices: counted, badSlices: counted - good });
      return { ...base, budget, slices, status: statusOf(budget), attainedPercent: budget.attainedPercent };
    }
    const budget = eventErrorBudget({ targetPercent: target, totalEvents: figures.ratio.total, goodEvents: figures.ratio.good });
    return { ...base, budget, status: statusOf(budget), attainedPercent: budget.attainedPercent };
  }
  if (objective.metric === Metric.SATISFACTION) {
    const satisfaction = judgeSatisfaction(objective.target ?? SCALE.max, figures.survey);
    return { ...base, status: satisfaction.status, attainedPercent: satisfaction.satisfiedPercent, satisfaction };
  }
  if (TIME_METRICS.includes(objective.metric)) {
    const mine = figures.clocks.filter((r) => r.metric === objective.metric && countsUnder(objective, r, scope.revisionObjectives));
    const met = mine.reduce((s, r) => s + r.met, 0);
    const breached = mine.reduce((s, r) => s + r.breached, 0);
    const attained = met + breached > 0 ? ((100 * met) / (met + breached)).toFixed(4) : null;
    return {
      ...base,
      breachedPriorities: mine.flatMap((r) => Array.from({ length: r.breached }, () => r.priority)),
      clocksMet: met,
      clocksBreached: breached,
      breachedIncidentIds: mine.flatMap((r) => r.breached_incidents),
      attainedPercent: attained,
      status: met + breached === 0 ? 'NO_DATA' : breached > 0 ? 'BREACHED' : 'MET',
    };
  }
  return { ...base, status: 'NO_DATA', attainedPercent: null };
}

/** The revision among `signed` in force at `at`. */
export function inForce(signed: AgreementRevisionEntity[], at: Date): AgreementRevisionEntity | null {
  return signed.find((r) => isInForceAt(r, at)) ?? null;
}

/** The third-party monitor the revision's terms name as data source, if any. */
export function monitorOf(revision: AgreementRevisionEntity): string | null {
  return (revision.terms as unknown as RevisionTerms).measurement?.monitor ?? null;
}

/** What the revision's terms excuse of announced maintenance (notice and monthly cap); null: none. */
export function maintenanceOf(revision: AgreementRevisionEntity): MaintenanceAllowance | null {
  return maintenanceAllowance((revision.terms as unknown as RevisionTerms).exclusions?.maintenanceWindows ?? []);
}
