import { DateTime } from 'luxon';
import {
  addBusinessMillis,
  businessMillis,
  businessMillisExcluding,
  type CalendarSpec,
  type Interval,
  isKnownHolidayLocation,
  openIntervals,
} from './business-hours';

const MIN = 60_000;
const H = 60 * MIN;
const at = (iso: string) => new Date(iso);
/** ISO weekdays 1..5 (Mon-Fri) open `from`-`to`. */
const weekdays = (from: string, to: string, days = [1, 2, 3, 4, 5]) => days.map((weekday) => ({ weekday, from, to }));
const calendar = (over: Partial<CalendarSpec> = {}): CalendarSpec => ({
  timeZone: 'Europe/Berlin',
  weeklyHours: weekdays('09:00', '17:00'),
  holidayCountry: null,
  holidayRegion: null,
  closedDates: [],
  openDates: [],
  ...over,
});
const add = (cal: CalendarSpec | null, from: string, ms: number) => addBusinessMillis(cal, at(from), ms).toISOString();
const between = (cal: CalendarSpec | null, from: string, to: string) => businessMillis(cal, at(from), at(to));
const intervals = (cal: CalendarSpec | null, from: string, to: string) =>
  openIntervals(cal, at(from), at(to)).map((i) => [i.start.toISOString(), i.end.toISOString()]);
const pause = (start: string, end: string): Interval => ({ start: at(start), end: at(end) });

const OFFICE = calendar(); // Berlin, Mon-Fri 09:00-17:00, no holidays
const ALL_WEEK = weekdays('00:00', '24:00', [1, 2, 3, 4, 5, 6, 7]);

describe('24x7', () => {
  it('a null calendar counts all elapsed time, across a DST switch too', () => {
    // 2026-03-28 12:00 CET to 2026-03-29 12:00 CEST is 23 h of real time.
    expect(between(null, '2026-03-28T12:00:00+01:00', '2026-03-29T12:00:00+02:00')).toBe(23 * H);
    // 24 h after 2026-10-24 12:00 CEST is 11:00 CET the next day (clocks went back 1 h).
    expect(add(null, '2026-10-24T12:00:00+02:00', 24 * H)).toBe('2026-10-25T10:00:00.000Z');
    expect(intervals(null, '2026-06-01T00:00:00Z', '2026-06-02T00:00:00Z')).toEqual([['2026-06-01T00:00:00.000Z', '2026-06-02T00:00:00.000Z']]);
  });

  it('a calendar open 00:00-24:00 every day is exact elapsed time and one merged interval', () => {
    const cal = calendar({ weeklyHours: ALL_WEEK });
    expect(between(cal, '2026-03-28T12:00:00+01:00', '2026-03-29T12:00:00+02:00')).toBe(23 * H);
    expect(add(cal, '2026-10-24T12:00:00+02:00', 24 * H)).toBe('2026-10-25T10:00:00.000Z');
    expect(intervals(cal, '2026-03-23T00:00:00Z', '2026-04-06T00:00:00Z')).toEqual([['2026-03-23T00:00:00.000Z', '2026-04-06T00:00:00.000Z']]);
  });
});

