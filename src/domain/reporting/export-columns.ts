import { toGlobalId } from '../../common/global-id';
import { type SnapshotPeriod } from '../reviews/review-snapshot';
import { type LedgerEntry } from '../settlement/statement.service';
import { type StatementRow } from '../settlement/statement-rows';

/**
 * The columns of the CSV exports, in order, with what each holds: the one list the files, the
 * documentation and the tests share. Ids are the API's global ids; instants ISO 8601 in UTC;
 * durations ISO 8601; percentages and money decimal strings as the API gives them. An empty
 * cell is a value that does not apply (no target duration for an availability objective).
 */
export const PERIOD_COLUMNS = [
  ['agreement', 'The agreement (global id).'],
  ['period_start', 'Start of the period (inclusive).'],
  ['period_end', 'End of the period (exclusive).'],
  ['period_status', 'MET, BREACHED or NO_DATA: the period as a whole.'],
  ['revision', 'Number of the revision the period was judged against.'],
  ['objective', 'The objective (global id); empty for a period with no terms in force.'],
  ['metric', 'AVAILABILITY, FIRST_RESPONSE_TIME, RESOLUTION_TIME, UPDATE_INTERVAL, RATIO or SATISFACTION.'],
  ['priority', 'P1 to P4, or empty for every priority.'],
  ['objective_name', "The objective's name."],
  ['target', 'Target in percent (availability, ratio) or score (satisfaction).'],
  ['target_duration', 'Target duration (time objectives), ISO 8601.'],
  ['status', 'MET, BREACHED or NO_DATA: the objective in the period.'],
  ['attained_percent', 'What was attained: percent available, percent of clocks met, percent of good events, or the satisfaction figure.'],
  ['clocks_met', 'Clocks that met the target (time objectives).'],
  ['clocks_breached', 'Clocks that breached the target (time objectives).'],
  ['budget_unit', 'Error budget unit: MILLISECONDS or EVENTS.'],
  ['budget_allowed', 'Error budget the target allows in the period.'],
  ['budget_consumed', 'Error budget consumed.'],
  ['budget_remaining', 'Error budget remaining (negative once overspent).'],
  ['burn_rate', 'Observed error rate / (1 - target).'],
  ['violation', 'The rule broken, when the objective was breached.'],
  ['consequence', 'What the violation costs under the credit policy.'],
  ['breach_incidents', 'The incidents whose clocks breached the objective (global ids, separated by spaces).'],
  ['period_credit', "The period's service credit (whole period, repeated on each of its rows)."],
  ['period_credit_percent', 'The credit in percent of the period fee.'],
  ['currency', 'ISO 4217 currency of the credit.'],
] as const;

/** A statement's CSV: its own columns, then the period's. */
export const STATEMENT_COLUMNS = [
  ['statement', 'The statement (global id).'],
  ['statement_status', 'ISSUED or ACCEPTED.'],
  ['issued_at', 'When the statement was issued.'],
  ...PERIOD_COLUMNS,
] as const;

export const LEDGER_COLUMNS = [
  ['agreement', 'The agreement (global id).'],
  ['kind', "STATEMENT (a statement's credit) or ADJUSTMENT (a later difference to a closed period)."],
  ['recorded_at', 'When the statement was issued or the adjustment recorded.'],
  ['period_start', 'Start of the period the entry is about.'],
  ['period_end', 'End of the period the entry is about.'],
  ['statement', 'The statement of that period (global id).'],
  ['adjustment', 'The adjustment (global id); empty for a statement entry.'],
  ['amount', 'The credit (statement) or the credit difference (adjustment).'],
  ['currency', 'ISO 4217 currency.'],
  ['cause', 'Why the adjustment was recorded; empty for a statement entry.'],
] as const;

export type Row = Record<string, string>;

const text = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));

/** One row per objective of a period (one row with the objective columns empty when it has none). */
export function periodRows(agreementId: string, p: SnapshotPeriod): Row[] {
  const head: Row = {
    agreement: toGlobalId('Agreement', agreementId),
    period_start: p.start,
    period_end: p.end,
    period_status: p.status,
    revision: text(p.revisionNumber),
    period_credit: text(p.credit?.amount),
    period_credit_percent: text(p.credit?.totalPercent),
    currency: text(p.credit?.currency),
  };
  const empty = Object.fromEntries(PERIOD_COLUMNS.map(([c]) => [c, ''])) as Row;
  if (p.objectives.length === 0) return [{ ...empty, ...head }];
  return p.objectives.map((o) => {
    const violation = p.violations.find((v) => v.objectiveId === o.objectiveId);
    return {
      ...empty,
      ...head,
      objective: toGlobalId('Objective', o.objectiveId),
      metric: o.metric,
      priority: text(o.priority),
      objective_name: o.name,
      target: text(o.target),
      target_duration: text(o.targetDuration),
      status: o.status,
      attained_percent: text(o.attainedPercent),
      clocks_met: text(o.clocksMet),
      clocks_breached: text(o.clocksBreached),
      budget_unit: text(o.errorBudget?.unit),
      budget_allowed: text(o.errorBudget?.allowed),
      budget_consumed: text(o.errorBudget?.consumed),
      budget_remaining: text(o.errorBudget?.remaining),
      burn_rate: o.errorBudget?.burnRateInfinite ? 'Infinity' : text(o.errorBudget?.burnRate),
      violation: text(violation?.rule),
      consequence: text(violation?.consequence),
      breach_incidents: o.breachedIncidentIds.map((id) => toGlobalId('Incident', id)).join(' '),
    };
  });
}

/** The rows of a statement: its frozen figures, one row per objective. */
export function statementRows(s: StatementRow): Row[] {
  const head = { statement: toGlobalId('Statement', s.id), statement_status: s.status, issued_at: s.issuedAt.toISOString() };
  return periodRows(s.agreementId, s.document.period).map((r) => ({ ...head, ...r }));
}

/** One row per ledger entry, in the ledger's order. */
export function ledgerRows(agreementId: string, entries: readonly LedgerEntry[]): Row[] {
  return entries.map((e) => ({
    agreement: toGlobalId('Agreement', agreementId),
    kind: e.kind,
    recorded_at: e.at.toISOString(),
    period_start: e.periodStart.toISOString(),
    period_end: e.periodEnd.toISOString(),
    statement: toGlobalId('Statement', e.statement.id),
    adjustment: e.adjustment ? toGlobalId('StatementAdjustment', e.adjustment.id) : '',
    amount: e.amount,
    currency: e.currency,
    cause: e.adjustment ? `${e.adjustment.cause.kind}: ${e.adjustment.cause.description}` : '',
  }));
}

/** The header names of a column list. */
export const headerOf = (columns: readonly (readonly [string, string])[]) => columns.map(([name]) => name);
