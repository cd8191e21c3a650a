import { Metric, WindowKind } from '../../common/agreement-enums';
import { EventType } from '../../common/event-types';
import { toGlobalId } from '../../common/global-id';
import { Role } from '../../common/roles';
import { type RequestContext } from '../../context/request-context';
import { withTransaction } from '../../context/transaction';
import { type AgreementRevisionEntity } from '../../db/entities/agreement-revision.entity';
import { type ObjectiveEntity } from '../../db/entities/objective.entity';
import { burnPairKey, burnRateAlertsOf, MAX_BURN_WINDOW_SECONDS } from '../agreements/burn-alert-terms';
import { AgreementRoles } from '../agreements/agreement-roles';
import { isInForceAt } from '../agreements/in-force';
import { type RevisionTerms } from '../agreements/terms';
import { openIntervals } from '../calendars/business-hours';
import { publish } from '../events/domain-events';
import { raiseEvent } from '../events/event.service';
import { requireRole } from '../shared/access';
import { customerScope, inCustomerScopeSql } from '../shared/customer-scope';
import { nestedPages } from '../shared/nested-pages';
import { type Page, type PageRequest } from '../shared/pagination';
import { durationSeconds } from '../shared/iso-duration';
import { BurnAlertRaised, BurnAlertResolved } from './compliance.domain-events';
import { type BurnRate, burnThreshold, episodeStep, eventBurnRate, nextEvaluationAt, pairFires, storedDecimal, timeBurnRate, weightedBadMs } from './burn-rate';
import { Dec } from './decimal';
import {
  AFFECTED_AGREEMENTS_SQL,
  AGREEMENTS_TO_CATCH_UP_SQL,
  BURN_ALERT_COLUMNS,
  burnAlertOf,
  type BurnAlertRow,
  IMPACT_ONGOING_SQL,
  OPEN_EPISODE_SQL,
  OPEN_EPISODES_SQL,
  RESOLVE_EPISODE_SQL,
  returnedRows,
} from './burn-rate.sql';
import { maintenanceAllowance, monthsParams } from './maintenance-allowance';
import { type DowntimeWindow, downtimeByWindow, type FigureScope, ratioTotalsByPeriod } from './period-figures';
import { type Period, periodsBetween } from './periods';
import { readReportBasis } from './report-basis';

/**
 * Multi-window burn-rate alerts: each evaluation of an agreement (a durable job, `budget.burn-evaluate`)
 * reads the burn rates of every window its policy names, for each availability and ratio objective
 * of the revision in force, and opens or resolves episodes (burn_alert): one per objective and pair
 * while it burns, raised once (`budget.burn_alert.raised`, BurnAlertRaised for escalations) and
 * resolved once (`budget.burn_alert.resolved`) when the pair no longer fires. Evaluations run on a
 * one-minute grid: a change of data asks for the next grid instant (debounced: one job per agreement
 * and instant, whoever asks), and an evaluation asks for the next one while an episode is open or
 * something may be burning; at start, agreements whose chain may have been lost are caught up.
 */

/** The budget's figures are read as the provider's own system user (as the scheduler reads compliance). */
function asProviderSystem(tx: RequestContext, providerId: string): RequestContext {
  return tx.actingAs({ kind: 'USER', id: 'system', name: 'Scheduler', providerId, roles: [Role.PROVIDER_ADMIN], customerId: null });
}

const BURN_METRICS: readonly Metric[] = [Metric.AVAILABILITY, Metric.RATIO];

/** The period an objective's budget is counted over at `at`: its calendar month, quarter or year, or the last N days of a rolling window. */
export function budgetPeriodAt(objective: Pick<ObjectiveEntity, 'windowKind' | 'windowDays'>, at: Date, timeZone: string): Period {
  if (objective.windowKind === WindowKind.ROLLING_DAYS && objective.windowDays) return { start: new Date(at.getTime() - objective.windowDays * 86_400_000), end: at };
  const granularity = objective.windowKind === WindowKind.CALENDAR_QUARTER ? 'QUARTER' : objective.windowKind === WindowKind.CALENDAR_YEAR ? 'YEAR' : 'MONTH';
  return periodsBetween(at, new Date(at.getTime() + 1), granularity, timeZone)[0];
}

