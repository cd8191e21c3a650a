import { UserError } from '../../common/errors';
import { type RequestContext } from '../../context/request-context';
import { type DataChangeCause } from '../compliance/compliance.domain-events';
import { toDec } from '../compliance/decimal';
import { money, type PeriodDifference, sumMoney } from './settlement-figures';
import { lockAgreementForSettlement } from './statement-close.service';
import { ADJUSTMENT_COLUMNS, type AdjustmentRow, settledFigures, STATEMENT_COLUMNS, toAdjustmentRow, toStatementRow, adjustmentsOfAgreement } from './statement-rows';

/**
 * A credit granted on a closed period without any change of its data (a claim the provider
 * accepts with a credit): an adjustment of that period whose figures are those it settled at,
 * whose credit moves by `amount`, carried on the agreement's next statement like any other. Later
 * rechecks compare the data with the same figures, so the grant stays and is never undone; the
 * ledger then reads the statements, the data's adjustments and the credits granted.
 *
 * Runs in the caller's transaction, under the agreement's lock (as every settlement write).
 */
export async function recordCreditAdjustment(tx: RequestContext, statementId: string, amount: string, cause: DataChangeCause): Promise<AdjustmentRow> {
  const [head] = (await tx.em.query(`SELECT agreement_id FROM statement WHERE id = $1`, [statementId])) as { agreement_id: string }[];
  if (!head) throw new UserError('NOT_FOUND', 'The statement was not found.', ['statement']);
  const agreement = await lockAgreementForSettlement(tx, head.agreement_id);
  if (!agreement) throw new UserError('NOT_FOUND', 'The agreement was not found.', ['statement']);
  const [statementRow] = (await tx.em.query(`SELECT ${STATEMENT_COLUMNS} FROM statement s WHERE s.id = $1`, [statementId])) as Record<string, unknown>[];
  const statement = toStatementRow(statementRow);
  if (!statement.currency || statement.creditAmount === null) throw new UserError('NOT_ALLOWED', 'The terms of this period have no credit policy: there is no credit to grant.', ['credit']);
  const value = creditAmount(amount, statement.currency);
  const mine = (await adjustmentsOfAgreement(tx, agreement.id)).filter((a) => a.statementId === statement.id);
  const figures = settledFigures(statement, mine);
  const before = sumMoney([statement.creditAmount, ...mine.flatMap((a) => (a.creditDifference && a.currency === statement.currency ? [a.creditDifference] : []))], statement.currency);
  const difference = money(value, statement.currency);
  const after = sumMoney([before, difference], statement.currency);
  const changes: PeriodDifference = { statusBefore: figures.status, statusAfter: figures.status, objectives: [], currency: statement.currency, creditBefore: before, creditAfter: after, creditDifference: difference };
  const rows: Record<string, unknown>[] = await tx.em.query(
    `INSERT INTO statement_adjustment (provider_id, agreement_id, customer_id, statement_id, recorded_at, currency, credit_before, credit_after, credit_difference, cause, changes, figures)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb, $12::jsonb)
     RETURNING ${ADJUSTMENT_COLUMNS.replace(/\ba\./g, '')}`,
    [agreement.provider_id, agreement.id, agreement.customer_id, statement.id, tx.now, statement.currency, before, after, difference, JSON.stringify(cause), JSON.stringify(changes), JSON.stringify(figures)],
  );
  return toAdjustmentRow(rows[0]);
}

/** A credit as given ("1250.00"): above zero, a plain decimal of at most 12 integer digits and the currency's minor-unit digits. */
export function creditAmount(amount: string, currency: string) {
  const invalid = () => new UserError('INVALID_INPUT', `A credit is an amount above zero in ${currency}, such as "1250.00", with at most its currency's minor-unit digits.`, ['credit']);
  if (!/^\d{1,12}(\.\d{1,4})?$/.test(amount.trim())) throw invalid();
  const value = toDec(amount, 'credit');
  if (value.lte(0) || !toDec(money(value, currency), 'credit').eq(value)) throw invalid();
  return value;
}
