import { DateTime } from 'luxon';
import { SIGNED_STATES_SQL } from '../agreements/revision-lifecycle';
import { Role } from '../../common/roles';
import { EventType } from '../../common/event-types';
import { toGlobalId } from '../../common/global-id';
import { type RequestContext } from '../../context/request-context';
import { type JobRequest } from '../../context/scheduled-jobs';
import { withTransaction } from '../../context/transaction';
import { type RevisionActivated } from '../agreements/agreement.domain-events';
import { type RevisionTerms, settlementTermsOf } from '../agreements/terms';
import { complianceReport, type PeriodCompliance } from '../compliance/compliance.service';
import { MAX_PERIODS, type Period, periodsBetween } from '../compliance/periods';
import { terminationRight } from '../compliance/termination-right';
import { type PayloadOf } from '../events/domain-events';
import { raiseEvent } from '../events/event.service';
import { snapshotPeriod } from '../reviews/review-snapshot';
import { durationSeconds } from '../shared/iso-duration';
import { sumMoney } from './settlement-figures';
import { type StatementDoc, statementsOfAgreement, type StatementRow } from './statement-rows';

/**
 * Closing periods into statements. Every calendar month (in the provider's time zone) of an
 * agreement whose signed revisions have objectives closes, once its grace period (the terms'
 * `settlement.statementGracePeriod`, P3D by default) is over, into a frozen statement: the
 * compliance report's figures of that month as they are then (one snapshot), its violations as
 * records, the termination right at its end, the revision it was judged against, and the
 * adjustments of earlier months it carries.
 *
 * Runs on the durable queue (`statement.close`, one job per agreement and due time), and catches
 * up: a run closes every month that is due and not closed yet, oldest first, then schedules the
 * next. Exactly once whatever runs it: the agreement's row is locked for the run, and a statement
 * is unique per agreement and period start (INSERT ... ON CONFLICT DO NOTHING). A run that fails
 * writes nothing (one transaction).
 */

/** The scheduler reads compliance as the provider's own system user. */
export function asProviderSystem(tx: RequestContext, providerId: string): RequestContext {
  return tx.actingAs({ kind: 'USER', id: 'system', name: 'Statements', providerId, roles: [Role.PROVIDER_ADMIN], customerId: null });
}

interface AgreementHead {
  id: string;
  provider_id: string;
  customer_id: string | null;
  time_zone: string;
}

interface SignedRevision {
  id: string;
  effective_from: Date | null;
  effective_to: Date | null;
  terms: RevisionTerms;
}

/** The agreement, locked for this transaction, with its provider's time zone; null for a supporting agreement (OLA, underpinning contract), which settles nothing. */
export async function lockAgreementForSettlement(tx: RequestContext, agreementId: string): Promise<AgreementHead | null> {
  const rows: AgreementHead[] = await tx.em.query(
    `SELECT a.id, a.provider_id, a.customer_id, p.time_zone FROM agreement a JOIN provider p ON p.id = a.provider_id
     WHERE a.id = $1 AND a.supporting_party_id IS NULL FOR UPDATE OF a`,
    [agreementId],
  );
  return rows[0] ?? null;
}

/** The signed revisions of the agreement that have objectives, oldest first. */
async function objectiveRevisions(tx: RequestContext, agreementId: string): Promise<SignedRevision[]> {
  const rows: (Omit<SignedRevision, 'effective_from' | 'effective_to'> & { effective_from: Date | string | null; effective_to: Date | string | null })[] = await tx.em.query(
    `SELECT r.id, r.effective_from, r.effective_to, r.terms FROM agreement_revision r
     WHERE r.agreement_id = $1 AND r.state IN (${SIGNED_STATES_SQL}) AND r.effective_from IS NOT NULL
       AND EXISTS (SELECT 1 FROM objective o WHERE o.revision_id = r.id)
     ORDER BY r.effective_from`,
    [agreementId],
  );
  const d = (v: Date | string | null) => (v === null ? null : v instanceof Date ? v : new Date(v));
  return rows.map((r) => ({ ...r, effective_from: d(r.effective_from), effective_to: d(r.effective_to) }));
}

