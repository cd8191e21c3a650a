import {
  type BudgetingMethod,
  type Comparator,
  type DataSourceKind,
  type Metric,
  type Party,
  type Priority,
  type ReportingFrequency,
  type ReviewCadence,
  type WindowKind,
} from '../../common/agreement-enums';
import { type IncidentStatus } from '../../common/incident-statuses';
import { type ObjectiveConditions } from '../../common/objective-conditions';
import { type Role } from '../../common/roles';

/** One objective (SLO) of a revision. Objectives are matched across revisions by metric and priority. */
export interface ObjectiveTerms {
  metric: Metric;
  priority: Priority | null;
  name: string;
  description: string;
  comparator: Comparator;
  /** Percent (availability, ratio: 99.95), or score (satisfaction: 4.2); null for time metrics. */
  target: number | null;
  /** Seconds, for time metrics (first response, resolution, update interval); null otherwise. */
  targetSeconds: number | null;
  window: { kind: WindowKind; days: number | null };
  /** Business-hours calendar id; null means 24x7. */
  calendarId: string | null;
  /** Share of the target after which a clock warns, in percent (75 = warn at 75% elapsed). */
  warningThresholdPercent: number;
  /** For availability: how much of a DEGRADED period counts as downtime, in percent (0 to 100). */
  degradedWeightPercent: number;
  /** How the window is budgeted: occurrences (default) or time slices. */
  budgeting: BudgetingTerms;
  /** Time objectives only: the incidents it applies to (chooseObjective); null or absent: every incident. */
  conditions?: ObjectiveConditions | null;
  /**
   * For an objective of a supporting agreement (OLA, underpinning contract): the customer objectives
   * (ids, of signed revisions) it supports; empty for customer agreements. Absent in terms stored
   * before it existed: none.
   */
  supports?: string[];
}

/**
 * OCCURRENCES: the target is the good share of all time (availability) or of all events (ratio).
 * TIMESLICES: the window is cut into slices of `sliceSeconds`; a slice is good when its good share
 * reaches `sliceTarget` (percent, exactly at it is good); the target is the share of good slices.
 */
export interface BudgetingTerms {
  method: BudgetingMethod;
  /** TIMESLICES: the length of a slice in seconds (60 = PT1M); it divides a day. Null for OCCURRENCES. */
  sliceSeconds: number | null;
  /** TIMESLICES: percent a slice must attain to be good. Null for OCCURRENCES. */
  sliceTarget: number | null;
}

export interface CreditTier {
  /** Attainment strictly below this percentage earns the credit. */
  below: number;
  creditPercent: number;
}

export interface PerBreachCredit {
  metric: Metric;
  priority: Priority | null;
  creditPercent: number;
}

export interface CreditPolicy {
  currency: string;
  /** Fee of one period, a decimal string ("12500.00"). */
  periodFee: string;
  tiers: CreditTier[];
  perBreach: PerBreachCredit[];
  /** At most this share of the period fee is credited per month. */
  monthlyCapPercent: number | null;
  /** The customer may terminate after this many consecutive breached periods; null: no such right. */
  terminationAfterConsecutiveBreaches: number | null;
}

export interface MaintenanceWindowTerms {
  name: string;
  description: string;
  /** ISO 8601 duration of notice the provider must give. */
  noticePeriod: string;
  /** ISO 8601 duration of maintenance allowed per month; null: no cap. */
  maxPerMonth: string | null;
}

export interface EscalationLevelTerms {
  level: number;
  name: string;
  notifyRoles: Role[];
  notifyUsers: string[];
  /** Webhook endpoints (uuids) that receive this level's events whatever types they subscribe to. */
  notifyWebhookEndpoints: string[];
  /** ISO 8601 duration after which, unacknowledged, the next level is notified. */
  after: string;
  /**
   * A business calendar (uuid) in whose open hours `after` is counted ("PT4H" of business hours:
   * notified Friday 16:00 with hours 9-17, the next level is due Monday 12:00); null or absent
   * (revisions stored before it existed): all time counts.
   */
  calendar?: string | null;
  /**
   * Also notify the supporting party (team or supplier) the escalation names, or else the one that
   * holds the incident, at its contacts. Absent (revisions stored before it existed): false.
   */
  notifySupportingParty?: boolean;
}

/** What raises an escalation under a policy. */
export interface EscalationTriggers {
  /** A clock of an incident reaches its warning threshold. */
  clockWarning: boolean;
  /** A clock of an incident breaches its target. */
  clockBreach: boolean;
  /** ISO 8601 duration after the report: an incident still unacknowledged then escalates; null: never. */
  unacknowledgedAfter: string | null;
  /** An objective of the agreement is BREACHED for a (monthly) period. */
  objectiveBreached: boolean;
  /** An objective's error budget burns fast enough to raise a burn-rate alert (once per episode); absent in older terms: false. */
  budgetBurn: boolean;
}

export interface EscalationPolicyTerms {
  levels: EscalationLevelTerms[];
  triggers: EscalationTriggers;
}

/** Why a correction excludes an incident or a time window, or fixes a recorded time. */
export type CorrectionReason = 'MAINTENANCE' | 'CUSTOMER_CAUSED' | 'THIRD_PARTY' | 'FORCE_MAJEURE';
export const CORRECTION_REASONS: readonly CorrectionReason[] = ['MAINTENANCE', 'CUSTOMER_CAUSED', 'THIRD_PARTY', 'FORCE_MAJEURE'];

