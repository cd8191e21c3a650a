import { Dec, DOWN, plain, toDec } from '../compliance/decimal';

/**
 * Re-baselining: which target the recent history of an objective supports.
 *
 * The history is the attainment of the objective (availability or ratio in percent; for time
 * objectives the percentage of clocks met) in each of the last REBASELINE_PERIODS closed
 * calendar months before the review's period ends. Periods without data are left out.
 *
 * Rule: the supported target is the highest value that was attained in at least
 * REBASELINE_SHARE (80%) of the periods with data, i.e. the k-th best attainment with
 * k = ceil(0.8 * n), rounded DOWN to a step that suits its size: 0.01 from 99 up (the
 * "nines" users write: 99.95), 0.1 from 90 up, whole percent below. With fewer than
 * REBASELINE_MIN_PERIODS periods of data there is no supported target (null): too little history.
 * The supported target is a percentage; for time objectives (a duration target) it is the share
 * of clocks met that the history supports and is shown for information only.
 */
export const REBASELINE_PERIODS = 6;
export const REBASELINE_SHARE = 0.8;
export const REBASELINE_MIN_PERIODS = 3;

export interface RebaselineFigures {
  periodsWithData: number;
  /** Periods whose attainment met the current target (AT_LEAST objectives with a percent target). */
  periodsMet: number | null;
  /** Plain decimal string ("99.95"), or null with too little history. */
  supportedTarget: string | null;
  /** The supported target is at least the current one: the history supports the target as it is. */
  supportsCurrentTarget: boolean | null;
}

/** The step a supported target is rounded down to. */
export function targetStep(value: Dec): Dec {
  if (value.gte(99)) return new Dec('0.01');
  if (value.gte(90)) return new Dec('0.1');
  return new Dec(1);
}

/** `attainments`: one per period, decimal strings or null (no data). `currentTarget`: percent, or null for time objectives. */
export function rebaseline(attainments: (string | null)[], currentTarget: string | number | null): RebaselineFigures {
  const values = attainments.filter((a): a is string => a !== null).map((a) => toDec(a, 'attainedPercent'));
  const target = currentTarget === null ? null : toDec(currentTarget, 'target');
  const periodsMet = target === null ? null : values.filter((v) => v.gte(target)).length;
  if (values.length < REBASELINE_MIN_PERIODS) {
    return { periodsWithData: values.length, periodsMet, supportedTarget: null, supportsCurrentTarget: null };
  }
  const k = Math.ceil(REBASELINE_SHARE * values.length);
  const kth = [...values].sort((a, b) => b.comparedTo(a))[k - 1];
  const step = targetStep(kth);
  const supported = kth.div(step).toDecimalPlaces(0, DOWN).mul(step);
  return {
    periodsWithData: values.length,
    periodsMet,
    supportedTarget: plain(supported),
    supportsCurrentTarget: target === null ? null : supported.gte(target),
  };
}
