import { In } from 'typeorm';
import { Metric, TIME_METRICS } from '../../common/agreement-enums';
import { NotFoundError, UserError } from '../../common/errors';
import { BusinessCalendarEntity } from '../../db/entities/business-calendar.entity';
import { AgreementRevisionEntity } from '../../db/entities/agreement-revision.entity';
import { type ObjectiveEntity } from '../../db/entities/objective.entity';
import { ProviderEntity } from '../../db/entities/provider.entity';
import { type RequestContext } from '../../context/request-context';
import { withSnapshot } from '../../context/transaction';
import { findByIds as findAgreements } from '../agreements/agreement.service';
import { customerScope } from '../shared/customer-scope';
import { instantBefore, isInForceAt } from '../agreements/in-force';
import { appliesToPriority } from '../agreements/objective-priority';
import { SIGNED_STATES } from '../agreements/revision-lifecycle';
import { objectivesOfRevisions } from '../agreements/revision-store';
import { type RevisionTerms } from '../agreements/terms';
import { openIntervals } from '../calendars/business-hours';
import { type BreachedClock, type CreditCalculation, calculateCredit, type ObjectiveAttainment } from './credits';
import { clockCountsSql, downtimeOfWindowsSql, RATIO_SQL } from './downtime.sql';
import { type ErrorBudget, eventErrorBudget, timeErrorBudget } from './error-budget';
import { type Granularity, type Period, periodsBetween } from './periods';
import { type Violation, violationOf } from './violations';
import { judgeSatisfaction, type SatisfactionAttainment, SCALE } from './satisfaction';
import { SATISFACTION_SQL } from './satisfaction.sql';
import { type MaintenanceAllowance, maintenanceAllowance, type MaintenanceFigures, maintenanceFigures, monthsParams } from './maintenance-allowance';
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
}

export interface ComplianceReport {
  agreementId: string;
  periods: PeriodCompliance[];
  terminationRight: TerminationRight | null;
}

const multirange = (intervals: { start: Date; end: Date }[]) => `{${intervals.map((i) => `[${i.start.toISOString()},${i.end.toISOString()})`).join(',')}}`;
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

async function reportFrom(ctx: RequestContext, agreementId: string, from: Date, to: Date, granularity: Granularity): Promise<ComplianceReport | null> {
  const [agreement] = await findAgreements(ctx, [agreementId]);
  if (!agreement) return null;
  const provider = await ctx.em.getRepository(ProviderEntity).findOneByOrFail({ id: agreement.providerId });
  const periods = periodsBetween(from, to, granularity, provider.timeZone);
  if (periods.length === 0) throw new NotFoundError('A period between `from` and `to`', ['from']);
  const now = ctx.now;
  // Customer users see their own customer's share of an agreement that covers many.
  const onlyCustomer = customerScope(ctx.caller);
  // What every period needs is read once: the signed revisions with their objectives, the
  // calendars they name, the ids of all the agreement's objectives; then one downtime and one
  // clock statement for all periods (and a statement a period for ratio and satisfaction objectives).
  const signed = await signedRevisionsOf(ctx, agreementId);
  const objectivesByRevision = new Map<string, ObjectiveEntity[]>(signed.map((r) => [r.id, []]));
  for (const o of await objectivesOfRevisions(ctx, signed.map((r) => r.id))) objectivesByRevision.get(o.revisionId)?.push(o);
  const calendarIds = [...new Set([...objectivesByRevision.values()].flat().map((o) => o.calendarId).filter((id): id is string => id !== null))];
  const calendars = new Map((calendarIds.length ? await ctx.em.getRepository(BusinessCalendarEntity).findBy({ id: In(calendarIds) }) : []).map((c) => [c.id, c]));
  const namesCustomer = agreement.customerId !== null;
  // The revision each period is judged against: in force at its last instant (up to now), else at its start.
  const judgedBy = periods.map((period) => {
    const lastInstant = instantBefore(new Date(Math.min(period.end.getTime(), now.getTime())));
    const revision = inForce(signed, lastInstant) ?? inForce(signed, period.start);
    return { period, revision, objectives: revision ? (objectivesByRevision.get(revision.id) ?? []) : [] };
  });
  // One downtime statement for every (period, availability objective), one clock statement for every period.
  const windows = judgedBy.flatMap(({ period, revision, objectives }, p) =>
    objectives
      .filter((o) => o.metric === Metric.AVAILABILITY)
      .map((o) => downtimeWindow(`${p}:${o.id}`, period, revision && maintenanceOf(revision), calendars.get(o.calendarId ?? '') ?? null, provider.timeZone)),
  );
  const downtime = await downtimeOf(ctx, namesCustomer, { agreementId, providerId: agreement.providerId, now, onlyCustomer }, windows);
  const clockRows = judgedBy.some(({ objectives }) => objectives.some((o) => TIME_METRICS.includes(o.metric)))
    ? await clockCountsOf(ctx, namesCustomer, { agreementId, providerId: agreement.providerId, onlyCustomer }, periods, await agreementObjectiveIds(ctx, agreementId))
    : new Map<number, ClockRow[]>();
  const judgePeriod = async ({ period, revision, objectives }: (typeof judgedBy)[number], p: number): Promise<PeriodCompliance> => {
    if (!revision) return { ...period, revision: null, status: 'NO_DATA', objectives: [], credit: null, violations: [] };
    const results: ObjectiveCompliance[] = [];
    const scope = { agreementId, providerId: agreement.providerId, namesCustomer, onlyCustomer, period, now, clockRows: clockRows.get(p) ?? [], maintenance: maintenanceOf(revision), timeZone: provider.timeZone, revisionObjectives: objectives };
    for (const objective of objectives) {
      results.push(await judge(ctx, scope, objective, calendars.get(objective.calendarId ?? '') ?? null, downtime.get(`${p}:${objective.id}`)));
    }
    const terms = revision.terms as unknown as RevisionTerms;
    const credit = terms.creditPolicy ? creditFor(terms, results, period, now) : null;
    const status: ComplianceStatus = results.some((r) => r.status === 'BREACHED') ? 'BREACHED' : results.some((r) => r.status === 'MET') ? 'MET' : 'NO_DATA';
    const violations = results.filter((r) => r.status === 'BREACHED').map((r) => violationOf(r, credit));
    return { ...period, revision, status, objectives: results, credit, violations };
  };
  // One period after the other: the snapshot is one connection, which runs one statement at a
  // time anyway (pg deprecates queueing a query on a client that is busy).
  const out: PeriodCompliance[] = [];
  for (const [p, judged] of judgedBy.entries()) out.push(await judgePeriod(judged, p));
  const latest = [...out].reverse().find((p) => p.revision)?.revision;
  const n = latest ? ((latest.terms as unknown as RevisionTerms).creditPolicy?.terminationAfterConsecutiveBreaches ?? null) : null;
  const judged = out.filter((p) => p.status !== 'NO_DATA' && p.end <= now);
  return {
    agreementId,
    periods: out,
    terminationRight: n == null ? null : terminationRight(judged.map((p) => (p.status === 'BREACHED' ? 'BREACHED' : 'MET')), n),
  };
}