describe('nights and weekends (Berlin, Mon-Fri 09:00-17:00, CEST = UTC+2)', () => {
  it('carries the rest of a target over the night', () => {
    // Mon 10:00: 7 h until 17:00, 1 h on Tuesday -> Tue 10:00 CEST.
    expect(add(OFFICE, '2026-06-01T10:00:00+02:00', 8 * H)).toBe('2026-06-02T08:00:00.000Z');
  });

  it('ends at the closing time, not at the next opening, when the target fits exactly', () => {
    expect(add(OFFICE, '2026-06-01T09:00:00+02:00', 8 * H)).toBe('2026-06-01T15:00:00.000Z');
  });

  it('skips the weekend', () => {
    // Fri 15:00: 2 h on Friday, 6 h on Monday -> Mon 2026-06-08 15:00 CEST.
    expect(add(OFFICE, '2026-06-05T15:00:00+02:00', 8 * H)).toBe('2026-06-08T13:00:00.000Z');
    // Fri 12:00 -> Tue 12:00: Fri 5 h + Mon 8 h + Tue 3 h.
    expect(between(OFFICE, '2026-06-05T12:00:00+02:00', '2026-06-09T12:00:00+02:00')).toBe(16 * H);
    expect(intervals(OFFICE, '2026-06-06T00:00:00+02:00', '2026-06-09T12:00:00+02:00')).toEqual([
      ['2026-06-08T07:00:00.000Z', '2026-06-08T15:00:00.000Z'],
      ['2026-06-09T07:00:00.000Z', '2026-06-09T10:00:00.000Z'],
    ]);
  });

  it('starts counting at the next opening when started outside hours', () => {
    expect(add(OFFICE, '2026-06-06T10:00:00+02:00', 1 * H)).toBe('2026-06-08T08:00:00.000Z'); // Sat -> Mon 10:00
    expect(add(OFFICE, '2026-06-01T07:00:00+02:00', 30 * MIN)).toBe('2026-06-01T07:30:00.000Z'); // Mon 09:30
    expect(add(OFFICE, '2026-06-01T20:00:00+02:00', 30 * MIN)).toBe('2026-06-02T07:30:00.000Z'); // Tue 09:30
  });

  it('handles targets of several weeks', () => {
    // 80 h = 10 business days from Mon 2026-06-01 09:00 -> Fri 2026-06-12 17:00 CEST.
    expect(add(OFFICE, '2026-06-01T09:00:00+02:00', 80 * H)).toBe('2026-06-12T15:00:00.000Z');
    // 200 h = 25 business days -> Fri 2026-07-03 17:00 CEST.
    expect(add(OFFICE, '2026-06-01T09:00:00+02:00', 200 * H)).toBe('2026-07-03T15:00:00.000Z');
  });

  it('keeps milliseconds', () => {
    expect(add(OFFICE, '2026-06-01T16:59:59.999+02:00', 2)).toBe('2026-06-02T07:00:00.001Z');
  });
});

