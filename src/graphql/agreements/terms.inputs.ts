import {
  ArrayMaxSize,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsISO4217CurrencyCode,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { BudgetingMethod, Comparator, CorrectionReasonEnum, DataSourceKind, Metric, Party, Region, ReportingFrequency, ReviewCadence, Role, Tier, WindowKind } from '../core/enums';
import { ImpactEnum, IncidentStatusEnum } from '../incidents/incident.type';
import { DateTimeScalar, DurationScalar } from '../core/scalars';
import { NotBlank } from '../core/validation';
import { IdOf } from '../core/ids';

@InputType('ObjectiveWindowInput', { description: 'The period over which an objective is judged.' })
export class ObjectiveWindowInput {
  @Field(() => WindowKind, { description: 'A calendar month, quarter or year, or ROLLING_DAYS with `days`.' }) @IsEnum(WindowKind) kind: WindowKind;
  @Field(() => Int, { nullable: true, description: 'Days of a ROLLING_DAYS window.' }) @IsOptional() @IsInt() days?: number | null;
  @Field(() => DurationScalar, { nullable: true, description: 'A ROLLING_DAYS window\'s length as an ISO 8601 duration of whole days of 24 hours ("P28D"), instead of `days`.' })
  @IsOptional()
  duration?: string | null;
}

@InputType('ObjectiveBudgetingInput', { description: 'How the window is budgeted: OCCURRENCES (default) or TIMESLICES with a slice duration and a slice target.' })
export class ObjectiveBudgetingInput {
  @Field(() => BudgetingMethod, { description: 'OCCURRENCES or TIMESLICES.' }) @IsEnum(BudgetingMethod) method: BudgetingMethod;
  @Field(() => DurationScalar, { nullable: true, description: 'TIMESLICES: the length of a slice, whole seconds from "PT1M" to "P1D" dividing a day ("PT1M", "PT5M", "PT1H").' })
  @IsOptional()
  sliceDuration?: string | null;
  @Field(() => Float, { nullable: true, description: 'TIMESLICES: percent a slice must attain to be good (exactly at it is good), e.g. 95.' })
  @IsOptional()
  @IsNumber()
  sliceTarget?: number | null;
}

@InputType('ObjectiveConditionsInput', {
  description: 'The incidents a time objective applies to. Each list given names the values that match; an incident matches when it matches every list given. Leave out for every incident.',
})
export class ObjectiveConditionsInput {
  @Field(() => [String], { nullable: true, description: 'Incident categories (compared exactly with the report\'s `category`).' })
  @IsOptional()
  @ArrayMaxSize(20)
  @MaxLength(100, { each: true })
  categories?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Channels (compared exactly with the report\'s `channel`).' })
  @IsOptional()
  @ArrayMaxSize(20)
  @MaxLength(100, { each: true })
  channels?: string[] | null;
  @Field(() => [ImpactEnum], { nullable: true, description: 'Impacts.' }) @IsOptional() @ArrayMaxSize(3) @IsEnum(ImpactEnum, { each: true }) impacts?: ImpactEnum[] | null;
  @Field(() => [Tier], { nullable: true, description: "The customer's tiers." }) @IsOptional() @ArrayMaxSize(10) @IsEnum(Tier, { each: true }) customerTiers?: Tier[] | null;
  @Field(() => [Region], { nullable: true, description: "The customer's regions." }) @IsOptional() @ArrayMaxSize(10) @IsEnum(Region, { each: true }) customerRegions?: Region[] | null;
}

@InputType('PauseRuleInput', { description: 'Which statuses pause the clocks of one metric.' })
export class PauseRuleInput {
  @Field(() => Metric, { description: 'RESOLUTION_TIME or UPDATE_INTERVAL (the first response never pauses).' }) @IsEnum(Metric) metric: Metric;
  @Field(() => [IncidentStatusEnum], {
    description: 'Status meanings among WAITING_ON_CUSTOMER, WAITING_ON_THIRD_PARTY, SCHEDULED, RESOLVED_PENDING_CONFIRMATION (a provider\'s own status pauses as its meaning does); empty: nothing pauses it.',
  })
  @ArrayMaxSize(4)
  @IsEnum(IncidentStatusEnum, { each: true })
  statuses: IncidentStatusEnum[];
}