const span = (intervals: { start: Date; end: Date }[]) => intervals.reduce((ms, i) => ms + (i.end.getTime() - i.start.getTime()), 0);

interface PairSpec {
  key: string;
  budgetPercent: number;
  longMs: number;
  shortMs: number;
}

/** What one evaluation found for one objective and pair. */
export interface PairReading {
  objective: ObjectiveEntity;
  pair: PairSpec;
  period: Period;
  threshold: string;
  long: BurnRate;
  short: BurnRate;
  fires: boolean;
}

export interface BurnEvaluation {
  raised: BurnAlertRow[];
  resolved: BurnAlertRow[];
  /** When the agreement is evaluated next by the chain; null: when data changes. */
  next: Date | null;
}

/**
 * Evaluates the burn-rate alerts of one agreement at the unit of work's instant, in one transaction
 * that holds the agreement's row (FOR NO KEY UPDATE: reports and measurements go on), so that two
 * evaluations of one agreement take turns. Safe to run any number of times: an episode opens only
 * where none is open (unique index) and resolves once.
 */
export async function evaluateBurnAlerts(ctx: RequestContext, agreementId: string): Promise<BurnEvaluation> {
  return withTransaction(ctx, async (tx) => {
    const [agreement]: { id: string; provider_id: string; customer_id: string | null; status: string }[] = await tx.em.query(
      `SELECT id, provider_id, customer_id, status FROM agreement WHERE id = $1 FOR NO KEY UPDATE`,
      [agreementId],
    );
    if (!agreement) return { raised: [], resolved: [], next: null };
    const now = tx.now;
    const system = asProviderSystem(tx, agreement.provider_id);
    const open: BurnAlertRow[] = ((await tx.em.query(OPEN_EPISODES_SQL, [agreementId])) as Record<string, unknown>[]).map(burnAlertOf);
    const readings = agreement.status === 'ACTIVE' ? await readBurnRates(system, agreementId, now) : { readings: [], revision: null, badInShortWindows: false, availability: false };
    const raised: BurnAlertRow[] = [];
    const resolved: BurnAlertRow[] = [];
    const openByKey = new Map(open.map((e) => [`${e.objectiveId}:${e.pairKey}`, e]));
    for (const r of readings.readings) {
      const key = `${r.objective.id}:${r.pair.key}`;
      const episode = openByKey.get(key);
      openByKey.delete(key);
      const step = episodeStep(r.fires, Boolean(episode));
      if (step === 'RAISE') {
        const [row] = returnedRows(await tx.em.query(OPEN_EPISODE_SQL, [
          agreement.provider_id, agreementId, agreement.customer_id, r.objective.revisionId, r.objective.id, r.pair.key, r.pair.budgetPercent,
          r.pair.longMs / 1000, r.pair.shortMs / 1000, r.threshold, r.period.start, r.period.end, now, storedDecimal(r.long.exact), storedDecimal(r.short.exact),
        ])).map(burnAlertOf);
        if (row) raised.push(row);
      } else if (step === 'RESOLVE') {
        const [row] = returnedRows(await tx.em.query(RESOLVE_EPISODE_SQL, [episode!.id, now, storedDecimal(r.short.exact)])).map(burnAlertOf);
        if (row) resolved.push(row);
      }
    }
    // Episodes nothing judges any more (the policy was switched off, the pair or objective left the terms, the agreement ended): over.
    for (const episode of openByKey.values()) {
      const [row] = returnedRows(await tx.em.query(RESOLVE_EPISODE_SQL, [episode.id, now, null])).map(burnAlertOf);
      if (row) resolved.push(row);
    }
    const policy = readings.revision ? (readings.revision.terms as unknown as RevisionTerms).escalationPolicy : null;
    for (const row of raised) {
      await raiseEvent(tx, burnAlertEvent(EventType.BUDGET_BURN_ALERT_RAISED, row, readings.readings));
      await publish(tx, BurnAlertRaised, { alert: row, escalationPolicy: policy });
    }
    for (const row of resolved) {
      await raiseEvent(tx, burnAlertEvent(EventType.BUDGET_BURN_ALERT_RESOLVED, row, readings.readings));
      await publish(tx, BurnAlertResolved, { alert: row, escalationPolicy: policy });
    }
    const stillOpen = open.length - resolved.length + raised.length > 0;
    const ongoing = readings.availability && !stillOpen && !readings.badInShortWindows ? await impactOngoing(tx, agreementId, now) : false;
    const next = stillOpen || readings.badInShortWindows || ongoing ? nextEvaluationAt(now) : null;
    if (next) await scheduleBurnEvaluation(tx, agreementId, next);
    return { raised, resolved, next };
  });
}

