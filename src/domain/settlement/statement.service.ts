import { actorLabel } from '../../common/actor';
import { NotFoundError, UserError } from '../../common/errors';
import { Role } from '../../common/roles';
import { type RequestContext } from '../../context/request-context';
import { withTransaction } from '../../context/transaction';
import { requireRole } from '../shared/access';
import { customerScope, inCustomerScopeSql } from '../shared/customer-scope';
import { nestedPages } from '../shared/nested-pages';
import { type Page, type PageRequest } from '../shared/pagination';
import { type PeriodDifference, periodDifference, sumMoney } from './settlement-figures';
import { snapshotPeriod } from '../reviews/review-snapshot';
import { type PeriodCompliance } from '../compliance/compliance.service';
import {
  ADJUSTMENT_COLUMNS,
  type AdjustmentRow,
  settledFigures,
  STATEMENT_COLUMNS,
  type StatementRow,
  toAdjustmentRow,
  toStatementRow,
  toViolationRow,
  VIOLATION_COLUMNS,
  type ViolationRow,
} from './statement-rows';

/**
 * Reading statements, their violations and adjustments, the credit ledger, and the customer's
 * acceptance. Provider staff see their provider's; customer users the statements of agreements
 * made with their own customer (a statement of an agreement that names no customer holds figures
 * of every customer it covers: customer users do not see it).
 */
export const SettlementRoles = {
  read: [Role.PROVIDER_ADMIN, Role.ACCOUNT_MANAGER, Role.ANALYST, Role.CUSTOMER_VIEWER, Role.CUSTOMER_SIGNATORY],
  accept: [Role.CUSTOMER_SIGNATORY],
} as const;

/** The condition "this statement-owned row may be read by the caller" ($n: provider, $n+1: customer scope). */
const visibleSql = (alias: string, provider: string, scope: string) => `${alias}.provider_id = ${provider} AND ${inCustomerScopeSql(`${alias}.customer_id`, scope)}`;

function reader(ctx: RequestContext): { providerId: string; scope: string | null } {
  const actor = requireRole(ctx, SettlementRoles.read);
  return { providerId: actor.providerId, scope: customerScope(actor) };
}

export async function findStatementsByIds(ctx: RequestContext, ids: readonly string[]): Promise<StatementRow[]> {
  if (ids.length === 0) return [];
  const { providerId, scope } = reader(ctx);
  const rows: Record<string, unknown>[] = await ctx.em.query(`SELECT ${STATEMENT_COLUMNS} FROM statement s WHERE s.id = ANY($1::uuid[]) AND ${visibleSql('s', '$2', '$3')}`, [ids, providerId, scope]);
  return rows.map(toStatementRow);
}

/** The statements of each agreement, a page each, latest period first. */
export async function statementsOfAgreements(ctx: RequestContext, agreementIds: readonly string[], page: PageRequest): Promise<Map<string, Page<StatementRow>>> {
  const { providerId, scope } = reader(ctx);
  return nestedPages(
    ctx,
    agreementIds,
    {
      orderKey: 'agreement-statements:period',
      direction: 'DESC',
      pairsSql: `SELECT s.agreement_id AS parent_id, s.id AS child_id, to_char(s.period_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS sort_value
                 FROM statement s WHERE s.agreement_id = ANY($1::uuid[]) AND ${visibleSql('s', '$2', '$3')}`,
      params: [providerId, scope],
      load: (ids) => findStatementsByIds(ctx, ids),
    },
    page,
  );
}

/** The violations of each statement, in the order recorded. */
export async function violationsOf(ctx: RequestContext, statementIds: readonly string[]): Promise<ViolationRow[]> {
  if (statementIds.length === 0) return [];
  const { providerId, scope } = reader(ctx);
  const rows: Record<string, unknown>[] = await ctx.em.query(
    `SELECT ${VIOLATION_COLUMNS} FROM statement_violation v WHERE v.statement_id = ANY($1::uuid[]) AND ${visibleSql('v', '$2', '$3')} ORDER BY v.seq`,
    [statementIds, providerId, scope],
  );
  return rows.map(toViolationRow);
}

