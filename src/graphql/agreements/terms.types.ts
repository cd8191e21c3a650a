import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { type BurnRateAlertTerms, type DisputeProcedureTerms, type EscalationPolicyTerms, type RevisionTerms } from '../../domain/agreements/terms';
import { shownDuration } from '../../domain/shared/iso-duration';
import { globalId } from '../core/ids';
import { IncidentStatusEnum } from '../incidents/incident.type';
import { CorrectionReasonEnum, DataSourceKind, Metric, Party, Priority, ReportingFrequency, Role } from '../core/enums';

@ObjectType('PauseRule', { description: 'Which status meanings pause the clocks of one metric (a provider\'s own status pauses as its meaning does).' })
export class PauseRule {
  @Field(() => Metric, { description: 'RESOLUTION_TIME or UPDATE_INTERVAL.' }) metric: Metric;
  @Field(() => [IncidentStatusEnum], { description: 'Empty: nothing pauses it.' }) statuses: IncidentStatusEnum[];
}

@ObjectType('Responsibility', { description: 'Something one party undertakes to do.' })
export class Responsibility {
  @Field(() => Party, { description: 'Whose responsibility it is.' }) party: Party;
  @Field({ description: 'What they undertake, e.g. "Report incidents through the portal".' }) text: string;
}

@ObjectType('Measurement', { description: 'How objectives are measured, and from which data.' })
export class Measurement {
  @Field({ description: `How it is measured, in the contract's words (e.g. "synthetic checks every minute from three regions").` }) method: string;
  @Field(() => DataSourceKind, { description: "Whose data counts: the provider's, a third-party monitor's or the customer's." }) dataSource: DataSourceKind;
  @Field(() => String, { nullable: true, description: 'The third-party monitor the terms name as data source (the `source` its measurements carry); null when none is named.' }) monitor?: string | null;
}

@ObjectType('Reporting', { description: 'How performance is reported to the customer.' })
export class Reporting {
  @Field(() => ReportingFrequency, { description: 'How often a report is sent.' }) frequency: ReportingFrequency;
  @Field(() => [String], { description: 'Who receives it (e-mail addresses).' }) recipients: string[];
}

@ObjectType('CreditTier', { description: 'Attainment strictly below `below` percent credits `creditPercent` of the period fee.' })
export class CreditTier {
  @Field(() => Float, { description: 'Attainment in percent (e.g. 99.99) strictly below which this tier applies.' }) below: number;
  @Field(() => Float, { description: 'The credit, as a percentage of the period fee (e.g. 10).' }) creditPercent: number;
}

@ObjectType('PerBreachCredit', { description: 'Each missed clock of this metric (and priority) credits `creditPercent` of the period fee.' })
export class PerBreachCredit {
  @Field(() => Metric, { description: 'The time metric whose missed clocks earn it.' }) metric: Metric;
  @Field(() => Priority, { nullable: true, description: 'Only clocks of this priority; null: every priority.' }) priority: Priority | null;
  @Field(() => Float, { description: 'The credit per missed clock, as a percentage of the period fee (e.g. 5).' }) creditPercent: number;
}

@ObjectType('CreditPolicy', { description: 'Service credits owed when objectives are missed, and when the customer may terminate.' })
export class CreditPolicy {
  @Field({ description: 'ISO 4217 code.' }) currency: string;
  @Field({ description: 'Fee of one period, as a decimal string ("12500.00").' }) periodFee: string;
  @Field(() => [CreditTier], { description: 'Credits by attainment, e.g. below 99.99 -> 10%, below 99.0 -> 30%: the lowest attainment of the period (availability and ratio objectives) picks the tier with the lowest `below` it is under.' }) tiers: CreditTier[];
  @Field(() => [PerBreachCredit], { description: 'Credits per breached clock (e.g. 5% per missed P1 response).' }) perBreach: PerBreachCredit[];
  @Field(() => Float, { nullable: true, description: 'The most credit per period, as a percentage of the period fee (e.g. 50); null: no cap.' }) monthlyCapPercent: number | null;
  @Field(() => Int, { nullable: true, description: 'The customer may terminate after this many consecutive breached periods.' })
  terminationAfterConsecutiveBreaches: number | null;
}

@ObjectType('MaintenanceWindow', { description: 'Announced maintenance, excluded from downtime.' })
export class MaintenanceWindow {
  @Field({ description: `The clause's name, e.g. "Planned maintenance".` }) name: string;
  @Field({ description: "What the clause says, in the contract's words." }) description: string;
  @Field({ description: 'ISO 8601 duration of notice required.' }) noticePeriod: string;
  @Field(() => String, { nullable: true, description: 'ISO 8601 duration allowed per month.' }) maxPerMonth: string | null;
}

