import { type ObjectiveEntity } from '../../db/entities/objective.entity';
import { termForPriority } from '../agreements/objective-priority';
import { isoDuration } from '../shared/iso-duration';
import { type CreditCalculation } from './credits';
import { measureOf, type SatisfactionAttainment, SCALE } from './satisfaction';

/** What TM Forum's SLA API records of a breached objective in a period. */
export interface Violation {
  objective: ObjectiveEntity;
  rule: string;
  target: string;
  actual: string | null;
  unit: 'PERCENT' | 'PERCENT_OF_CLOCKS_MET' | 'MEAN_SCORE' | 'PERCENT_SATISFIED';
  consequence: string;
}

/** The violation record of a breached objective: the rule, the target, the actual value and what it costs. */
export function violationOf(o: { objective: ObjectiveEntity; attainedPercent: string | null; satisfaction?: SatisfactionAttainment | null }, credit: CreditCalculation | null): Violation {
  const e = o.objective;
  if (e.metric === 'SATISFACTION') return satisfactionViolation(e, o.satisfaction ?? null, credit);
  const time = e.targetSeconds !== null;
  const target = time ? isoDuration(e.targetSeconds as number) : String(e.target);
  const line = credit ? termForPriority(credit.perBreach, e.metric, e.priority) : undefined;
  const consequence = !credit
    ? 'No credit policy, or the period has not ended.'
    : time
      ? line
        ? `Per-breach credit: ${line.count} x ${line.creditPercentEach}% of the period fee.`
        : 'No per-breach credit for this objective.'
      : credit.tier
        ? `Tier below ${credit.tier.below}%: ${credit.tierCreditPercent}% of the period fee; period credit ${credit.amount} ${credit.currency}.`
        : 'No credit tier applies.';
  return {
    objective: e,
    rule: `${e.metric}${e.priority ? ` ${e.priority}` : ''} ${e.comparator === 'AT_MOST' ? 'at most' : 'at least'} ${time ? target : `${target}%`} per ${e.windowKind}${e.windowDays ? ` (${e.windowDays} days)` : ''}`,
    target,
    actual: o.attainedPercent,
    unit: time ? 'PERCENT_OF_CLOCKS_MET' : 'PERCENT',
    consequence,
  };
}

/** A breached satisfaction floor: a mean score on the 1-5 scale, or a percentage of satisfied responses (4 or 5). */
function satisfactionViolation(e: ObjectiveEntity, s: SatisfactionAttainment | null, credit: CreditCalculation | null): Violation {
  const measure = measureOf(e.target ?? SCALE.max);
  const line = credit?.perBreach.find((l) => l.metric === e.metric);
  return {
    objective: e,
    rule:
      measure === 'MEAN_SCORE'
        ? `SATISFACTION at least a mean score of ${e.target} (scale ${SCALE.min}-${SCALE.max}) per ${e.windowKind}`
        : `SATISFACTION at least ${e.target}% of responses satisfied (${SCALE.satisfiedFrom} or more of ${SCALE.max}) per ${e.windowKind}`,
    target: String(e.target),
    actual: (measure === 'MEAN_SCORE' ? s?.meanScore : s?.satisfiedPercent) ?? null,
    unit: measure,
    consequence: !credit ? 'No credit policy, or the period has not ended.' : line ? `Per-breach credit: ${line.creditPercentEach}% of the period fee.` : 'No per-breach credit for this objective.',
  };
}
