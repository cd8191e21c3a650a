import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { type ComplianceReport, complianceReport, type ObjectiveCompliance } from '../../domain/compliance/compliance.service';
import { Agreement, toAgreement } from '../agreements/agreement.type';
import { AgreementLoaders } from '../agreements/agreement.loaders';
import { Objective, toObjective } from '../agreements/objective.type';
import { toRevision } from '../agreements/revision.type';
import { type GraphQLContext } from '../core/graphql-context';
import { uuidOf } from '../core/ids';
import { DateTimeScalar } from '../core/scalars';
import { IncidentLoaders } from '../incidents/incident.loaders';
import { Incident, toIncident } from '../incidents/incident.type';
import { ComplianceLoaders } from './compliance.loaders';
import {
  ComplianceReportType,
  ComplianceStatusEnum,
  CreditLedgerEntry,
  GranularityEnum,
  ObjectiveComplianceType,
  SatisfactionMeasureEnum,
  toBudget,
  toCredit,
  toTerminationRight,
} from './compliance.types';

@Resolver(() => ComplianceReportType)
export class ComplianceResolver {
  @Query(() => ComplianceReportType, {
    nullable: true,
    description: 'Compliance of an agreement per period: attainment, MET/BREACHED, error budgets and burn rates, clocks met and breached, credits, termination right. Null when the agreement is not yours to see.',
  })
  async complianceReport(
    @Arg('agreement', () => ID) agreement: string,
    @Arg('from', () => DateTimeScalar) from: Date,
    @Arg('to', () => DateTimeScalar) to: Date,
    @Arg('granularity', () => GranularityEnum, { defaultValue: GranularityEnum.MONTH }) granularity: GranularityEnum,
    @Ctx() { rc }: GraphQLContext,
  ): Promise<ComplianceReportType | null> {
    const report = await complianceReport(rc, uuidOf(agreement, 'Agreement', ['agreement']), from, to, granularity);
    return report && toReport(report, granularity);
  }

  @Query(() => [CreditLedgerEntry], {
    nullable: true,
    description: 'The service credits of an agreement, one entry per ended period, with the calculation spelled out (tier, breaches, cap). Null when the agreement is not yours to see.',
  })
  async creditLedger(
    @Arg('agreement', () => ID) agreement: string,
    @Arg('from', () => DateTimeScalar) from: Date,
    @Arg('to', () => DateTimeScalar) to: Date,
    @Arg('granularity', () => GranularityEnum, { defaultValue: GranularityEnum.MONTH }) granularity: GranularityEnum,
    @Ctx() { rc }: GraphQLContext,
  ): Promise<CreditLedgerEntry[] | null> {
    const report = await complianceReport(rc, uuidOf(agreement, 'Agreement', ['agreement']), from, to, granularity);
    if (!report) return null;
    return toReport(report, granularity).periods.flatMap((p) => (p.credit ? [{ start: p.start, end: p.end, status: p.status, revision: p.revision, credit: p.credit }] : []));
  }

  @FieldResolver(() => Agreement)
  async agreement(@Root() r: ComplianceReportType, @Ctx() { rc }: GraphQLContext) {
    const row = await AgreementLoaders.agreement(rc).load(r.agreementUuid);
    if (!row) throw new Error('A reported agreement is visible.');
    return toAgreement(row);
  }
}

function toReport(report: ComplianceReport, granularity: GranularityEnum): ComplianceReportType {
  return {
    agreementUuid: report.agreementId,
    granularity,
    terminationRight: report.terminationRight && toTerminationRight(report.terminationRight),
    periods: report.periods.map((p) => ({
      start: p.start,
      end: p.end,
      revision: p.revision && toRevision(p.revision),
      status: p.status as ComplianceStatusEnum,
      credit: p.credit && toCredit(p.credit),
      violations: p.violations.map((v) => ({ ...v, objective: toObjective(v.objective) })),
      objectives: p.objectives.map(toObjectiveCompliance),
    })),
  };
}

function toObjectiveCompliance(o: ObjectiveCompliance): ObjectiveComplianceType {
  return Object.assign(new ObjectiveComplianceType(), {
    objective: toObjective(o.objective),
    status: o.status as ComplianceStatusEnum,
    attainedPercent: o.attainedPercent,
    errorBudget: o.budget && toBudget(o.budget),
    clocksMet: o.clocksMet,
    clocksBreached: o.clocksBreached,
    maintenance: o.maintenance ?? null,
    satisfaction: o.satisfaction ? { ...o.satisfaction, measure: o.satisfaction.measure as SatisfactionMeasureEnum } : null,
    breachedIncidentUuids: o.breachedIncidentIds,
  });
}


@Resolver(() => ObjectiveComplianceType)
export class ObjectiveComplianceResolver {
  @FieldResolver(() => [Incident], { description: 'The incidents whose clocks breached this objective in the period.' })
  async breachIncidents(@Root() o: ObjectiveComplianceType, @Ctx() { rc }: GraphQLContext) {
    const rows = await IncidentLoaders.incident(rc).loadMany(o.breachedIncidentUuids);
    return rows.flatMap((r) => (r && !(r instanceof Error) ? [toIncident(r)] : []));
  }
}

const GRANULARITY_OF_WINDOW: Record<string, GranularityEnum> = { CALENDAR_MONTH: GranularityEnum.MONTH, CALENDAR_QUARTER: GranularityEnum.QUARTER, CALENDAR_YEAR: GranularityEnum.YEAR };

@Resolver(() => Objective)
export class ObjectiveCurrentPeriodResolver {
  @FieldResolver(() => ObjectiveComplianceType, {
    nullable: true,
    description: 'How this objective stands in the current period (calendar month, quarter or year of its window; rolling windows by month), while its revision is in force.',
  })
  async currentPeriod(@Root() o: Objective, @Ctx() { rc }: GraphQLContext) {
    const revision = await AgreementLoaders.revision(rc).load(o.revisionUuid);
    if (!revision) return null;
    const report = await ComplianceLoaders.currentReport(rc).load({ agreementId: revision.agreementId, granularity: GRANULARITY_OF_WINDOW[o.window.kind] ?? GranularityEnum.MONTH });
    const mine = report?.periods[0]?.revision?.id === revision.id ? report.periods[0].objectives.find((x) => x.objective.id === o.uuid) : undefined;
    return mine ? toObjectiveCompliance(mine) : null;
  }
}
