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

@InputType('ObjectiveWindowInput')
export class ObjectiveWindowInput {
  @Field(() => WindowKind) @IsEnum(WindowKind) kind: WindowKind;
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
  @Field(() => Metric) @IsEnum(Metric) metric: Metric;
  @Field(() => String, { nullable: true, description: 'P1 to P4, for time metrics; leave out for the others (or for all priorities).' })
  @IsOptional() @IsString() @MaxLength(10) priority?: string | null;
  @Field({ nullable: true }) @IsOptional() @MaxLength(200) name?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(2000) description?: string;
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

@InputType('ResponsibilityInput')
export class ResponsibilityInput {
  @Field(() => Party) @IsEnum(Party) party: Party;
  @Field() @NotBlank() @MaxLength(2000) text: string;
}

@InputType('MeasurementInput')
export class MeasurementInput {
  @Field() @IsString() @MaxLength(2000) method: string;
  @Field(() => DataSourceKind) @IsEnum(DataSourceKind) dataSource: DataSourceKind;
}

@InputType('ReportingInput')
export class ReportingInput {
  @Field(() => ReportingFrequency) @IsEnum(ReportingFrequency) frequency: ReportingFrequency;
  @Field(() => [String], { description: 'E-mail addresses.' }) @ArrayMaxSize(50) @IsEmail({}, { each: true, message: 'recipients must be e-mail addresses' }) recipients: string[];
}

@InputType('CreditTierInput')
export class CreditTierInput {
  @Field(() => Float, { description: 'Attainment (percent) below which this tier applies.' }) @IsNumber() below: number;
  @Field(() => Float) @IsNumber() creditPercent: number;
}

@InputType('PerBreachCreditInput')
export class PerBreachCreditInput {
  @Field(() => Metric) @IsEnum(Metric) metric: Metric;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(/^P[1-4]$/, { message: 'priority must be P1, P2, P3 or P4' }) priority?: string | null;
  @Field(() => Float) @IsNumber() creditPercent: number;
}

@InputType('CreditPolicyInput')
export class CreditPolicyInput {
  @Field({ description: 'ISO 4217, e.g. "EUR".' }) @IsISO4217CurrencyCode({ message: 'currency must be an ISO 4217 code such as "EUR"' }) currency: string;
  @Field({ description: 'Fee of one period as a decimal string, e.g. "12500.00".' }) @Matches(/^\d{1,12}(\.\d{1,4})?$/, { message: 'periodFee must be a decimal amount such as "12500.00"' }) periodFee: string;
  @Field(() => [CreditTierInput]) @ArrayMaxSize(20) @ValidateNested({ each: true }) tiers: CreditTierInput[];
  @Field(() => [PerBreachCreditInput], { nullable: true }) @IsOptional() @ArrayMaxSize(20) @ValidateNested({ each: true }) perBreach?: PerBreachCreditInput[];
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber() monthlyCapPercent?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(120) terminationAfterConsecutiveBreaches?: number | null;
}

@InputType('MaintenanceWindowInput')
export class MaintenanceWindowInput {
  @Field() @NotBlank() @MaxLength(200) name: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(2000) description?: string;
  @Field(() => DurationScalar) noticePeriod: string;
  @Field(() => DurationScalar, { nullable: true }) @IsOptional() maxPerMonth?: string | null;
}

@InputType('ExclusionsInput')
export class ExclusionsInput {
  @Field(() => [MaintenanceWindowInput]) @ArrayMaxSize(20) @ValidateNested({ each: true }) maintenanceWindows: MaintenanceWindowInput[];
  @Field({ nullable: true }) @IsOptional() @MaxLength(4000) forceMajeure?: string;
}

@InputType('EscalationLevelInput')
export class EscalationLevelInput {
  @Field(() => Int) @IsInt() level: number;
  @Field() @NotBlank() @MaxLength(200) name: string;
  @Field(() => [Role], { nullable: true }) @IsOptional() @ArrayMaxSize(6) notifyRoles?: Role[];
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
  @Field(() => EscalationTriggersInput, { nullable: true }) @IsOptional() @ValidateNested() triggers?: EscalationTriggersInput | null;
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
@InputType('RevisionTermsInput')
export class RevisionTermsInput {
  @Field({ nullable: true }) @IsOptional() @NotBlank() @MaxLength(200) title?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(10000) description?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(10000) scopeOfServices?: string;
  @Field(() => DateTimeScalar, { nullable: true }) @IsOptional() effectiveFrom?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) @IsOptional() effectiveTo?: Date | null;
  @Field(() => [ObjectiveInput], { nullable: true, description: 'Replaces every objective of the draft.' }) @IsOptional() @ArrayMaxSize(50) @ValidateNested({ each: true }) objectives?: ObjectiveInput[];
  @Field(() => [ResponsibilityInput], { nullable: true }) @IsOptional() @ArrayMaxSize(50) @ValidateNested({ each: true }) responsibilities?: ResponsibilityInput[];
  @Field(() => MeasurementInput, { nullable: true }) @IsOptional() @ValidateNested() measurement?: MeasurementInput;
  @Field(() => ReportingInput, { nullable: true }) @IsOptional() @ValidateNested() reporting?: ReportingInput;
  @Field(() => CreditPolicyInput, { nullable: true, description: 'null removes the credit policy.' }) @IsOptional() @ValidateNested() creditPolicy?: CreditPolicyInput | null;
  @Field(() => ExclusionsInput, { nullable: true }) @IsOptional() @ValidateNested() exclusions?: ExclusionsInput;
  @Field(() => EscalationPolicyInput, { nullable: true }) @IsOptional() @ValidateNested() escalationPolicy?: EscalationPolicyInput;
  @Field(() => ReviewCadence, { nullable: true }) @IsOptional() @IsEnum(ReviewCadence) reviewCadence?: ReviewCadence;
  @Field({ nullable: true }) @IsOptional() @MaxLength(10000) disputeResolution?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(10000) changeProcedure?: string;
  @Field(() => SettlementTermsInput, { nullable: true, description: 'Statements and corrections; left out, the terms keep theirs (the defaults when they never had any).' })
  @IsOptional()
  @ValidateNested()
  settlement?: SettlementTermsInput | null;
}