interface ClockRow {
  metric: string;
  priority: string;
  met: number;
  breached: number;
  breached_incidents: string[];
}

/** downtimeOfWindowsSql's row of one window (maintenance figures as MAINTENANCE_COLUMNS names them). */
type DowntimeRow = { outage_ms: string; degraded_ms: string } & Parameters<typeof maintenanceFigures>[1];

interface DowntimeWindow {
  key: string;
  s: string;
  e: string;
  covered: string;
  notice: number | null;
  cap: number | null;
  month_starts: string[];
  month_ends: string[];
}

/** One window of the downtime statement: a period, counted in the objective's business hours, with the maintenance its revision excuses. */
function downtimeWindow(key: string, period: Period, maintenance: MaintenanceAllowance | null, calendar: BusinessCalendarEntity | null, timeZone: string): DowntimeWindow {
  const [starts, ends] = monthsParams(period, timeZone);
  return {
    key,
    s: period.start.toISOString(),
    e: period.end.toISOString(),
    covered: multirange(openIntervals(calendar, period.start, period.end)),
    notice: maintenance?.noticeSeconds ?? null,
    cap: maintenance?.capSeconds ?? null,
    month_starts: starts,
    month_ends: ends,
  };
}

/** The downtime of each window, by key: one statement. */
async function downtimeOf(
  ctx: RequestContext,
  namesCustomer: boolean,
  q: { agreementId: string; providerId: string; now: Date; onlyCustomer: string | null },
  windows: DowntimeWindow[],
): Promise<Map<string, DowntimeRow>> {
  if (windows.length === 0) return new Map();
  const jobs = JSON.stringify(windows.map((w, idx) => ({ ...w, idx })));
  const rows: (DowntimeRow & { idx: number })[] = await ctx.em.query(downtimeOfWindowsSql(namesCustomer), [q.agreementId, q.providerId, jobs, q.now, q.onlyCustomer]);
  return new Map(rows.map((r) => [windows[r.idx].key, r]));
}

/** The clocks met and breached of each period (by index), per metric and priority: one statement. */
async function clockCountsOf(
  ctx: RequestContext,
  namesCustomer: boolean,
  q: { agreementId: string; providerId: string; onlyCustomer: string | null },
  periods: Period[],
  objectiveIds: string[],
): Promise<Map<number, ClockRow[]>> {
  const from = new Date(Math.min(...periods.map((p) => p.start.getTime())));
  const to = new Date(Math.max(...periods.map((p) => p.end.getTime())));
  const rows: (ClockRow & { idx: number })[] = await ctx.em.query(clockCountsSql(namesCustomer), [
    q.agreementId, q.providerId, from, to, q.onlyCustomer, objectiveIds, periods.map((p) => p.start), periods.map((p) => p.end),
  ]);
  const out = new Map<number, ClockRow[]>();
  for (const { idx, ...row } of rows) out.set(idx - 1, [...(out.get(idx - 1) ?? []), row]);
  return out;
}

