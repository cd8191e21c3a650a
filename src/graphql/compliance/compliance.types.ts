import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { type ComplianceReport, type ObjectiveCompliance, type PeriodCompliance, type SliceFigures, type WindowStanding } from '../../domain/compliance/compliance.service';
import { localIso } from '../../domain/compliance/periods';
import { type CreditCalculation } from '../../domain/compliance/credits';
import { type ErrorBudget } from '../../domain/compliance/error-budget';
import { type TerminationRight } from '../../domain/compliance/termination-right';
import { Metric, Priority } from '../core/enums';
import { LocalDateTimeScalar, SafeIntScalar } from '../core/scalars';
import { Objective, toObjective } from '../agreements/objective.type';
import { AgreementRevision, toRevision } from '../agreements/revision.type';

export enum ComplianceStatusEnum {
  MET = 'MET',
  BREACHED = 'BREACHED',
  NO_DATA = 'NO_DATA',
}
registerEnumType(ComplianceStatusEnum, {
  name: 'ComplianceStatus',
  description: 'The verdict of an objective or a period.',
  valuesConfig: {
    MET: { description: 'The target was reached.' },
    BREACHED: { description: 'The target was missed.' },
    NO_DATA: { description: 'Nothing to judge: no incidents, measurements or responses in the period.' },
  },
});

export enum GranularityEnum {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  YEAR = 'YEAR',
}
registerEnumType(GranularityEnum, {
  name: 'Granularity',
  description: 'How a compliance series is cut, in the provider\'s time zone. DAY and WEEK are for monitoring: their periods carry no credit, settlement or termination right (those are judged per calendar month).',
  valuesConfig: {
    DAY: { description: 'Calendar days, midnight to midnight (23 or 25 hours when daylight saving time changes); label "2026-03-29".' },
    WEEK: { description: 'ISO weeks, Monday 00:00 to Monday 00:00; label "2026-W13" (ISO week-year).' },
    MONTH: { description: 'Calendar months; label "2026-03".' },
    QUARTER: { description: 'Calendar quarters; label "2026-Q1".' },
    YEAR: { description: 'Calendar years; label "2026".' },
  },
});

@ObjectType('ErrorBudget', { description: 'What the target allows to fail in the window, what failed, and how fast it burns. Numbers are decimal strings.' })
export class ErrorBudgetType {
  @Field({ description: 'MILLISECONDS (availability by occurrences), EVENTS (ratio by occurrences) or SLICES (time-slice objectives).' }) unit: string;
  @Field({ description: 'What the target allows to fail in the window, in `unit` (e.g. 2592000 ms = 43.2 minutes for 99.9% of 30 days).' }) allowed: string;
  @Field({ description: 'What failed so far, in `unit`.' }) consumed: string;
  @Field({ description: 'Negative once overspent.' }) remaining: string;
  @Field(() => String, { nullable: true, description: 'Observed error rate / (1 - target); 1 spends the budget exactly over the window.' }) burnRate: string | null;
  @Field({ description: 'True when the target is 100% and something failed.' }) burnRateInfinite: boolean;
  @Field({ description: 'True when more failed than the budget allows.' }) exceeded: boolean;
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
  valuesConfig: { MEAN_SCORE: { description: 'The target is a floor for the mean score (target at most 5, e.g. 4.2).' }, PERCENT_SATISFIED: { description: 'The target is a floor for the percentage of responses scoring 4 or 5 (target above 5, e.g. 85).' } },
});

@ObjectType('SatisfactionAttainment', { description: 'The survey responses (1-5 CSAT scale) of a period, judged against the objective\'s floor.' })
export class SatisfactionAttainmentType {
  @Field(() => SatisfactionMeasureEnum, { description: 'Which figure the target is a floor for.' }) measure: SatisfactionMeasureEnum;
  @Field(() => SafeIntScalar, { description: 'How many survey responses the period has.' }) responses: number;
  @Field(() => String, { nullable: true, description: 'Mean score, 4 decimals; null without responses.' }) meanScore: string | null;
  @Field(() => String, { nullable: true, description: 'Responses scoring 4 or 5, in percent, 4 decimals; null without responses.' }) satisfiedPercent: string | null;
}