describe('public holidays', () => {
  const DE = calendar({ holidayCountry: 'DE' });

  it('closes 2026-12-25 (Fri) and 2026-12-26 (Sat) in DE', () => {
    // Thu 12-24 16:00 CET: 1 h on Thursday, Fri holiday, weekend -> Mon 12-28 10:00 CET.
    expect(add(DE, '2026-12-24T16:00:00+01:00', 2 * H)).toBe('2026-12-28T09:00:00.000Z');
    // Without holidays Friday is open: Fri 10:00 CET.
    expect(add(OFFICE, '2026-12-24T16:00:00+01:00', 2 * H)).toBe('2026-12-25T09:00:00.000Z');
    // Open every day 09-17: the 25th and 26th are closed, Sunday the 27th is open -> Sun 10:00 CET.
    const everyDay = calendar({ holidayCountry: 'DE', weeklyHours: weekdays('09:00', '17:00', [1, 2, 3, 4, 5, 6, 7]) });
    expect(add(everyDay, '2026-12-24T16:00:00+01:00', 2 * H)).toBe('2026-12-27T09:00:00.000Z');
    expect(between(everyDay, '2026-12-24T00:00:00+01:00', '2026-12-28T00:00:00+01:00')).toBe(16 * H); // 24th + 27th
  });

  it('applies a regional holiday only in its region: 2026-06-04 Corpus Christi in DE-BY, not DE-BE', () => {
    const from = '2026-06-03T16:00:00+02:00'; // Wed
    expect(add(calendar({ holidayCountry: 'DE', holidayRegion: 'BY' }), from, 2 * H)).toBe('2026-06-05T08:00:00.000Z'); // Fri 10:00
    expect(add(calendar({ holidayCountry: 'DE', holidayRegion: 'BE' }), from, 2 * H)).toBe('2026-06-04T08:00:00.000Z'); // Thu 10:00
    expect(add(calendar({ holidayCountry: 'DE' }), from, 2 * H)).toBe('2026-06-04T08:00:00.000Z'); // national only
  });

  it('closes only on "public" holidays: Christmas Eve is a "bank" holiday in DE and stays open', () => {
    expect(between(DE, '2026-12-24T00:00:00+01:00', '2026-12-25T00:00:00+01:00')).toBe(8 * H);
    expect(between(DE, '2026-12-31T00:00:00+01:00', '2027-01-01T00:00:00+01:00')).toBe(8 * H);
    expect(between(DE, '2027-01-01T00:00:00+01:00', '2027-01-02T00:00:00+01:00')).toBe(0); // New Year, Fri
  });

  it('closes only its part of the day for a partial-day holiday (CH-VS: Christmas Eve from 12:00)', () => {
    const sion = calendar({ timeZone: 'Europe/Zurich', weeklyHours: weekdays('08:00', '17:00'), holidayCountry: 'CH', holidayRegion: 'VS' });
    expect(intervals(sion, '2026-12-24T00:00:00+01:00', '2026-12-26T00:00:00+01:00')).toEqual([['2026-12-24T07:00:00.000Z', '2026-12-24T11:00:00.000Z']]);
  });

  it('starts a holiday that the data begins at the previous sunset at its date (AE: Eid al-Fitr 2026-03-20, 3 days)', () => {
    const dubai = calendar({ timeZone: 'Asia/Dubai', weeklyHours: weekdays('09:00', '20:00'), holidayCountry: 'AE' });
    expect(between(dubai, '2026-03-19T17:00:00+04:00', '2026-03-19T20:00:00+04:00')).toBe(3 * H); // eve stays open
    // Thu 19:00: 1 h on Thursday, Fri 20 holiday (Sat, Sun too), Mon 23 -> 10:00 GST.
    expect(add(dubai, '2026-03-19T19:00:00+04:00', 2 * H)).toBe('2026-03-23T06:00:00.000Z');
  });

  it('refuses an unknown holiday location instead of silently having no holidays', () => {
    expect(() => between(calendar({ holidayCountry: 'XX' }), '2026-06-01T00:00:00Z', '2026-06-02T00:00:00Z')).toThrow(RangeError);
    expect(() => between(calendar({ holidayCountry: 'DE', holidayRegion: 'XX' }), '2026-06-01T00:00:00Z', '2026-06-02T00:00:00Z')).toThrow(RangeError);
    expect(isKnownHolidayLocation('DE', 'BY')).toBe(true);
    expect(isKnownHolidayLocation('de', 'be')).toBe(true);
    expect(isKnownHolidayLocation('DE', null)).toBe(true);
    expect(isKnownHolidayLocation('DE', 'XX')).toBe(false);
    expect(isKnownHolidayLocation('DE', 'DE-BY')).toBe(false);
    expect(isKnownHolidayLocation('XX', null)).toBe(false);
  });
});