interface PeriodScope {
  agreementId: string;
  providerId: string;
  namesCustomer: boolean;
  onlyCustomer: string | null;
  period: Period;
  now: Date;
  clockRows: ClockRow[];
  maintenance: MaintenanceAllowance | null;
  /** The provider's: maintenance caps are per calendar month in it. */
  timeZone: string;
  revisionObjectives: ObjectiveEntity[];
}

async function judge(ctx: RequestContext, scope: PeriodScope, objective: ObjectiveEntity, calendar: BusinessCalendarEntity | null, downtime: DowntimeRow | undefined): Promise<ObjectiveCompliance> {
  const { agreementId, providerId, period, now, clockRows } = scope;
  const base = { objective, budget: null, clocksMet: 0, clocksBreached: 0, breachedIncidentIds: [] as string[] };
  if (objective.metric === Metric.AVAILABILITY) {
    const covered = openIntervals(calendar, period.start, period.end);
    const elapsed = openIntervals(calendar, period.start, new Date(Math.min(period.end.getTime(), now.getTime())));
    if (!downtime) throw new Error('The downtime of every availability objective of a period is read with the report.');
    const row = downtime;
    const bad = Number(row.outage_ms) + (Number(row.degraded_ms) * objective.degradedWeightPercent) / 100;
    const budget = timeErrorBudget({ targetPercent: objective.target ?? 100, windowMs: span(covered), badMs: bad, elapsedMs: span(elapsed) });
    const maintenance = scope.maintenance && maintenanceFigures(scope.maintenance, row);
    return { ...base, budget, maintenance, status: budget.noData ? 'NO_DATA' : budget.budgetExceeded ? 'BREACHED' : 'MET', attainedPercent: budget.attainedPercent };
  }
  if (objective.metric === Metric.RATIO) {
    const ids: { id: string }[] = await ctx.em.query(
      `SELECT o.id FROM objective o JOIN agreement_revision r ON r.id = o.revision_id WHERE r.agreement_id = $1 AND o.metric = 'RATIO'`,
      [agreementId],
    );
    const rows: { good: string; total: string }[] = await ctx.em.query(RATIO_SQL, [providerId, ids.map((x) => x.id), period.start, period.end]);
    const good = rows.reduce((s, r) => s + Number(r.good), 0);
    const total = rows.reduce((s, r) => s + Number(r.total), 0);
    const budget = eventErrorBudget({ targetPercent: objective.target ?? 100, totalEvents: total, goodEvents: good });
    return { ...base, budget, status: budget.noData ? 'NO_DATA' : budget.budgetExceeded ? 'BREACHED' : 'MET', attainedPercent: budget.attainedPercent };
  }
  if (objective.metric === Metric.SATISFACTION) {
    const [row]: { responses: number; score_sum: string; satisfied: number }[] = await ctx.em.query(SATISFACTION_SQL, [providerId, agreementId, period.start, period.end, SCALE.satisfiedFrom]);
    const satisfaction = judgeSatisfaction(objective.target ?? SCALE.max, { responses: Number(row.responses), scoreSum: Number(row.score_sum), satisfied: Number(row.satisfied) });
    return { ...base, status: satisfaction.status, attainedPercent: satisfaction.satisfiedPercent, satisfaction };
  }
  if (TIME_METRICS.includes(objective.metric)) {
    // A priority-less objective judges the priorities that have no objective of their own.
    const mine = clockRows.filter((r) => r.metric === objective.metric && appliesToPriority(objective, r.priority, scope.revisionObjectives));
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

/** The revisions of the agreement that were signed (APPROVED, ACTIVE, SUPERSEDED), in number order. */
async function signedRevisionsOf(ctx: RequestContext, agreementId: string): Promise<AgreementRevisionEntity[]> {
  return ctx.em.getRepository(AgreementRevisionEntity).find({ where: { agreementId, state: In([...SIGNED_STATES]) }, order: { number: 'ASC' } });
}

/** The revision among `signed` in force at `at`. */
function inForce(signed: AgreementRevisionEntity[], at: Date): AgreementRevisionEntity | null {
  return signed.find((r) => isInForceAt(r, at)) ?? null;
}

/** Every objective of every revision of the agreement: the clocks judged against it carry one of these. */
async function agreementObjectiveIds(ctx: RequestContext, agreementId: string): Promise<string[]> {
  const rows: { id: string }[] = await ctx.em.query('SELECT o.id FROM objective o JOIN agreement_revision r ON r.id = o.revision_id WHERE r.agreement_id = $1', [agreementId]);
  return rows.map((r) => r.id);
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
