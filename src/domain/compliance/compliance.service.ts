import { Metric, TIME_METRICS } from '../../common/agreement-enums';
import { NotFoundError, UserError } from '../../common/errors';
import { BusinessCalendarEntity } from '../../db/entities/business-calendar.entity';
import { AgreementRevisionEntity } from '../../db/entities/agreement-revision.entity';
import { type ObjectiveEntity } from '../../db/entities/objective.entity';
import { type RequestContext } from '../../context/request-context';
import { withSnapshot } from '../../context/transaction';
import { customerScope } from '../shared/customer-scope';
import { instantBefore, isInForceAt } from '../agreements/in-force';
import { appliesToPriority } from '../agreements/objective-priority';
import { type RevisionTerms } from '../agreements/terms';
import { openIntervals } from '../calendars/business-hours';
import { type BreachedClock, type CreditCalculation, calculateCredit, type ObjectiveAttainment } from './credits';
import {
  type ClockCountRow,
  clockCountsByPeriod,
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
import { type Granularity, type LabelledPeriod, type Period, periodsBetween, SETTLING_GRANULARITIES } from './periods';
import { budgetWindowAt, isRolling, rollingLabel, rollingWindow, sliceCounts, sliceMs } from './objective-window';
import { type Violation, violationOf } from './violations';
import { judgeSatisfaction, type SatisfactionAttainment, SCALE } from './satisfaction';
import { type MaintenanceAllowance, maintenanceAllowance, type MaintenanceFigures, maintenanceFigures, monthsParams } from './maintenance-allowance';
import { type ReportBasis, readReportBasis } from './report-basis';
import { type TerminationRight, terminationRight } from './termination-right';

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

export interface PeriodCompliance extends LabelledPeriod {
  revision: AgreementRevisionEntity | null;
  status: ComplianceStatus;
  objectives: ObjectiveCompliance[];
  credit: CreditCalculation | null;
  /** One record per breached objective. */
  violations: Violation[];
}

export interface ComplianceReport {
  agreementId: string;
  /** The provider's: periods are its days, weeks, months; their bounds are shown in it. */
  timeZone: string;
  granularity: Granularity;
  periods: PeriodCompliance[];
  terminationRight: TerminationRight | null;
}

const span = (intervals: { start: Date; end: Date }[]) => intervals.reduce((ms, i) => ms + (i.end.getTime() - i.start.getTime()), 0);

export interface ReportOptions {
  /** Give objectives over a rolling window their standing over the rolling window ending with each period (`rolling`). */
  rollingWindows?: boolean;
}

/**
 * Compliance of an agreement per period: for each objective of the revision in force at the
 * period's end (else at its start), the attained value, MET or BREACHED, the error budget and
 * burn rate (availability, ratio; by occurrences or by time slices), the clocks met and breached
 * (time objectives) with the incidents behind a breach; the service credit of the period; and
 * whether a termination right has arisen. Downtime, clock counts, ratios and slices are computed
 * in SQL over the period's rows. Days and weeks are series for monitoring: they carry no credit
 * and no termination right (those are judged per calendar month, quarter or year).
 */
export async function complianceReport(ctx: RequestContext, agreementId: string, from: Date, to: Date, granularity: Granularity, options: ReportOptions = {}): Promise<ComplianceReport | null> {
  if (to <= from) throw new UserError('INVALID_INPUT', '`to` must be after `from`.', ['to']);
  // Every period and objective is judged from one snapshot of the database.
  return withSnapshot(ctx, (snapshot) => reportFrom(snapshot, agreementId, from, to, granularity, options));
}

/** The report a credit ledger reads: credits are judged per calendar month, quarter or year, never per day or week. */
export async function creditLedgerReport(ctx: RequestContext, agreementId: string, from: Date, to: Date, granularity: Granularity): Promise<ComplianceReport | null> {
  if (!SETTLING_GRANULARITIES.includes(granularity)) {
    throw new UserError('INVALID_INPUT', `Credits are judged per ${SETTLING_GRANULARITIES.join(', ')}; ${granularity} periods carry none.`, ['granularity']);
  }
  return complianceReport(ctx, agreementId, from, to, granularity);
}

/** One window to judge: its bounds, the revision judging it, the objectives to judge in it and all of that revision's (for priority fall-backs). */
interface JudgedWindow {
  period: Period;
  revision: AgreementRevisionEntity | null;
  objectives: ObjectiveEntity[];
  revisionObjectives: ObjectiveEntity[];
}

/** What one report or window query shares: the basis, the figures' scope, the time zone and how objectives find their revision's objectives and calendars. */
interface Judging {
  basis: ReportBasis;
  scope: FigureScope;
  objectivesOf: (revision: AgreementRevisionEntity | null) => ObjectiveEntity[];
  calendarOf: (o: ObjectiveEntity) => BusinessCalendarEntity | null;
}

function judging(ctx: RequestContext, basis: ReportBasis, agreementId: string): Judging {
  const { agreement, signed, calendars } = basis;
  // Customer users see their own customer's share of an agreement that covers many.
  const scope: FigureScope = { agreementId, providerId: agreement.providerId, namesCustomer: agreement.customerId !== null, onlyCustomer: customerScope(ctx.caller), now: ctx.now };
  const objectivesByRevision = new Map<string, ObjectiveEntity[]>(signed.map((r) => [r.id, []]));
  for (const o of basis.objectives) objectivesByRevision.get(o.revisionId)?.push(o);
  return {
    basis,
    scope,
    objectivesOf: (revision) => (revision ? (objectivesByRevision.get(revision.id) ?? []) : []),
    calendarOf: (o) => calendars.get(o.calendarId ?? '') ?? null,
  };
}

/** The revision that judges a window: the one in force at its last instant (up to now), else at its start. */
function judgeOf(j: Judging, period: Period, now: Date): AgreementRevisionEntity | null {
  const lastInstant = instantBefore(new Date(Math.min(period.end.getTime(), now.getTime())));
  return inForce(j.basis.signed, lastInstant) ?? inForce(j.basis.signed, period.start);
}

async function reportFrom(ctx: RequestContext, agreementId: string, from: Date, to: Date, granularity: Granularity, options: ReportOptions): Promise<ComplianceReport | null> {
  // What every period needs is read once, in one statement: the agreement, its signed revisions
  // with their objectives, the calendars they name; then one statement per kind of figure for all the periods.
  const basis = await readReportBasis(ctx, agreementId);
  if (!basis) return null;
  const periods = periodsBetween(from, to, granularity, basis.timeZone);
  if (periods.length === 0) throw new NotFoundError('A period between `from` and `to`', ['from']);
  const now = ctx.now;
  const j = judging(ctx, basis, agreementId);

  // The revision in force at the period's end (else at its start) judges it.
  const judged = periods.map((period): JudgedWindow => {
    const revision = judgeOf(j, period, now);
    const objectives = j.objectivesOf(revision);
    return { period, revision, objectives, revisionObjectives: objectives };
  });
  // Rolling objectives, when asked: one more window each, the rolling window ending with the period (or now).
  const rolling = new Map<JudgedWindow, Map<ObjectiveEntity, { window: LabelledPeriod; judged: JudgedWindow }>>();
  if (options.rollingWindows) {
    for (const w of judged) {
      if (w.period.start >= now) continue;
      for (const o of w.objectives.filter(isRolling)) {
        const end = new Date(Math.min(w.period.end.getTime(), now.getTime()));
        const bounds = rollingWindow(o.windowDays!, end, sliceMs(o));
        const window = { ...bounds, label: rollingLabel(o.windowDays!, bounds.end, basis.timeZone) };
        const of = rolling.get(w) ?? new Map();
        of.set(o, { window, judged: { period: window, revision: w.revision, objectives: [o], revisionObjectives: w.revisionObjectives } });
        rolling.set(w, of);
      }
    }
  }
  const extra = [...rolling.values()].flatMap((m) => [...m.values()].map((r) => r.judged));
  const results = await judgeWindows(ctx, j, [...judged, ...extra]);

  const settles = SETTLING_GRANULARITIES.includes(granularity);
  const out: PeriodCompliance[] = judged.map((w, i) => {
    const { period, revision } = w;
    const label = periods[i].label;
    if (!revision) return { ...period, label, revision: null, status: 'NO_DATA', objectives: [], credit: null, violations: [] };
    const objectives = results.get(w)!.map((r) => {
      const roll = rolling.get(w)?.get(r.objective);
      return roll ? { ...r, rolling: { window: roll.window, standing: results.get(roll.judged)![0] } } : options.rollingWindows && isRolling(r.objective) ? { ...r, rolling: null } : r;
    });
    const terms = revision.terms as unknown as RevisionTerms;
    const credit = settles && terms.creditPolicy ? creditFor(terms, objectives, period, now) : null;
    const status: ComplianceStatus = objectives.some((r) => r.status === 'BREACHED') ? 'BREACHED' : objectives.some((r) => r.status === 'MET') ? 'MET' : 'NO_DATA';
    const violations = objectives.filter((r) => r.status === 'BREACHED').map((r) => violationOf(r, credit));
    return { ...period, label, revision, status, objectives, credit, violations };
  });
  const latest = [...out].reverse().find((p) => p.revision)?.revision;
  const n = settles && latest ? ((latest.terms as unknown as RevisionTerms).creditPolicy?.terminationAfterConsecutiveBreaches ?? null) : null;
  const ended = out.filter((p) => p.status !== 'NO_DATA' && p.end <= now);
  return {
    agreementId,
    timeZone: basis.timeZone,
    granularity,
    periods: out,
    terminationRight: n == null ? null : terminationRight(ended.map((p) => (p.status === 'BREACHED' ? 'BREACHED' : 'MET')), n),
  };
}

/** How the objectives of an agreement stand over one window, judged against the revision in force at its end. */
export interface WindowCompliance {
  window: Period;
  revision: AgreementRevisionEntity | null;
  objectives: ObjectiveCompliance[];
}

/**
 * The objectives of an agreement over arbitrary windows (the last hour, the last 6 hours, a
 * rolling window), each judged against the revision in force at its end (else its start), with
 * the same figures and error budgets as a report's periods; one statement per kind of figure for
 * all the windows. Meant for monitoring (burn rates over several windows): no credit. Null when
 * the agreement is not the caller's to see.
 */
export async function complianceOverWindows(ctx: RequestContext, agreementId: string, windows: readonly Period[]): Promise<WindowCompliance[] | null> {
  for (const w of windows) if (w.end <= w.start) throw new RangeError('A window must end after it starts.');
  return withSnapshot(ctx, async (snapshot) => {
    const basis = await readReportBasis(snapshot, agreementId);
    if (!basis) return null;
    const j = judging(snapshot, basis, agreementId);
    const judged = windows.map((period): JudgedWindow => {
      const revision = judgeOf(j, period, snapshot.now);
      const objectives = j.objectivesOf(revision);
      return { period, revision, objectives, revisionObjectives: objectives };
    });
    const results = await judgeWindows(snapshot, j, judged);
    return judged.map((w) => ({ window: w.period, revision: w.revision, objectives: results.get(w)! }));
  });
}

/** Each objective of the revision in force now with its current budget window and its standing over it. */
export interface CurrentBudgetWindows {
  revision: AgreementRevisionEntity;
  timeZone: string;
  windows: (WindowStanding & { objective: ObjectiveEntity })[];
}

/**
 * The error budget of every objective of the revision in force now over its own window: the
 * calendar period under way (CALENDAR_MONTH, QUARTER, YEAR), or the rolling window that ends now
 * (objective-window.ts has the rule). Null when the agreement is not the caller's to see or no
 * revision is in force.
 */
export async function currentBudgetWindows(ctx: RequestContext, agreementId: string): Promise<CurrentBudgetWindows | null> {
  return withSnapshot(ctx, async (snapshot) => {
    const basis = await readReportBasis(snapshot, agreementId);
    if (!basis) return null;
    const now = snapshot.now;
    const j = judging(snapshot, basis, agreementId);
    const revision = inForce(basis.signed, now);
    if (!revision) return null;
    const all = j.objectivesOf(revision);
    const each = all.map((objective) => {
      const window = budgetWindowAt(objective, now, basis.timeZone);
      return { objective, window, judged: { period: window, revision, objectives: [objective], revisionObjectives: all } as JudgedWindow };
    });
    const results = await judgeWindows(snapshot, j, each.map((e) => e.judged));
    return { revision, timeZone: basis.timeZone, windows: each.map((e) => ({ objective: e.objective, window: e.window, standing: results.get(e.judged)![0] })) };
  });
}

/** Judges every window's objectives from figures read once for all the windows. */
async function judgeWindows(ctx: RequestContext, j: Judging, windows: JudgedWindow[]): Promise<Map<JudgedWindow, ObjectiveCompliance[]>> {
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
  return out;
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
async function readFigures(ctx: RequestContext, j: Judging, judged: JudgedWindow[]): Promise<{ of: (w: JudgedWindow, objective: ObjectiveEntity) => ObjectiveFigures }> {
  const { scope, calendarOf } = j;
  const timeZone = j.basis.timeZone;
  const needing = (metrics: readonly Metric[]) => judged.filter((w) => w.revision && w.objectives.some((o) => metrics.includes(o.metric)));
  const timed = needing(TIME_METRICS);
  const clocks = timed.length ? await clockCountsByPeriod(ctx, scope, timed.map((w) => w.period), j.basis.objectives.map((o) => o.id)) : [];
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
  const ratios = await ratioTotalsByPeriod(ctx, scope, ratioWindows.map((w) => w.period));
  const sliced = judged.flatMap((w) =>
    w.revision ? w.objectives.filter((o) => o.metric === Metric.RATIO && sliceRuleOf(o)).map((objective) => ({ judged: w, objective, window: { ...w.period, slice: sliceRuleOf(objective)! } })) : [],
  );
  const ratioSlices = await ratioSlicesByWindow(ctx, scope, sliced.map((s) => s.window));
  const surveyWindows = needing([Metric.SATISFACTION]);
  const surveys = await surveyTotalsByPeriod(ctx, scope, surveyWindows.map((w) => w.period));
  const none = { ratio: { good: 0, total: 0 }, survey: { responses: 0, scoreSum: 0, satisfied: 0 } };
  return {
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
    // A priority-less objective judges the priorities that have no objective of their own.
    const mine = figures.clocks.filter((r) => r.metric === objective.metric && appliesToPriority(objective, r.priority, scope.revisionObjectives));
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
function inForce(signed: AgreementRevisionEntity[], at: Date): AgreementRevisionEntity | null {
  return signed.find((r) => isInForceAt(r, at)) ?? null;
}

/** What the revision's terms excuse of announced maintenance (notice and monthly cap); null: none. */
function maintenanceOf(revision: AgreementRevisionEntity): MaintenanceAllowance | null {
  return maintenanceAllowance((revision.terms as unknown as RevisionTerms).exclusions?.maintenanceWindows ?? []);
}

function creditFor(terms: RevisionTerms, results: ObjectiveCompliance[], period: Period, now: Date): CreditCalculation | null {
  if (!terms.creditPolicy || period.end > now) return null;
  const attainments: ObjectiveAttainment[] = results
    .filter((r) => r.objective.metric === Metric.AVAILABILITY || r.objective.metric === Metric.RATIO)
    .map((r) => ({ metric: r.objective.metric, priority: r.objective.priority, attainedPercent: r.budget?.attainedPercentExact ?? null }));
  // Each breached clock once, with its own priority, so the policy's per-priority entry applies.
  const breaches: BreachedClock[] = results.flatMap((r) =>
    TIME_METRICS.includes(r.objective.metric) ? (r.breachedPriorities ?? []).map((priority) => ({ metric: r.objective.metric, priority: priority as BreachedClock['priority'] })) : [],
  );
  // A breached satisfaction floor is one breach of the period, credited when the policy names SATISFACTION.
  if (terms.creditPolicy.perBreach.some((e) => e.metric === Metric.SATISFACTION)) {
    for (const r of results) if (r.objective.metric === Metric.SATISFACTION && r.status === 'BREACHED') breaches.push({ metric: Metric.SATISFACTION, priority: null });
  }
  return calculateCredit(terms.creditPolicy, attainments, breaches);
}