async function impactOngoing(tx: RequestContext, agreementId: string, now: Date): Promise<boolean> {
  const [row]: { ongoing: boolean }[] = await tx.em.query(IMPACT_ONGOING_SQL, [agreementId, now]);
  return Boolean(row?.ongoing);
}

/** The public event of an episode raised or resolved: what receivers see. */
function burnAlertEvent(type: EventType, row: BurnAlertRow, readings: PairReading[]): Parameters<typeof raiseEvent>[1] {
  const reading = readings.find((r) => r.objective.id === row.objectiveId && r.pair.key === row.pairKey);
  const objective = reading?.objective;
  return {
    type,
    providerId: row.providerId,
    customerId: row.customerId,
    agreementId: row.agreementId,
    subjectType: 'BurnRateAlert',
    subjectId: row.id,
    data: {
      burnRateAlert: toGlobalId('BurnRateAlert', row.id),
      agreement: toGlobalId('Agreement', row.agreementId),
      objective: toGlobalId('Objective', row.objectiveId),
      metric: objective?.metric ?? null,
      customer: row.customerId && toGlobalId('Customer', row.customerId),
      budgetPercent: Number(row.budgetPercent),
      longWindowSeconds: row.longWindowSeconds,
      shortWindowSeconds: row.shortWindowSeconds,
      threshold: row.threshold,
      longBurnRate: row.longBurnRate,
      shortBurnRate: type === EventType.BUDGET_BURN_ALERT_RESOLVED ? row.resolvedShortBurnRate : row.shortBurnRate,
      period: { start: row.periodStart.toISOString(), end: row.periodEnd.toISOString() },
      startedAt: row.startedAt.toISOString(),
      resolvedAt: row.resolvedAt?.toISOString() ?? null,
    },
  };
}

/**
 * The burn rates of every pair of the revision in force at `now`, for each of its availability and
 * ratio objectives (AT_LEAST with a target): the figures of every window in one statement per kind
 * (downtime, ratio events), by the error budget's own SQL. `badInShortWindows`: something bad lies
 * in some short window (the agreement may fire on time passing alone, and is evaluated again).
 */
