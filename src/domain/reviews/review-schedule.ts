import { DateTime } from 'luxon';
import { type FieldPath, throwIfAny, UserError } from '../../common/errors';
import { type ReviewKind, type ReviewStatus } from '../../db/entities/review.entity';
import { type Granularity, type Period, periodsBetween } from '../compliance/periods';

/**
 * When reviews happen. A MONTHLY, QUARTERLY or ANNUAL review covers one calendar month,
 * quarter or year in the provider's time zone (the periods compliance reports use) and is due
 * REVIEW_DUE_AFTER_DAYS calendar days after its period ends (in that zone, so a DST change in
 * between does not move it by an hour). AD_HOC cadence plans nothing: ad hoc reviews are made by hand.
 */
export const REVIEW_DUE_AFTER_DAYS = 10;

export type ReviewDisplayStatus = ReviewStatus | 'OVERDUE';

const GRANULARITY: Record<ReviewKind, Granularity | null> = { MONTHLY: 'MONTH', QUARTERLY: 'QUARTER', ANNUAL: 'YEAR', AD_HOC: null };

/**
 * Snapshots report month by month whatever the cadence (a quarterly review sees its three
 * months): service credits and their caps are monthly, and so are most availability targets.
 */
export const SNAPSHOT_GRANULARITY: Granularity = 'MONTH';

/** The calendar period of `cadence` that contains `at`, in `zone`; null for AD_HOC. */
export function cadencePeriod(cadence: ReviewKind, at: Date, zone: string): Period | null {
  const granularity = GRANULARITY[cadence];
  if (!granularity) return null;
  const [period] = periodsBetween(at, new Date(at.getTime() + 1), granularity, zone);
  return period;
}

/** When a review of a period ending at `periodEnd` is due. */
export function reviewDueAt(periodEnd: Date, zone: string): Date {
  return DateTime.fromJSDate(periodEnd, { zone }).plus({ days: REVIEW_DUE_AFTER_DAYS }).toJSDate();
}

/**
 * The status users see: a review not finished by its due date is OVERDUE from that instant on,
 * computed from the clock, so it is right between runs of the job that announces it.
 */
export function displayStatus(status: ReviewStatus, dueAt: Date, now: Date): ReviewDisplayStatus {
  return (status === 'SCHEDULED' || status === 'IN_PROGRESS') && now.getTime() >= dueAt.getTime() ? 'OVERDUE' : status;
}

const MOVES: Record<ReviewStatus, ReviewStatus[]> = {
  SCHEDULED: ['IN_PROGRESS', 'CANCELLED'],
  IN_PROGRESS: ['COMPLETED', 'CANCELLED'],
  COMPLETED: [],
  CANCELLED: [],
};

/** SCHEDULED -> IN_PROGRESS -> COMPLETED, or CANCELLED before completion; INVALID_STATE otherwise. */
export function requireReviewMove(from: ReviewStatus, to: ReviewStatus, field: (string | number)[] = ['id']): void {
  if (MOVES[from].includes(to)) return;
  const hint =
    to === 'COMPLETED' && from === 'SCHEDULED' ? ' Start it first (reviewStart), which freezes its snapshot.' : from === 'COMPLETED' || from === 'CANCELLED' ? ' A finished review never changes.' : '';
  throw new UserError('INVALID_STATE', `A ${from} review cannot become ${to}.${hint}`, field);
}

/** Ad hoc period and due date as given by hand: INVALID_INPUT naming the field at fault, every problem at once. */
export function checkAdHocPeriod(periodStart: Date, periodEnd: Date, dueAt: Date): void {
  throwIfAny(adHocPeriodProblems(periodStart, periodEnd, dueAt));
}

/** The problems of an ad hoc period and due date, each naming its field under `at`. */
export function adHocPeriodProblems(periodStart: Date, periodEnd: Date, dueAt: Date, at: FieldPath = []): UserError[] {
  const problems: UserError[] = [];
  if (periodEnd.getTime() <= periodStart.getTime()) problems.push(new UserError('INVALID_INPUT', 'periodEnd must be after periodStart.', [...at, 'periodEnd']));
  else if ((periodEnd.getTime() - periodStart.getTime()) / 86_400_000 > 366 * 2) problems.push(new UserError('INVALID_INPUT', 'A review covers at most two years.', [...at, 'periodEnd']));
  if (dueAt.getTime() < periodEnd.getTime()) problems.push(new UserError('INVALID_INPUT', 'dueAt cannot be before the period ends.', [...at, 'dueAt']));
  return problems;
}
