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
import { type ClockCountRow, clockCountsByPeriod, countClocks, type CountedClock, countedClocksByPeriod, type DowntimeRow, type DowntimeWindow, downtimeByWindow, type FigureScope, type RatioTotals, ratioTotalsByPeriod, type SurveyTotals, surveyTotalsByPeriod } from './period-figures';
import { type ErrorBudget, eventErrorBudget, timeErrorBudget } from './error-budget';
import { type Granularity, type Period, periodsBetween } from './periods';
import { type Violation, violationOf } from './violations';
import { judgeSatisfaction, type SatisfactionAttainment, SCALE } from './satisfaction';
import { type MaintenanceAllowance, maintenanceAllowance, type MaintenanceFigures, maintenanceFigures, monthsParams } from './maintenance-allowance';
import { readReportBasis } from './report-basis';
import { type MonitorShare, monitorShare } from './monitor-share';
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
}

export interface PeriodCompliance extends Period {
  revision: AgreementRevisionEntity | null;
  status: ComplianceStatus;
  objectives: ObjectiveCompliance[];
  credit: CreditCalculation | null;
  /** One record per breached objective. */
  violations: Violation[];
  /** When the judging terms name a third-party monitor: the share of the period's measurement data that came from it. */
  monitorShare: MonitorShare | null;
}

export interface ComplianceReport {
  agreementId: string;
  periods: PeriodCompliance[];
  terminationRight: TerminationRight | null;
}

const span = (intervals: { start: Date; end: Date }[]) => intervals.reduce((ms, i) => ms + (i.end.getTime() - i.start.getTime()), 0);

/**
 * Compliance of an agreement per period: for each objective of the revision in force at the
 * period's end (else at its start), the attained value, MET or BREACHED, the error budget and
 * burn rate (availability, ratio), the clocks met and breached (time objectives) with the
 * incidents behind a breach; the service credit of the period; and whether a termination right
 * has arisen. Downtime, clock counts and ratios are computed in SQL over the period's rows.
 */
export async function complianceReport(ctx: RequestContext, agreementId: string, from: Date, to: Date, granularity: Granularity): Promise<ComplianceReport | null> {
  if (to <= from) throw new UserError('INVALID_INPUT', '`to` must be after `from`.', ['to']);
  // Every period and objective is judged from one snapshot of the database.
  return withSnapshot(ctx, (snapshot) => reportFrom(snapshot, agreementId, from, to, granularity));
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
   * periods that another revision judged, and only for the clocks judged against one of the
   * agreement's own objectives; without it, and for the others, the recorded verdicts count.
   */
  rejudgeClocks?: (ctx: RequestContext, clocks: CountedClock[]) => Promise<CountedClock[]>;
}

/**
 * The compliance report of an agreement as `substitute` would have produced it: the same
 * computation as complianceReport (each rule in one place), with `substitute` judging each period
 * that a signed revision judged. The caller holds a snapshot (reads that must agree share one).
 */
export async function complianceReplay(ctx: RequestContext, agreementId: string, from: Date, to: Date, granularity: Granularity, substitute: SubstituteRevision): Promise<ComplianceReport | null> {
  return reportFrom(ctx, agreementId, from, to, granularity, substitute);
}

