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
import { BudgetingMethod, Comparator, CorrectionReasonEnum, DataSourceKind, Metric, Party, ReportingFrequency, ReviewCadence, Role, WindowKind } from '../core/enums';
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
  @Field({ nullable: true, description: 'How the agreement itself is changed.' }) @IsOptional() @MaxLength(10000) changeProcedure?: string;
  @Field(() => SettlementTermsInput, { nullable: true, description: 'Statements and corrections; left out, the terms keep theirs (the defaults when they never had any).' })
  @IsOptional()
  @ValidateNested()
  settlement?: SettlementTermsInput | null;
}