export async function findViolationsByIds(ctx: RequestContext, ids: readonly string[]): Promise<ViolationRow[]> {
  if (ids.length === 0) return [];
  const { providerId, scope } = reader(ctx);
  const rows: Record<string, unknown>[] = await ctx.em.query(`SELECT ${VIOLATION_COLUMNS} FROM statement_violation v WHERE v.id = ANY($1::uuid[]) AND ${visibleSql('v', '$2', '$3')}`, [
    ids,
    providerId,
    scope,
  ]);
  return rows.map(toViolationRow);
}

/** Adjustments of the periods of these statements (`of: 'statement'`) or carried on them (`of: 'carried'`), in the order recorded. */
export async function adjustmentsOf(ctx: RequestContext, statementIds: readonly string[], of: 'statement' | 'carried'): Promise<AdjustmentRow[]> {
  if (statementIds.length === 0) return [];
  const { providerId, scope } = reader(ctx);
  const column = of === 'statement' ? 'a.statement_id' : 'a.carried_on_statement_id';
  const rows: Record<string, unknown>[] = await ctx.em.query(
    `SELECT ${ADJUSTMENT_COLUMNS} FROM statement_adjustment a WHERE ${column} = ANY($1::uuid[]) AND ${visibleSql('a', '$2', '$3')} ORDER BY a.seq`,
    [statementIds, providerId, scope],
  );
  return rows.map(toAdjustmentRow);
}

export async function findAdjustmentsByIds(ctx: RequestContext, ids: readonly string[]): Promise<AdjustmentRow[]> {
  if (ids.length === 0) return [];
  const { providerId, scope } = reader(ctx);
  const rows: Record<string, unknown>[] = await ctx.em.query(`SELECT ${ADJUSTMENT_COLUMNS} FROM statement_adjustment a WHERE a.id = ANY($1::uuid[]) AND ${visibleSql('a', '$2', '$3')}`, [
    ids,
    providerId,
    scope,
  ]);
  return rows.map(toAdjustmentRow);
}

/** One entry of the credit ledger: a statement's credit, or an adjustment's difference. */
export interface LedgerEntry {
  kind: 'STATEMENT' | 'ADJUSTMENT';
  at: Date;
  periodStart: Date;
  periodEnd: Date;
  statement: StatementRow;
  adjustment: AdjustmentRow | null;
  amount: string;
  currency: string;
}

export interface CreditLedger {
  agreementId: string;
  entries: LedgerEntry[];
  /** Sum of the entries: what the closed periods' credits come to on today's data. */
  total: { amount: string; currency: string } | null;
}

/** The credit ledger of each agreement: its statements' credits and its adjustments' differences, in the order they were recorded. */
export async function creditLedgers(ctx: RequestContext, agreementIds: readonly string[]): Promise<Map<string, CreditLedger>> {
  const { providerId, scope } = reader(ctx);
  const out = new Map<string, CreditLedger>(agreementIds.map((id) => [id, { agreementId: id, entries: [], total: null }]));
  if (agreementIds.length === 0) return out;
  const statements = ((await ctx.em.query(`SELECT ${STATEMENT_COLUMNS} FROM statement s WHERE s.agreement_id = ANY($1::uuid[]) AND ${visibleSql('s', '$2', '$3')} ORDER BY s.issued_at, s.period_start`, [
    agreementIds,
    providerId,
    scope,
  ])) as Record<string, unknown>[]).map(toStatementRow);
  const adjustments = ((await ctx.em.query(`SELECT ${ADJUSTMENT_COLUMNS} FROM statement_adjustment a WHERE a.agreement_id = ANY($1::uuid[]) AND ${visibleSql('a', '$2', '$3')} ORDER BY a.seq`, [
    agreementIds,
    providerId,
    scope,
  ])) as Record<string, unknown>[]).map(toAdjustmentRow);
  const byId = new Map(statements.map((s) => [s.id, s]));
  for (const s of statements) {
    if (s.creditAmount === null || !s.currency) continue;
    out.get(s.agreementId)!.entries.push({ kind: 'STATEMENT', at: s.issuedAt, periodStart: s.periodStart, periodEnd: s.periodEnd, statement: s, adjustment: null, amount: s.creditAmount, currency: s.currency });
  }
  for (const a of adjustments) {
    const s = byId.get(a.statementId);
    if (!s || a.creditDifference === null || !a.currency) continue;
    out.get(a.agreementId)!.entries.push({ kind: 'ADJUSTMENT', at: a.recordedAt, periodStart: s.periodStart, periodEnd: s.periodEnd, statement: s, adjustment: a, amount: a.creditDifference, currency: a.currency });
  }
  for (const ledger of out.values()) {
    ledger.entries.sort((x, y) => x.at.getTime() - y.at.getTime() || (x.kind === y.kind ? 0 : x.kind === 'STATEMENT' ? -1 : 1));
    const currency = ledger.entries[0]?.currency;
    if (currency) ledger.total = { amount: sumMoney(ledger.entries.filter((e) => e.currency === currency).map((e) => e.amount), currency), currency };
  }
  return out;
}

