import { UserError } from '../../common/errors';
import { periodsBetween } from './periods';

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