describe('DST switches', () => {
  const sundays = (timeZone: string, from = '00:00', to = '24:00') => calendar({ timeZone, weeklyHours: [{ weekday: 7, from, to }] });

  it('Europe/Berlin: a business target across the spring and autumn weekends', () => {
    // Fri 03-27 16:00 CET (15:00Z): 1 h Friday, 1 h Monday -> Mon 03-30 10:00 CEST = 08:00Z.
    expect(add(OFFICE, '2026-03-27T16:00:00+01:00', 2 * H)).toBe('2026-03-30T08:00:00.000Z');
    // Fri 10-23 16:00 CEST (14:00Z) -> Mon 10-26 10:00 CET = 09:00Z.
    expect(add(OFFICE, '2026-10-23T16:00:00+02:00', 2 * H)).toBe('2026-10-26T09:00:00.000Z');
    expect(between(OFFICE, '2026-03-27T00:00:00+01:00', '2026-03-31T00:00:00+02:00')).toBe(16 * H);
  });

  it('Europe/Berlin: a day open 00:00-24:00 counts 23 h on 2026-03-29 and 25 h on 2026-10-25', () => {
    const cal = sundays('Europe/Berlin');
    expect(between(cal, '2026-03-23T00:00:00+01:00', '2026-03-30T00:00:00+02:00')).toBe(23 * H);
    expect(intervals(cal, '2026-03-23T00:00:00+01:00', '2026-03-30T00:00:00+02:00')).toEqual([['2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z']]);
    expect(between(cal, '2026-10-19T00:00:00+02:00', '2026-10-26T00:00:00+01:00')).toBe(25 * H);
    expect(intervals(cal, '2026-10-19T00:00:00+02:00', '2026-10-26T00:00:00+01:00')).toEqual([['2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z']]);
    // 24 h from Sunday 03-29 00:00 CET: 23 h that Sunday, 1 h the next (04-05, CEST) -> 01:00 CEST.
    expect(add(cal, '2026-03-29T00:00:00+01:00', 24 * H)).toBe('2026-04-04T23:00:00.000Z');
  });

  it('Europe/Berlin: hours around the switch hour (02:00-03:00 skipped in March, repeated in October)', () => {
    // 01:00-04:00: 2 h on 03-29 (00:00Z-02:00Z), 4 h on 10-25 (01:00 CEST = 23:00Z to 04:00 CET = 03:00Z).
    expect(between(sundays('Europe/Berlin', '01:00', '04:00'), '2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00')).toBe(2 * H);
    expect(between(sundays('Europe/Berlin', '01:00', '04:00'), '2026-10-25T00:00:00+02:00', '2026-10-26T00:00:00+01:00')).toBe(4 * H);
    // 02:30 does not exist on 03-29: the office opens when the clock jumps to 03:00 CEST (01:00Z).
    expect(intervals(sundays('Europe/Berlin', '02:30', '04:00'), '2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00')).toEqual([['2026-03-29T01:00:00.000Z', '2026-03-29T02:00:00.000Z']]);
    // 02:30 happens twice on 10-25: the office opens at the first one (02:30 CEST = 00:30Z).
    expect(intervals(sundays('Europe/Berlin', '02:30', '04:00'), '2026-10-25T00:00:00+02:00', '2026-10-26T00:00:00+01:00')).toEqual([['2026-10-25T00:30:00.000Z', '2026-10-25T03:00:00.000Z']]);
    // Hours entirely inside the skipped hour are no hours at all.
    expect(between(sundays('Europe/Berlin', '02:00', '03:00'), '2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00')).toBe(0);
  });

  it('America/New_York: 2026-03-08 (23 h) and 2026-11-01 (25 h)', () => {
    const cal = sundays('America/New_York');
    expect(between(cal, '2026-03-02T00:00:00-05:00', '2026-03-09T00:00:00-04:00')).toBe(23 * H);
    expect(between(cal, '2026-10-26T00:00:00-04:00', '2026-11-02T00:00:00-05:00')).toBe(25 * H);
    const ny = calendar({ timeZone: 'America/New_York' });
    // Fri 03-06 16:00 EST (21:00Z) -> Mon 03-09 10:00 EDT = 14:00Z.
    expect(add(ny, '2026-03-06T16:00:00-05:00', 2 * H)).toBe('2026-03-09T14:00:00.000Z');
    // Fri 10-30 16:00 EDT (20:00Z) -> Mon 11-02 10:00 EST = 15:00Z.
    expect(add(ny, '2026-10-30T16:00:00-04:00', 2 * H)).toBe('2026-11-02T15:00:00.000Z');
  });
});

