import DataLoader from 'dataloader';
import { type RequestContext } from '../../context/request-context';
import * as statements from '../../domain/settlement/statement.service';
import * as corrections from '../../domain/settlement/correction.service';
import { type AdjustmentRow, type ViolationRow } from '../../domain/settlement/statement-rows';
import { type PageRequest } from '../../domain/shared/pagination';
import { type PeriodCompliance } from '../../domain/compliance/compliance.service';
import { byIdLoader, groupedLoader, nestedPageLoader } from '../core/loaders';

/** Per-request loaders of the settlement area (statements, adjustments, corrections): a page of statements costs the same statements as one. */
export const StatementLoaders = {
  statement: (rc: RequestContext) => byIdLoader(rc, 'statement', statements.findStatementsByIds),
  violation: (rc: RequestContext) => byIdLoader(rc, 'statementViolation', statements.findViolationsByIds),
  adjustment: (rc: RequestContext) => byIdLoader(rc, 'statementAdjustment', statements.findAdjustmentsByIds),
  violations: (rc: RequestContext) => groupedLoader<ViolationRow>(rc, 'statementViolations', statements.violationsOf, (v) => v.statementId),
  adjustments: (rc: RequestContext) => groupedLoader<AdjustmentRow>(rc, 'statementAdjustments', (c, ids) => statements.adjustmentsOf(c, ids, 'statement'), (a) => a.statementId),
  carried: (rc: RequestContext) => groupedLoader<AdjustmentRow>(rc, 'statementCarried', (c, ids) => statements.adjustmentsOf(c, ids, 'carried'), (a) => a.carriedOnStatementId ?? ''),
  correction: (rc: RequestContext) => byIdLoader(rc, 'correction', corrections.findCorrectionsByIds),
  agreementCorrections: (rc: RequestContext, page: PageRequest) => nestedPageLoader(rc, 'agreementCorrections', page, corrections.correctionsOfAgreements),
  agreementStatements: (rc: RequestContext, page: PageRequest) => nestedPageLoader(rc, 'agreementStatements', page, statements.statementsOfAgreements),
  /** The statement standing of every period of one compliance report (three statements), shared by its periods. */
  standings: (rc: RequestContext, source: { agreementId: string; periods: PeriodCompliance[] }) => rc.memo(source, () => statements.standingsOf(rc, source.agreementId, source.periods)),
  ledger: (rc: RequestContext) =>
    rc.memo('creditLedgers', () => new DataLoader<string, statements.CreditLedger>(async (ids) => {
      const ledgers = await statements.creditLedgers(rc, ids);
      return ids.map((id) => ledgers.get(id)!);
    })),
};
