import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { complianceReport, creditLedgerReport } from '../../domain/compliance/compliance.service';
import { currentStanding, granularityOfWindow } from '../../domain/compliance/current-period';
import { Agreement, toAgreement } from '../agreements/agreement.type';
import { AgreementLoaders } from '../agreements/agreement.loaders';
import { Objective } from '../agreements/objective.type';
import { type GraphQLContext } from '../core/graphql-context';
import { uuidOf } from '../core/ids';
import { DateTimeScalar } from '../core/scalars';
import { IncidentLoaders } from '../incidents/incident.loaders';
import { Incident, toIncident } from '../incidents/incident.type';
import { ComplianceLoaders } from './compliance.loaders';
import { ComplianceReportType, CreditLedgerEntry, GranularityEnum, ObjectiveComplianceType, ObjectiveWindowStanding, toCreditLedger, toObjectiveCompliance, toReport, toWindowStanding } from './compliance.types';

@Resolver(() => ComplianceReportType)
export class ComplianceResolver {
  @Query(() => ComplianceReportType, {
    nullable: true,
    description: 'Compliance of an agreement per period: attainment, MET/BREACHED, error budgets and burn rates, clocks met and breached, credits, termination right. Null when the agreement is not yours to see.',
  })
  async complianceReport(
    @Arg('agreement', () => ID, { description: 'The agreement to report on.' }) agreement: string,
    @Arg('from', () => DateTimeScalar, { description: "Start of the first period (ISO 8601 with offset); periods are whole months, quarters or years in the provider's time zone." }) from: Date,
    @Arg('to', () => DateTimeScalar, { description: 'End of the last period (exclusive).' }) to: Date,
    @Arg('granularity', () => GranularityEnum, { defaultValue: GranularityEnum.MONTH, description: 'The length of each period (default MONTH).' }) granularity: GranularityEnum,
    @Ctx() { rc }: GraphQLContext,
  ): Promise<ComplianceReportType | null> {
    const report = await complianceReport(rc, uuidOf(agreement, 'Agreement', ['agreement']), from, to, granularity, { rollingWindows: true });
    return report && toReport(report, granularity);
  }

  @Query(() => [CreditLedgerEntry], {
    nullable: true,
    description: 'The service credits of an agreement, one entry per ended period, with the calculation spelled out (tier, breaches, cap). Credits are judged per calendar month (or quarter, year): DAY and WEEK are INVALID_INPUT on `granularity`. Null when the agreement is not yours to see.',
  })
  async creditLedger(
    @Arg('agreement', () => ID, { description: 'The agreement.' }) agreement: string,
    @Arg('from', () => DateTimeScalar, { description: 'Start of the first period (ISO 8601 with offset).' }) from: Date,
    @Arg('to', () => DateTimeScalar, { description: 'End of the last period (exclusive); only ended periods are listed.' }) to: Date,
    @Arg('granularity', () => GranularityEnum, { defaultValue: GranularityEnum.MONTH, description: 'The length of each period (default MONTH).' }) granularity: GranularityEnum,
    @Ctx() { rc }: GraphQLContext,
  ): Promise<CreditLedgerEntry[] | null> {
    const report = await creditLedgerReport(rc, uuidOf(agreement, 'Agreement', ['agreement']), from, to, granularity);
    return report && toCreditLedger(report, granularity);
  }

  @FieldResolver(() => Agreement, { description: 'The agreement reported on.' })
  async agreement(@Root() r: ComplianceReportType, @Ctx() { rc }: GraphQLContext) {
    const row = await AgreementLoaders.agreement(rc).load(r.agreementUuid);
    if (!row) throw new Error('A reported agreement is visible.');
    return toAgreement(row);
  }
}

@Resolver(() => ObjectiveComplianceType)
export class ObjectiveComplianceResolver {
  @FieldResolver(() => [Incident], { description: 'The incidents whose clocks breached this objective in the period.' })
  async breachIncidents(@Root() o: ObjectiveComplianceType, @Ctx() { rc }: GraphQLContext) {
    const rows = await IncidentLoaders.incident(rc).loadMany(o.breachedIncidentUuids);
    return rows.flatMap((r) => (r && !(r instanceof Error) ? [toIncident(r)] : []));
  }
}

@Resolver(() => Objective)
export class ObjectiveCurrentPeriodResolver {
  @FieldResolver(() => ObjectiveComplianceType, {
    nullable: true,
    description: 'How this objective stands in the current period (calendar month, quarter or year of its window; rolling windows by month), while its revision is in force.',
  })
  async currentPeriod(@Root() o: Objective, @Ctx() { rc }: GraphQLContext) {
    const revision = await AgreementLoaders.revision(rc).load(o.revisionUuid);
    if (!revision) return null;
    const report = await ComplianceLoaders.currentReport(rc).load({ agreementId: revision.agreementId, granularity: granularityOfWindow(o.window.kind) });
    const standing = currentStanding(report, revision.id, o.uuid);
    return standing && toObjectiveCompliance(standing, report!.timeZone);
  }

  @FieldResolver(() => ObjectiveWindowStanding, {
    nullable: true,
    description:
      'The error budget now, over the objective\'s own window: the calendar period under way, or (ROLLING_DAYS) the rolling window of `days` x 24 hours that ends now (for TIMESLICES, at the start of the slice under way). Null unless its revision is the one in force now.',
  })
  async currentWindow(@Root() o: Objective, @Ctx() { rc }: GraphQLContext) {
    const revision = await AgreementLoaders.revision(rc).load(o.revisionUuid);
    if (!revision) return null;
    const current = await ComplianceLoaders.budgetWindows(rc).load(revision.agreementId);
    if (current?.revision.id !== revision.id) return null;
    const mine = current.windows.find((w) => w.objective.id === o.uuid);
    return mine ? toWindowStanding(mine, current.timeZone) : null;
  }
}
