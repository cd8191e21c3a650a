import { MAX_EMAIL_ATTEMPTS, planEmailAttempt } from './report-retry';

describe('planEmailAttempt', () => {
  const now = new Date('2026-10-01T00:00:00Z');
  it.each<[number, boolean, string]>([
    [1, false, '2026-10-01T00:01:00.000Z'],
    [2, false, '2026-10-01T00:05:00.000Z'],
    [3, false, '2026-10-01T00:30:00.000Z'],
    [4, false, '2026-10-01T02:00:00.000Z'],
    [5, true, '2026-10-01T02:00:00.000Z'], // the last: its "next" is only the delivery's pending mark until it is recorded
  ])('attempt %i: final %s, next at %s', (attempt, final, next) => {
    expect(planEmailAttempt(attempt, now)).toEqual({ final, nextAttemptAt: new Date(next) });
  });
  it('makes five attempts in all', () => expect(MAX_EMAIL_ATTEMPTS).toBe(5));
});