export async function readBurnRates(
  ctx: RequestContext,
  agreementId: string,
  now: Date,
): Promise<{ readings: PairReading[]; revision: AgreementRevisionEntity | null; badInShortWindows: boolean; availability: boolean }> {
  const none = { readings: [], revision: null, badInShortWindows: false, availability: false };
  const basis = await readReportBasis(ctx, agreementId);
  if (!basis) return none;
  const at = new Date(now.getTime() - 1);
  const revision = basis.signed.find((r) => isInForceAt(r, at)) ?? null;
  if (!revision) return none;
  const terms = revision.terms as unknown as RevisionTerms;
  const policy = burnRateAlertsOf(terms);
  const objectives = basis.objectives.filter((o) => o.revisionId === revision.id && BURN_METRICS.includes(o.metric) && o.comparator === 'AT_LEAST');
  if (!policy.enabled || objectives.length === 0) return { ...none, revision };
  const pairs: PairSpec[] = policy.pairs.map((p) => ({ key: burnPairKey(p), budgetPercent: p.budgetPercent, longMs: durationSeconds(p.longWindow)! * 1000, shortMs: durationSeconds(p.shortWindow)! * 1000 }));
  // Every window length the pairs name, longest first: the figures are read for [now - length, now).
  const lengths = [...new Set(pairs.flatMap((p) => [p.longMs, p.shortMs]))].sort((a, b) => b - a);
  const windows: Period[] = lengths.map((ms) => ({ start: new Date(now.getTime() - ms), end: now }));
  const scope: FigureScope = { agreementId, providerId: basis.agreement.providerId, namesCustomer: basis.agreement.customerId !== null, onlyCustomer: null, now };
  const calendarOf = (o: ObjectiveEntity) => basis.calendars.get(o.calendarId ?? '') ?? null;
  const allowance = maintenanceAllowance(terms.exclusions?.maintenanceWindows ?? []);

  const availability = objectives.filter((o) => o.metric === Metric.AVAILABILITY);
  const downtimeWindows: DowntimeWindow[] = availability.flatMap((o) =>
    windows.map((w) => ({ ...w, covered: openIntervals(calendarOf(o), w.start, w.end), noticeSeconds: allowance?.noticeSeconds ?? null, capSeconds: allowance?.capSeconds ?? null, months: monthsParams(w, basis.timeZone), slice: null })),
  );
  // downtimeByWindow reads from its first window's start: the longest windows come first.
  const order = downtimeWindows.map((_, i) => i).sort((a, b) => downtimeWindows[a].start.getTime() - downtimeWindows[b].start.getTime());
  const sortedRows = await downtimeByWindow(ctx, scope, order.map((i) => downtimeWindows[i]));
  const downtime = new Array<(typeof sortedRows)[number]>(downtimeWindows.length);
  order.forEach((i, k) => (downtime[i] = sortedRows[k]));
  const ratios = objectives.some((o) => o.metric === Metric.RATIO) ? await ratioTotalsByPeriod(ctx, scope, windows, windows.map(() => null)) : [];

  const readings: PairReading[] = [];
  let badInShortWindows = false;
  const shortLengths = new Set(pairs.map((p) => p.shortMs));
  for (const objective of objectives) {
    const period = budgetPeriodAt(objective, now, basis.timeZone);
    const periodMs = period.end.getTime() - period.start.getTime();
    let covered: number | null = null;
    const coveredPeriodMs = () => (covered ??= span(openIntervals(calendarOf(objective), period.start, period.end)));
    const rateOf = (lengthMs: number): BurnRate => {
      const w = lengths.indexOf(lengthMs);
      if (objective.metric === Metric.AVAILABILITY) {
        const row = downtime[availability.indexOf(objective) * windows.length + w];
        const bad = weightedBadMs(row.outage_ms, row.degraded_ms, objective.degradedWeightPercent);
        if (bad.greaterThan(0) && shortLengths.has(lengthMs)) badInShortWindows = true;
        return timeBurnRate({ badMs: Dec.min(bad, lengthMs), windowMs: lengthMs, targetPercent: objective.target ?? 100, coveredPeriodMs: coveredPeriodMs(), periodMs });
      }
      const { good, total } = ratios[w];
      if (total > good && shortLengths.has(lengthMs)) badInShortWindows = true;
      return eventBurnRate({ targetPercent: objective.target ?? 100, total, good });
    };
    for (const pair of pairs) {
      const threshold = burnThreshold(pair.budgetPercent, periodMs, pair.longMs);
      const long = rateOf(pair.longMs);
      const short = rateOf(pair.shortMs);
      readings.push({ objective, pair, period, threshold: storedDecimal(threshold)!, long, short, fires: pairFires(long, short, threshold) });
    }
  }
  return { readings, revision, badInShortWindows, availability: availability.length > 0 };
}

/** Asks for an evaluation of the agreement at `at` (one per agreement and instant, whoever asks). */
export async function scheduleBurnEvaluation(tx: RequestContext, agreementId: string, at: Date): Promise<void> {
  await tx.db.jobs.schedule(tx, 'budget.burn-evaluate', { agreementId }, at, { singletonKey: `${agreementId}:${at.toISOString()}` });
}

/**
 * Data an error budget counts changed (an incident with an impact, measurements): the agreements it
 * may set burning are evaluated at the next grid instant, in one job for the change (debounced: the
 * same services or objectives within one step ask once). In the change's transaction.
 */
export async function tellBurnDataChanged(tx: RequestContext, change: { providerId: string; serviceIds: string[] | null; objectiveIds: string[] | null }): Promise<void> {
  const at = nextEvaluationAt(tx.now);
  const serviceIds = change.serviceIds && [...new Set(change.serviceIds)].sort();
  const objectiveIds = change.objectiveIds && [...new Set(change.objectiveIds)].sort();
  const key = `${change.providerId}:${serviceIds?.join(',') ?? ''}:${objectiveIds?.join(',') ?? ''}:${at.toISOString()}`;
  await tx.db.jobs.schedule(tx, 'budget.burn-changed', { providerId: change.providerId, serviceIds, objectiveIds }, at, { singletonKey: key });
}

