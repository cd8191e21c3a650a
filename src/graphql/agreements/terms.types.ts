import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { type EscalationPolicyTerms, type RevisionTerms } from '../../domain/agreements/terms';
import { shownDuration } from '../../domain/shared/iso-duration';
import { globalId } from '../core/ids';
import { CorrectionReasonEnum, DataSourceKind, Metric, Party, Priority, ReportingFrequency, Role } from '../core/enums';

@ObjectType('Responsibility')
export class Responsibility {
  @Field(() => Party) party: Party;
  @Field() text: string;
}

@ObjectType('Measurement', { description: 'How objectives are measured, and from which data.' })
export class Measurement {
  @Field() method: string;
  @Field(() => DataSourceKind) dataSource: DataSourceKind;
}

@ObjectType('Reporting')
export class Reporting {
  @Field(() => ReportingFrequency) frequency: ReportingFrequency;
  @Field(() => [String]) recipients: string[];
}

@ObjectType('CreditTier', { description: 'Attainment strictly below `below` percent credits `creditPercent` of the period fee.' })
export class CreditTier {
  @Field(() => Float) below: number;
  @Field(() => Float) creditPercent: number;
}

@ObjectType('PerBreachCredit', { description: 'Each missed clock of this metric (and priority) credits `creditPercent` of the period fee.' })
export class PerBreachCredit {
  @Field(() => Metric) metric: Metric;
  @Field(() => Priority, { nullable: true }) priority: Priority | null;
  @Field(() => Float) creditPercent: number;
}

@ObjectType('CreditPolicy')
export class CreditPolicy {
  @Field({ description: 'ISO 4217 code.' }) currency: string;
  @Field({ description: 'Fee of one period, as a decimal string ("12500.00").' }) periodFee: string;
  @Field(() => [CreditTier]) tiers: CreditTier[];
  @Field(() => [PerBreachCredit]) perBreach: PerBreachCredit[];
  @Field(() => Float, { nullable: true }) monthlyCapPercent: number | null;
  @Field(() => Int, { nullable: true, description: 'The customer may terminate after this many consecutive breached periods.' })
  terminationAfterConsecutiveBreaches: number | null;
}

@ObjectType('MaintenanceWindow', { description: 'Announced maintenance, excluded from downtime.' })
export class MaintenanceWindow {
  @Field() name: string;
  @Field() description: string;
  @Field({ description: 'ISO 8601 duration of notice required.' }) noticePeriod: string;
  @Field(() => String, { nullable: true, description: 'ISO 8601 duration allowed per month.' }) maxPerMonth: string | null;
}

@ObjectType('Exclusions')
export class Exclusions {
  @Field(() => [MaintenanceWindow]) maintenanceWindows: MaintenanceWindow[];
  @Field() forceMajeure: string;
}

@ObjectType('SettlementTerms', { description: 'When periods close into statements, and which corrections the terms allow.' })
export class SettlementTermsType {
  @Field({ description: 'How long after its end a period closes into a statement (ISO 8601).' }) statementGracePeriod: string;
  @Field(() => [CorrectionReasonEnum], { description: 'The reasons a correction may give.' }) correctionReasons: CorrectionReasonEnum[];
  @Field({ description: 'A correction counts only once the customer approved it.' }) correctionsNeedCustomerApproval: boolean;
}

@ObjectType('EscalationLevel')
export class EscalationLevel {
  @Field(() => Int) level: number;
  @Field() name: string;
  @Field(() => [Role]) notifyRoles: Role[];
  @Field(() => [String]) notifyUsers: string[];
  @Field(() => [ID], { description: 'Webhook endpoints that receive the events of this level.' }) notifyWebhookEndpoints: string[];
  @Field({ description: 'ISO 8601 duration after which, unacknowledged, the next level is notified.' }) after: string;
  @Field(() => ID, { nullable: true, description: 'The BusinessCalendar whose open hours `after` counts; null: all time counts.' }) calendar: string | null;
  @Field({ description: 'Also notifies the supporting party (team or supplier) the escalation names, or else the one holding the incident.' }) notifySupportingParty: boolean;
}

@ObjectType('EscalationTriggers', { description: 'What raises an escalation under the policy.' })
export class EscalationTriggers {
  @Field({ description: 'A clock of an incident reaches its warning threshold.' }) clockWarning: boolean;
  @Field({ description: 'A clock of an incident breaches its target.' }) clockBreach: boolean;
  @Field(() => String, { nullable: true, description: 'An incident still unacknowledged this long (ISO 8601) after it was reported escalates; null: never.' })
  unacknowledgedAfter: string | null;
  @Field({ description: 'An objective is BREACHED for a calendar month (checked when the month ends).' }) objectiveBreached: boolean;
}

@ObjectType('EscalationPolicy', { description: 'Who is notified, level by level, when something escalates, and what escalates.' })
export class EscalationPolicy {
  @Field(() => [EscalationLevel]) levels: EscalationLevel[];
  @Field(() => EscalationTriggers) triggers: EscalationTriggers;
}

/** The policy as the API shows it: webhook endpoints as global ids, durations in hours. */
export function toEscalationPolicy(p: EscalationPolicyTerms): EscalationPolicy {
  return {
    levels: p.levels.map((l) => ({
      ...l,
      after: shownDuration(l.after),
      notifyWebhookEndpoints: l.notifyWebhookEndpoints.map((id) => globalId('WebhookEndpoint', id)),
      calendar: l.calendar ? globalId('BusinessCalendar', l.calendar) : null,
      notifySupportingParty: l.notifySupportingParty ?? false,
    })),
    triggers: { ...p.triggers, unacknowledgedAfter: p.triggers.unacknowledgedAfter && shownDuration(p.triggers.unacknowledgedAfter) },
  };
}

/** The exclusions as the API shows them: durations in hours. */
export function toExclusions(e: RevisionTerms['exclusions']): Exclusions {
  return {
    ...e,
    maintenanceWindows: e.maintenanceWindows.map((w) => ({ ...w, noticePeriod: shownDuration(w.noticePeriod), maxPerMonth: w.maxPerMonth && shownDuration(w.maxPerMonth) })),
  };
}