@InputType('ObjectiveInput', { description: 'Percent and score metrics take `target`; time metrics take `targetDuration`.' })
export class ObjectiveInput {
  @Field(() => Metric, { description: 'What is measured.' }) @IsEnum(Metric) metric: Metric;
  @Field(() => String, { nullable: true, description: 'P1 to P4, for time metrics; leave out for the others (or for all priorities).' })
  @IsOptional() @IsString() @MaxLength(10) priority?: string | null;
  @Field({ nullable: true, description: 'A name for the objective.' }) @IsOptional() @MaxLength(200) name?: string;
  @Field({ nullable: true, description: 'Free text explaining the objective.' }) @IsOptional() @MaxLength(2000) description?: string;
  @Field(() => Comparator, { nullable: true, description: 'Defaults to AT_LEAST for percentages and scores, AT_MOST for times.' })
  @IsOptional() @IsEnum(Comparator) comparator?: Comparator | null;
  @Field(() => Float, { nullable: true, description: 'Percent (99.95) or score.' }) @IsOptional() @IsNumber() target?: number | null;
  @Field(() => DurationScalar, { nullable: true, description: 'ISO 8601, e.g. "PT15M", "PT8H".' }) @IsOptional() targetDuration?: string | null;
  @Field(() => ObjectiveWindowInput, { nullable: true, description: 'Defaults to CALENDAR_MONTH.' }) @IsOptional() @ValidateNested() window?: ObjectiveWindowInput | null;
  @Field(() => ID, { nullable: true, description: 'A business-hours calendar; leave out for 24x7.' }) @IsOptional() @IdOf('BusinessCalendar') calendar?: string | null;
  @Field(() => Float, { nullable: true, description: 'Warn at this share of the target, percent (default 75).' }) @IsOptional() @IsNumber() warningThresholdPercent?: number | null;
  @Field(() => Float, { nullable: true, description: 'Availability: share of DEGRADED time counted as downtime, percent (default 0).' })
  @IsOptional() @IsNumber() degradedWeightPercent?: number | null;
  @Field(() => ObjectiveBudgetingInput, { nullable: true, description: 'Availability and ratio: OCCURRENCES (default) or TIMESLICES.' })
  @IsOptional()
  @ValidateNested()
  budgeting?: ObjectiveBudgetingInput | null;
  @Field(() => ObjectiveConditionsInput, {
    nullable: true,
    description: 'Time objectives: the incidents it applies to (leave out for every incident). One objective per metric, priority and conditions.',
  })
  @IsOptional()
  @ValidateNested()
  conditions?: ObjectiveConditionsInput | null;
  @Field(() => [ID], {
    nullable: true,
    description:
      "For an OLA or underpinning contract: the customer agreements' objectives (of signed revisions, same metric) this one supports; its target may not be longer than theirs (SUPPORTING_TARGET_TOO_LONG).",
  })
  @IsOptional()
  @ArrayMaxSize(50)
  @IdOf('Objective')
  supportsObjectives?: string[] | null;
}

@InputType('ResponsibilityInput', { description: 'Something one party undertakes to do.' })
export class ResponsibilityInput {
  @Field(() => Party, { description: 'Whose responsibility it is.' }) @IsEnum(Party) party: Party;
  @Field({ description: 'What they undertake.' }) @NotBlank() @MaxLength(2000) text: string;
}

