import { Dec, toDec } from '../compliance/decimal';
import { minorUnitDigits } from '../compliance/credits';
import { type SnapshotPeriod } from '../reviews/review-snapshot';

/**
 * The arithmetic of settlement, over plain data: what a closed period's figures settled at (its
 * statement, then each adjustment's figures in turn), whether the figures of today differ from
 * that, and by how much. A statement freezes a compliance period as the review snapshot does
 * (SnapshotPeriod); nothing here computes compliance again.
 */

/** What one objective's change between two judgements of a period was. */
export interface ObjectiveChange {
  objectiveId: string;
  metric: string;
  priority: string | null;
  statusBefore: string;
  statusAfter: string;
  attainedBefore: string | null;
  attainedAfter: string | null;
  /** after - before, in percentage points (plain decimal); null when either is null. */
  attainedDifference: string | null;
}

/** How the figures of a closed period changed since they last settled. */
export interface PeriodDifference {
  statusBefore: string;
  statusAfter: string;
  objectives: ObjectiveChange[];
  currency: string | null;
  creditBefore: string | null;
  creditAfter: string | null;
  /** creditAfter - creditBefore in the currency's minor units; null without a credit policy before and after. */
  creditDifference: string | null;
}

/** The figures that decide whether a period changed: a status, an attainment, a clock count, what was consumed, a credit, a violation. */
function material(p: SnapshotPeriod): unknown {
  return {
    status: p.status,
    revision: p.revisionId,
    objectives: p.objectives.map((o) => [o.objectiveId, o.status, o.attainedPercent, o.clocksMet, o.clocksBreached, o.errorBudget?.consumed ?? null, [...o.breachedIncidentIds].sort()]),
    credit: p.credit && [p.credit.currency, p.credit.amount, p.credit.totalPercent],
    violations: p.violations.map((v) => [v.objectiveId, v.rule, v.actual]),
  };
}

const same = (a: SnapshotPeriod, b: SnapshotPeriod) => JSON.stringify(material(a)) === JSON.stringify(material(b));

/** An amount as a string with the currency's minor-unit digits ("8750.00"). */
export function money(value: Dec, currency: string): string {
  return value.toFixed(minorUnitDigits(currency));
}

/** `after - before` of two decimal strings, or null when either is null. */
function minus(after: string | null, before: string | null): string | null {
  if (after === null || before === null) return null;
  return toDec(after, 'after').minus(toDec(before, 'before')).toFixed();
}

/**
 * The difference between the figures a period settled at and those of today; null when nothing
 * material changed (the same statuses, attainments, clocks, budgets, credit and violations).
 * A credit policy that appears or goes counts its absent side as zero.
 */
export function periodDifference(settled: SnapshotPeriod, current: SnapshotPeriod): PeriodDifference | null {
  if (same(settled, current)) return null;
  const byId = new Map(settled.objectives.map((o) => [o.objectiveId, o]));
  const matched = new Set<string>();
  const objectives: ObjectiveChange[] = [];
  for (const o of current.objectives) {
    const b = byId.get(o.objectiveId);
    if (b) matched.add(o.objectiveId);
    if (b && b.status === o.status && b.attainedPercent === o.attainedPercent && b.clocksMet === o.clocksMet && b.clocksBreached === o.clocksBreached && (b.errorBudget?.consumed ?? null) === (o.errorBudget?.consumed ?? null)) continue;
    objectives.push({
      objectiveId: o.objectiveId,
      metric: o.metric,
      priority: o.priority,
      statusBefore: b?.status ?? 'NO_DATA',
      statusAfter: o.status,
      attainedBefore: b?.attainedPercent ?? null,
      attainedAfter: o.attainedPercent,
      attainedDifference: minus(o.attainedPercent, b?.attainedPercent ?? null),
    });
  }
  for (const b of settled.objectives.filter((x) => !matched.has(x.objectiveId))) {
    objectives.push({ objectiveId: b.objectiveId, metric: b.metric, priority: b.priority, statusBefore: b.status, statusAfter: 'NO_DATA', attainedBefore: b.attainedPercent, attainedAfter: null, attainedDifference: null });
  }
  const currency = current.credit?.currency ?? settled.credit?.currency ?? null;
  const zero = currency ? money(new Dec(0), currency) : null;
  const creditBefore = settled.credit?.amount ?? zero;
  const creditAfter = current.credit?.amount ?? zero;
  return {
    statusBefore: settled.status,
    statusAfter: current.status,
    objectives,
    currency,
    creditBefore,
    creditAfter,
    creditDifference: currency ? money(toDec(creditAfter!, 'credit').minus(toDec(creditBefore!, 'credit')), currency) : null,
  };
}

/** Sums amounts (decimal strings) of one currency exactly, shown with its minor-unit digits. */
export function sumMoney(amounts: readonly string[], currency: string): string {
  return money(amounts.reduce((s, a) => s.plus(toDec(a, 'amount')), new Dec(0)), currency);
}