describe('midnight ends and split shifts', () => {
  it('an interval ending at "24:00" ends at the next midnight', () => {
    const evenings = calendar({ weeklyHours: weekdays('18:00', '24:00') });
    // Mon 23:00 CEST: 1 h until midnight, 1 h Tuesday evening -> Tue 19:00 CEST.
    expect(add(evenings, '2026-06-01T23:00:00+02:00', 2 * H)).toBe('2026-06-02T17:00:00.000Z');
    // Exactly to the end of Monday's interval: midnight, not Tuesday 18:00.
    expect(add(evenings, '2026-06-01T23:00:00+02:00', 1 * H)).toBe('2026-06-01T22:00:00.000Z');
    expect(between(evenings, '2026-06-01T00:00:00+02:00', '2026-06-02T00:00:00+02:00')).toBe(6 * H);
  });

  it('a night shift across midnight is one open interval', () => {
    const night = calendar({ weeklyHours: [{ weekday: 1, from: '20:00', to: '24:00' }, { weekday: 2, from: '00:00', to: '04:00' }] });
    expect(intervals(night, '2026-06-01T18:00:00+02:00', '2026-06-02T06:00:00+02:00')).toEqual([['2026-06-01T18:00:00.000Z', '2026-06-02T02:00:00.000Z']]);
    expect(add(night, '2026-06-01T23:00:00+02:00', 2 * H)).toBe('2026-06-01T23:00:00.000Z'); // Tue 01:00 CEST
  });

  it('split shifts 08:00-12:00 and 13:00-17:00 skip the lunch break', () => {
    const split = calendar({ weeklyHours: [...weekdays('08:00', '12:00'), ...weekdays('13:00', '17:00')] });
    expect(add(split, '2026-06-01T11:00:00+02:00', 2 * H)).toBe('2026-06-01T12:00:00.000Z'); // 14:00
    expect(add(split, '2026-06-01T11:00:00+02:00', 1 * H)).toBe('2026-06-01T10:00:00.000Z'); // 12:00
    expect(add(split, '2026-06-01T12:30:00+02:00', 30 * MIN)).toBe('2026-06-01T11:30:00.000Z'); // 13:30
    expect(between(split, '2026-06-01T10:00:00+02:00', '2026-06-01T15:00:00+02:00')).toBe(4 * H);
    expect(intervals(split, '2026-06-01T00:00:00+02:00', '2026-06-02T00:00:00+02:00')).toEqual([
      ['2026-06-01T06:00:00.000Z', '2026-06-01T10:00:00.000Z'],
      ['2026-06-01T11:00:00.000Z', '2026-06-01T15:00:00.000Z'],
    ]);
  });

  it('counts overlapping weekly intervals of one day once', () => {
    const overlapping = calendar({ weeklyHours: [{ weekday: 1, from: '09:00', to: '13:00' }, { weekday: 1, from: '12:00', to: '17:00' }] });
    expect(between(overlapping, '2026-06-01T00:00:00+02:00', '2026-06-02T00:00:00+02:00')).toBe(8 * H);
  });
});

describe('pauses', () => {
  const from = '2026-06-01T09:00:00+02:00'; // Mon
  const to = '2026-06-03T17:00:00+02:00'; // Wed: 24 business hours in all
  const excluding = (...pauses: Interval[]) => businessMillisExcluding(OFFICE, at(from), at(to), pauses);
  const startsOutside = pause('2026-05-31T20:00:00+02:00', '2026-06-01T11:00:00+02:00'); // Sun evening -> Mon 11:00: 2 h
  const first = pause('2026-06-02T10:00:00+02:00', '2026-06-02T14:00:00+02:00');
  const second = pause('2026-06-02T12:00:00+02:00', '2026-06-02T16:00:00+02:00'); // overlaps first: 10-16 = 6 h

  it('subtracts only the open time inside the pauses', () => {
    expect(excluding()).toBe(24 * H);
    expect(excluding(startsOutside)).toBe(22 * H);
    expect(excluding(pause('2026-06-01T18:00:00+02:00', '2026-06-02T08:00:00+02:00'))).toBe(24 * H); // night only
    expect(excluding(pause('2026-06-03T16:00:00+02:00', '2026-06-04T12:00:00+02:00'))).toBe(23 * H); // clipped at `to`
  });

  it('counts overlapping pauses once', () => {
    expect(excluding(first, second)).toBe(18 * H);
    expect(excluding(second, first, pause('2026-06-02T11:00:00+02:00', '2026-06-02T12:00:00+02:00'), startsOutside)).toBe(16 * H);
  });

  it('ignores empty and inverted pauses', () => {
    expect(excluding(pause('2026-06-02T14:00:00+02:00', '2026-06-02T10:00:00+02:00'), pause(from, from))).toBe(24 * H);
  });

  it('works on a 24x7 clock', () => {
    const pauses = [pause('2026-06-01T02:00:00Z', '2026-06-01T04:00:00Z'), pause('2026-06-01T03:00:00Z', '2026-06-01T06:00:00Z')];
    expect(businessMillisExcluding(null, at('2026-06-01T00:00:00Z'), at('2026-06-01T10:00:00Z'), pauses)).toBe(6 * H);
  });
});