@InputType('MeasurementInput', { description: 'How objectives are measured, and from which data.' })
export class MeasurementInput {
  @Field({ description: "How it is measured, in the contract's words." }) @IsString() @MaxLength(2000) method: string;
  @Field(() => DataSourceKind, { description: 'Whose data counts.' }) @IsEnum(DataSourceKind) dataSource: DataSourceKind;
  @Field(() => String, { nullable: true, description: 'The third-party monitor the data comes from, by the name its measurements carry as `source` (e.g. "Pingdom"); only with THIRD_PARTY_MONITOR. Compliance reports say which share of a period\'s measurement data came from it.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  monitor?: string | null;
}

@InputType('ReportingInput', { description: 'How performance is reported to the customer.' })
export class ReportingInput {
  @Field(() => ReportingFrequency, { description: 'How often a report is sent.' }) @IsEnum(ReportingFrequency) frequency: ReportingFrequency;
  @Field(() => [String], { description: 'E-mail addresses.' }) @ArrayMaxSize(50) @IsEmail({}, { each: true, message: 'recipients must be e-mail addresses' }) recipients: string[];
}

@InputType('CreditTierInput', { description: 'One tier of credits by attainment.' })
export class CreditTierInput {
  @Field(() => Float, { description: 'Attainment (percent) below which this tier applies.' }) @IsNumber() below: number;
  @Field(() => Float, { description: 'The credit, as a percentage of the period fee (e.g. 10).' }) @IsNumber() creditPercent: number;
}

@InputType('PerBreachCreditInput', { description: 'A credit per missed clock, e.g. 5% of the fee per missed P1 response.' })
export class PerBreachCreditInput {
  @Field(() => Metric, { description: 'A time metric (FIRST_RESPONSE_TIME, RESOLUTION_TIME, UPDATE_INTERVAL) or SATISFACTION (once per breached period).' }) @IsEnum(Metric) metric: Metric;
  @Field(() => String, { nullable: true, description: 'Only clocks of this priority (P1 to P4); leave out for every priority.' }) @IsOptional() @Matches(/^P[1-4]$/, { message: 'priority must be P1, P2, P3 or P4' }) priority?: string | null;
  @Field(() => Float, { description: 'The credit per missed clock, as a percentage of the period fee.' }) @IsNumber() creditPercent: number;
}

@InputType('CreditPolicyInput', { description: 'Service credits and the termination right.' })
export class CreditPolicyInput {
  @Field({ description: 'ISO 4217, e.g. "EUR".' }) @IsISO4217CurrencyCode({ message: 'currency must be an ISO 4217 code such as "EUR"' }) currency: string;
  @Field({ description: 'Fee of one period as a decimal string, e.g. "12500.00".' }) @Matches(/^\d{1,12}(\.\d{1,4})?$/, { message: 'periodFee must be a decimal amount such as "12500.00"' }) periodFee: string;
  @Field(() => [CreditTierInput], { description: 'Credits by attainment, e.g. [{ below: 99.99, creditPercent: 10 }, { below: 99.0, creditPercent: 30 }].' }) @ArrayMaxSize(20) @ValidateNested({ each: true }) tiers: CreditTierInput[];
  @Field(() => [PerBreachCreditInput], { nullable: true, description: 'Credits per breached clock, by metric and priority.' }) @IsOptional() @ArrayMaxSize(20) @ValidateNested({ each: true }) perBreach?: PerBreachCreditInput[];
  @Field(() => Float, { nullable: true, description: 'The most credit per period, as a percentage of the period fee (e.g. 50); leave out for no cap.' }) @IsOptional() @IsNumber() monthlyCapPercent?: number | null;
  @Field(() => Int, { nullable: true, description: 'The customer may terminate after this many consecutive breached periods (e.g. 3).' }) @IsOptional() @IsInt() @Min(1) @Max(120) terminationAfterConsecutiveBreaches?: number | null;
}

@InputType('MaintenanceWindowInput', { description: 'A maintenance clause of the terms.' })
export class MaintenanceWindowInput {
  @Field({ description: `The clause's name, e.g. "Planned maintenance".` }) @NotBlank() @MaxLength(200) name: string;
  @Field({ nullable: true, description: "What the clause says, in the contract's words." }) @IsOptional() @MaxLength(2000) description?: string;
  @Field(() => DurationScalar, { description: 'How long before it starts maintenance must be announced to be excused, ISO 8601 (e.g. "P2D").' }) noticePeriod: string;
  @Field(() => DurationScalar, { nullable: true, description: 'How much maintenance is excused per calendar month, ISO 8601 (e.g. "PT4H"); leave out for no cap.' }) @IsOptional() maxPerMonth?: string | null;
}

@InputType('ExclusionsInput', { description: 'What does not count against the objectives.' })
export class ExclusionsInput {
  @Field(() => [MaintenanceWindowInput], { description: 'Maintenance clauses; with several, the shortest notice and the largest cap apply.' }) @ArrayMaxSize(20) @ValidateNested({ each: true }) maintenanceWindows: MaintenanceWindowInput[];
  @Field({ nullable: true, description: "The force majeure clause, in the contract's words." }) @IsOptional() @MaxLength(4000) forceMajeure?: string;
}

@InputType('EscalationLevelInput', { description: 'One level of an escalation policy.' })
export class EscalationLevelInput {
  @Field(() => Int, { description: '1, 2, 3 ... in order without gaps.' }) @IsInt() level: number;
  @Field({ description: 'What the level is, e.g. "On call".' }) @NotBlank() @MaxLength(200) name: string;
  @Field(() => [Role], { nullable: true, description: 'Roles of the provider whose holders are notified.' }) @IsOptional() @ArrayMaxSize(6) notifyRoles?: Role[];
  @Field(() => [String], { nullable: true, description: 'People, e.g. e-mail addresses.' }) @IsOptional() @ArrayMaxSize(50) @MaxLength(200, { each: true }) notifyUsers?: string[];
  @Field(() => [ID], { nullable: true, description: 'Webhook endpoints that receive the events of this level (escalation.raised, escalation.advanced ...) whatever types they subscribe to.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IdOf('WebhookEndpoint') notifyWebhookEndpoints?: string[];
  @Field(() => DurationScalar, { description: 'ISO 8601 duration after which, unacknowledged, the next level is notified.' }) after: string;
  @Field(() => ID, {
    nullable: true,
    description: 'A business calendar: `after` then counts its open hours only (weekends, public holidays and closed dates do not count; notified outside hours, counting starts at the next opening). Leave out to count all time.',
  })
  @IsOptional()
  @IdOf('BusinessCalendar')
  calendar?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description: "Also notify the supporting party (team or supplier) whose clock raised the escalation, or else the one holding the incident, at its contacts (default false).",
  })
  @IsOptional()
  @IsBoolean()
  notifySupportingParty?: boolean | null;
}

@InputType('EscalationTriggersInput', { description: 'What raises an escalation. Fields left out take their defaults: a clock breach escalates, nothing else does.' })
export class EscalationTriggersInput {
  @Field(() => Boolean, { nullable: true, description: 'A clock of an incident reaches its warning threshold (default false).' }) @IsOptional() @IsBoolean() clockWarning?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'A clock of an incident breaches its target (default true).' }) @IsOptional() @IsBoolean() clockBreach?: boolean | null;
  @Field(() => DurationScalar, { nullable: true, description: 'An incident still unacknowledged this long after it was reported escalates (default: never).' })
  @IsOptional()
  unacknowledgedAfter?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'An objective is BREACHED for a calendar month (default false); checked when the month ends.' })
  @IsOptional()
  @IsBoolean()
  objectiveBreached?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'An objective\'s error budget raises a burn-rate alert (default false); one escalation per alert episode, settled when the burn stops.' })
  @IsOptional()
  @IsBoolean()
  budgetBurn?: boolean | null;
}

