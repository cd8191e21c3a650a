import { Metric, TIME_METRICS } from '../../common/agreement-enums';
import { NotFoundError, UserError } from '../../common/errors';
import { type AgreementRevisionEntity } from '../../db/entities/agreement-revision.entity';
import { type ObjectiveEntity } from '../../db/entities/objective.entity';
import { type RequestContext } from '../../context/request-context';
import { withSnapshot } from '../../context/transaction';
import { type RevisionTerms } from '../agreements/terms';
import { type BreachedClock, type CreditCalculation, calculateCredit, type ObjectiveAttainment } from './credits';
import { type Granularity, type LabelledPeriod, type Period, periodsBetween, SETTLING_GRANULARITIES } from './periods';
import { budgetWindowAt, isRolling, rollingLabel, rollingWindow, sliceMs } from './objective-window';
import { type Violation, violationOf } from './violations';
import { readReportBasis } from './report-basis';
import { type TerminationRight, terminationRight } from './termination-right';
import { type MonitorShare } from './monitor-share';
import { type ComplianceStatus, inForce, judgeOf, type JudgedWindow, judgeWindows, judging, type ObjectiveCompliance, type SubstituteRevision, type WindowStanding } from './window-judgement';

export type { ComplianceStatus, ObjectiveCompliance, SliceFigures, SubstituteRevision, WindowStanding } from './window-judgement';

export interface PeriodCompliance extends LabelledPeriod {
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
  /** The provider's: periods are its days, weeks, months; their bounds are shown in it. */
  timeZone: string;
  granularity: Granularity;
  periods: PeriodCompliance[];
  terminationRight: TerminationRight | null;
}

export interface ReportOptions {
  /** Give objectives over a rolling window their standing over the rolling window ending with each period (`rolling`). */
  rollingWindows?: boolean;
  /** What-if: this revision judges every period that a signed revision judged (complianceReplay). */
  substitute?: SubstituteRevision;
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

/**
 * The compliance report of an agreement as `substitute` would have produced it: the same
 * computation as complianceReport (each rule in one place), with `substitute` judging each period
 * that a signed revision judged. The caller holds a snapshot (reads that must agree share one).
 */
export async function complianceReplay(ctx: RequestContext, agreementId: string, from: Date, to: Date, granularity: Granularity, substitute: SubstituteRevision): Promise<ComplianceReport | null> {
  if (to <= from) throw new UserError('INVALID_INPUT', '`to` must be after `from`.', ['to']);
  return reportFrom(ctx, agreementId, from, to, granularity, { substitute });
}

async function reportFrom(ctx: RequestContext, agreementId: string, from: Date, to: Date, granularity: Granularity, options: ReportOptions): Promise<ComplianceReport | null> {
  // What every period needs is read once, in one statement: the agreement, its signed revisions
  // with their objectives, the calendars they name; then one statement per kind of figure for all the periods.
  const basis = await readReportBasis(ctx, agreementId);
  if (!basis) return null;
  const periods = periodsBetween(from, to, granularity, basis.timeZone);
  if (periods.length === 0) throw new NotFoundError('A period between `from` and `to`', ['from']);
  const now = ctx.now;
  const { substitute } = options;
  const j = judging(ctx, basis, agreementId, substitute);

  // The revision in force at the period's end (else at its start) judges it; a substitute judges in its place.
  const judged = periods.map((period): JudgedWindow => {
    const inForceRevision = judgeOf(j, period, now);
    if (inForceRevision && substitute) {
      return { period, revision: substitute.revision, objectives: substitute.objectives, revisionObjectives: substitute.objectives, replaced: substitute.revision.id !== inForceRevision.id };
    }
    const objectives = j.objectivesOf(inForceRevision);
    return { period, revision: inForceRevision, objectives, revisionObjectives: objectives };
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
  const judgement = await judgeWindows(ctx, j, [...judged, ...extra]);
  const results = judgement.objectives;

  const settles = SETTLING_GRANULARITIES.includes(granularity);
  const out: PeriodCompliance[] = judged.map((w, i) => {
    const { period, revision } = w;
    const label = periods[i].label;
    if (!revision) return { ...period, label, revision: null, status: 'NO_DATA', objectives: [], credit: null, violations: [], monitorShare: null };
    const objectives = results.get(w)!.map((r) => {
      const roll = rolling.get(w)?.get(r.objective);
      return roll ? { ...r, rolling: { window: roll.window, standing: results.get(roll.judged)![0] } } : options.rollingWindows && isRolling(r.objective) ? { ...r, rolling: null } : r;
    });
    const terms = revision.terms as unknown as RevisionTerms;
    const credit = settles && terms.creditPolicy ? creditFor(terms, objectives, period, now) : null;
    const status: ComplianceStatus = objectives.some((r) => r.status === 'BREACHED') ? 'BREACHED' : objectives.some((r) => r.status === 'MET') ? 'MET' : 'NO_DATA';
    const violations = objectives.filter((r) => r.status === 'BREACHED').map((r) => violationOf(r, credit));
    return { ...period, label, revision, status, objectives, credit, violations, monitorShare: judgement.monitorShare(w) };
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
    const results = (await judgeWindows(snapshot, j, judged)).objectives;
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
    const results = (await judgeWindows(snapshot, j, each.map((e) => e.judged))).objectives;
    return { revision, timeZone: basis.timeZone, windows: each.map((e) => ({ objective: e.objective, window: e.window, standing: results.get(e.judged)![0] })) };
  });
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