const graceMs = (terms: RevisionTerms) => (durationSeconds(settlementTermsOf(terms).statementGracePeriod) ?? 3 * 86400) * 1000;

/** The calendar month of `at` in `zone`. */
const monthOf = (at: Date, zone: string): Period => periodsBetween(at, new Date(at.getTime() + 1), 'MONTH', zone)[0];

/**
 * The compliance periods (months) of [from, to), read in reports of at most MAX_PERIODS months
 * each (batched figures: a year costs the statements of a month).
 */
export async function monthlyCompliance(system: RequestContext, agreementId: string, zone: string, from: Date, to: Date): Promise<PeriodCompliance[]> {
  const out: PeriodCompliance[] = [];
  let cursor = from;
  while (cursor < to) {
    const stop = DateTime.fromJSDate(cursor, { zone }).plus({ months: MAX_PERIODS - 1 }).endOf('month').toJSDate();
    const end = stop < to ? new Date(stop.getTime() + 1) : to;
    const report = await complianceReport(system, agreementId, cursor, end, 'MONTH');
    if (!report) break;
    out.push(...report.periods.filter((p) => p.start >= from && p.end <= to));
    cursor = out.length ? out[out.length - 1].end : end;
    if (cursor < end) cursor = end;
  }
  return out;
}

/**
 * Closes every month of the agreement that is due (ended, grace over) and has no statement yet,
 * oldest first, and schedules the next close. Safe to run any number of times, from any number
 * of processes: returns the statements issued by this run.
 */
export async function closeDueStatements(ctx: RequestContext, agreementId: string): Promise<StatementRow[]> {
  return withTransaction(ctx, async (tx) => {
    const agreement = await lockAgreementForSettlement(tx, agreementId);
    if (!agreement) return [];
    const revisions = await objectiveRevisions(tx, agreementId);
    if (revisions.length === 0) return [];
    const now = tx.now;
    const zone = agreement.time_zone;
    const existing = await statementsOfAgreement(tx, agreementId);
    const closedUntil = existing.length ? existing[existing.length - 1].periodEnd : null;
    const firstMonth = monthOf(revisions[0].effective_from!, zone);
    const lastEnded = monthOf(now, zone).start;
    const issued: StatementRow[] = [];
    if (lastEnded > (closedUntil ?? firstMonth.start)) {
      // From the first month (for the termination right's streak), at most ten years back.
      const tenYears = DateTime.fromJSDate(lastEnded, { zone }).minus({ months: MAX_PERIODS }).toJSDate();
      const from = firstMonth.start > tenYears ? firstMonth.start : tenYears;
      const system = asProviderSystem(tx, agreement.provider_id);
      const periods = await monthlyCompliance(system, agreementId, zone, from, lastEnded);
      const outcomes: ('MET' | 'BREACHED')[] = [];
      for (const p of periods) {
        if (p.revision && p.status !== 'NO_DATA') outcomes.push(p.status === 'BREACHED' ? 'BREACHED' : 'MET');
        if (closedUntil && p.start < closedUntil) continue;
        if (!p.revision) continue;
        const terms = p.revision.terms as unknown as RevisionTerms;
        if (p.end.getTime() + graceMs(terms) > now.getTime()) break;
        const n = terms.creditPolicy?.terminationAfterConsecutiveBreaches ?? null;
        const right = n == null ? null : terminationRight(outcomes, n);
        const statement = await issueStatement(tx, agreement, p, right && { requiredConsecutiveBreaches: n!, arises: right.arises, period: right.period, currentStreak: right.currentStreak });
        if (statement) issued.push(statement);
      }
    }
    await scheduleNextClose(tx, agreement, revisions, [...existing, ...issued]);
    return issued;
  });
}