@ObjectType('Exclusions', { description: 'What does not count against the objectives.' })
export class Exclusions {
  @Field(() => [MaintenanceWindow], { description: 'Maintenance clauses: how much notice maintenance needs and how much is excused per month.' }) maintenanceWindows: MaintenanceWindow[];
  @Field({ description: "The force majeure clause, in the contract's words." }) forceMajeure: string;
}

@ObjectType('SettlementTerms', { description: 'When periods close into statements, and which corrections the terms allow.' })
export class SettlementTermsType {
  @Field({ description: 'How long after its end a period closes into a statement (ISO 8601).' }) statementGracePeriod: string;
  @Field(() => [CorrectionReasonEnum], { description: 'The reasons a correction may give.' }) correctionReasons: CorrectionReasonEnum[];
  @Field({ description: 'A correction counts only once the customer approved it.' }) correctionsNeedCustomerApproval: boolean;
}

@ObjectType('DisputeStage', { description: 'One stage of the dispute-resolution procedure.' })
export class DisputeStageType {
  @Field({ description: 'Its name, e.g. "Service manager".' }) name: string;
  @Field({ description: 'How long (ISO 8601, calendar time) the provider has to answer a claim at this stage.' }) responseDeadline: string;
}

@ObjectType('DisputeProcedure', { description: 'The structured dispute procedure: how long after a statement a claim may be filed, how long the provider has to answer, and the stages.' })
export class DisputeProcedureType {
  @Field({ description: "How long after a statement's issue a claim may be filed (ISO 8601, calendar time in the provider's time zone, as the terms wrote it)." }) claimWindow: string;
  @Field({ description: 'How long the provider has to answer a claim at a stage that sets none of its own (ISO 8601).' }) responseDeadline: string;
  @Field(() => [DisputeStageType], { description: 'The stages in order; a claim starts at the first.' }) stages: DisputeStageType[];
}

/**
 * The procedure as shown: every stage with its own deadline. Its durations are calendar time in the
 * provider's time zone, so they are shown as the terms wrote them ("P10D": ten calendar days, which
 * is not "PT240H" across a DST change), unlike the elapsed and business-hours durations elsewhere.
 */
export function toDisputeProcedure(p: DisputeProcedureTerms): DisputeProcedureType {
  return {
    claimWindow: p.claimWindow,
    responseDeadline: p.responseDeadline,
    stages: p.stages.map((s) => ({ name: s.name, responseDeadline: s.responseDeadline ?? p.responseDeadline })),
  };
}

@ObjectType('BurnAlertPair', { description: 'One burn-rate alert: `budgetPercent` of the period\'s error budget spent within `longWindow`, and still burning as fast over `shortWindow`.' })
export class BurnAlertPair {
  @Field(() => Float, { description: 'Share of the period\'s error budget, percent.' }) budgetPercent: number;
  @Field({ description: 'The long window (ISO 8601, in hours).' }) longWindow: string;
  @Field({ description: 'The short window (ISO 8601, in hours).' }) shortWindow: string;
}

@ObjectType('BurnRateAlertPolicy', { description: 'Multi-window burn-rate alerts on the error budgets of availability and ratio objectives.' })
export class BurnRateAlertPolicy {
  @Field({ description: 'false: no burn-rate alert is raised under these terms.' }) enabled: boolean;
  @Field(() => [BurnAlertPair], { description: 'The alerts; each fires when both its windows burn faster than its threshold.' }) pairs: BurnAlertPair[];
}

/** The policy in effect, as the API shows it: the defaults when the terms name none, durations in hours. */
export function toBurnRateAlertPolicy(p: BurnRateAlertTerms): BurnRateAlertPolicy {
  return { enabled: p.enabled, pairs: p.pairs.map((x) => ({ budgetPercent: x.budgetPercent, longWindow: shownDuration(x.longWindow), shortWindow: shownDuration(x.shortWindow) })) };
}

@ObjectType('EscalationLevel', { description: 'One level of an escalation policy: whom to notify, and how long before the next level.' })
export class EscalationLevel {
  @Field(() => Int, { description: '1, 2, 3 ... in order; level 1 is notified when the escalation is raised.' }) level: number;
  @Field({ description: 'What the level is, e.g. "Service manager".' }) name: string;
  @Field(() => [Role], { description: 'Everyone of the provider holding these roles is notified.' }) notifyRoles: Role[];
  @Field(() => [String], { description: 'People notified, e.g. e-mail addresses.' }) notifyUsers: string[];
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
  @Field({ description: 'An objective\'s error budget raises a burn-rate alert: one escalation per alert episode, settled when the burn stops.' }) budgetBurn: boolean;
}

@ObjectType('EscalationPolicy', { description: 'Who is notified, level by level, when something escalates, and what escalates.' })
export class EscalationPolicy {
  @Field(() => [EscalationLevel], { description: 'The levels, 1 first; a policy without levels escalates nothing.' }) levels: EscalationLevel[];
  @Field(() => EscalationTriggers, { description: 'What raises an escalation.' }) triggers: EscalationTriggers;
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
