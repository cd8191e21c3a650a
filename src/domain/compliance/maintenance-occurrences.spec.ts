import { occurrenceParams, seriesOccurrences, type MaintenanceSeries } from './maintenance-occurrences';

const weekly: MaintenanceSeries = {
  rule: 'FREQ=WEEKLY;BYDAY=SU',
  firstStart: '2026-03-01T02:30',
  durationSeconds: 7200,
  timeZone: 'Europe/Berlin',
  announcedAt: new Date('2026-03-20T08:00:00Z'),
  endedAt: null,
};
const starts = (s: MaintenanceSeries, from: string, to: string) => seriesOccurrences(s, new Date(from), new Date(to)).map((o) => o.start.toISOString());

describe('seriesOccurrences: the occurrences of a series that are maintenance', () => {
  it('only those starting at or after the announcement, each announced then', () => {
    const all = seriesOccurrences(weekly, new Date('2026-03-01T00:00:00Z'), new Date('2026-04-01T00:00:00Z'));
    expect(all.map((o) => o.start.toISOString())).toEqual(['2026-03-22T01:30:00.000Z', '2026-03-29T01:30:00.000Z']);
    expect(all.every((o) => o.announcedAt.getTime() === weekly.announcedAt.getTime())).toBe(true);
    // An occurrence starting exactly at the announcement counts.
    expect(starts({ ...weekly, announcedAt: new Date('2026-03-22T01:30:00Z') }, '2026-03-01T00:00:00Z', '2026-03-23T00:00:00Z')).toEqual(['2026-03-22T01:30:00.000Z']);
  });

  it('none starting at or after the end of the series; one under way then goes on', () => {
    const ended = { ...weekly, endedAt: new Date('2026-03-29T01:30:00Z') };
    expect(starts(ended, '2026-03-01T00:00:00Z', '2026-05-01T00:00:00Z')).toEqual(['2026-03-22T01:30:00.000Z']);
    const midway = { ...weekly, endedAt: new Date('2026-03-29T02:00:00Z') };
    expect(seriesOccurrences(midway, new Date('2026-03-01T00:00:00Z'), new Date('2026-05-01T00:00:00Z')).map((o) => o.end.toISOString())).toEqual([
      '2026-03-22T03:30:00.000Z',
      '2026-03-29T03:30:00.000Z',
    ]);
  });

  it('nothing for a span that ends before the announcement', () => {
    expect(starts(weekly, '2026-03-01T00:00:00Z', '2026-03-20T08:00:00Z')).toEqual([]);
  });

  it('a daily rule over a report of many years is expanded whole, never cut short', () => {
    const daily = { ...weekly, rule: 'FREQ=DAILY', firstStart: '2026-01-01T03:00', announcedAt: new Date('2025-12-01T00:00:00Z') };
    expect(seriesOccurrences(daily, new Date('2026-01-01T00:00:00Z'), new Date('2056-01-01T00:00:00Z'))).toHaveLength(10957);
  });

  it('occurrenceParams: the starts, ends and announcement times of many series, as the downtime statement takes them', () => {
    const other = { ...weekly, rule: 'FREQ=MONTHLY;BYDAY=1SA', firstStart: '2026-04-04T23:00', durationSeconds: 3 * 3600, announcedAt: new Date('2026-03-25T00:00:00Z') };
    expect(occurrenceParams([weekly, other], new Date('2026-04-01T00:00:00Z'), new Date('2026-04-08T00:00:00Z'))).toEqual([
      ['2026-04-05T00:30:00.000Z', '2026-04-04T21:00:00.000Z'],
      ['2026-04-05T02:30:00.000Z', '2026-04-05T00:00:00.000Z'],
      ['2026-03-20T08:00:00.000Z', '2026-03-25T00:00:00.000Z'],
    ]);
  });
});
