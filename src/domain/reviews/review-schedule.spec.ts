import { UserError } from '../../common/errors';
import { cadencePeriod, checkAdHocPeriod, displayStatus, requireReviewMove, reviewDueAt } from './review-schedule';

const iso = (d: Date | null | undefined) => d?.toISOString();

describe('cadencePeriod', () => {
  it('is the calendar month containing the instant, in the provider time zone', () => {
    // 23:30 UTC on 31 March is already April in Berlin.
    const p = cadencePeriod('MONTHLY', new Date('2026-03-31T22:30:00Z'), 'Europe/Berlin');
    expect([iso(p?.start), iso(p?.end)]).toEqual(['2026-03-31T22:00:00.000Z', '2026-04-30T22:00:00.000Z']);
  });

  it('is the quarter and the year for QUARTERLY and ANNUAL', () => {
    const q = cadencePeriod('QUARTERLY', new Date('2026-05-15T00:00:00Z'), 'UTC');
    expect([iso(q?.start), iso(q?.end)]).toEqual(['2026-04-01T00:00:00.000Z', '2026-07-01T00:00:00.000Z']);
    const y = cadencePeriod('ANNUAL', new Date('2026-05-15T00:00:00Z'), 'UTC');
    expect([iso(y?.start), iso(y?.end)]).toEqual(['2026-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z']);
  });

  it('at the very instant a period ends, is the next period', () => {
    const p = cadencePeriod('MONTHLY', new Date('2026-07-01T00:00:00Z'), 'UTC');
    expect(iso(p?.start)).toBe('2026-07-01T00:00:00.000Z');
  });

  it('plans nothing for AD_HOC', () => {
    expect(cadencePeriod('AD_HOC', new Date(), 'UTC')).toBeNull();
  });
});

describe('reviewDueAt', () => {
  it('is ten calendar days after the period ends, local time kept across a DST change', () => {
    // October ends in Berlin at 23:00 UTC (CET); 10 days later is still midnight local time.
    expect(iso(reviewDueAt(new Date('2026-09-30T22:00:00Z'), 'Europe/Berlin'))).toBe('2026-10-10T22:00:00.000Z');
    expect(iso(reviewDueAt(new Date('2026-10-24T22:00:00Z'), 'Europe/Berlin'))).toBe('2026-11-03T23:00:00.000Z');
  });
});

describe('displayStatus', () => {
  const due = new Date('2026-07-11T00:00:00Z');
  it('is OVERDUE from the due instant on, for reviews not finished', () => {
    expect(displayStatus('SCHEDULED', due, new Date('2026-07-10T23:59:59Z'))).toBe('SCHEDULED');
    expect(displayStatus('SCHEDULED', due, due)).toBe('OVERDUE');
    expect(displayStatus('IN_PROGRESS', due, new Date('2026-08-01T00:00:00Z'))).toBe('OVERDUE');
  });
  it('never for finished reviews', () => {
    expect(displayStatus('COMPLETED', due, new Date('2027-01-01T00:00:00Z'))).toBe('COMPLETED');
    expect(displayStatus('CANCELLED', due, new Date('2027-01-01T00:00:00Z'))).toBe('CANCELLED');
  });
});

describe('requireReviewMove', () => {
  it.each([
    ['SCHEDULED', 'IN_PROGRESS'],
    ['SCHEDULED', 'CANCELLED'],
    ['IN_PROGRESS', 'COMPLETED'],
    ['IN_PROGRESS', 'CANCELLED'],
  ] as const)('allows %s -> %s', (from, to) => expect(() => requireReviewMove(from, to)).not.toThrow());

  it.each([
    ['SCHEDULED', 'COMPLETED'],
    ['IN_PROGRESS', 'IN_PROGRESS'],
    ['COMPLETED', 'CANCELLED'],
    ['CANCELLED', 'IN_PROGRESS'],
  ] as const)('refuses %s -> %s as INVALID_STATE on the id', (from, to) => {
    try {
      requireReviewMove(from, to);
      throw new Error('allowed');
    } catch (error) {
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).code).toBe('INVALID_STATE');
      expect((error as UserError).field).toEqual(['id']);
    }
  });
});

describe('checkAdHocPeriod', () => {
  const field = (f: () => void) => {
    try {
      f();
      return null;
    } catch (error) {
      return (error as UserError).field;
    }
  };
  it('names periodEnd when the period is empty or too long, dueAt when due before the end', () => {
    const a = new Date('2026-03-01T00:00:00Z');
    const b = new Date('2026-04-01T00:00:00Z');
    expect(field(() => checkAdHocPeriod(b, a, b))).toEqual(['periodEnd']);
    expect(field(() => checkAdHocPeriod(a, b, a))).toEqual(['dueAt']);
    expect(field(() => checkAdHocPeriod(new Date('2020-01-01T00:00:00Z'), b, b))).toEqual(['periodEnd']);
    expect(field(() => checkAdHocPeriod(a, b, b))).toBeNull();
  });
});
