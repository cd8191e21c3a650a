import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { type ComplianceReport, type ObjectiveCompliance, type PeriodCompliance } from '../../domain/compliance/compliance.service';
import { type CreditCalculation } from '../../domain/compliance/credits';
import { type ErrorBudget } from '../../domain/compliance/error-budget';
import { type TerminationRight } from '../../domain/compliance/termination-right';
import { Metric, Priority } from '../core/enums';
import { DateTimeScalar, SafeIntScalar } from '../core/scalars';
import { Objective, toObjective } from '../agreements/objective.type';
import { AgreementRevision, toRevision } from '../agreements/revision.type';

export enum ComplianceStatusEnum {
  MET = 'MET',
  BREACHED = 'BREACHED',
  NO_DATA = 'NO_DATA',
}
registerEnumType(ComplianceStatusEnum, { name: 'ComplianceStatus' });

export enum GranularityEnum {
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  YEAR = 'YEAR',
}
registerEnumType(GranularityEnum, { name: 'Granularity' });

@ObjectType('ErrorBudget', { description: 'What the target allows to fail in the window, what failed, and how fast it burns. Numbers are decimal strings.' })
export class ErrorBudgetType {
  @Field({ description: 'MILLISECONDS (availability) or EVENTS (ratio).' }) unit: string;
  @Field() allowed: string;
  @Field() consumed: string;
  @Field({ description: 'Negative once overspent.' }) remaining: string;
  @Field(() => String, { nullable: true, description: 'Observed error rate / (1 - target); 1 spends the budget exactly over the window.' }) burnRate: string | null;
  @Field({ description: 'True when the target is 100% and something failed.' }) burnRateInfinite: boolean;
  @Field() exceeded: boolean;
}

export const toBudget = (b: ErrorBudget): ErrorBudgetType => ({
  unit: b.unit,
  allowed: b.allowed,
  consumed: b.consumed,
  remaining: b.remaining,
  burnRate: b.burnRate,
  burnRateInfinite: b.burnRateInfinite,
  exceeded: b.budgetExceeded,
});

@ObjectType('MaintenanceAllowance', {
  description:
    'Announced maintenance in an availability period so far: windows announced with the notice the terms require are excused in time order until the calendar month\'s cap (`maxPerMonth`) is used up; the rest counts as downtime. Overlapping windows count once. Durations are ISO 8601, wall-clock time.',
})
export class MaintenanceAllowanceType {
  @Field({ description: 'The notice a window needs to be excused at all (the shortest of the terms\' maintenance clauses).' }) noticePeriod: string;
  @Field(() => String, { nullable: true, description: 'Maintenance excused per calendar month (the largest cap of the clauses); null: no cap.' }) capPerMonth: string | null;
  @Field(() => Int, { description: 'Windows announced with the notice, in the period so far.' }) windows: number;
  @Field({ description: 'Maintenance time excused: left out of downtime.' }) excused: string;
  @Field({ description: 'Maintenance time announced with the notice but over the monthly cap: counted as downtime where the service was down.' }) overCap: string;
  @Field(() => Int, { description: 'Windows with some of their time over the cap.' }) windowsOverCap: number;
  @Field(() => Int, { description: 'Windows announced with less than the notice: none of their time is excused, none of the cap used.' }) windowsWithoutNotice: number;
}

export enum SatisfactionMeasureEnum {
  MEAN_SCORE = 'MEAN_SCORE',
  PERCENT_SATISFIED = 'PERCENT_SATISFIED',
}
registerEnumType(SatisfactionMeasureEnum, {
  name: 'SatisfactionMeasure',
  description: 'How a SATISFACTION target reads: at most 5, a mean score on the 1-5 scale (MEAN_SCORE); above 5, a percentage of satisfied responses, scoring 4 or 5 (PERCENT_SATISFIED).',
});

@ObjectType('SatisfactionAttainment', { description: 'The survey responses (1-5 CSAT scale) of a period, judged against the objective\'s floor.' })
export class SatisfactionAttainmentType {
  @Field(() => SatisfactionMeasureEnum, { description: 'Which figure the target is a floor for.' }) measure: SatisfactionMeasureEnum;
  @Field(() => SafeIntScalar) responses: number;
  @Field(() => String, { nullable: true, description: 'Mean score, 4 decimals; null without responses.' }) meanScore: string | null;
  @Field(() => String, { nullable: true, description: 'Responses scoring 4 or 5, in percent, 4 decimals; null without responses.' }) satisfiedPercent: string | null;
}