/** The job behind a change: an evaluation of each ACTIVE agreement it may touch, now (keyed by the grid instant, so the chain's evaluation of that instant is the same job). */
export async function evaluateAfterChange(ctx: RequestContext, change: { providerId: string; serviceIds: string[] | null; objectiveIds: string[] | null }): Promise<number> {
  const rows: { id: string }[] = await ctx.em.query(AFFECTED_AGREEMENTS_SQL, [change.providerId, change.serviceIds, change.objectiveIds]);
  await scheduleNow(ctx, rows.map((r) => r.id));
  return rows.length;
}

async function scheduleNow(ctx: RequestContext, agreementIds: string[]): Promise<void> {
  if (agreementIds.length === 0) return;
  const now = ctx.now;
  const grid = new Date(nextEvaluationAt(now).getTime() - 60_000);
  await ctx.db.jobs.scheduleMany(
    ctx,
    'budget.burn-evaluate',
    agreementIds.map((agreementId) => ({ data: { agreementId }, runAt: now, singletonKey: `${agreementId}:${grid.toISOString()}` })),
  );
}

/**
 * Start-up catch-up, in bulk: an evaluation now for every agreement with an open episode or that
 * something may be setting burning (an unresolved incident with an impact on its services, recent
 * ratio measurements), in case its chained evaluation was lost. Keyed by the grid instant, so
 * several processes starting together ask once. Returns how many agreements it covered.
 */
export async function scheduleMissingBurnEvaluations(ctx: RequestContext): Promise<number> {
  const rows: { id: string }[] = await ctx.em.query(AGREEMENTS_TO_CATCH_UP_SQL, [new Date(ctx.now.getTime() - MAX_BURN_WINDOW_SECONDS * 1000)]);
  await scheduleNow(ctx, rows.map((r) => r.id));
  return rows.length;
}

// --- reads -------------------------------------------------------------------------------------

function reader(ctx: RequestContext): { providerId: string; scope: string | null } {
  const actor = requireRole(ctx, AgreementRoles.read);
  return { providerId: actor.providerId, scope: customerScope(actor) };
}

const visibleSql = (provider: string, scope: string) => `b.provider_id = ${provider} AND ${inCustomerScopeSql('b.customer_id', scope)}`;

export async function findBurnAlertsByIds(ctx: RequestContext, ids: readonly string[]): Promise<BurnAlertRow[]> {
  if (ids.length === 0) return [];
  const { providerId, scope } = reader(ctx);
  const rows: Record<string, unknown>[] = await ctx.em.query(`SELECT ${BURN_ALERT_COLUMNS} FROM burn_alert b WHERE b.id = ANY($1::uuid[]) AND ${visibleSql('$2', '$3')}`, [ids, providerId, scope]);
  return rows.map(burnAlertOf);
}

/** Which episodes a list shows: all, the open ones, or the resolved ones. */
export type BurnAlertState = 'OPEN' | 'RESOLVED' | null;

function burnAlertPages(parent: 'agreement_id' | 'objective_id') {
  return (ctx: RequestContext, parentIds: readonly string[], page: PageRequest, state: BurnAlertState = null): Promise<Map<string, Page<BurnAlertRow>>> => {
    const { providerId, scope } = reader(ctx);
    const stateSql = state === 'OPEN' ? 'AND b.resolved_at IS NULL' : state === 'RESOLVED' ? 'AND b.resolved_at IS NOT NULL' : '';
    return nestedPages(
      ctx,
      parentIds,
      {
        orderKey: `burn-alerts:${parent}:started:${state ?? 'ALL'}`,
        direction: 'DESC',
        pairsSql: `SELECT b.${parent} AS parent_id, b.id AS child_id, to_char(b.started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS sort_value
                   FROM burn_alert b WHERE b.${parent} = ANY($1::uuid[]) AND ${visibleSql('$2', '$3')} ${stateSql}`,
        params: [providerId, scope],
        load: (ids) => findBurnAlertsByIds(ctx, ids),
      },
      page,
    );
  };
}

/** The episodes of each agreement, a page each, latest first. */
export const burnAlertsOfAgreements = burnAlertPages('agreement_id');
/** The episodes of each objective, a page each, latest first. */
export const burnAlertsOfObjectives = burnAlertPages('objective_id');