@ObjectType('TimeSlices', { description: 'A time-slice objective\'s slices in a window: whole slices inside it, on a fixed grid of the slice duration from 1970-01-01T00:00Z.' })
export class TimeSlicesType {
  @Field(() => SafeIntScalar, { description: 'Slices of the window: all of them for availability (a slice cut by the window\'s edge counts in neither part), those with measurements so far for ratio (a slice without data is not judged).' })
  inWindow: number;
  @Field(() => SafeIntScalar, { description: 'Slices judged so far: ended (and, for ratio, with data).' }) judged: number;
  @Field(() => SafeIntScalar, { description: 'Judged slices below the slice target (exactly at it is good).' }) bad: number;
}

@ObjectType('ObjectiveCompliance', { description: 'How one objective did in one period.' })
export class ObjectiveComplianceType {
  @Field(() => Objective, { description: 'The objective judged.' }) objective: Objective;
  @Field(() => ComplianceStatusEnum, { description: 'MET, BREACHED, or NO_DATA (nothing to judge in the period).' }) status: ComplianceStatusEnum;
  @Field(() => String, { nullable: true, description: 'Percent, 4 decimals: availability and ratio attained, share of clocks met for time objectives, share of satisfied responses for SATISFACTION.' }) attainedPercent: string | null;
  @Field(() => ErrorBudgetType, { nullable: true, description: 'What the target allows to fail and what failed; null for time objectives and satisfaction.' }) errorBudget: ErrorBudgetType | null;
  @Field(() => SafeIntScalar, { description: 'Time objectives: clocks met in the period.' }) clocksMet: number;
  @Field(() => SafeIntScalar, { description: 'Time objectives: clocks that breached in the period.' }) clocksBreached: number;
  @Field(() => MaintenanceAllowanceType, { nullable: true, description: 'Availability objectives whose terms excuse maintenance: what was excused, what was over the monthly cap.' })
  maintenance: MaintenanceAllowanceType | null;
  @Field(() => SatisfactionAttainmentType, { nullable: true, description: 'SATISFACTION objectives: responses, mean score and share satisfied.' })
  satisfaction: SatisfactionAttainmentType | null;
  @Field(() => TimeSlicesType, { nullable: true, description: 'TIMESLICES objectives: the slices of the window, judged and bad; null for occurrences.' })
  slices: TimeSlicesType | null;
  @Field(() => ObjectiveWindowStanding, {
    nullable: true,
    description: 'ROLLING_DAYS objectives in a compliance report: the standing over the rolling window that ends with this period (or now, while it runs); null for a period not begun, and for other objectives.',
  })
  rollingWindow: ObjectiveWindowStanding | null;
  breachedIncidentUuids: string[];
}

@ObjectType('ObjectiveWindowStanding', { description: 'How an objective stands over one window: a rolling window, or the window its error budget is counted over now.' })
export class ObjectiveWindowStanding {
  @Field({ description: 'The window\'s local name: a calendar period ("2026-03", "2026-Q2") or a rolling window as an ISO 8601 interval of its duration and local end ("P28D/2026-04-10T12:00:00.000+02:00").' })
  label: string;
  @Field(() => LocalDateTimeScalar, { description: 'Start, in the provider\'s time zone.' }) start: string;
  @Field(() => LocalDateTimeScalar, { description: 'End (exclusive), in the provider\'s time zone.' }) end: string;
  @Field(() => ObjectiveComplianceType, { description: 'Status, attainment, error budget and burn rate over the window.' }) standing: ObjectiveComplianceType;
}

@ObjectType('PerBreachCreditLine', { description: 'The per-breach credit of one metric and priority in a period.' })
export class PerBreachCreditLine {
  @Field(() => Metric, { description: 'The metric.' }) metric: Metric;
  @Field(() => Priority, { nullable: true, description: 'The priority; null when the credit applies to every priority.' }) priority: Priority | null;
  @Field(() => SafeIntScalar, { description: 'How many clocks breached.' }) count: number;
  @Field({ description: 'The credit per breach, in percent of the period fee (decimal string).' }) creditPercentEach: string;
  @Field({ description: '`count` x `creditPercentEach`, in percent of the period fee (decimal string).' }) creditPercent: string;
}

