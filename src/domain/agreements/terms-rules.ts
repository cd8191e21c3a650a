import { DataSourceKind, Metric, ReportingFrequency, ReviewCadence } from '../../common/agreement-enums';
import { DEFAULT_PAUSE_STATUSES, type IncidentStatus, PAUSABLE_MEANINGS } from '../../common/incident-statuses';
import { isUuid } from '../../common/global-id';
import { type FieldPath, throwIfAny, UserError } from '../../common/errors';
import { durationSeconds } from '../shared/iso-duration';
import { burnRateAlertProblems } from './burn-alert-terms';
import { type EscalationPolicyTerms, type EscalationTriggers, type PauseRule, type RevisionTerms } from './terms';

/** The metrics whose clocks may pause (the first response is never paused). */
export const PAUSABLE_METRICS: readonly Metric[] = [Metric.RESOLUTION_TIME, Metric.UPDATE_INTERVAL];

/**
 * The status meanings that pause the clocks of `metric` under these terms: the terms' rule for
 * the metric, else WAITING_ON_CUSTOMER (what terms that say nothing, and revisions older than
 * pause rules, have always meant). FIRST_RESPONSE_TIME: none.
 */
export function pauseStatusesFor(terms: { pauseRules?: PauseRule[] | null } | null | undefined, metric: string): IncidentStatus[] {
  if (!(PAUSABLE_METRICS as readonly string[]).includes(metric)) return [];
  const rule = terms?.pauseRules?.find((r) => r.metric === metric);
  return [...(rule ? rule.statuses : DEFAULT_PAUSE_STATUSES)];
}

/** The rules of both pausable metrics, defaults filled in: what a revision shows. */
export function effectivePauseRules(terms: { pauseRules?: PauseRule[] | null }): PauseRule[] {
  return PAUSABLE_METRICS.map((metric) => ({ metric, statuses: pauseStatusesFor(terms, metric) }));
}

/**
 * Triggers of a policy that names none: a breached clock escalates, nothing else does. Revisions
 * written before triggers existed read with these, so their meaning does not change.
 */
export const DEFAULT_ESCALATION_TRIGGERS: Readonly<EscalationTriggers> = Object.freeze({
  clockWarning: false,
  clockBreach: true,
  unacknowledgedAfter: null,
  objectiveBreached: false,
  budgetBurn: false,
});

/** Triggers with every field given, defaults for those left out. */
export function escalationTriggers(given: Partial<EscalationTriggers> | null | undefined): EscalationTriggers {
  return {
    clockWarning: given?.clockWarning ?? DEFAULT_ESCALATION_TRIGGERS.clockWarning,
    clockBreach: given?.clockBreach ?? DEFAULT_ESCALATION_TRIGGERS.clockBreach,
    unacknowledgedAfter: given?.unacknowledgedAfter ?? DEFAULT_ESCALATION_TRIGGERS.unacknowledgedAfter,
    objectiveBreached: given?.objectiveBreached ?? DEFAULT_ESCALATION_TRIGGERS.objectiveBreached,
    budgetBurn: given?.budgetBurn ?? DEFAULT_ESCALATION_TRIGGERS.budgetBurn,
  };
}

/**
 * A stored escalation policy as the current shape: revisions written before webhook endpoints
 * and triggers existed lack them (jsonb is never rewritten: approved terms never change).
 */
export function escalationPolicyOf(stored: unknown): EscalationPolicyTerms {
  const raw = (stored ?? {}) as { levels?: Partial<EscalationPolicyTerms['levels'][number]>[]; triggers?: Partial<EscalationTriggers> | null };
  return {
    levels: (raw.levels ?? []).map((l) => ({
      level: Number(l.level),
      name: l.name ?? '',
      notifyRoles: [...(l.notifyRoles ?? [])],
      notifyUsers: [...(l.notifyUsers ?? [])],
      notifyWebhookEndpoints: [...(l.notifyWebhookEndpoints ?? [])],
      after: l.after ?? '',
      calendar: l.calendar ?? null,
      notifySupportingParty: l.notifySupportingParty ?? false,
    })),
    triggers: escalationTriggers(raw.triggers),
  };
}

/** A revision's stored terms (jsonb) as the current shape. */
export function readTerms(stored: Record<string, unknown>): RevisionTerms {
  const terms = stored as unknown as RevisionTerms;
  return { ...terms, escalationPolicy: escalationPolicyOf(terms.escalationPolicy) };
}

