import { afterAttempt, type DeliveryState, planAttempt, RETRY_POLICY, retryDelayMs, retrySchedule } from './webhook-retry';

const MIN = 60_000;
const HOUR = 3_600_000;

describe('webhook retry backoff', () => {
  it('doubles from one minute and stops growing at four hours', () => {
    expect([1, 2, 3, 4, 5, 8, 9, 10, 20, 100].map((n) => retryDelayMs(n, 0.5))).toEqual([MIN, 2 * MIN, 4 * MIN, 8 * MIN, 16 * MIN, 128 * MIN, 4 * HOUR, 4 * HOUR, 4 * HOUR, 4 * HOUR]);
  });

  it('jitters each delay by at most 20% either way', () => {
    expect(retryDelayMs(1, 0)).toBe(0.8 * MIN);
    expect(retryDelayMs(1, 0.999999)).toBeCloseTo(1.2 * MIN, -1);
    expect(retryDelayMs(3, 0)).toBe(0.8 * 4 * MIN);
    expect(retryDelayMs(1, -5)).toBe(0.8 * MIN);
    expect(retryDelayMs(1, 7)).toBe(1.2 * MIN);
  });

  it('grows strictly below the cap whatever the jitter: the shortest next delay exceeds the longest previous one', () => {
    for (let n = 1; n < 9; n++) expect(retryDelayMs(n + 1, 0)).toBeGreaterThan(retryDelayMs(n, 0.999999));
  });

  it.each([0, 0.5, 0.999999])('keeps retrying for at least 24 hours and then gives up (random %p)', (random) => {
    const schedule = retrySchedule(random);
    const last = schedule[schedule.length - 1];
    const beforeLast = schedule[schedule.length - 2];
    expect(last).toBeGreaterThanOrEqual(24 * HOUR);
    expect(beforeLast).toBeLessThan(24 * HOUR);
    expect(last).toBeLessThan(24 * HOUR + 1.2 * RETRY_POLICY.maxDelayMs + 1);
    expect(schedule.length).toBeGreaterThanOrEqual(12);
    expect(schedule.length).toBeLessThanOrEqual(16);
    expect(schedule[0]).toBe(0);
  });

  it('plans the next attempt when one starts; the one starting 24 hours or more after queueing is final, retried only if its outcome is lost', () => {
    const created = new Date('2026-06-01T00:00:00Z');
    expect(planAttempt(created, created, 1, 0.5)).toEqual({ final: false, nextAttemptAt: new Date('2026-06-01T00:01:00Z') });
    const late = new Date(created.getTime() + 24 * HOUR - 1);
    expect(planAttempt(created, late, 12, 0.5).final).toBe(false);
    const due = new Date(created.getTime() + 24 * HOUR);
    expect(planAttempt(created, due, 13, 0.5)).toEqual({ final: true, nextAttemptAt: new Date(due.getTime() + RETRY_POLICY.leaseMs) });
  });
});

describe('a delivery after an attempt', () => {
  const at = new Date('2026-06-01T10:00:00Z');
  const pending: DeliveryState = { status: 'PENDING', nextAttemptAt: new Date('2026-06-01T10:02:00Z'), deliveredAt: null, failedAt: null };

  it('is DELIVERED on success, with nothing more scheduled', () => {
    expect(afterAttempt(pending, { succeeded: true, trigger: 'SCHEDULED', final: false, at })).toEqual({ status: 'DELIVERED', nextAttemptAt: null, deliveredAt: at, failedAt: null });
  });

  it('stays PENDING with its next attempt when a scheduled attempt fails, and FAILED when the final one does', () => {
    expect(afterAttempt(pending, { succeeded: false, trigger: 'SCHEDULED', final: false, at })).toEqual(pending);
    expect(afterAttempt(pending, { succeeded: false, trigger: 'SCHEDULED', final: true, at })).toEqual({ status: 'FAILED', nextAttemptAt: null, deliveredAt: null, failedAt: at });
  });

  it('keeps the first delivery time when a delivered one is redelivered by hand, and changes nothing when that fails', () => {
    const delivered: DeliveryState = { status: 'DELIVERED', nextAttemptAt: null, deliveredAt: new Date('2026-06-01T09:00:00Z'), failedAt: null };
    expect(afterAttempt(delivered, { succeeded: true, trigger: 'MANUAL', final: false, at })).toEqual(delivered);
    expect(afterAttempt(delivered, { succeeded: false, trigger: 'MANUAL', final: false, at })).toEqual(delivered);
  });

  it('turns a FAILED delivery DELIVERED by a manual retry that succeeds; a failing manual retry leaves it FAILED', () => {
    const failed: DeliveryState = { status: 'FAILED', nextAttemptAt: null, deliveredAt: null, failedAt: new Date('2026-06-02T01:00:00Z') };
    expect(afterAttempt(failed, { succeeded: true, trigger: 'MANUAL', final: false, at })).toEqual({ status: 'DELIVERED', nextAttemptAt: null, deliveredAt: at, failedAt: null });
    expect(afterAttempt(failed, { succeeded: false, trigger: 'MANUAL', final: false, at })).toEqual(failed);
  });

  it('never gives up a pending delivery because a manual attempt failed', () => {
    expect(afterAttempt(pending, { succeeded: false, trigger: 'MANUAL', final: true, at })).toEqual(pending);
  });
});
