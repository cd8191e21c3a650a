import { type BudgetingMethod, type Comparator, type Metric, type Priority, type WindowKind } from '../../common/agreement-enums';
import { isoDuration, shownDuration } from '../shared/iso-duration';
import { type ObjectiveConditions } from '../../common/objective-conditions';
import { burnRateAlertsOf } from './burn-alert-terms';
import { type EscalationPolicyTerms, type RevisionContent, type RevisionTerms } from './terms';

/** An objective under the names and in the form the API's `Objective` type shows it. */
export interface ObjectiveView {
  metric: Metric;
  priority: Priority | null;
  name: string;
  description: string;
  comparator: Comparator;
  target: number | null;
  /** ISO 8601, in hours ("PT15M", "PT32H"), as the API writes durations. */
  targetDuration: string | null;
  window: { kind: WindowKind; days: number | null };
  /** The calendar's global id; null for 24x7. */
  calendar: string | null;
  warningThresholdPercent: number;
  degradedWeightPercent: number;
  /** As the API shows it: the slice's length as an ISO 8601 duration in hours ("PT1M"). */
  budgeting: { method: BudgetingMethod; sliceDuration: string | null; sliceTarget: number | null };
  /** null: applies to every incident. */
  conditions: ObjectiveConditions | null;
  /** The supported customer objectives' global ids (supporting agreements). */
  supports: string[];
}

/**
 * A revision as the API's `AgreementRevision` type shows it: its terms as top-level fields, the
 * validity period, the objectives; ids as global ids and durations in hours. What a diff compares,
 * so that its paths and values are the ones a client reads (`objectives[FIRST_RESPONSE_TIME/P1].targetDuration`).
 */
export type RevisionView = RevisionTerms & { effectiveFrom: string | null; effectiveTo: string | null; objectives: ObjectiveView[] };

/** How the API names the objects a revision refers to (the GraphQL layer's global ids). */
export interface ApiIds {
  calendar(uuid: string): string;
  webhookEndpoint(uuid: string): string;
  objective(uuid: string): string;
}

/** For when only the paths of a diff are kept (the history's EDITED event): ids stay as they are. */
export const PATHS_ONLY: ApiIds = { calendar: (id) => id, webhookEndpoint: (id) => id, objective: (id) => id };

export function revisionView(content: RevisionContent, ids: ApiIds): RevisionView {
  const { terms } = content;
  return {
    ...terms,
    exclusions: {
      ...terms.exclusions,
      maintenanceWindows: terms.exclusions.maintenanceWindows.map((w) => ({ ...w, noticePeriod: shownDuration(w.noticePeriod), maxPerMonth: w.maxPerMonth && shownDuration(w.maxPerMonth) })),
    },
    escalationPolicy: escalationPolicyView(terms.escalationPolicy, ids),
    // The policy in effect (the defaults when the terms name none), durations as the API writes them.
    burnRateAlertPolicy: (({ enabled, pairs }) => ({ enabled, pairs: pairs.map((p) => ({ ...p, longWindow: shownDuration(p.longWindow), shortWindow: shownDuration(p.shortWindow) })) }))(burnRateAlertsOf(terms)),
    effectiveFrom: content.effectiveFrom,
    effectiveTo: content.effectiveTo,
    objectives: content.objectives.map((o) => ({
      metric: o.metric,
      priority: o.priority,
      name: o.name,
      description: o.description,
      comparator: o.comparator,
      target: o.target,
      targetDuration: o.targetSeconds === null ? null : isoDuration(o.targetSeconds),
      window: o.window,
      calendar: o.calendarId && ids.calendar(o.calendarId),
      warningThresholdPercent: o.warningThresholdPercent,
      degradedWeightPercent: o.degradedWeightPercent,
      budgeting: { method: o.budgeting.method, sliceDuration: o.budgeting.sliceSeconds === null ? null : isoDuration(o.budgeting.sliceSeconds), sliceTarget: o.budgeting.sliceTarget },
      conditions: o.conditions ?? null,
      supports: (o.supports ?? []).map((id) => ids.objective(id)),
    })),
  };
}

function escalationPolicyView(p: EscalationPolicyTerms, ids: ApiIds): EscalationPolicyTerms {
  return {
    levels: p.levels.map((l) => ({
      ...l,
      after: shownDuration(l.after),
      notifyWebhookEndpoints: l.notifyWebhookEndpoints.map((id) => ids.webhookEndpoint(id)),
      calendar: l.calendar ? ids.calendar(l.calendar) : null,
    })),
    triggers: { ...p.triggers, unacknowledgedAfter: p.triggers.unacknowledgedAfter && shownDuration(p.triggers.unacknowledgedAfter) },
  };
}