async function reportFrom(ctx: RequestContext, agreementId: string, from: Date, to: Date, granularity: Granularity, substitute?: SubstituteRevision): Promise<ComplianceReport | null> {
  // What every period needs is read once, in one statement: the agreement, its signed revisions
  // with their objectives, the calendars they name; then one statement per kind of figure for all the periods.
  const basis = await readReportBasis(ctx, agreementId);
  if (!basis) return null;
  const { agreement, signed, calendars } = basis;
  const periods = periodsBetween(from, to, granularity, basis.timeZone);
  if (periods.length === 0) throw new NotFoundError('A period between `from` and `to`', ['from']);
  const now = ctx.now;
  // Customer users see their own customer's share of an agreement that covers many.
  const scope: FigureScope = { agreementId, providerId: agreement.providerId, namesCustomer: agreement.customerId !== null, supporting: agreement.supportingPartyId !== null, onlyCustomer: customerScope(ctx.caller), now };
  const objectivesByRevision = new Map<string, ObjectiveEntity[]>(signed.map((r) => [r.id, []]));
  for (const o of basis.objectives) objectivesByRevision.get(o.revisionId)?.push(o);
  const calendarOf = (o: ObjectiveEntity) => calendars.get(o.calendarId ?? '') ?? substitute?.calendars.get(o.calendarId ?? '') ?? null;

  // The revision in force at the period's end (else at its start) judges it; a substitute judges in its place.
  const judged = periods.map((period) => {
    const lastInstant = instantBefore(new Date(Math.min(period.end.getTime(), now.getTime())));
    const inForceRevision = inForce(signed, lastInstant) ?? inForce(signed, period.start);
    if (inForceRevision && substitute) return { period, revision: substitute.revision, objectives: substitute.objectives, replaced: substitute.revision.id !== inForceRevision.id };
    return { period, revision: inForceRevision, objectives: inForceRevision ? (objectivesByRevision.get(inForceRevision.id) ?? []) : [], replaced: false };
  });
  const needing = (metrics: readonly Metric[]) => judged.filter((j) => j.objectives.some((o) => metrics.includes(o.metric)));
  const figures = await readFigures(ctx, scope, basis.timeZone, needing, calendarOf, basis.objectives.map((o) => o.id), substitute?.rejudgeClocks);

  const out: PeriodCompliance[] = judged.map(({ period, revision, objectives }) => {
    if (!revision) return { ...period, revision: null, status: 'NO_DATA', objectives: [], credit: null, violations: [], monitorShare: null };
    const maintenance = maintenanceOf(revision);
    const results = objectives.map((objective) => judge(objective, { period, now, maintenance, revisionObjectives: objectives, calendar: calendarOf(objective), figures: figures.of(period, objective) }));
    const terms = revision.terms as unknown as RevisionTerms;
    const credit = terms.creditPolicy ? creditFor(terms, results, period, now) : null;
    const status: ComplianceStatus = results.some((r) => r.status === 'BREACHED') ? 'BREACHED' : results.some((r) => r.status === 'MET') ? 'MET' : 'NO_DATA';
    const violations = results.filter((r) => r.status === 'BREACHED').map((r) => violationOf(r, credit));
    return { ...period, revision, status, objectives: results, credit, violations, monitorShare: monitorShare(monitorOf(revision), figures.ratioOf(period)) };
  });
  const latest = [...out].reverse().find((p) => p.revision)?.revision;
  const n = latest ? ((latest.terms as unknown as RevisionTerms).creditPolicy?.terminationAfterConsecutiveBreaches ?? null) : null;
  const ended = out.filter((p) => p.status !== 'NO_DATA' && p.end <= now);
  return {
    agreementId,
    periods: out,
    terminationRight: n == null ? null : terminationRight(ended.map((p) => (p.status === 'BREACHED' ? 'BREACHED' : 'MET')), n),
  };
}

interface JudgedPeriod {
  period: Period;
  revision: AgreementRevisionEntity | null;
  objectives: ObjectiveEntity[];
  /** A substitute judges it in place of another revision (what-if): its clocks are judged again. */
  replaced: boolean;
}

/** What one objective of one period is judged on. */
interface ObjectiveFigures {
  clocks: ClockCountRow[];
  /** Availability: the window its downtime was read for (its covered time) and that downtime. */
  downtime: { window: DowntimeWindow; row: DowntimeRow } | null;
  ratio: RatioTotals;
  survey: SurveyTotals;
}

/**
 * Reads every figure the periods need, one statement per kind, one after the other: the snapshot
 * is one connection, which runs one statement at a time anyway (pg deprecates queueing a query on
 * a client that is busy).
 */
async function readFigures(
  ctx: RequestContext,
  scope: FigureScope,
  timeZone: string,
  needing: (metrics: readonly Metric[]) => JudgedPeriod[],
  calendarOf: (o: ObjectiveEntity) => BusinessCalendarEntity | null,
  agreementObjectiveIds: string[],
  rejudge?: SubstituteRevision['rejudgeClocks'],
): Promise<{ of: (period: Period, objective: ObjectiveEntity) => ObjectiveFigures; ratioOf: (period: Period) => RatioTotals }> {
  const timed = needing(TIME_METRICS);
  const clocks = timed.length ? await clockFigures(ctx, scope, timed, agreementObjectiveIds, rejudge) : [];
  // One downtime window per availability objective of a period: its calendar's hours and its revision's maintenance allowance.
  const windows: { period: Period; objective: ObjectiveEntity; window: DowntimeWindow }[] = needing([Metric.AVAILABILITY]).flatMap(({ period, revision, objectives }) => {
    const allowance = maintenanceOf(revision!);
    return objectives
      .filter((o) => o.metric === Metric.AVAILABILITY)
      .map((objective) => ({
        period,
        objective,
        window: { ...period, covered: openIntervals(calendarOf(objective), period.start, period.end), noticeSeconds: allowance?.noticeSeconds ?? null, capSeconds: allowance?.capSeconds ?? null, months: monthsParams(period, timeZone) },
      }));
  });
  const downtime = await downtimeByWindow(ctx, scope, windows.map((w) => w.window));
  const ratioPeriods = needing([Metric.RATIO]);
  const ratios = await ratioTotalsByPeriod(ctx, scope, ratioPeriods.map((j) => j.period), ratioPeriods.map((j) => monitorOf(j.revision!)));
  const surveyPeriods = needing([Metric.SATISFACTION]);
  const surveys = await surveyTotalsByPeriod(ctx, scope, surveyPeriods.map((j) => j.period));
  const none = { ratio: { good: 0, total: 0, monitored: 0 }, survey: { responses: 0, scoreSum: 0, satisfied: 0 } };
  return {
    ratioOf: (period) => ratios[ratioPeriods.findIndex((j) => j.period === period)] ?? none.ratio,
    of: (period, objective) => {
      const at = (list: JudgedPeriod[]) => list.findIndex((j) => j.period === period);
      const w = windows.findIndex((x) => x.period === period && x.objective === objective);
      return {
        clocks: clocks[at(timed)] ?? [],
        downtime: w >= 0 ? { window: windows[w].window, row: downtime[w] } : null,
        ratio: ratios[at(ratioPeriods)] ?? none.ratio,
        survey: surveys[at(surveyPeriods)] ?? none.survey,
      };
    },
  };
}

