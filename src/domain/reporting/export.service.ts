import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { type RequestContext } from '../../context/request-context';
import { visibleAgreements } from '../agreements/agreement-access';
import { complianceReport } from '../compliance/compliance.service';
import { type Granularity } from '../compliance/periods';
import { snapshotPeriod } from '../reviews/review-snapshot';
import { creditLedgers, findStatementsByIds } from '../settlement/statement.service';
import { headerOf, LEDGER_COLUMNS, ledgerRows, PERIOD_COLUMNS, periodRows, type Row, STATEMENT_COLUMNS, statementRows } from './export-columns';
import { qbrPack } from './qbr-pack.service';
import { renderQbrPdf } from './qbr-pdf';

/** A file to send: its media type, a file name to save it as, and its bytes as a stream. */
export interface ExportFile {
  contentType: string;
  fileName: string;
  body: Readable;
}

const csv = (columns: readonly (readonly [string, string])[], rows: Row[], fileName: string): ExportFile => ({
  contentType: 'text/csv; charset=utf-8',
  fileName,
  // RFC 4180: CRLF line ends, a header row, quoted where needed; streamed row by row.
  body: Readable.from(rows).pipe(stringify({ header: true, columns: headerOf(columns), record_delimiter: 'windows' })),
});

const stamp = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The exports of an agreement's figures, as the caller may see them (the same rules as the API:
 * roles, tenant, a customer user's own share). Each returns null when the agreement or
 * statement is not the caller's to see, exactly as a missing one.
 */

/** The compliance report as CSV: one row per period and objective (PERIOD_COLUMNS). */
export async function complianceCsv(ctx: RequestContext, agreementId: string, from: Date, to: Date, granularity: Granularity): Promise<ExportFile | null> {
  const report = await complianceReport(ctx, agreementId, from, to, granularity);
  if (!report) return null;
  const rows = report.periods.flatMap((p) => periodRows(agreementId, snapshotPeriod(p)));
  return csv(PERIOD_COLUMNS, rows, `compliance-${stamp(from)}-${stamp(to)}.csv`);
}

/** A statement as CSV: its frozen figures, one row per objective (STATEMENT_COLUMNS). */
export async function statementCsv(ctx: RequestContext, statementId: string): Promise<ExportFile | null> {
  const [statement] = await findStatementsByIds(ctx, [statementId]);
  if (!statement) return null;
  return csv(STATEMENT_COLUMNS, statementRows(statement), `statement-${stamp(statement.periodStart)}.csv`);
}

/** The credit ledger as CSV: one row per statement credit and adjustment, in the order recorded (LEDGER_COLUMNS). */
export async function creditLedgerCsv(ctx: RequestContext, agreementId: string): Promise<ExportFile | null> {
  const visible = await visibleAgreements(ctx).andWhere('a.id = :agreementId', { agreementId }).getExists();
  if (!visible) return null;
  const ledger = (await creditLedgers(ctx, [agreementId])).get(agreementId)!;
  return csv(LEDGER_COLUMNS, ledgerRows(agreementId, ledger.entries), `credit-ledger.csv`);
}

/** The QBR pack as PDF, written as it is drawn. */
export async function qbrPdf(ctx: RequestContext, agreementId: string, from: Date, to: Date): Promise<ExportFile | null> {
  const pack = await qbrPack(ctx, agreementId, from, to);
  if (!pack) return null;
  return { contentType: 'application/pdf', fileName: `qbr-${stamp(from)}-${stamp(to)}.pdf`, body: renderQbrPdf(pack) as unknown as Readable };
}