describe('custom closed and open dates', () => {
  it('a closed date is closed all day', () => {
    const cal = calendar({ closedDates: ['2026-06-03'] });
    expect(add(cal, '2026-06-02T16:00:00+02:00', 2 * H)).toBe('2026-06-04T08:00:00.000Z'); // Tue -> Thu 10:00
  });

  it("an open date on a day without hours gets the hours of the calendar's first weekday that has any", () => {
    // Saturday 2026-06-06 opened: Monday's hours 09:00-17:00 -> Sat 10:00 CEST.
    expect(add(calendar({ openDates: ['2026-06-06'] }), '2026-06-05T16:00:00+02:00', 2 * H)).toBe('2026-06-06T08:00:00.000Z');
    // No hours on Mon and Tue: Wednesday's (10:00-14:00) are the first.
    const cal = calendar({ weeklyHours: [{ weekday: 3, from: '10:00', to: '14:00' }, ...weekdays('09:00', '17:00', [4, 5])], openDates: ['2026-06-06'] });
    expect(intervals(cal, '2026-06-06T00:00:00+02:00', '2026-06-07T00:00:00+02:00')).toEqual([['2026-06-06T08:00:00.000Z', '2026-06-06T12:00:00.000Z']]);
  });

  it('an open date on a public holiday is open with its own weekday hours', () => {
    const de = { holidayCountry: 'DE' };
    expect(between(calendar(de), '2026-12-25T00:00:00+01:00', '2026-12-26T00:00:00+01:00')).toBe(0);
    expect(between(calendar({ ...de, openDates: ['2026-12-25'] }), '2026-12-25T00:00:00+01:00', '2026-12-26T00:00:00+01:00')).toBe(8 * H);
  });

  it('a date both closed and open is closed', () => {
    const cal = calendar({ closedDates: ['2026-06-06'], openDates: ['2026-06-06'] });
    expect(between(cal, '2026-06-06T00:00:00+02:00', '2026-06-07T00:00:00+02:00')).toBe(0);
  });

  it('dates are local dates of the calendar', () => {
    // 2026-06-02 in Kathmandu is 2026-06-01T18:15Z .. 2026-06-02T18:15Z.
    const cal = calendar({ timeZone: 'Asia/Kathmandu', closedDates: ['2026-06-02'] });
    expect(add(cal, '2026-06-01T16:00:00+05:45', 2 * H)).toBe('2026-06-03T04:15:00.000Z'); // Wed 10:00 +05:45
  });
});

describe('unusual offsets', () => {
  it('Asia/Kathmandu (UTC+05:45)', () => {
    const cal = calendar({ timeZone: 'Asia/Kathmandu' });
    expect(add(cal, '2026-06-01T16:00:00+05:45', 2 * H)).toBe('2026-06-02T04:15:00.000Z'); // Tue 10:00 +05:45
    expect(between(cal, '2026-06-01T00:00:00Z', '2026-06-02T00:00:00Z')).toBe(8 * H); // Mon 05:45 .. Tue 05:45 local
    expect(intervals(cal, '2026-06-01T00:00:00Z', '2026-06-02T00:00:00Z')).toEqual([['2026-06-01T03:15:00.000Z', '2026-06-01T11:15:00.000Z']]);
  });

  it('America/St_Johns (UTC-03:30, DST UTC-02:30)', () => {
    const cal = calendar({ timeZone: 'America/St_Johns' });
    // Fri 03-06 16:00 NST (19:30Z) -> Mon 03-09 10:00 NDT = 12:30Z.
    expect(add(cal, '2026-03-06T16:00:00-03:30', 2 * H)).toBe('2026-03-09T12:30:00.000Z');
    // Fri 10-30 16:00 NDT (18:30Z) -> Mon 11-02 10:00 NST = 13:30Z.
    expect(add(cal, '2026-10-30T16:00:00-02:30', 2 * H)).toBe('2026-11-02T13:30:00.000Z');
    const sunday = calendar({ timeZone: 'America/St_Johns', weeklyHours: [{ weekday: 7, from: '00:00', to: '24:00' }] });
    expect(between(sunday, '2026-03-02T00:00:00-03:30', '2026-03-09T00:00:00-02:30')).toBe(23 * H);
    expect(between(sunday, '2026-10-26T00:00:00-02:30', '2026-11-02T00:00:00-03:30')).toBe(25 * H);
  });
});