@ObjectType('ServiceCredit', { description: 'The credit of one period with its calculation spelled out. Amounts are exact decimals in the currency.' })
export class ServiceCredit {
  @Field({ description: 'ISO 4217 code, e.g. "EUR".' }) currency: string;
  @Field({ description: 'The fee of the period the percentages apply to (decimal string).' }) periodFee: string;
  @Field(() => String, { nullable: true, description: 'The tier applied: "below X%".' }) tierBelow: string | null;
  @Field({ description: `The tier's credit, percent of the fee ("0" when no tier applies).` }) tierCreditPercent: string;
  @Field(() => [PerBreachCreditLine], { description: 'Per-breach credits, by metric and priority.' }) perBreach: PerBreachCreditLine[];
  @Field({ description: 'Tier plus per-breach credits, percent of the fee, before the cap.' }) totalPercentBeforeCap: string;
  @Field(() => String, { nullable: true, description: 'The monthly cap, percent of the fee; null: no cap.' }) capPercent: string | null;
  @Field({ description: 'True when the cap lowered the credit.' }) capApplied: boolean;
  @Field({ description: 'The total credit after the cap, percent of the fee.' }) totalPercent: string;
  @Field({ description: `The credit owed, in \`currency\`, as a decimal string rounded half up to the currency's minor unit (e.g. "8750.00").` }) amount: string;
  @Field(() => [String], { description: 'The calculation step by step, in words.' }) explanation: string[];
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
  @Field(() => Objective, { description: 'The objective breached.' }) objective: Objective;
  @Field({ description: 'e.g. "AVAILABILITY at least 99.9% per CALENDAR_MONTH".' }) rule: string;
  @Field({ description: 'The target, in `unit`.' }) target: string;
  @Field(() => String, { nullable: true, description: 'The value attained, in `unit`; null without data.' }) actual: string | null;
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

@ObjectType('CompliancePeriod', { description: "One period (day, ISO week, month, quarter or year, in the provider's time zone) of a compliance report." })
export class CompliancePeriod {
  @Field({ description: 'The period\'s local name: "2026-03-29" (DAY), "2026-W13" (WEEK), "2026-03" (MONTH), "2026-Q1", "2026".' }) label: string;
  @Field(() => LocalDateTimeScalar, { description: 'Start, in the provider\'s time zone ("2026-03-01T00:00:00.000+01:00").' }) start: string;
  @Field(() => LocalDateTimeScalar, { description: 'End (exclusive), in the provider\'s time zone.' }) end: string;
  /** The start as an instant (statement standings are keyed by it). */
  startAt: Date;
  @Field(() => AgreementRevision, { nullable: true, description: 'The revision the period is judged against (in force at its end, else at its start).' }) revision: AgreementRevision | null;
  @Field(() => ComplianceStatusEnum, { description: 'BREACHED when any objective is breached, MET when all with data are met, NO_DATA otherwise.' }) status: ComplianceStatusEnum;
  @Field(() => [ObjectiveComplianceType], { description: 'Attainment of each objective of the revision it is judged against.' }) objectives: ObjectiveComplianceType[];
  @Field(() => ServiceCredit, { nullable: true, description: 'Null while the period runs, or without a credit policy.' }) credit: ServiceCredit | null;
  @Field(() => [SlaViolation], { description: 'One record per breached objective.' }) violations: SlaViolation[];
  @Field(() => MonitorShareType, { nullable: true, description: 'When the terms judging the period name a third-party monitor as data source: the share of its measurement data that came from it; null otherwise.' })
  monitorShare: MonitorShareType | null;
  /** The report this period belongs to (its statement standing is read for all its periods at once). */
  source?: { agreementId: string; periods: PeriodCompliance[] };
}

@ObjectType('CreditLedgerEntry', { description: 'The credit of one ended period, with its calculation.' })
export class CreditLedgerEntry {
  @Field({ description: 'The period\'s local name ("2026-03").' }) label: string;
  @Field(() => LocalDateTimeScalar, { description: 'Start, in the provider\'s time zone.' }) start: string;
  @Field(() => LocalDateTimeScalar, { description: 'End (exclusive), in the provider\'s time zone.' }) end: string;
  @Field(() => ComplianceStatusEnum, { description: 'Whether the period met its objectives.' }) status: ComplianceStatusEnum;
  @Field(() => AgreementRevision, { nullable: true, description: 'The revision the period was judged against.' }) revision: AgreementRevision | null;
  @Field(() => ServiceCredit, { description: 'The service credit of the period, with its calculation.' }) credit: ServiceCredit;
}

@ObjectType('TerminationRight', { description: 'Whether repeated breaches gave the customer the right to terminate.' })
export class TerminationRightType {
  @Field(() => Int, { description: 'How many consecutive breached periods give the right (from the credit policy).' }) requiredConsecutiveBreaches: number;
  @Field({ description: 'True when N consecutive ended periods were breached.' }) arises: boolean;
  @Field(() => Int, { nullable: true, description: 'The (1-based) period in which it first arose.' }) period: number | null;
  @Field(() => Int, { description: 'Consecutive breached periods up to the last one.' }) currentStreak: number;
}

export const toTerminationRight = (t: TerminationRight): TerminationRightType => ({
  requiredConsecutiveBreaches: t.requiredConsecutiveBreaches ?? 0,
  arises: t.arises,
  period: t.period,
  currentStreak: t.currentStreak,
});

@ObjectType('ComplianceReport', { description: 'How an agreement performed, period by period: attainment, error budgets, violations and service credits.' })
export class ComplianceReportType {
  agreementUuid: string;
  @Field(() => GranularityEnum, { description: 'The length of each period: MONTH, QUARTER or YEAR.' }) granularity: GranularityEnum;
  @Field(() => [CompliancePeriod], { description: 'The periods between `from` and `to`, oldest first.' }) periods: CompliancePeriod[];
  @Field(() => TerminationRightType, { nullable: true, description: 'Whether consecutive breached periods gave the customer a right to terminate; null when the terms grant none.' }) terminationRight: TerminationRightType | null;
}

export function toReport(report: ComplianceReport, granularity: GranularityEnum): ComplianceReportType {
  // Statements settle calendar months: only a MONTH series is compared with them.
  const source = granularity === GranularityEnum.MONTH ? { agreementId: report.agreementId, periods: report.periods } : undefined;
  const zone = report.timeZone;
  return {
    agreementUuid: report.agreementId,
    granularity,
    terminationRight: report.terminationRight && toTerminationRight(report.terminationRight),
    periods: report.periods.map((p) => toCompliancePeriod(p, zone, source)),
  };
}

/** One period of a report, its bounds shown in `zone`; `source` (the report) lets its statement standing be read with its neighbours'; without it, none is shown. */
export const toCompliancePeriod = (p: PeriodCompliance, zone: string, source?: CompliancePeriod['source']): CompliancePeriod => ({
  source,
  label: p.label,
  start: localIso(p.start, zone),
  end: localIso(p.end, zone),
  startAt: p.start,
  revision: p.revision && toRevision(p.revision),
  status: p.status as ComplianceStatusEnum,
  credit: p.credit && toCredit(p.credit),
  violations: p.violations.map((v) => ({ ...v, objective: toObjective(v.objective) })),
  objectives: p.objectives.map((o) => toObjectiveCompliance(o, zone)),
  monitorShare: p.monitorShare,
});

const toSlices = (s: SliceFigures): TimeSlicesType => ({ inWindow: s.inWindow, judged: s.judged, bad: s.bad });

/** One objective's standing over a window, its bounds shown in `zone`. */
export function toWindowStanding(w: WindowStanding, zone: string): ObjectiveWindowStanding {
  return { label: w.window.label, start: localIso(w.window.start, zone), end: localIso(w.window.end, zone), standing: toObjectiveCompliance(w.standing, zone) };
}

export function toObjectiveCompliance(o: ObjectiveCompliance, zone: string): ObjectiveComplianceType {
  return Object.assign(new ObjectiveComplianceType(), {
    objective: toObjective(o.objective),
    status: o.status as ComplianceStatusEnum,
    attainedPercent: o.attainedPercent,
    errorBudget: o.budget && toBudget(o.budget),
    clocksMet: o.clocksMet,
    clocksBreached: o.clocksBreached,
    maintenance: o.maintenance ?? null,
    satisfaction: o.satisfaction ? { ...o.satisfaction, measure: o.satisfaction.measure as SatisfactionMeasureEnum } : null,
    slices: o.slices ? toSlices(o.slices) : null,
    rollingWindow: o.rolling ? toWindowStanding(o.rolling, zone) : null,
    breachedIncidentUuids: o.breachedIncidentIds,
  });
}

/** The ledger: the periods of a report that carry a credit (ended ones), with their calculation. */
export const toCreditLedger = (report: ComplianceReport, granularity: GranularityEnum): CreditLedgerEntry[] =>
  toReport(report, granularity).periods.flatMap((p) => (p.credit ? [{ label: p.label, start: p.start, end: p.end, status: p.status, revision: p.revision, credit: p.credit }] : []));