/** Writes one statement with its violations, marks the pending adjustments it carries, and tells partners. Null when it exists already. */
async function issueStatement(tx: RequestContext, agreement: AgreementHead, p: PeriodCompliance, right: StatementDoc['terminationRight']): Promise<StatementRow | null> {
  const pending: { id: string; statement_id: string; period_start: Date | string; credit_difference: string | null; currency: string | null }[] = await tx.em.query(
    `SELECT a.id, a.statement_id, s.period_start, a.credit_difference::text AS credit_difference, a.currency
     FROM statement_adjustment a JOIN statement s ON s.id = a.statement_id
     WHERE a.agreement_id = $1 AND a.carried_on_statement_id IS NULL ORDER BY a.seq`,
    [agreement.id],
  );
  const period = snapshotPeriod(p);
  const moneyCarried = pending.filter((a) => a.credit_difference !== null && a.currency);
  const currency = moneyCarried[0]?.currency ?? null;
  const doc: StatementDoc = {
    format: 1,
    period,
    terminationRight: right,
    carried: pending.map((a) => ({
      adjustmentId: a.id,
      statementId: a.statement_id,
      periodStart: new Date(a.period_start).toISOString(),
      creditDifference: a.credit_difference && a.currency ? sumMoney([a.credit_difference], a.currency) : null,
      currency: a.currency,
    })),
    carriedCredit: currency ? { amount: sumMoney(moneyCarried.filter((a) => a.currency === currency).map((a) => a.credit_difference!), currency), currency } : null,
  };
  const inserted: { id: string }[] = await tx.em.query(
    `INSERT INTO statement (provider_id, agreement_id, customer_id, revision_id, period_start, period_end, period_status, currency, credit_amount, document, issued_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11)
     ON CONFLICT (agreement_id, period_start) DO NOTHING RETURNING id`,
    [agreement.provider_id, agreement.id, agreement.customer_id, p.revision!.id, p.start, p.end, p.status, p.credit?.currency ?? null, p.credit?.amount ?? null, JSON.stringify(doc), tx.now],
  );
  const id = inserted[0]?.id;
  if (!id) return null;
  if (p.violations.length > 0) {
    const incidentsOf = new Map(p.objectives.map((o) => [o.objective.id, o.breachedIncidentIds]));
    await tx.em.query(
      `INSERT INTO statement_violation (provider_id, statement_id, customer_id, objective_id, rule, target, actual, unit, consequence, incident_ids)
       SELECT $1, $2, $3, v.objective_id, v.rule, v.target, v.actual, v.unit, v.consequence, ARRAY(SELECT jsonb_array_elements_text(v.incidents)::uuid)
       FROM jsonb_to_recordset($4::jsonb) AS v(objective_id uuid, rule text, target text, actual text, unit text, consequence text, incidents jsonb)`,
      [
        agreement.provider_id,
        id,
        agreement.customer_id,
        JSON.stringify(
          p.violations.map((v) => ({ objective_id: v.objective.id, rule: v.rule, target: v.target, actual: v.actual, unit: v.unit, consequence: v.consequence, incidents: incidentsOf.get(v.objective.id) ?? [] })),
        ),
      ],
    );
  }
  if (pending.length > 0) await tx.em.query(`UPDATE statement_adjustment SET carried_on_statement_id = $1 WHERE id = ANY($2::uuid[])`, [id, pending.map((a) => a.id)]);
  const statement: StatementRow = {
    id,
    providerId: agreement.provider_id,
    agreementId: agreement.id,
    customerId: agreement.customer_id,
    revisionId: p.revision!.id,
    periodStart: p.start,
    periodEnd: p.end,
    periodStatus: p.status,
    currency: p.credit?.currency ?? null,
    creditAmount: p.credit?.amount ?? null,
    document: doc,
    status: 'ISSUED',
    issuedAt: tx.now,
    acceptedAt: null,
    acceptedBy: null,
  };
  await raiseEvent(tx, {
    type: EventType.STATEMENT_ISSUED,
    providerId: agreement.provider_id,
    customerId: agreement.customer_id,
    agreementId: agreement.id,
    subjectType: 'Statement',
    subjectId: id,
    data: {
      statement: toGlobalId('Statement', id),
      agreement: toGlobalId('Agreement', agreement.id),
      revision: toGlobalId('AgreementRevision', p.revision!.id),
      periodStart: p.start.toISOString(),
      periodEnd: p.end.toISOString(),
      status: p.status,
      credit: p.credit ? { amount: p.credit.amount, currency: p.credit.currency } : null,
      violations: p.violations.length,
      carriedAdjustments: doc.carried.length,
      carriedCredit: doc.carriedCredit,
    },
  });
  return statement;
}