@InputType('EscalationPolicyInput', { description: 'Replaces the whole policy.' })
export class EscalationPolicyInput {
  @Field(() => [EscalationLevelInput], { description: 'Levels 1, 2, 3 ... in order.' }) @ArrayMaxSize(10) @ValidateNested({ each: true }) levels: EscalationLevelInput[];
  @Field(() => EscalationTriggersInput, { nullable: true, description: 'What raises an escalation; left out: the defaults (a clock breach escalates, nothing else does).' }) @IsOptional() @ValidateNested() triggers?: EscalationTriggersInput | null;
}

@InputType('SettlementTermsInput', { description: 'When periods close into statements and which corrections count. Replaces the whole section; fields left out take their defaults.' })
export class SettlementTermsInput {
  @Field(() => DurationScalar, { nullable: true, description: 'How long after its end a period closes into a statement (default P3D, at most 90 days).' })
  @IsOptional()
  statementGracePeriod?: string | null;
  @Field(() => [CorrectionReasonEnum], { nullable: true, description: 'The reasons a correction may give (default: all of them).' })
  @IsOptional()
  @ArrayMaxSize(4)
  @IsEnum(CorrectionReasonEnum, { each: true })
  correctionReasons?: CorrectionReasonEnum[] | null;
  @Field(() => Boolean, { nullable: true, description: 'A correction counts only once the customer approved it (default false).' })
  @IsOptional()
  @IsBoolean()
  correctionsNeedCustomerApproval?: boolean | null;
}

