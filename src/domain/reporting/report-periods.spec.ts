import { ReportingFrequency } from '../../common/agreement-enums';
import { duePeriods, reportPeriodOf } from './report-periods';

const iso = (p: { start: Date; end: Date }) => [p.start.toISOString(), p.end.toISOString()];

describe('reportPeriodOf', () => {
  it.each<[string, ReportingFrequency, string, [string, string]]>([
    // Berlin, CET (+01:00) in winter, CEST (+02:00) in summer.
    ['a Wednesday: its ISO week, Monday to Monday', ReportingFrequency.WEEKLY, '2026-03-11T12:00:00Z', ['2026-03-08T23:00:00.000Z', '2026-03-15T23:00:00.000Z']],
    ['the week of the change to summer time is an hour shorter', ReportingFrequency.WEEKLY, '2026-03-25T12:00:00Z', ['2026-03-22T23:00:00.000Z', '2026-03-29T22:00:00.000Z']],
    ['Monday 00:00 local belongs to the week it starts', ReportingFrequency.WEEKLY, '2026-03-08T23:00:00Z', ['2026-03-08T23:00:00.000Z', '2026-03-15T23:00:00.000Z']],
    ['Sunday 23:59 local belongs to the week it ends', ReportingFrequency.WEEKLY, '2026-03-08T22:59:59Z', ['2026-03-01T23:00:00.000Z', '2026-03-08T23:00:00.000Z']],
    ['a month across the change to winter time', ReportingFrequency.MONTHLY, '2026-10-15T00:00:00Z', ['2026-09-30T22:00:00.000Z', '2026-10-31T23:00:00.000Z']],
    ['New Year in UTC is still December in Berlin before 23:00Z', ReportingFrequency.MONTHLY, '2026-12-31T22:59:59Z', ['2026-11-30T23:00:00.000Z', '2026-12-31T23:00:00.000Z']],
    ['a quarter', ReportingFrequency.QUARTERLY, '2026-05-20T10:00:00Z', ['2026-03-31T22:00:00.000Z', '2026-06-30T22:00:00.000Z']],
  ])('%s', (_name, frequency, at, expected) => {
    expect(iso(reportPeriodOf(new Date(at), frequency, 'Europe/Berlin'))).toEqual(expected);
  });
});

describe('duePeriods', () => {
  const monthly = () => ReportingFrequency.MONTHLY;
  it('lists the periods ended since `after`, oldest first; the running one is not due', () => {
    const due = duePeriods(new Date('2026-09-15T00:00:00Z'), new Date('2026-11-10T00:00:00Z'), 'Europe/Berlin', monthly);
    expect(due.map((p) => [...iso(p), p.frequency])).toEqual([
      ['2026-08-31T22:00:00.000Z', '2026-09-30T22:00:00.000Z', 'MONTHLY'],
      ['2026-09-30T22:00:00.000Z', '2026-10-31T23:00:00.000Z', 'MONTHLY'],
    ]);
  });
  it('is empty until the period ends, and lists it from its end exactly', () => {
    const after = new Date('2026-08-31T22:00:00Z');
    expect(duePeriods(after, new Date('2026-09-30T21:59:59Z'), 'Europe/Berlin', monthly)).toEqual([]);
    expect(duePeriods(after, new Date('2026-09-30T22:00:00Z'), 'Europe/Berlin', monthly)).toHaveLength(1);
  });
  it('follows a change of frequency at the start of each period, and skips time with no terms in force', () => {
    const freq = (at: Date) => (at < new Date('2026-10-01T00:00:00Z') ? ReportingFrequency.MONTHLY : at < new Date('2026-10-20T00:00:00Z') ? null : ReportingFrequency.WEEKLY);
    const due = duePeriods(new Date('2026-09-01T00:00:00Z'), new Date('2026-11-03T00:00:00Z'), 'UTC', freq);
    expect(due.map((p) => [...iso(p), p.frequency])).toEqual([
      ['2026-09-01T00:00:00.000Z', '2026-10-01T00:00:00.000Z', 'MONTHLY'],
      ['2026-10-19T00:00:00.000Z', '2026-10-26T00:00:00.000Z', 'WEEKLY'],
      ['2026-10-26T00:00:00.000Z', '2026-11-02T00:00:00.000Z', 'WEEKLY'],
    ]);
  });
  it('stops at `max` periods', () => {
    expect(duePeriods(new Date('2020-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'), 'UTC', monthly, 5)).toHaveLength(5);
  });
});
