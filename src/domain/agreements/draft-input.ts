import { type DataSourceKind, type ReportingFrequency, type ReviewCadence } from '../../common/agreement-enums';
import { type FieldPath, UserError } from '../../common/errors';
import { burnRateAlertsFromInput } from './burn-alert-terms';
import { normalizeObjectiveList, type ObjectiveInput } from './objective-rules';
import { emptyTerms, escalationTriggers, termsProblems } from './terms-rules';
import {
  type CreditPolicy,
  type EscalationLevelTerms,
  type EscalationTriggers,
  type MaintenanceWindowTerms,
  type PauseRule,
  type ResponsibilityTerms,
  type RevisionTerms,
  DEFAULT_SETTLEMENT,
  DEFAULT_DISPUTE_PROCEDURE,
  type DisputeProcedureTerms,
  type SettlementTerms,
  type BurnAlertPairTerms,
} from './terms';

/** An escalation level as given: the lists may be left out. */
export type EscalationLevelInput = Pick<EscalationLevelTerms, 'level' | 'name' | 'after'> & Partial<Pick<EscalationLevelTerms, 'notifyRoles' | 'notifyUsers' | 'notifyWebhookEndpoints' | 'calendar' | 'notifySupportingParty'>>;

/** What a client may change in a draft: every field optional; a list or object given replaces the old one. */
export interface DraftInput {
  title?: string | null;
  description?: string | null;
  scopeOfServices?: string | null;
  effectiveFrom?: Date | null;
  effectiveTo?: Date | null;
  objectives?: ObjectiveInput[] | null;
  responsibilities?: ResponsibilityTerms[] | null;
  measurement?: { method: string; dataSource: DataSourceKind; monitor?: string | null } | null;
  reporting?: { frequency: ReportingFrequency; recipients: string[] } | null;
  /** null removes the credit policy. */
  creditPolicy?: CreditPolicy | null;
  exclusions?: { maintenanceWindows: MaintenanceWindowTerms[]; forceMajeure?: string | null } | null;
  /** Replaces the policy; `triggers` left out (or any of its fields) take the defaults. */
  escalationPolicy?: { levels: EscalationLevelInput[]; triggers?: Partial<EscalationTriggers> | null } | null;
  reviewCadence?: ReviewCadence | null;
  disputeResolution?: string | null;
  /** Replaces the structured dispute procedure; fields left out take the defaults. */
  disputeProcedure?: { claimWindow?: string | null; responseDeadline?: string | null; stages?: { name: string; responseDeadline?: string | null }[] | null } | null;
  changeProcedure?: string | null;
  /** Replaces the settlement terms; fields left out take the defaults. */
  settlement?: Partial<SettlementTerms> | null;
  /** Replaces the pause rules; null removes them (WAITING_ON_CUSTOMER pauses, as by default). */
  pauseRules?: PauseRule[] | null;
  /** Replaces the burn-rate alert policy; fields left out take the defaults (enabled, the SRE workbook's pairs). */
  burnRateAlertPolicy?: { enabled?: boolean | null; pairs?: BurnAlertPairTerms[] | null } | null;
}