@InputType('DisputeStageInput', { description: 'One stage of the dispute-resolution procedure, e.g. "Service manager".' })
export class DisputeStageInput {
  @Field({ description: 'Its name, unique within the procedure.' }) @NotBlank() @MaxLength(200) name: string;
  @Field(() => DurationScalar, { nullable: true, description: "How long (calendar time) the provider has to answer a claim at this stage; left out: the procedure's responseDeadline." })
  @IsOptional()
  responseDeadline?: string | null;
}

@InputType('DisputeProcedureInput', { description: 'The structured dispute procedure: claim window, response deadline, stages. Replaces the whole section; fields left out take their defaults.' })
export class DisputeProcedureInput {
  @Field(() => DurationScalar, { nullable: true, description: "How long after a statement's issue a claim may be filed (default P30D, calendar time)." })
  @IsOptional()
  claimWindow?: string | null;
  @Field(() => DurationScalar, { nullable: true, description: 'How long the provider has to answer a claim at a stage that sets none of its own (default P10D, calendar days).' })
  @IsOptional()
  responseDeadline?: string | null;
  @Field(() => [DisputeStageInput], { nullable: true, description: 'The stages in order, at least one (default: Account manager, Service manager, Executive).' })
  @IsOptional()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  stages?: DisputeStageInput[] | null;
}

@InputType('BurnAlertPairInput', { description: 'One alert: `budgetPercent` of the period\'s error budget spent within `longWindow`, and still burning as fast over `shortWindow`.' })
export class BurnAlertPairInput {
  @Field(() => Float, { description: 'Share of the period\'s error budget, percent (2 = 2%); above 0, at most 100.' }) @IsNumber() budgetPercent: number;
  @Field(() => DurationScalar, { description: 'The long window, e.g. "PT1H" (at most 90 days).' }) longWindow: string;
  @Field(() => DurationScalar, { description: 'The short window, shorter than the long one, e.g. "PT5M": the alert resolves soon after the burn stops.' }) shortWindow: string;
}

@InputType('BurnRateAlertPolicyInput', { description: 'Multi-window burn-rate alerts on the error budgets of availability and ratio objectives. Replaces the whole policy; fields left out take their defaults.' })
export class BurnRateAlertPolicyInput {
  @Field(() => Boolean, { nullable: true, description: 'false raises no burn-rate alert under these terms (default true).' }) @IsOptional() @IsBoolean() enabled?: boolean | null;
  @Field(() => [BurnAlertPairInput], {
    nullable: true,
    description: 'The alerts (default: the SRE workbook\'s 2% in PT1H over PT5M, 5% in PT6H over PT30M, 10% in P3D over PT6H).',
  })
  @IsOptional()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  pairs?: BurnAlertPairInput[] | null;
}