@ObjectType('ObjectiveCompliance')
export class ObjectiveComplianceType {
  @Field(() => Objective) objective: Objective;
  @Field(() => ComplianceStatusEnum) status: ComplianceStatusEnum;
  @Field(() => String, { nullable: true, description: 'Percent, 4 decimals: availability and ratio attained, share of clocks met for time objectives, share of satisfied responses for SATISFACTION.' }) attainedPercent: string | null;
  @Field(() => ErrorBudgetType, { nullable: true }) errorBudget: ErrorBudgetType | null;
  @Field(() => SafeIntScalar) clocksMet: number;
  @Field(() => SafeIntScalar) clocksBreached: number;
  @Field(() => MaintenanceAllowanceType, { nullable: true, description: 'Availability objectives whose terms excuse maintenance: what was excused, what was over the monthly cap.' })
  maintenance: MaintenanceAllowanceType | null;
  @Field(() => SatisfactionAttainmentType, { nullable: true, description: 'SATISFACTION objectives: responses, mean score and share satisfied.' })
  satisfaction: SatisfactionAttainmentType | null;
  breachedIncidentUuids: string[];
}

@ObjectType('PerBreachCreditLine')
export class PerBreachCreditLine {
  @Field(() => Metric) metric: Metric;
  @Field(() => Priority, { nullable: true }) priority: Priority | null;
  @Field(() => SafeIntScalar) count: number;
  @Field() creditPercentEach: string;
  @Field() creditPercent: string;
}

@ObjectType('ServiceCredit', { description: 'The credit of one period with its calculation spelled out. Amounts are exact decimals in the currency.' })
export class ServiceCredit {
  @Field() currency: string;
  @Field() periodFee: string;
  @Field(() => String, { nullable: true, description: 'The tier applied: "below X%".' }) tierBelow: string | null;
  @Field() tierCreditPercent: string;
  @Field(() => [PerBreachCreditLine]) perBreach: PerBreachCreditLine[];
  @Field() totalPercentBeforeCap: string;
  @Field(() => String, { nullable: true }) capPercent: string | null;
  @Field() capApplied: boolean;
  @Field() totalPercent: string;
  @Field() amount: string;
  @Field(() => [String]) explanation: string[];
}

export const toCredit = (c: CreditCalculation): ServiceCredit => ({
  currency: c.currency,
  periodFee: c.periodFee,
  tierBelow: c.tier ? String(c.tier.below) : null,
  tierCreditPercent: c.tierCreditPercent,
  perBreach: c.perBreach.map((l) => ({ ...l, metric: l.metric as Metric, priority: l.priority as Priority | null })),
  totalPercentBeforeCap: c.totalPercentBeforeCap,
  capPercent: c.capPercent,
  capApplied: c.capApplied,
  totalPercent: c.totalPercent,
  amount: c.amount,
  explanation: c.explanation,
});

@ObjectType('SlaViolation', { description: 'A breached objective in a period, as TM Forum\'s SLA API records it: the rule, the target, the actual value and the consequence.' })
export class SlaViolation {
  @Field(() => Objective) objective: Objective;
  @Field({ description: 'e.g. "AVAILABILITY at least 99.9% per CALENDAR_MONTH".' }) rule: string;
  @Field() target: string;
  @Field(() => String, { nullable: true }) actual: string | null;
  @Field({ description: 'PERCENT; PERCENT_OF_CLOCKS_MET for time objectives; MEAN_SCORE or PERCENT_SATISFIED for SATISFACTION.' }) unit: string;
  @Field({ description: 'What the breach costs the provider, from the credit policy.' }) consequence: string;
}

@ObjectType('MonitorShare', {
  description: 'Which share of a period\'s measurement data came from the third-party monitor the terms name as data source: events (`total` counts) of measurements whose `source` is that monitor, of all the events the period\'s ratio objectives count.',
})
export class MonitorShareType {
  @Field({ description: 'The monitor, as the terms name it (`measurement.monitor`).' }) monitor: string;
  @Field(() => SafeIntScalar, { description: 'Events measured by that monitor.' }) monitoredEvents: number;
  @Field(() => SafeIntScalar, { description: 'All the events of the period\'s measurements.' }) totalEvents: number;
  @Field(() => String, { nullable: true, description: 'monitoredEvents in percent of totalEvents, 4 decimals ("87.5000"); null without measurement data.' }) percent: string | null;
}