function closeJob(agreementId: string, runAt: Date, key: string): JobRequest<'statement.close'> {
  return { data: { agreementId }, runAt, singletonKey: `statement.close:${agreementId}:${key}` };
}

/** The next month to close, when it is due; none once no signed revision reaches it (a terminated agreement). */
async function scheduleNextClose(tx: RequestContext, agreement: AgreementHead, revisions: SignedRevision[], statements: StatementRow[]): Promise<void> {
  const zone = agreement.time_zone;
  const after = statements.length ? statements[statements.length - 1].periodEnd : monthOf(revisions[0].effective_from!, zone).start;
  const next = monthOf(after, zone);
  const judging = [...revisions].reverse().find((r) => r.effective_from! < next.end && (r.effective_to === null || r.effective_to > next.start));
  if (!judging) {
    // Nothing in force in that month: the next month a revision reaches, if any.
    const later = revisions.find((r) => r.effective_from! >= next.end);
    if (!later) return;
    const month = monthOf(later.effective_from!, zone);
    const due = new Date(month.end.getTime() + graceMs(later.terms));
    const job = closeJob(agreement.id, due, due.toISOString());
    await tx.db.jobs.schedule(tx, 'statement.close', job.data, job.runAt, { singletonKey: job.singletonKey });
    return;
  }
  const due = new Date(next.end.getTime() + graceMs(judging.terms));
  const job = closeJob(agreement.id, due > tx.now ? due : tx.now, due.toISOString());
  await tx.db.jobs.schedule(tx, 'statement.close', job.data, job.runAt, { singletonKey: job.singletonKey });
}

/**
 * Reaction to RevisionActivated: the agreement's months close from now on (and at once, those
 * that are due already: terms back-dated or imported).
 */
export async function scheduleClosingOfActivatedRevision(tx: RequestContext, { agreement, revision }: PayloadOf<typeof RevisionActivated>): Promise<void> {
  // An OLA or underpinning contract produces no customer statements.
  if (agreement.supportingPartyId) return;
  const job = closeJob(agreement.id, tx.now, `activated:${revision.id}`);
  await tx.db.jobs.schedule(tx, 'statement.close', job.data, job.runAt, { singletonKey: job.singletonKey });
}

/**
 * Start-up catch-up, in bulk: a close run now for every agreement with signed revisions that have
 * objectives (a few statements whatever their number). Keyed per agreement and day, so that several
 * processes starting together, or a restart, schedule each once; every run closes whatever is due
 * (after downtime, every month missed) and schedules the next. Returns how many agreements it covered.
 */
export async function scheduleMissingCloses(ctx: RequestContext): Promise<number> {
  const agreements: { id: string }[] = await ctx.em.query(
    `SELECT a.id FROM agreement a
     WHERE a.supporting_party_id IS NULL AND EXISTS (SELECT 1 FROM agreement_revision r JOIN objective o ON o.revision_id = r.id
                   WHERE r.agreement_id = a.id AND r.state IN (${SIGNED_STATES_SQL}) AND r.effective_from IS NOT NULL AND r.effective_from <= $1)
     ORDER BY a.id`,
    [ctx.now],
  );
  const day = ctx.now.toISOString().slice(0, 10);
  await ctx.db.jobs.scheduleMany(ctx, 'statement.close', agreements.map((a) => closeJob(a.id, ctx.now, `catch-up:${day}`)));
  return agreements.length;
}

/**
 * Asks for a close run now of each of these agreements (those an import of signed history just
 * wrote, whose ended months are due), in a few statements whatever their number. Keyed per
 * agreement and `key`: asked for again while waiting, each is scheduled once.
 */
export async function scheduleStatementCloses(tx: RequestContext, agreementIds: readonly string[], key: string): Promise<void> {
  if (agreementIds.length === 0) return;
  await tx.db.jobs.scheduleMany(tx, 'statement.close', agreementIds.map((id) => closeJob(id, tx.now, key)));
}
