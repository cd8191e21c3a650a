import { monthAround } from './objective-checks';

describe('monthAround', () => {
  it("is the calendar month in the provider's time zone, not in UTC", () => {
    expect(monthAround(new Date('2026-05-31T22:30:00Z'), 'Europe/Berlin')).toEqual({ start: new Date('2026-05-31T22:00:00Z'), end: new Date('2026-06-30T22:00:00Z'), label: '2026-06' });
    expect(monthAround(new Date('2026-05-31T21:59:59.999Z'), 'Europe/Berlin')).toEqual({ start: new Date('2026-04-30T22:00:00Z'), end: new Date('2026-05-31T22:00:00Z'), label: '2026-05' });
  });

  it('a month with a DST change is an hour shorter or longer', () => {
    const march = monthAround(new Date('2026-03-15T12:00:00Z'), 'Europe/Berlin');
    expect(march).toEqual({ start: new Date('2026-02-28T23:00:00Z'), end: new Date('2026-03-31T22:00:00Z'), label: '2026-03' });
  });

  it('the end of one month is the start of the next', () => {
    const may = monthAround(new Date('2026-05-10T00:00:00Z'), 'America/New_York');
    expect(monthAround(may.end, 'America/New_York').start).toEqual(may.end);
  });
});
