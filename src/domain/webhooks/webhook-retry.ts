import { type WebhookAttemptTrigger } from '../../db/entities/webhook-attempt.entity';
import { type WebhookDeliveryStatus } from '../../db/entities/webhook-delivery.entity';

/**
 * When deliveries are tried again. Exponential backoff from one minute, doubling up to four
 * hours between attempts, each delay jittered by +-20% so that endpoints coming back from an
 * outage are not hit by every delivery at once. A delivery keeps being retried until an attempt
 * that started 24 hours or more after the delivery was queued fails: so retries go on for at
 * least 24 hours (about 14 attempts), then it is FAILED.
 */
export interface RetryPolicy {
  firstDelayMs: number;
  maxDelayMs: number;
  /** Share of a delay by which it varies either way. */
  jitter: number;
  giveUpAfterMs: number;
  /**
   * How long after the start of the last attempt it is tried again if its outcome never got
   * recorded (the process died mid-way). Longer than the request timeout.
   */
  leaseMs: number;
}

export const RETRY_POLICY: RetryPolicy = {
  firstDelayMs: 60_000,
  maxDelayMs: 4 * 3_600_000,
  jitter: 0.2,
  giveUpAfterMs: 24 * 3_600_000,
  leaseMs: 2 * 60_000,
};

/** The delay after failed attempt number `attempt` (1-based); `random` in [0, 1). */
export function retryDelayMs(attempt: number, random: number, policy: RetryPolicy = RETRY_POLICY): number {
  const raw = Math.min(policy.firstDelayMs * 2 ** Math.max(0, attempt - 1), policy.maxDelayMs);
  const r = Math.min(Math.max(random, 0), 1);
  return Math.round(raw * (1 - policy.jitter + 2 * policy.jitter * r));
}

export interface AttemptPlan {
  /** No scheduled attempt follows this one if it fails. */
  final: boolean;
  /** When the next attempt is due if this one fails (or when a final one is tried again if its outcome is never recorded). */
  nextAttemptAt: Date;
}

/**
 * Decided when scheduled attempt `attempt` starts, before the request is sent: the job for the
 * next attempt is scheduled with it, so a process that dies mid-request loses nothing.
 */
export function planAttempt(createdAt: Date, startedAt: Date, attempt: number, random: number, policy: RetryPolicy = RETRY_POLICY): AttemptPlan {
  const final = startedAt.getTime() - createdAt.getTime() >= policy.giveUpAfterMs;
  const delay = final ? policy.leaseMs : retryDelayMs(attempt, random, policy);
  return { final, nextAttemptAt: new Date(startedAt.getTime() + delay) };
}

export interface DeliveryState {
  status: WebhookDeliveryStatus;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  failedAt: Date | null;
}

export interface AttemptOutcome {
  succeeded: boolean;
  trigger: WebhookAttemptTrigger;
  /** A scheduled attempt after which no other is scheduled. */
  final: boolean;
  at: Date;
}

/**
 * A delivery after an attempt: a 2xx answer delivers it (for good: the scheduler never sends it
 * again); a failed final scheduled attempt gives up; any other failure leaves it as it was (a
 * pending delivery's next attempt is already scheduled; a manual redelivery of a delivered or
 * failed one changes only the log).
 */
export function afterAttempt(state: DeliveryState, outcome: AttemptOutcome): DeliveryState {
  if (outcome.succeeded) {
    return { status: 'DELIVERED', nextAttemptAt: null, deliveredAt: state.deliveredAt ?? outcome.at, failedAt: null };
  }
  if (state.status === 'PENDING' && outcome.trigger === 'SCHEDULED' && outcome.final) {
    return { status: 'FAILED', nextAttemptAt: null, deliveredAt: null, failedAt: outcome.at };
  }
  return state;
}

/** Offsets (ms after queueing) of every scheduled attempt of a delivery that never succeeds, for a fixed `random`. */
export function retrySchedule(random: number, policy: RetryPolicy = RETRY_POLICY): number[] {
  const created = new Date(0);
  const offsets: number[] = [];
  let at = created;
  for (let attempt = 1; attempt < 1000; attempt++) {
    offsets.push(at.getTime());
    const plan = planAttempt(created, at, attempt, random, policy);
    if (plan.final) break;
    at = plan.nextAttemptAt;
  }
  return offsets;
}
