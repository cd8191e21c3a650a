import { type ComplianceReport, type ObjectiveCompliance, type PeriodCompliance } from '../compliance/compliance.service';
import { type CreditCalculation } from '../compliance/credits';
import { type ErrorBudget } from '../compliance/error-budget';
import { isoDuration } from '../shared/iso-duration';
import { type ObjectiveRebaseline } from './rebaseline.service';

/**
 * What a review looked at, frozen when it started: the compliance report and the credits of
 * its period (one entry per calendar period the review covers), the termination right, and the
 * re-baselining figures. Plain JSON, stored as is: later incidents, measurements or amendments
 * never change it. Ids are database uuids; the API turns them into global ids.
 */
export interface ReviewSnapshotDoc {
  /** Version of this document's shape. */
  format: 1;
  takenAt: string;
  periodStart: string;
  periodEnd: string;
  /** False when the review started before its period ended: the figures are those of the time taken. */
  periodClosed: boolean;
  granularity: string;
  status: 'MET' | 'BREACHED' | 'NO_DATA';
  periods: SnapshotPeriod[];
  terminationRight: { requiredConsecutiveBreaches: number; arises: boolean; period: number | null; currentStreak: number } | null;
  /** Sum of the periods' credits, when they have any (one currency per agreement). */
  totalCredit: { amount: string; currency: string } | null;
  rebaseline: ObjectiveRebaseline[];
}

export interface SnapshotPeriod {
  start: string;
  end: string;
  status: 'MET' | 'BREACHED' | 'NO_DATA';
  revisionId: string | null;
  revisionNumber: number | null;
  objectives: SnapshotObjective[];
  credit: SnapshotCredit | null;
  violations: { objectiveId: string; rule: string; target: string; actual: string | null; unit: string; consequence: string }[];
}

export interface SnapshotObjective {
  objectiveId: string;
  metric: string;
  priority: string | null;
  name: string;
  target: string | null;
  targetDuration: string | null;
  status: 'MET' | 'BREACHED' | 'NO_DATA';
  attainedPercent: string | null;
  clocksMet: number;
  clocksBreached: number;
  errorBudget: { unit: string; allowed: string; consumed: string; remaining: string; burnRate: string | null; burnRateInfinite: boolean; exceeded: boolean } | null;
  breachedIncidentIds: string[];
}

export interface SnapshotCredit {
  currency: string;
  periodFee: string;
  tierBelow: string | null;
  tierCreditPercent: string;
  perBreach: { metric: string; priority: string | null; count: number; creditPercentEach: string; creditPercent: string }[];
  totalPercentBeforeCap: string;
  capPercent: string | null;
  capApplied: boolean;
  totalPercent: string;
  amount: string;
  explanation: string[];
}

const budget = (b: ErrorBudget | null): SnapshotObjective['errorBudget'] =>
  b && { unit: b.unit, allowed: b.allowed, consumed: b.consumed, remaining: b.remaining, burnRate: b.burnRate, burnRateInfinite: b.burnRateInfinite, exceeded: b.budgetExceeded };

const credit = (c: CreditCalculation | null): SnapshotCredit | null =>
  c && {
    currency: c.currency,
    periodFee: c.periodFee,
    tierBelow: c.tier ? String(c.tier.below) : null,
    tierCreditPercent: c.tierCreditPercent,
    perBreach: c.perBreach.map((l) => ({ metric: l.metric, priority: l.priority, count: l.count, creditPercentEach: l.creditPercentEach, creditPercent: l.creditPercent })),
    totalPercentBeforeCap: c.totalPercentBeforeCap,
    capPercent: c.capPercent,
    capApplied: c.capApplied,
    totalPercent: c.totalPercent,
    amount: c.amount,
    explanation: c.explanation,
  };

const objective = (o: ObjectiveCompliance): SnapshotObjective => ({
  objectiveId: o.objective.id,
  metric: o.objective.metric,
  priority: o.objective.priority,
  name: o.objective.name,
  target: o.objective.target === null ? null : String(o.objective.target),
  targetDuration: o.objective.targetSeconds === null ? null : isoDuration(o.objective.targetSeconds),
  status: o.status,
  attainedPercent: o.attainedPercent,
  clocksMet: o.clocksMet,
  clocksBreached: o.clocksBreached,
  errorBudget: budget(o.budget),
  breachedIncidentIds: o.breachedIncidentIds,
});

/** One period of a compliance report as frozen JSON (a review snapshot's period, a statement's figures). */
export const snapshotPeriod = (p: PeriodCompliance): SnapshotPeriod => ({
  start: p.start.toISOString(),
  end: p.end.toISOString(),
  status: p.status,
  revisionId: p.revision?.id ?? null,
  revisionNumber: p.revision?.number ?? null,
  objectives: p.objectives.map(objective),
  credit: credit(p.credit),
  violations: p.violations.map((v) => ({ objectiveId: v.objective.id, rule: v.rule, target: v.target, actual: v.actual, unit: v.unit, consequence: v.consequence })),
});

/** Sums amounts given as decimal strings with the same number of decimals, exactly (minor units). */
function sumAmounts(amounts: string[]): string {
  const digits = Math.max(0, ...amounts.map((a) => a.split('.')[1]?.length ?? 0));
  const minor = amounts.reduce((s, a) => {
    const [int, frac = ''] = a.split('.');
    return s + BigInt(int + frac.padEnd(digits, '0'));
  }, 0n);
  const text = minor.toString().padStart(digits + 1, '0');
  return digits ? `${text.slice(0, -digits)}.${text.slice(-digits)}` : text;
}

/** The JSON document frozen into a review from a compliance report of its period. */
export function snapshotOf(report: ComplianceReport, review: { periodStart: Date; periodEnd: Date }, granularity: string, takenAt: Date, rebaseline: ObjectiveRebaseline[]): ReviewSnapshotDoc {
  const periods = report.periods.map(snapshotPeriod);
  const credits = periods.flatMap((p) => (p.credit ? [p.credit] : []));
  const t = report.terminationRight;
  return {
    format: 1,
    takenAt: takenAt.toISOString(),
    periodStart: review.periodStart.toISOString(),
    periodEnd: review.periodEnd.toISOString(),
    periodClosed: review.periodEnd.getTime() <= takenAt.getTime(),
    granularity,
    status: periods.some((p) => p.status === 'BREACHED') ? 'BREACHED' : periods.some((p) => p.status === 'MET') ? 'MET' : 'NO_DATA',
    periods,
    terminationRight: t && { requiredConsecutiveBreaches: t.requiredConsecutiveBreaches ?? 0, arises: t.arises, period: t.period, currentStreak: t.currentStreak },
    totalCredit: credits.length ? { amount: sumAmounts(credits.map((c) => c.amount)), currency: credits[0].currency } : null,
    rebaseline,
  };
}