/** How a period of today's compliance report stands against its statement: null when it has none. */
export interface StatementStanding {
  statement: StatementRow;
  /** What the period settled at: the statement's credit plus its adjustments. */
  settledCredit: string | null;
  /** Today's figures against the statement as issued; null when they agree. */
  sinceStatement: PeriodDifference | null;
  /** Today's figures against statement plus adjustments; null when they agree (every change is adjusted already). */
  sinceSettled: PeriodDifference | null;
}

/** The standing of report periods against their statements, for one agreement: three statements whatever the number of periods. */
export async function standingsOf(ctx: RequestContext, agreementId: string, periods: readonly PeriodCompliance[]): Promise<Map<number, StatementStanding>> {
  const out = new Map<number, StatementStanding>();
  const ended = periods.filter((p) => p.revision);
  if (ended.length === 0) return out;
  const { providerId, scope } = reader(ctx);
  const statements = ((await ctx.em.query(
    `SELECT ${STATEMENT_COLUMNS} FROM statement s WHERE s.agreement_id = $1 AND s.period_start = ANY($4::timestamptz[]) AND ${visibleSql('s', '$2', '$3')}`,
    [agreementId, providerId, scope, ended.map((p) => p.start.toISOString())],
  )) as Record<string, unknown>[]).map(toStatementRow);
  if (statements.length === 0) return out;
  const adjustments = await adjustmentsOf(ctx, statements.map((s) => s.id), 'statement');
  for (const s of statements) {
    const p = ended.find((x) => x.start.getTime() === s.periodStart.getTime());
    if (!p) continue;
    const current = snapshotPeriod(p);
    const mine = adjustments.filter((a) => a.statementId === s.id);
    const settled = settledFigures(s, mine);
    out.set(s.periodStart.getTime(), {
      statement: s,
      settledCredit: s.currency ? sumMoney([s.creditAmount ?? '0', ...mine.flatMap((a) => (a.creditDifference ? [a.creditDifference] : []))], s.currency) : null,
      sinceStatement: periodDifference(s.document.period, current),
      sinceSettled: periodDifference(settled, current),
    });
  }
  return out;
}

/**
 * The customer's signatory accepts a statement of its own customer's agreement: ISSUED -> ACCEPTED,
 * once (accepting again changes nothing). Another customer's, or another provider's, is NOT_FOUND.
 */
export async function acceptStatement(ctx: RequestContext, statementId: string): Promise<StatementRow> {
  const actor = requireRole(ctx, SettlementRoles.accept);
  return withTransaction(ctx, async (tx) => {
    const rows: Record<string, unknown>[] = await tx.em.query(`SELECT ${STATEMENT_COLUMNS} FROM statement s WHERE s.id = $1 AND ${visibleSql('s', '$2', '$3')} FOR UPDATE`, [
      statementId,
      actor.providerId,
      customerScope(actor),
    ]);
    const row = rows[0] && toStatementRow(rows[0]);
    if (!row || row.customerId === null) throw new NotFoundError('The statement', ['id']);
    if (row.status === 'ACCEPTED') return row;
    if (row.customerId !== actor.customerId) throw new UserError('NOT_ALLOWED', "Only the signatory of the statement's customer accepts it.", ['id']);
    await tx.em.query(`UPDATE statement SET status = 'ACCEPTED', accepted_at = $2, accepted_by = $3 WHERE id = $1`, [statementId, tx.now, actorLabel(actor)]);
    return { ...row, status: 'ACCEPTED', acceptedAt: tx.now, acceptedBy: actorLabel(actor) };
  });
}