/** The terms after applying a draft input; fields not given keep their value. */
export function applyDraftInput(terms: RevisionTerms, input: DraftInput): RevisionTerms {
  const text = (v: string | null | undefined, old: string) => (v === undefined || v === null ? old : v.trim());
  return {
    title: text(input.title, terms.title),
    description: text(input.description, terms.description),
    scopeOfServices: text(input.scopeOfServices, terms.scopeOfServices),
    responsibilities: input.responsibilities ? input.responsibilities.map((r) => ({ party: r.party, text: r.text.trim() })) : terms.responsibilities,
    measurement: input.measurement ? { method: input.measurement.method.trim(), dataSource: input.measurement.dataSource, monitor: input.measurement.monitor?.trim() || null } : terms.measurement,
    reporting: input.reporting ? { frequency: input.reporting.frequency, recipients: [...input.reporting.recipients] } : terms.reporting,
    creditPolicy:
      input.creditPolicy === undefined
        ? terms.creditPolicy
        : input.creditPolicy && {
            currency: input.creditPolicy.currency.toUpperCase(),
            periodFee: input.creditPolicy.periodFee,
            tiers: input.creditPolicy.tiers.map((t) => ({ below: t.below, creditPercent: t.creditPercent })),
            perBreach: (input.creditPolicy.perBreach ?? []).map((b) => ({ metric: b.metric, priority: b.priority ?? null, creditPercent: b.creditPercent })),
            monthlyCapPercent: input.creditPolicy.monthlyCapPercent ?? null,
            terminationAfterConsecutiveBreaches: input.creditPolicy.terminationAfterConsecutiveBreaches ?? null,
          },
    exclusions: input.exclusions
      ? {
          maintenanceWindows: input.exclusions.maintenanceWindows.map((w) => ({
            name: w.name.trim(),
            description: w.description?.trim() ?? '',
            noticePeriod: w.noticePeriod,
            maxPerMonth: w.maxPerMonth ?? null,
          })),
          forceMajeure: input.exclusions.forceMajeure?.trim() ?? '',
        }
      : terms.exclusions,
    escalationPolicy: input.escalationPolicy
      ? {
          levels: input.escalationPolicy.levels.map((l) => ({
            level: l.level,
            name: l.name.trim(),
            notifyRoles: [...(l.notifyRoles ?? [])],
            notifyUsers: [...(l.notifyUsers ?? [])],
            notifyWebhookEndpoints: [...(l.notifyWebhookEndpoints ?? [])],
            after: l.after,
            calendar: l.calendar ?? null,
            notifySupportingParty: l.notifySupportingParty ?? false,
          })),
          triggers: escalationTriggers(input.escalationPolicy.triggers),
        }
      : terms.escalationPolicy,
    reviewCadence: input.reviewCadence ?? terms.reviewCadence,
    disputeResolution: text(input.disputeResolution, terms.disputeResolution),
    changeProcedure: text(input.changeProcedure, terms.changeProcedure),
    // Terms that never had settlement terms keep none (the defaults apply).
    ...(input.settlement
      ? {
          settlement: {
            statementGracePeriod: input.settlement.statementGracePeriod ?? DEFAULT_SETTLEMENT.statementGracePeriod,
            correctionReasons: [...new Set(input.settlement.correctionReasons ?? DEFAULT_SETTLEMENT.correctionReasons)],
            correctionsNeedCustomerApproval: input.settlement.correctionsNeedCustomerApproval ?? DEFAULT_SETTLEMENT.correctionsNeedCustomerApproval,
          },
        }
      : terms.settlement
        ? { settlement: terms.settlement }
        : {}),
    // Terms that never had a burn-rate alert policy keep none (the defaults apply).
    ...(input.burnRateAlertPolicy ? { burnRateAlertPolicy: burnRateAlertsFromInput(input.burnRateAlertPolicy) } : terms.burnRateAlertPolicy ? { burnRateAlertPolicy: terms.burnRateAlertPolicy } : {}),
    // Terms that never had pause rules keep none (the defaults apply).
    ...(input.pauseRules !== undefined
      ? input.pauseRules === null
        ? {}
        : { pauseRules: input.pauseRules.map((r) => ({ metric: r.metric, statuses: [...new Set(r.statuses)] })) }
      : terms.pauseRules
        ? { pauseRules: terms.pauseRules }
        : {}),
    // Likewise the dispute procedure: terms that never had one keep none (the defaults apply).
    ...(input.disputeProcedure
      ? { disputeProcedure: disputeProcedureInput(input.disputeProcedure) }
      : terms.disputeProcedure
        ? { disputeProcedure: terms.disputeProcedure }
        : {}),
  };
}

function disputeProcedureInput(given: NonNullable<DraftInput['disputeProcedure']>): DisputeProcedureTerms {
  return {
    claimWindow: given.claimWindow ?? DEFAULT_DISPUTE_PROCEDURE.claimWindow,
    responseDeadline: given.responseDeadline ?? DEFAULT_DISPUTE_PROCEDURE.responseDeadline,
    stages: (given.stages ?? DEFAULT_DISPUTE_PROCEDURE.stages).map((s) => ({ name: s.name.trim(), responseDeadline: s.responseDeadline ?? null })),
  };
}

/** effectiveTo after effectiveFrom, when both are set. */
export function effectiveDatesProblems(effectiveFrom: Date | null | undefined, effectiveTo: Date | null | undefined, at: FieldPath): UserError[] {
  if (!effectiveFrom || !effectiveTo || effectiveTo > effectiveFrom) return [];
  return [new UserError('INVALID_INPUT', 'effectiveTo must be after effectiveFrom.', [...at, 'effectiveTo'])];
}

/**
 * Every problem a draft input has by itself, whatever the draft it is applied to: the rules of
 * the terms it gives (credit tiers, maintenance windows, escalation levels), of its objectives and
 * of its dates, each naming its field under `at`. The GraphQL layer reports them together with
 * the input's format errors, so that one answer lists every problem of a form.
 */
export function draftInputProblems(input: DraftInput, at: FieldPath): UserError[] {
  return [
    ...termsProblems(applyDraftInput(emptyTerms(''), input), at),
    ...(input.objectives ? normalizeObjectiveList(input.objectives, [...at, 'objectives']).errors : []),
    ...effectiveDatesProblems(input.effectiveFrom, input.effectiveTo, at),
  ];
}