/** The terms of a new, empty draft. */
export function emptyTerms(title: string): RevisionTerms {
  return {
    title,
    description: '',
    scopeOfServices: '',
    responsibilities: [],
    measurement: { method: '', dataSource: DataSourceKind.PROVIDER_REPORTED, monitor: null },
    reporting: { frequency: ReportingFrequency.MONTHLY, recipients: [] },
    creditPolicy: null,
    exclusions: { maintenanceWindows: [], forceMajeure: '' },
    escalationPolicy: { levels: [], triggers: { ...DEFAULT_ESCALATION_TRIGGERS } },
    reviewCadence: ReviewCadence.QUARTERLY,
    disputeResolution: '',
    changeProcedure: '',
  };
}

const DECIMAL = /^\d{1,12}(\.\d{1,4})?$/;

/** checkTerms, throwing every problem at once. */
export function checkTerms(terms: RevisionTerms, at: FieldPath = []): void {
  throwIfAny(termsProblems(terms, at));
}

/**
 * The rules of terms that depend on more than one field (formats and lengths are checked on
 * input): credit tiers, escalation levels, durations. Every problem, each naming its field
 * under `at`.
 */
export function termsProblems(terms: RevisionTerms, at: FieldPath = []): UserError[] {
  const errors: UserError[] = [];
  const fail = (path: FieldPath, message: string) => errors.push(new UserError('INVALID_INPUT', message, [...at, ...path]));

  if (terms.measurement.monitor && terms.measurement.dataSource !== DataSourceKind.THIRD_PARTY_MONITOR) {
    fail(['measurement', 'monitor'], 'A monitor is named only when the data source is THIRD_PARTY_MONITOR.');
  }
  const credit = terms.creditPolicy;
  if (credit) {
    if (!DECIMAL.test(credit.periodFee)) fail(['creditPolicy', 'periodFee'], 'periodFee must be a decimal amount such as "12500.00".');
    const belows = new Set<number>();
    credit.tiers.forEach((tier, i) => {
      if (!(tier.below > 0 && tier.below <= 100)) fail(['creditPolicy', 'tiers', i, 'below'], 'below must be a percentage above 0 and at most 100.');
      if (!(tier.creditPercent > 0 && tier.creditPercent <= 100)) fail(['creditPolicy', 'tiers', i, 'creditPercent'], 'creditPercent must be above 0 and at most 100.');
      if (belows.has(tier.below)) fail(['creditPolicy', 'tiers', i, 'below'], `There is already a tier below ${tier.below}.`);
      belows.add(tier.below);
    });
    const sorted = [...credit.tiers].sort((a, b) => b.below - a.below);
    sorted.forEach((tier, i) => {
      if (i > 0 && tier.creditPercent < sorted[i - 1].creditPercent) {
        fail(['creditPolicy', 'tiers', credit.tiers.indexOf(tier), 'creditPercent'], 'A lower attainment tier cannot credit less than a higher one.');
      }
    });
    credit.perBreach.forEach((b, i) => {
      if (!(b.creditPercent > 0 && b.creditPercent <= 100)) fail(['creditPolicy', 'perBreach', i, 'creditPercent'], 'creditPercent must be above 0 and at most 100.');
    });
    if (credit.monthlyCapPercent != null && !(credit.monthlyCapPercent > 0 && credit.monthlyCapPercent <= 100)) {
      fail(['creditPolicy', 'monthlyCapPercent'], 'monthlyCapPercent must be above 0 and at most 100.');
    }
    if (credit.terminationAfterConsecutiveBreaches != null && !(Number.isInteger(credit.terminationAfterConsecutiveBreaches) && credit.terminationAfterConsecutiveBreaches >= 1)) {
      fail(['creditPolicy', 'terminationAfterConsecutiveBreaches'], 'terminationAfterConsecutiveBreaches must be a whole number of at least 1.');
    }
  }

  const names = new Set<string>();
  terms.exclusions.maintenanceWindows.forEach((w, i) => {
    if (names.has(w.name)) fail(['exclusions', 'maintenanceWindows', i, 'name'], `There is already a maintenance window named "${w.name}".`);
    names.add(w.name);
    if (durationSeconds(w.noticePeriod) == null) fail(['exclusions', 'maintenanceWindows', i, 'noticePeriod'], 'noticePeriod must be an ISO 8601 duration such as "P5D".');
    if (w.maxPerMonth != null && durationSeconds(w.maxPerMonth) == null) fail(['exclusions', 'maintenanceWindows', i, 'maxPerMonth'], 'maxPerMonth must be an ISO 8601 duration such as "PT8H".');
  });

  const levels = terms.escalationPolicy.levels;
  levels.forEach((level, i) => {
    if (level.level !== i + 1) fail(['escalationPolicy', 'levels', i, 'level'], 'Escalation levels are numbered 1, 2, 3 ... in order.');
    const after = durationSeconds(level.after);
    if (after == null || after <= 0) fail(['escalationPolicy', 'levels', i, 'after'], 'after must be an ISO 8601 duration above zero, such as "PT30M".');
    if (level.notifyRoles.length === 0 && level.notifyUsers.length === 0 && level.notifyWebhookEndpoints.length === 0 && !level.notifySupportingParty) {
      fail(['escalationPolicy', 'levels', i], 'An escalation level notifies at least one role, person, webhook endpoint or the supporting party.');
    }
    level.notifyWebhookEndpoints.forEach((id, j) => {
      if (!isUuid(id)) fail(['escalationPolicy', 'levels', i, 'notifyWebhookEndpoints', j], 'This is not the id of a webhook endpoint.');
    });
    if (level.calendar != null && !isUuid(level.calendar)) fail(['escalationPolicy', 'levels', i, 'calendar'], 'This is not the id of a business calendar.');
  });
  const unacknowledged = terms.escalationPolicy.triggers.unacknowledgedAfter;
  if (unacknowledged != null) {
    const seconds = durationSeconds(unacknowledged);
    if (seconds == null || seconds <= 0) fail(['escalationPolicy', 'triggers', 'unacknowledgedAfter'], 'unacknowledgedAfter must be an ISO 8601 duration above zero, such as "PT15M".');
  }

  const ruled = new Set<string>();
  (terms.pauseRules ?? []).forEach((rule, i) => {
    if (!(PAUSABLE_METRICS as readonly string[]).includes(rule.metric)) {
      fail(['pauseRules', i, 'metric'], `Only ${PAUSABLE_METRICS.join(' and ')} clocks pause; the first response stops at any move out of OPEN.`);
    } else if (ruled.has(rule.metric)) fail(['pauseRules', i, 'metric'], `There is already a pause rule for ${rule.metric}.`);
    ruled.add(rule.metric);
    rule.statuses.forEach((status, j) => {
      if (!PAUSABLE_MEANINGS.includes(status)) fail(['pauseRules', i, 'statuses', j], `Only ${PAUSABLE_MEANINGS.join(', ')} may pause a clock.`);
    });
  });

  if (!Object.values(ReviewCadence).includes(terms.reviewCadence)) fail(['reviewCadence'], 'Unknown review cadence.');
  if (terms.settlement) {
    const grace = durationSeconds(terms.settlement.statementGracePeriod);
    if (grace == null || grace > 90 * 86400) fail(['settlement', 'statementGracePeriod'], 'statementGracePeriod must be an ISO 8601 duration of at most 90 days, such as "P3D".');
    if (terms.settlement.correctionReasons.length === 0) fail(['settlement', 'correctionReasons'], 'Allow at least one correction reason.');
  }
  const dispute = terms.disputeProcedure;
  if (dispute) {
    const positive = (iso: string | null, max: number) => {
      const seconds = iso == null ? null : durationSeconds(iso);
      return seconds != null && seconds > 0 && seconds <= max * 86400;
    };
    if (!positive(dispute.claimWindow, 3660)) fail(['disputeProcedure', 'claimWindow'], 'claimWindow must be an ISO 8601 duration above zero and of at most ten years, such as "P30D".');
    if (!positive(dispute.responseDeadline, 366)) fail(['disputeProcedure', 'responseDeadline'], 'responseDeadline must be an ISO 8601 duration above zero and of at most a year, such as "P10D".');
    if (dispute.stages.length === 0) fail(['disputeProcedure', 'stages'], 'A dispute procedure has at least one stage.');
    if (dispute.stages.length > 10) fail(['disputeProcedure', 'stages'], 'A dispute procedure has at most ten stages.');
    const stageNames = new Set<string>();
    dispute.stages.forEach((stage, i) => {
      if (!stage.name.trim()) fail(['disputeProcedure', 'stages', i, 'name'], 'A stage has a name, such as "Service manager".');
      if (stageNames.has(stage.name.toLowerCase())) fail(['disputeProcedure', 'stages', i, 'name'], `There is already a stage named "${stage.name}".`);
      stageNames.add(stage.name.toLowerCase());
      if (stage.responseDeadline != null && !positive(stage.responseDeadline, 366)) {
        fail(['disputeProcedure', 'stages', i, 'responseDeadline'], 'responseDeadline must be an ISO 8601 duration above zero and of at most a year, such as "P10D".');
      }
    });
  }
  if (terms.burnRateAlertPolicy) errors.push(...burnRateAlertProblems(terms.burnRateAlertPolicy, [...at, 'burnRateAlertPolicy']));
  return errors;
}
