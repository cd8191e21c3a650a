import { type PeriodOutcome, terminationRight } from './termination-right';

/** 'BBMBBB' -> ['BREACHED', 'BREACHED', 'MET', ...], oldest first. */
function periods(pattern: string): PeriodOutcome[] {
  return [...pattern].map((c) => (c === 'B' ? 'BREACHED' : 'MET'));
}

describe('terminationRight', () => {
  it('BBB with N=3: the right arises at period 3', () => {
    expect(terminationRight(periods('BBB'), 3)).toEqual({
      requiredConsecutiveBreaches: 3,
      arises: true,
      period: 3,
      streak: { from: 1, to: 3 },
      periods: [3],
      currentStreak: 3,
    });
  });

  it('BBMBBB with N=3: the met period resets the count, the right arises at period 6', () => {
    expect(terminationRight(periods('BBMBBB'), 3)).toMatchObject({ arises: true, period: 6, streak: { from: 4, to: 6 }, periods: [6] });
  });

  it('N=null: never, however many periods are breached', () => {
    expect(terminationRight(periods('BBBBBBBBBBBB'), null)).toEqual({
      requiredConsecutiveBreaches: null,
      arises: false,
      period: null,
      streak: null,
      periods: [],
      currentStreak: 12,
    });
  });

  it.each([
    ['', 3, null, 0],
    ['MMM', 3, null, 0],
    ['BB', 3, null, 2],
    ['BBMBB', 3, null, 2],
    ['BMBMBMB', 2, null, 1],
    ['MBBB', 3, 4, 3],
    ['BBBM', 3, 3, 0], // the right arose at 3; a later met period does not undo the record
    ['BBBB', 3, 3, 4],
    ['B', 1, 1, 1],
    ['MB', 1, 2, 1],
    ['MMMMMMMMMMMB', 1, 12, 1],
  ])('%j with N=%s: first right at %s, current streak %s', (pattern, n, period, currentStreak) => {
    const right = terminationRight(periods(pattern), n);
    expect(right.period).toBe(period);
    expect(right.arises).toBe(period != null);
    expect(right.currentStreak).toBe(currentStreak);
  });

  it('a streak longer than N gives the right once; a new streak of N after a met period gives it again', () => {
    expect(terminationRight(periods('BBBBB'), 3).periods).toEqual([3]);
    expect(terminationRight(periods('BBBMBBB'), 3)).toMatchObject({ period: 3, streak: { from: 1, to: 3 }, periods: [3, 7] });
    expect(terminationRight(periods('BMBMBMB'), 1).periods).toEqual([1, 3, 5, 7]);
  });

  it.each([0, -1, 2.5, Number.NaN])('refuses N=%s', (n) => {
    expect(() => terminationRight(periods('BBB'), n)).toThrow(/whole number of at least 1/);
  });

  it('refuses an outcome other than MET or BREACHED', () => {
    expect(() => terminationRight(['BREACHED', 'WARNING' as PeriodOutcome], 2)).toThrow(/Period 2: outcome must be MET or BREACHED/);
  });
});
