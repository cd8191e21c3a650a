import { type RequestContext } from '../../context/request-context';
import { type SnapshotPeriod } from '../reviews/review-snapshot';
import { type PeriodDifference } from './settlement-figures';
import { type DataChangeCause } from '../compliance/compliance.domain-events';

/** The frozen document of a statement: the period's figures and the termination right at its end. */
export interface StatementDoc {
  format: 1;
  period: SnapshotPeriod;
  terminationRight: { requiredConsecutiveBreaches: number; arises: boolean; period: number | null; currentStreak: number } | null;
  /** The adjustments of earlier periods this statement carries, with their credit difference. */
  carried: { adjustmentId: string; statementId: string; periodStart: string; creditDifference: string | null; currency: string | null }[];
  /** Sum of the carried adjustments' credit differences (null when none carries money). */
  carriedCredit: { amount: string; currency: string } | null;
}

export interface StatementRow {
  id: string;
  providerId: string;
  agreementId: string;
  customerId: string | null;
  revisionId: string;
  periodStart: Date;
  periodEnd: Date;
  periodStatus: 'MET' | 'BREACHED' | 'NO_DATA';
  currency: string | null;
  creditAmount: string | null;
  document: StatementDoc;
  status: 'ISSUED' | 'ACCEPTED';
  issuedAt: Date;
  acceptedAt: Date | null;
  acceptedBy: string | null;
}

export interface ViolationRow {
  id: string;
  statementId: string;
  objectiveId: string;
  rule: string;
  target: string;
  actual: string | null;
  unit: string;
  consequence: string;
  incidentIds: string[];
}

export interface AdjustmentRow {
  id: string;
  seq: string;
  providerId: string;
  agreementId: string;
  statementId: string;
  carriedOnStatementId: string | null;
  recordedAt: Date;
  currency: string | null;
  creditBefore: string | null;
  creditAfter: string | null;
  creditDifference: string | null;
  cause: DataChangeCause;
  changes: PeriodDifference;
  /** The period's figures as this adjustment judged them (what the next one compares with). */
  figures: SnapshotPeriod;
}

const date = (v: unknown) => (v instanceof Date ? v : new Date(String(v)));
const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));
/** Numeric columns as text, in the currency's digits (numeric(20,4) keeps four). */
const amount = (v: unknown, currency: unknown): string | null => {
  if (v === null || v === undefined) return null;
  const digits = currency ? new Intl.NumberFormat('en-US', { style: 'currency', currency: String(currency) }).resolvedOptions().maximumFractionDigits ?? 2 : 4;
  return Number.isFinite(Number(v)) ? trimTo(String(v), digits) : String(v);
};
function trimTo(text: string, digits: number): string {
  const [int, frac = ''] = text.split('.');
  return digits === 0 ? int : `${int}.${frac.padEnd(digits, '0').slice(0, digits)}`;
}

export const STATEMENT_COLUMNS = `s.id, s.provider_id, s.agreement_id, s.customer_id, s.revision_id, s.period_start, s.period_end, s.period_status, s.currency,
  s.credit_amount::text AS credit_amount, s.document, s.status, s.issued_at, s.accepted_at, s.accepted_by`;

export function toStatementRow(r: Record<string, unknown>): StatementRow {
  return {
    id: String(r.id),
    providerId: String(r.provider_id),
    agreementId: String(r.agreement_id),
    customerId: (r.customer_id as string | null) ?? null,
    revisionId: String(r.revision_id),
    periodStart: date(r.period_start),
    periodEnd: date(r.period_end),
    periodStatus: r.period_status as StatementRow['periodStatus'],
    currency: (r.currency as string | null) ?? null,
    creditAmount: amount(r.credit_amount, r.currency),
    document: json<StatementDoc>(r.document),
    status: r.status as StatementRow['status'],
    issuedAt: date(r.issued_at),
    acceptedAt: r.accepted_at ? date(r.accepted_at) : null,
    acceptedBy: (r.accepted_by as string | null) ?? null,
  };
}

export const ADJUSTMENT_COLUMNS = `a.id, a.seq::text AS seq, a.provider_id, a.agreement_id, a.statement_id, a.carried_on_statement_id, a.recorded_at, a.currency,
  a.credit_before::text AS credit_before, a.credit_after::text AS credit_after, a.credit_difference::text AS credit_difference, a.cause, a.changes, a.figures`;

export function toAdjustmentRow(r: Record<string, unknown>): AdjustmentRow {
  return {
    id: String(r.id),
    seq: String(r.seq),
    providerId: String(r.provider_id),
    agreementId: String(r.agreement_id),
    statementId: String(r.statement_id),
    carriedOnStatementId: (r.carried_on_statement_id as string | null) ?? null,
    recordedAt: date(r.recorded_at),
    currency: (r.currency as string | null) ?? null,
    creditBefore: amount(r.credit_before, r.currency),
    creditAfter: amount(r.credit_after, r.currency),
    creditDifference: amount(r.credit_difference, r.currency),
    cause: json<DataChangeCause>(r.cause),
    changes: json<PeriodDifference>(r.changes),
    figures: json<SnapshotPeriod>(r.figures),
  };
}

export const VIOLATION_COLUMNS = `v.id, v.statement_id, v.objective_id, v.rule, v.target, v.actual, v.unit, v.consequence, to_jsonb(v.incident_ids) AS incident_ids`;

export function toViolationRow(r: Record<string, unknown>): ViolationRow {
  return {
    id: String(r.id),
    statementId: String(r.statement_id),
    objectiveId: String(r.objective_id),
    rule: String(r.rule),
    target: String(r.target),
    actual: (r.actual as string | null) ?? null,
    unit: String(r.unit),
    consequence: String(r.consequence),
    incidentIds: json<string[]>(r.incident_ids),
  };
}

/** The statements of an agreement, oldest period first (the owner's view: jobs). */
export async function statementsOfAgreement(ctx: RequestContext, agreementId: string): Promise<StatementRow[]> {
  const rows: Record<string, unknown>[] = await ctx.em.query(`SELECT ${STATEMENT_COLUMNS} FROM statement s WHERE s.agreement_id = $1 ORDER BY s.period_start`, [agreementId]);
  return rows.map(toStatementRow);
}

/** The adjustments of an agreement, in the order recorded. */
export async function adjustmentsOfAgreement(ctx: RequestContext, agreementId: string): Promise<AdjustmentRow[]> {
  const rows: Record<string, unknown>[] = await ctx.em.query(`SELECT ${ADJUSTMENT_COLUMNS} FROM statement_adjustment a WHERE a.agreement_id = $1 ORDER BY a.seq`, [agreementId]);
  return rows.map(toAdjustmentRow);
}

/** What a statement's period settled at: the figures of its latest adjustment, else its own. */
export function settledFigures(statement: StatementRow, adjustments: readonly AdjustmentRow[]): SnapshotPeriod {
  const mine = adjustments.filter((a) => a.statementId === statement.id);
  return mine.length ? mine[mine.length - 1].figures : statement.document.period;
}
