import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { complianceReport } from '../../domain/compliance/compliance.service';
import * as incidents from '../../domain/incidents/incident.service';
import { Agreement, toAgreement } from '../agreements/agreement.type';
import { AgreementLoaders } from '../agreements/agreement.loaders';
import { toObjective } from '../agreements/objective.type';
import { toRevision } from '../agreements/revision.type';
import { type GraphQLContext } from '../core/graphql-context';
import { byIdLoader } from '../core/loaders';
import { uuidOf } from '../core/ids';
import { DateTimeScalar } from '../core/scalars';
import { Incident, toIncident } from '../incidents/incident.type';
import {
  ComplianceReportType,
  ComplianceStatusEnum,
  GranularityEnum,
  ObjectiveComplianceType,
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
    if (!report) return null;
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
        objectives: p.objectives.map((o) =>
          Object.assign(new ObjectiveComplianceType(), {
            objective: toObjective(o.objective),
            status: o.status as ComplianceStatusEnum,
            attainedPercent: o.attainedPercent,
            errorBudget: o.budget && toBudget(o.budget),
            clocksMet: o.clocksMet,
            clocksBreached: o.clocksBreached,
            breachedIncidentUuids: o.breachedIncidentIds,
          }),
        ),
      })),
    };
  }

  @FieldResolver(() => Agreement)
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
    const rows = await byIdLoader(rc, 'incident', incidents.findByIds).loadMany(o.breachedIncidentUuids);
    return rows.flatMap((r) => (r && !(r instanceof Error) ? [toIncident(r)] : []));
  }
}