/** The terms of a draft. Every field is optional on update; a list or object given replaces the old one. */
@InputType('RevisionTermsInput', { description: "An agreement's terms; in revisionUpdate only the fields given change." })
export class RevisionTermsInput {
  @Field({ nullable: true, description: `The contract's title, e.g. "Alpha Bank SLA".` }) @IsOptional() @NotBlank() @MaxLength(200) title?: string;
  @Field({ nullable: true, description: "Free text describing the agreement's purpose." }) @IsOptional() @MaxLength(10000) description?: string;
  @Field({ nullable: true, description: 'What the services cover.' }) @IsOptional() @MaxLength(10000) scopeOfServices?: string;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the terms take effect (at the last approval if that is later).' }) @IsOptional() effectiveFrom?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'A planned end; leave out for open-ended terms.' }) @IsOptional() effectiveTo?: Date | null;
  @Field(() => [ObjectiveInput], { nullable: true, description: 'Replaces every objective of the draft.' }) @IsOptional() @ArrayMaxSize(50) @ValidateNested({ each: true }) objectives?: ObjectiveInput[];
  @Field(() => [ResponsibilityInput], { nullable: true, description: 'What each party undertakes; replaces the list.' }) @IsOptional() @ArrayMaxSize(50) @ValidateNested({ each: true }) responsibilities?: ResponsibilityInput[];
  @Field(() => MeasurementInput, { nullable: true, description: 'How performance is measured.' }) @IsOptional() @ValidateNested() measurement?: MeasurementInput;
  @Field(() => ReportingInput, { nullable: true, description: 'How performance is reported.' }) @IsOptional() @ValidateNested() reporting?: ReportingInput;
  @Field(() => CreditPolicyInput, { nullable: true, description: 'null removes the credit policy.' }) @IsOptional() @ValidateNested() creditPolicy?: CreditPolicyInput | null;
  @Field(() => ExclusionsInput, { nullable: true, description: 'Maintenance clauses and force majeure.' }) @IsOptional() @ValidateNested() exclusions?: ExclusionsInput;
  @Field(() => EscalationPolicyInput, { nullable: true, description: 'Who is notified when something escalates, and what escalates.' }) @IsOptional() @ValidateNested() escalationPolicy?: EscalationPolicyInput;
  @Field(() => ReviewCadence, { nullable: true, description: 'How often the agreement is reviewed (MONTHLY, QUARTERLY, ANNUAL or AD_HOC).' }) @IsOptional() @IsEnum(ReviewCadence) reviewCadence?: ReviewCadence;
  @Field({ nullable: true, description: 'How disputes are resolved.' }) @IsOptional() @MaxLength(10000) disputeResolution?: string;
  @Field(() => DisputeProcedureInput, { nullable: true, description: 'Claims and disputes: window, deadlines, stages; left out, the terms keep theirs (the defaults when they never had any).' })
  @IsOptional()
  @ValidateNested()
  disputeProcedure?: DisputeProcedureInput | null;
  @Field({ nullable: true, description: 'How the agreement itself is changed.' }) @IsOptional() @MaxLength(10000) changeProcedure?: string;
  @Field(() => SettlementTermsInput, { nullable: true, description: 'Statements and corrections; left out, the terms keep theirs (the defaults when they never had any).' })
  @IsOptional()
  @ValidateNested()
  settlement?: SettlementTermsInput | null;
  @Field(() => [PauseRuleInput], {
    nullable: true,
    description: 'Which statuses pause which metric\'s clocks, for incidents judged by this revision. Replaces the rules; null removes them. A metric without a rule pauses on WAITING_ON_CUSTOMER.',
  })
  @IsOptional()
  @ArrayMaxSize(2)
  @ValidateNested({ each: true })
  pauseRules?: PauseRuleInput[] | null;
  @Field(() => BurnRateAlertPolicyInput, { nullable: true, description: 'Burn-rate alerts; left out, the terms keep theirs (the defaults when they never had any).' })
  @IsOptional()
  @ValidateNested()
  burnRateAlertPolicy?: BurnRateAlertPolicyInput | null;
}