describe('edge cases', () => {
  it('from after to, or equal, has no open time', () => {
    expect(between(OFFICE, '2026-06-02T12:00:00+02:00', '2026-06-01T12:00:00+02:00')).toBe(0);
    expect(between(null, '2026-06-02T12:00:00Z', '2026-06-01T12:00:00Z')).toBe(0);
    expect(intervals(OFFICE, '2026-06-02T12:00:00+02:00', '2026-06-01T12:00:00+02:00')).toEqual([]);
    expect(between(OFFICE, '2026-06-01T12:00:00+02:00', '2026-06-01T12:00:00+02:00')).toBe(0);
    expect(businessMillisExcluding(OFFICE, at('2026-06-02T12:00:00Z'), at('2026-06-01T12:00:00Z'), [])).toBe(0);
  });

  it('a zero target is due at once, even outside hours', () => {
    expect(add(OFFICE, '2026-06-06T10:00:00+02:00', 0)).toBe('2026-06-06T08:00:00.000Z');
    expect(add(null, '2026-06-06T10:00:00Z', 0)).toBe('2026-06-06T10:00:00.000Z');
  });

  it('refuses negative or non-finite targets, invalid dates, zones and hours', () => {
    expect(() => add(OFFICE, '2026-06-01T10:00:00Z', -1)).toThrow(RangeError);
    expect(() => add(OFFICE, '2026-06-01T10:00:00Z', NaN)).toThrow(RangeError);
    expect(() => add(OFFICE, '2026-06-01T10:00:00Z', Infinity)).toThrow(RangeError);
    expect(() => addBusinessMillis(OFFICE, new Date(NaN), H)).toThrow(RangeError);
    expect(() => between(calendar({ timeZone: 'Mars/Olympus' }), '2026-06-01T00:00:00Z', '2026-06-02T00:00:00Z')).toThrow(RangeError);
    for (const [from, to] of [['9:00', '17:00'], ['09:00', '24:30'], ['09:60', '17:00'], ['17:00', '09:00'], ['24:00', '24:00']]) {
      expect(() => between(calendar({ weeklyHours: [{ weekday: 1, from, to }] }), '2026-06-01T00:00:00Z', '2026-06-02T00:00:00Z')).toThrow(RangeError);
    }
    expect(() => between(calendar({ weeklyHours: [{ weekday: 8, from: '09:00', to: '17:00' }] }), '2026-06-01T00:00:00Z', '2026-06-02T00:00:00Z')).toThrow(RangeError);
  });

  it('a calendar that never opens has no open time, and no deadline', () => {
    const never = calendar({ weeklyHours: [], openDates: ['2026-06-06'] });
    expect(between(never, '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z')).toBe(0);
    expect(() => add(never, '2026-06-01T00:00:00Z', H)).toThrow(RangeError);
  });
});

