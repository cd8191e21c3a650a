import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { agreementExportPath, statementExportPath } from '../../domain/reporting/download-links';
import { AgreementLoaders } from '../agreements/agreement.loaders';
import { Agreement, toAgreement } from '../agreements/agreement.type';
import { AgreementRevision, toRevision } from '../agreements/revision.type';
import { GranularityEnum } from '../compliance/compliance.types';
import { toConnection } from '../core/connection';
import { type GraphQLContext } from '../core/graphql-context';
import { registerNode } from '../core/node-registry';
import { PageArgs } from '../core/page.args';
import { DateTimeScalar } from '../core/scalars';
import { Statement } from '../settlement/statement.type';
import { ReportLoaders } from './report.loaders';
import { AgreementExports, ReportDelivery, ReportDeliveryConnection, ReportEmailAttempt, toReportDelivery, toReportEmailAttempt } from './report.type';

registerNode('ReportDelivery', async (rc, uuid) => {
  const row = await ReportLoaders.delivery(rc).load(uuid);
  return row && toReportDelivery(row);
});

@Resolver(() => Agreement)
export class AgreementReportsResolver {
  @FieldResolver(() => AgreementExports, { description: 'Where to download its compliance report and credit ledger (CSV) and its QBR pack (PDF).' })
  exports(@Root() a: Agreement, @Ctx() { rc }: GraphQLContext): AgreementExports {
    return Object.assign(new AgreementExports(), { agreementUuid: a.uuid, baseUrl: rc.db.reports.baseUrl() });
  }

  @FieldResolver(() => ReportDeliveryConnection, { description: "Its scheduled reports (the terms' reporting frequency and recipients), latest period first: the delivery log." })
  async reportDeliveries(@Root() a: Agreement, @Args() page: PageArgs, @Ctx() { rc }: GraphQLContext) {
    return toConnection(ReportDeliveryConnection, await ReportLoaders.agreementDeliveries(rc, page).load(a.uuid), toReportDelivery);
  }
}

@Resolver(() => AgreementExports)
export class AgreementExportsResolver {
  @FieldResolver(() => String, {
    description: 'The compliance report as CSV: one row per period and objective (columns documented in docs). GET it with your Authorization header.',
  })
  complianceCsv(
    @Root() e: AgreementExports,
    @Arg('from', () => DateTimeScalar, { description: 'Start of the report (the period containing it is included whole).' }) from: Date,
    @Arg('to', () => DateTimeScalar, { description: 'End of the report (exclusive).' }) to: Date,
    @Arg('granularity', () => GranularityEnum, { defaultValue: GranularityEnum.MONTH, description: 'The periods of the rows.' }) granularity: GranularityEnum,
  ): string {
    return e.baseUrl + agreementExportPath(e.agreementUuid, 'compliance.csv', { from, to, granularity });
  }

  @FieldResolver(() => String, {
    description: 'The QBR pack as PDF: attainment against target per objective as charts (by month), violations, credits, the incidents behind breaches, and the findings and action items of the reviews of the range.',
  })
  qbrPdf(
    @Root() e: AgreementExports,
    @Arg('from', () => DateTimeScalar, { description: 'Start of the pack (its month is included whole).' }) from: Date,
    @Arg('to', () => DateTimeScalar, { description: 'End of the pack (exclusive).' }) to: Date,
  ): string {
    return e.baseUrl + agreementExportPath(e.agreementUuid, 'qbr.pdf', { from, to });
  }

  @FieldResolver(() => String, { description: 'The credit ledger as CSV: one row per statement credit and adjustment, in the order recorded.' })
  creditLedgerCsv(@Root() e: AgreementExports): string {
    return e.baseUrl + agreementExportPath(e.agreementUuid, 'credit-ledger.csv');
  }
}

@Resolver(() => Statement)
export class StatementExportResolver {
  @FieldResolver(() => String, { description: "The statement's frozen figures as CSV, one row per objective. GET it with your Authorization header." })
  csvUrl(@Root() s: Statement, @Ctx() { rc }: GraphQLContext): string {
    return rc.db.reports.baseUrl() + statementExportPath(s.uuid);
  }
}

@Resolver(() => ReportDelivery)
export class ReportDeliveryResolver {
  @FieldResolver(() => Agreement, { description: 'The agreement reported on.' })
  async agreement(@Root() d: ReportDelivery, @Ctx() { rc }: GraphQLContext) {
    const row = await AgreementLoaders.agreement(rc).load(d.agreementUuid);
    if (!row) throw new Error('The agreement of a visible report is visible.');
    return toAgreement(row);
  }

  @FieldResolver(() => AgreementRevision, { nullable: true, description: 'The revision whose reporting terms the period was reported under.' })
  async revision(@Root() d: ReportDelivery, @Ctx() { rc }: GraphQLContext) {
    const row = await AgreementLoaders.revision(rc).load(d.revisionUuid);
    return row && toRevision(row);
  }

  @FieldResolver(() => [ReportEmailAttempt], { description: 'Every e-mail attempt, in order.' })
  async attempts(@Root() d: ReportDelivery, @Ctx() { rc }: GraphQLContext) {
    return (await ReportLoaders.attempts(rc).load(d.uuid)).map(toReportEmailAttempt);
  }
}