/** How the money of a period settles: when it closes into a statement, and which corrections the terms allow. */
export interface SettlementTerms {
  /** ISO 8601 duration after a period's end before it closes into a statement (late data within it still counts). */
  statementGracePeriod: string;
  /** The reasons a correction may give. */
  correctionReasons: CorrectionReason[];
  /** A correction counts only once the customer approved it. */
  correctionsNeedCustomerApproval: boolean;
}

export const DEFAULT_SETTLEMENT: SettlementTerms = { statementGracePeriod: 'P3D', correctionReasons: [...CORRECTION_REASONS], correctionsNeedCustomerApproval: false };

/** The settlement terms of stored terms: the defaults where a revision (older ones) has none. */
export function settlementTermsOf(terms: { settlement?: SettlementTerms | null }): SettlementTerms {
  return terms.settlement ?? DEFAULT_SETTLEMENT;
}

/**
 * Which status meanings pause the clocks of one metric (RESOLUTION_TIME or UPDATE_INTERVAL; the
 * first response is never paused). A metric without a rule pauses on WAITING_ON_CUSTOMER only.
 */
export interface PauseRule {
  metric: Metric;
  /** Status meanings among PAUSABLE_MEANINGS; empty: nothing pauses it. */
  statuses: IncidentStatus[];
}

/** One stage of the dispute-resolution procedure ("Account manager", "Service manager", "Executive", "External mediation"). */
export interface DisputeStageTerms {
  name: string;
  /** ISO 8601 duration (calendar time) the provider has to answer a claim at this stage; null: the procedure's responseDeadline. */
  responseDeadline: string | null;
}

/**
 * The structured part of the dispute resolution (the free text `disputeResolution` stays): how
 * long after a statement a claim may be filed, how long the provider has to answer, and the
 * stages a claim moves through, each with its deadline. Durations are calendar time, added in the
 * provider's time zone (P10D: ten calendar days, whatever the weekends and DST).
 */
export interface DisputeProcedureTerms {
  /** ISO 8601 duration after a statement's issue (for a violation, its statement's) during which a claim may be filed. */
  claimWindow: string;
  /** ISO 8601 duration the provider has to answer a claim, at every stage that sets none of its own. */
  responseDeadline: string;
  /** In order; a claim starts at the first; at least one. */
  stages: DisputeStageTerms[];
}

export const DEFAULT_DISPUTE_PROCEDURE: DisputeProcedureTerms = {
  claimWindow: 'P30D',
  responseDeadline: 'P10D',
  stages: [
    { name: 'Account manager', responseDeadline: null },
    { name: 'Service manager', responseDeadline: null },
    { name: 'Executive', responseDeadline: null },
  ],
};

/** The dispute procedure of stored terms: the defaults where a revision (older ones) has none. */
export function disputeProcedureOf(terms: { disputeProcedure?: DisputeProcedureTerms | null }): DisputeProcedureTerms {
  return terms.disputeProcedure ?? DEFAULT_DISPUTE_PROCEDURE;
}

export interface ResponsibilityTerms {
  party: Party;
  text: string;
}

/** Every term of a revision except its objectives (which are rows of their own). */
export interface RevisionTerms {
  title: string;
  description: string;
  scopeOfServices: string;
  responsibilities: ResponsibilityTerms[];
  /** `monitor`: the third-party monitor whose data the terms name as source (THIRD_PARTY_MONITOR); absent in terms written before it existed. */
  measurement: { method: string; dataSource: DataSourceKind; monitor?: string | null };
  reporting: { frequency: ReportingFrequency; recipients: string[] };
  creditPolicy: CreditPolicy | null;
  exclusions: { maintenanceWindows: MaintenanceWindowTerms[]; forceMajeure: string };
  escalationPolicy: EscalationPolicyTerms;
  reviewCadence: ReviewCadence;
  /** The dispute-resolution procedure in words (kept beside the structured procedure). */
  disputeResolution: string;
  /** Claim window, response deadline and stages; null (and absent, in revisions older than it): DEFAULT_DISPUTE_PROCEDURE. */
  disputeProcedure?: DisputeProcedureTerms | null;
  changeProcedure: string;
  /** Statements and corrections; null (and absent, in revisions older than them): DEFAULT_SETTLEMENT. */
  settlement?: SettlementTerms | null;
  /** Which statuses pause which metric's clocks; null or absent (older revisions): WAITING_ON_CUSTOMER pauses both. */
  pauseRules?: PauseRule[] | null;
  /** Multi-window burn-rate alerts (burn-alert-terms.ts); null or absent: the SRE workbook's default pairs. */
  burnRateAlertPolicy?: BurnRateAlertTerms | null;
}

/** One alert of a burn-rate policy: `budgetPercent` of the period's error budget spent within `longWindow`, and still burning that fast over `shortWindow`. */
export interface BurnAlertPairTerms {
  /** Share of the period's error budget, percent (2 = 2%). */
  budgetPercent: number;
  /** ISO 8601 duration ("PT1H"). */
  longWindow: string;
  /** ISO 8601 duration, shorter than longWindow ("PT5M"). */
  shortWindow: string;
}

/** Which burn rates of the error budgets of availability and ratio objectives raise an alert. */
export interface BurnRateAlertTerms {
  /** false: no alert is raised under these terms. */
  enabled: boolean;
  pairs: BurnAlertPairTerms[];
}

/** A revision's full content, as compared by the diff. */
export interface RevisionContent {
  terms: RevisionTerms;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  objectives: ObjectiveTerms[];
}
