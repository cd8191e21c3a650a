import { type ObjectiveEntity } from '../../db/entities/objective.entity';
import { isoDuration } from '../shared/iso-duration';
import { type CreditCalculation } from './credits';

/** What TM Forum's SLA API records of a breached objective in a period. */
export interface Violation {
  objective: ObjectiveEntity;
  rule: string;
  target: string;
  actual: string | null;
  unit: 'PERCENT' | 'PERCENT_OF_CLOCKS_MET';
  consequence: string;
}

/** The violation record of a breached objective: the rule, the target, the actual value and what it costs. */
export function violationOf(o: { objective: ObjectiveEntity; attainedPercent: string | null }, credit: CreditCalculation | null): Violation {
  const e = o.objective;
  const time = e.targetSeconds !== null;
  const target = time ? isoDuration(e.targetSeconds as number) : String(e.target);
  const line = credit?.perBreach.find((l) => l.metric === e.metric && (l.priority === e.priority || l.priority === null));
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