@ObjectType('CompliancePeriod')
export class CompliancePeriod {
  @Field(() => DateTimeScalar) start: Date;
  @Field(() => DateTimeScalar) end: Date;
  @Field(() => AgreementRevision, { nullable: true, description: 'The revision the period is judged against (in force at its end, else at its start).' }) revision: AgreementRevision | null;
  @Field(() => ComplianceStatusEnum) status: ComplianceStatusEnum;
  @Field(() => [ObjectiveComplianceType]) objectives: ObjectiveComplianceType[];
  @Field(() => ServiceCredit, { nullable: true, description: 'Null while the period runs, or without a credit policy.' }) credit: ServiceCredit | null;
  @Field(() => [SlaViolation], { description: 'One record per breached objective.' }) violations: SlaViolation[];
  @Field(() => MonitorShareType, { nullable: true, description: 'When the terms judging the period name a third-party monitor as data source: the share of its measurement data that came from it; null otherwise.' })
  monitorShare: MonitorShareType | null;
  /** The report this period belongs to (its statement standing is read for all its periods at once). */
  source?: { agreementId: string; periods: PeriodCompliance[] };
}

@ObjectType('CreditLedgerEntry', { description: 'The credit of one ended period, with its calculation.' })
export class CreditLedgerEntry {
  @Field(() => DateTimeScalar) start: Date;
  @Field(() => DateTimeScalar) end: Date;
  @Field(() => ComplianceStatusEnum) status: ComplianceStatusEnum;
  @Field(() => AgreementRevision, { nullable: true }) revision: AgreementRevision | null;
  @Field(() => ServiceCredit) credit: ServiceCredit;
}

@ObjectType('TerminationRight')
export class TerminationRightType {
  @Field(() => Int) requiredConsecutiveBreaches: number;
  @Field({ description: 'True when N consecutive ended periods were breached.' }) arises: boolean;
  @Field(() => Int, { nullable: true, description: 'The (1-based) period in which it first arose.' }) period: number | null;
  @Field(() => Int) currentStreak: number;
}

export const toTerminationRight = (t: TerminationRight): TerminationRightType => ({
  requiredConsecutiveBreaches: t.requiredConsecutiveBreaches ?? 0,
  arises: t.arises,
  period: t.period,
  currentStreak: t.currentStreak,
});

@ObjectType('ComplianceReport')
export class ComplianceReportType {
  agreementUuid: string;
  @Field(() => GranularityEnum) granularity: GranularityEnum;
  @Field(() => [CompliancePeriod]) periods: CompliancePeriod[];
  @Field(() => TerminationRightType, { nullable: true }) terminationRight: TerminationRightType | null;
}

export function toReport(report: ComplianceReport, granularity: GranularityEnum): ComplianceReportType {
  const source = { agreementId: report.agreementId, periods: report.periods };
  return {
    agreementUuid: report.agreementId,
    granularity,
    terminationRight: report.terminationRight && toTerminationRight(report.terminationRight),
    periods: report.periods.map((p) => toCompliancePeriod(p, source)),
  };
}

/** One period of a report; `source` (the report) lets its statement standing be read with its neighbours'; without it, none is shown. */
export const toCompliancePeriod = (p: PeriodCompliance, source?: CompliancePeriod['source']): CompliancePeriod => ({
  source,
  start: p.start,
  end: p.end,
  revision: p.revision && toRevision(p.revision),
  status: p.status as ComplianceStatusEnum,
  credit: p.credit && toCredit(p.credit),
  violations: p.violations.map((v) => ({ ...v, objective: toObjective(v.objective) })),
  objectives: p.objectives.map(toObjectiveCompliance),
  monitorShare: p.monitorShare,
});

export function toObjectiveCompliance(o: ObjectiveCompliance): ObjectiveComplianceType {
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

/** The ledger: the periods of a report that carry a credit (ended ones), with their calculation. */
export const toCreditLedger = (report: ComplianceReport, granularity: GranularityEnum): CreditLedgerEntry[] =>
  toReport(report, granularity).periods.flatMap((p) => (p.credit ? [{ start: p.start, end: p.end, status: p.status, revision: p.revision, credit: p.credit }] : []));
