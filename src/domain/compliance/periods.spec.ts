import { UserError } from '../../common/errors';
import { localIso, periodLabel, periodsBetween } from './periods';

describe('periodsBetween', () => {
  it('cuts calendar months in the provider time zone, whole months even at the edges', () => {
    const periods = periodsBetween(new Date('2026-01-15T12:00:00Z'), new Date('2026-03-01T00:00:00+01:00'), 'MONTH', 'Europe/Berlin');
    expect(periods.map((p) => [p.start.toISOString(), p.end.toISOString()])).toEqual([
      ['2025-12-31T23:00:00.000Z', '2026-01-31T23:00:00.000Z'],
      ['2026-01-31T23:00:00.000Z', '2026-02-28T23:00:00.000Z'],
    ]);
  });

  it('follows daylight saving time: March in Berlin is 31 days minus one hour', () => {
    const [march] = periodsBetween(new Date('2026-03-10T00:00:00Z'), new Date('2026-03-11T00:00:00Z'), 'MONTH', 'Europe/Berlin');
    expect(march.end.getTime() - march.start.getTime()).toBe((31 * 24 - 1) * 3600 * 1000);
  });

  it.each([
    ['QUARTER', '2026-01-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z'],
    ['YEAR', '2026-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
  ] as const)('cuts %s periods', (granularity, start, end) => {
    const [period] = periodsBetween(new Date('2026-02-10T00:00:00Z'), new Date('2026-02-11T00:00:00Z'), granularity, 'UTC');
    expect([period.start.toISOString(), period.end.toISOString()]).toEqual([start, end]);
  });

  it('refuses more than 120 periods, naming `to`', () => {
    const tooLong = () => periodsBetween(new Date('2000-01-01T00:00:00Z'), new Date('2011-01-02T00:00:00Z'), 'MONTH', 'UTC');
    expect(tooLong).toThrow(UserError);
    try {
      tooLong();
    } catch (error) {
      expect((error as UserError).field).toEqual(['to']);
    }
    expect(periodsBetween(new Date('2000-01-01T00:00:00Z'), new Date('2010-01-01T00:00:00Z'), 'MONTH', 'UTC')).toHaveLength(120);
  });
});

describe('periodsBetween: days and weeks, with their local labels', () => {
  const local = (periods: { start: Date; end: Date; label: string }[]) => periods.map((p) => [p.label, localIso(p.start, 'Europe/Berlin'), (p.end.getTime() - p.start.getTime()) / 3_600_000]);

  it('cuts days at local midnight: the spring change makes a day of 23 hours, the autumn one of 25', () => {
    expect(local(periodsBetween(new Date('2026-03-28T12:00:00Z'), new Date('2026-03-30T12:00:00Z'), 'DAY', 'Europe/Berlin'))).toEqual([
      ['2026-03-28', '2026-03-28T00:00:00.000+01:00', 24],
      ['2026-03-29', '2026-03-29T00:00:00.000+01:00', 23],
      ['2026-03-30', '2026-03-30T00:00:00.000+02:00', 24],
    ]);
    expect(local(periodsBetween(new Date('2026-10-25T12:00:00Z'), new Date('2026-10-25T13:00:00Z'), 'DAY', 'Europe/Berlin'))).toEqual([['2026-10-25', '2026-10-25T00:00:00.000+02:00', 25]]);
  });

  it('cuts ISO weeks from Monday, named by ISO week-year', () => {
    expect(local(periodsBetween(new Date('2026-03-25T12:00:00Z'), new Date('2026-04-01T00:00:00Z'), 'WEEK', 'Europe/Berlin'))).toEqual([
      ['2026-W13', '2026-03-23T00:00:00.000+01:00', 7 * 24 - 1],
      ['2026-W14', '2026-03-30T00:00:00.000+02:00', 7 * 24],
    ]);
  });

  it.each([
    // 2026-12-31 is a Thursday: its week is the 53rd of 2026, and so is that of 2027-01-01.
    ['2027-01-01T12:00:00Z', 'WEEK', '2026-W53'],
    // 2024-12-30 is a Monday: its week is the first of 2025.
    ['2024-12-31T12:00:00Z', 'WEEK', '2025-W01'],
    ['2026-02-10T00:00:00Z', 'MONTH', '2026-02'],
    ['2026-05-10T00:00:00Z', 'QUARTER', '2026-Q2'],
    ['2026-05-10T00:00:00Z', 'YEAR', '2026'],
    // 23:30 UTC on 31 March is 1 April in Berlin.
    ['2026-03-31T23:30:00Z', 'DAY', '2026-04-01'],
  ] as const)('names the %s %s period %s', (instant, granularity, label) => {
    const [p] = periodsBetween(new Date(instant), new Date(new Date(instant).getTime() + 1), granularity, 'Europe/Berlin');
    expect(p.label).toBe(label);
    expect(periodLabel(p.start, granularity, 'Europe/Berlin')).toBe(label);
  });

  it('allows a year of days and refuses more, naming `to`', () => {
    expect(periodsBetween(new Date('2028-01-01T00:00:00Z'), new Date('2029-01-01T00:00:00Z'), 'DAY', 'UTC')).toHaveLength(366);
    expect(() => periodsBetween(new Date('2028-01-01T00:00:00Z'), new Date('2029-01-02T00:00:00Z'), 'DAY', 'UTC')).toThrow(UserError);
  });
});