describe('properties over deterministic random instants', () => {
  // mulberry32: a small seeded generator, so that every run checks the same instants.
  const random = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const YEAR_START = Date.parse('2026-01-01T00:00:00Z');
  const DAY = 24 * H;
  const calendars: [string, CalendarSpec | null][] = [
    ['24x7', null],
    ['Berlin split DE-BY', calendar({ weeklyHours: [...weekdays('08:00', '12:00'), ...weekdays('13:00', '17:00')], holidayCountry: 'DE', holidayRegion: 'BY' })],
    ['New York US + Sundays', calendar({ timeZone: 'America/New_York', weeklyHours: [...weekdays('09:00', '17:00'), { weekday: 7, from: '00:00', to: '24:00' }], holidayCountry: 'US' })],
    ['Kathmandu', calendar({ timeZone: 'Asia/Kathmandu', weeklyHours: weekdays('10:00', '17:00', [1, 2, 3, 4, 5, 7]) })],
    ['St Johns night shift', calendar({ timeZone: 'America/St_Johns', weeklyHours: [...weekdays('20:00', '24:00'), ...weekdays('00:00', '02:30', [2, 3, 4, 5, 6])] })],
  ];

  it.each(calendars)('%s: addBusinessMillis gives the earliest instant with that much open time', (_name, cal) => {
    const next = random(42);
    for (let i = 0; i < 40; i++) {
      const from = new Date(YEAR_START + Math.floor(next() * 360 * DAY));
      const amount = 1 + Math.floor(next() * 120 * H); // up to three weeks of 40 h
      const due = addBusinessMillis(cal, from, amount);
      expect(businessMillis(cal, from, due)).toBe(amount);
      expect(businessMillis(cal, from, new Date(due.getTime() - 1))).toBe(amount - 1);
    }
  });

  it.each(calendars)('%s: businessMillis and addBusinessMillis are inverse', (_name, cal) => {
    const next = random(7);
    for (let i = 0; i < 40; i++) {
      const from = new Date(YEAR_START + Math.floor(next() * 360 * DAY));
      const to = new Date(from.getTime() + Math.floor(next() * 30 * DAY));
      const open = businessMillis(cal, from, to);
      const ranges = openIntervals(cal, from, to);
      expect(ranges.reduce((sum, r) => sum + r.end.getTime() - r.start.getTime(), 0)).toBe(open);
      if (open === 0) continue;
      const due = addBusinessMillis(cal, from, open);
      expect(due.getTime()).toBe(ranges[ranges.length - 1].end.getTime()); // the end of the last open interval
      expect(businessMillis(cal, due, to)).toBe(0);
    }
  });

  // An independent oracle: minute by minute, luxon tells each minute's local weekday, time and date.
  const bruteForce = (zone: string, open: (local: DateTime) => boolean, from: number, to: number) => {
    let count = 0;
    for (let t = from; t < to; t += MIN) if (open(DateTime.fromMillis(t, { zone }))) count += MIN;
    return count;
  };

  it('matches a minute-by-minute count around the Berlin spring switch and Easter (DE-BY)', () => {
    const cal = calendars[1][1]!;
    const holidays = new Set(['2026-04-03', '2026-04-06']); // Good Friday, Easter Monday
    const open = (l: DateTime) => {
      const m = l.hour * 60 + l.minute;
      return l.weekday <= 5 && !holidays.has(l.toISODate()!) && ((m >= 480 && m < 720) || (m >= 780 && m < 1020));
    };
    const next = random(3);
    const start = Date.parse('2026-03-20T00:00:00Z');
    for (let i = 0; i < 12; i++) {
      const from = start + Math.floor(next() * 16 * 24 * 60) * MIN;
      const to = from + Math.floor(next() * 5 * 24 * 60) * MIN;
      expect(businessMillis(cal, new Date(from), new Date(to))).toBe(bruteForce('Europe/Berlin', open, from, to));
    }
  });

  it('matches a minute-by-minute count around the New York autumn switch', () => {
    const cal = calendar({ timeZone: 'America/New_York', weeklyHours: [...weekdays('09:00', '17:00'), { weekday: 7, from: '00:00', to: '24:00' }] });
    const open = (l: DateTime) => l.weekday === 7 || (l.weekday <= 5 && l.hour >= 9 && l.hour < 17);
    const next = random(11);
    const start = Date.parse('2026-10-26T00:00:00Z');
    for (let i = 0; i < 12; i++) {
      const from = start + Math.floor(next() * 9 * 24 * 60) * MIN;
      const to = from + Math.floor(next() * 5 * 24 * 60) * MIN;
      expect(businessMillis(cal, new Date(from), new Date(to))).toBe(bruteForce('America/New_York', open, from, to));
    }
  });
});