/**
 * The clock counts of each period (by position in `timed`): as recorded (clockCountsSql), except
 * in the periods a substitute judges in place of another revision, whose clocks (the same ones,
 * read one by one) are judged again by `rejudge` when they were judged against one of the
 * agreement's own objectives (one judged against another level's objective, or planned before
 * the choice was stored, keeps its verdict), then counted the same way (countClocks).
 */
async function clockFigures(
  ctx: RequestContext,
  scope: FigureScope,
  timed: JudgedPeriod[],
  agreementObjectiveIds: string[],
  rejudge?: SubstituteRevision['rejudgeClocks'],
): Promise<ClockCountRow[][]> {
  const again = rejudge && !scope.supporting ? timed.filter((j) => j.replaced) : [];
  const recorded = timed.filter((j) => !again.includes(j));
  const counts = await clockCountsByPeriod(ctx, scope, recorded.map((j) => j.period), agreementObjectiveIds);
  const clocks = await countedClocksByPeriod(ctx, scope, again.map((j) => j.period), agreementObjectiveIds);
  const own = new Set(agreementObjectiveIds);
  const mine = (c: CountedClock) => c.objective_id !== null && own.has(c.objective_id);
  const asked = clocks.flat().filter(mine);
  const answers = asked.length ? await rejudge!(ctx, asked) : [];
  const judgedAgain = new Map(asked.map((c, i) => [c, answers[i]]));
  return timed.map((j) => {
    const a = again.indexOf(j);
    if (a < 0) return counts[recorded.indexOf(j)] ?? [];
    return countClocks(clocks[a].map((c) => judgedAgain.get(c) ?? c));
  });
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
  if (row.objective_id !== null && revisionObjectives.some((o) => o.id === row.objective_id)) return row.objective_id === objective.id;
  if (objective.conditions) return false;
  return appliesToPriority(objective, row.priority, revisionObjectives.filter((o) => !o.conditions));
}

/** Judges one objective over one period from the figures read for it. */
function judge(objective: ObjectiveEntity, scope: ObjectiveScope): ObjectiveCompliance {
  const { period, now, figures } = scope;
  const base = { objective, budget: null, clocksMet: 0, clocksBreached: 0, breachedIncidentIds: [] as string[] };
  if (objective.metric === Metric.AVAILABILITY) {
    const { window, row } = figures.downtime!;
    const covered = window.covered;
    const elapsed = openIntervals(scope.calendar, period.start, new Date(Math.min(period.end.getTime(), now.getTime())));
    const bad = Number(row.outage_ms) + (Number(row.degraded_ms) * objective.degradedWeightPercent) / 100;
    const budget = timeErrorBudget({ targetPercent: objective.target ?? 100, windowMs: span(covered), badMs: bad, elapsedMs: span(elapsed) });
    const maintenance = scope.maintenance && maintenanceFigures(scope.maintenance, row);
    return { ...base, budget, maintenance, status: budget.noData ? 'NO_DATA' : budget.budgetExceeded ? 'BREACHED' : 'MET', attainedPercent: budget.attainedPercent };
  }
  if (objective.metric === Metric.RATIO) {
    const budget = eventErrorBudget({ targetPercent: objective.target ?? 100, totalEvents: figures.ratio.total, goodEvents: figures.ratio.good });
    return { ...base, budget, status: budget.noData ? 'NO_DATA' : budget.budgetExceeded ? 'BREACHED' : 'MET', attainedPercent: budget.attainedPercent };
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
function inForce(signed: AgreementRevisionEntity[], at: Date): AgreementRevisionEntity | null {
  return signed.find((r) => isInForceAt(r, at)) ?? null;
}

/** The third-party monitor the revision's terms name as data source, if any. */
function monitorOf(revision: AgreementRevisionEntity): string | null {
  return (revision.terms as unknown as RevisionTerms).measurement?.monitor ?? null;
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
