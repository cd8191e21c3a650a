import { IANAZone } from 'luxon';
import { firstStartBetween, instantOfLocal, occurrencesBetween, type Recurrence, recurrenceProblems } from './recurrence';

const H = 3_600_000;
const iso = (d: Date) => d.toISOString();
const spans = (r: Recurrence, from: string, to: string) => occurrencesBetween(r, new Date(from), new Date(to)).map((o) => `${iso(o.start)}/${iso(o.end)}`);

describe('occurrencesBetween: a weekly Sunday 02:30 window in Europe/Berlin across the March change', () => {
  const sunday: Recurrence = { rule: 'FREQ=WEEKLY;BYDAY=SU', firstStart: '2026-03-01T02:30', durationMs: 2 * H, timeZone: 'Europe/Berlin' };

  it('stays at 02:30 local time; on the day of the change 02:30 does not exist and is read with the winter offset (03:30 CEST)', () => {
    expect(spans(sunday, '2026-03-20T00:00:00Z', '2026-04-07T00:00:00Z')).toEqual([
      '2026-03-22T01:30:00.000Z/2026-03-22T03:30:00.000Z', // 02:30 CET
      '2026-03-29T01:30:00.000Z/2026-03-29T03:30:00.000Z', // 02:30 CET does not exist: 03:30 CEST, two real hours
      '2026-04-05T00:30:00.000Z/2026-04-05T02:30:00.000Z', // 02:30 CEST
    ]);
  });

  it('October: 02:30 exists twice on the night of the change; the first (summer time) is taken', () => {
    expect(spans(sunday, '2026-10-18T00:00:00Z', '2026-11-02T00:00:00Z')).toEqual([
      '2026-10-18T00:30:00.000Z/2026-10-18T02:30:00.000Z',
      '2026-10-25T00:30:00.000Z/2026-10-25T02:30:00.000Z', // 02:30 CEST, the first 02:30 of the night
      '2026-11-01T01:30:00.000Z/2026-11-01T03:30:00.000Z', // 02:30 CET
    ]);
  });

  it('lists the occurrences that overlap the span, one started before it included, one starting at its end left out', () => {
    expect(spans(sunday, '2026-03-22T02:00:00Z', '2026-03-29T01:30:00Z')).toEqual(['2026-03-22T01:30:00.000Z/2026-03-22T03:30:00.000Z']);
    expect(spans(sunday, '2026-03-22T03:30:00Z', '2026-03-29T01:30:00Z')).toEqual([]);
  });

  it('nothing before the first start, nothing for an empty span', () => {
    expect(spans(sunday, '2026-01-01T00:00:00Z', '2026-03-01T01:30:00Z')).toEqual([]);
    expect(spans(sunday, '2026-03-22T00:00:00Z', '2026-03-22T00:00:00Z')).toEqual([]);
  });
});

describe('occurrencesBetween: America/New_York in November', () => {
  it('a daily 01:30 window: on the fall-back night 01:30 is the first (EDT) one, and two hours are two real hours', () => {
    const daily: Recurrence = { rule: 'FREQ=DAILY', firstStart: '2026-10-01T01:30', durationMs: 2 * H, timeZone: 'America/New_York' };
    expect(spans(daily, '2026-10-31T00:00:00Z', '2026-11-03T00:00:00Z')).toEqual([
      '2026-10-31T05:30:00.000Z/2026-10-31T07:30:00.000Z', // 01:30 EDT
      '2026-11-01T05:30:00.000Z/2026-11-01T07:30:00.000Z', // 01:30 EDT (not 01:30 EST an hour later); ends 02:30 EST
      '2026-11-02T06:30:00.000Z/2026-11-02T08:30:00.000Z', // 01:30 EST
    ]);
  });

  it('the March gap in New York: 02:30 on the second Sunday is 03:30 EDT', () => {
    const monthly: Recurrence = { rule: 'FREQ=MONTHLY;BYDAY=2SU', firstStart: '2026-01-11T02:30', durationMs: H, timeZone: 'America/New_York' };
    expect(spans(monthly, '2026-02-01T00:00:00Z', '2026-04-30T00:00:00Z')).toEqual([
      '2026-02-08T07:30:00.000Z/2026-02-08T08:30:00.000Z',
      '2026-03-08T07:30:00.000Z/2026-03-08T08:30:00.000Z', // read with EST (-5): 03:30 EDT
      '2026-04-12T06:30:00.000Z/2026-04-12T07:30:00.000Z',
    ]);
  });
});

describe('occurrencesBetween: ends and bounds', () => {
  it('COUNT counts from the first start', () => {
    const r: Recurrence = { rule: 'FREQ=WEEKLY;COUNT=2', firstStart: '2026-05-03T22:00', durationMs: H, timeZone: 'UTC' };
    expect(spans(r, '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z')).toEqual(['2026-05-03T22:00:00.000Z/2026-05-03T23:00:00.000Z', '2026-05-10T22:00:00.000Z/2026-05-10T23:00:00.000Z']);
    expect(firstStartBetween(r, new Date('2026-05-04T00:00:00Z'), new Date('2036-01-01T00:00:00Z'))?.start).toEqual(new Date('2026-05-10T22:00:00Z'));
    expect(firstStartBetween(r, new Date('2026-05-10T22:00:00.001Z'), new Date('2036-01-01T00:00:00Z'))).toBeNull();
  });

  it('UNTIL is an instant in UTC: an occurrence starting exactly at it is the last one', () => {
    // 02:00 Berlin (CEST) = 00:00 UTC.
    const r: Recurrence = { rule: 'FREQ=DAILY;UNTIL=20260603T000000Z', firstStart: '2026-06-01T02:00', durationMs: H, timeZone: 'Europe/Berlin' };
    expect(spans(r, '2026-05-01T00:00:00Z', '2026-07-01T00:00:00Z')).toEqual([
      '2026-06-01T00:00:00.000Z/2026-06-01T01:00:00.000Z',
      '2026-06-02T00:00:00.000Z/2026-06-02T01:00:00.000Z',
      '2026-06-03T00:00:00.000Z/2026-06-03T01:00:00.000Z',
    ]);
    const justBefore = { ...r, rule: 'FREQ=DAILY;UNTIL=20260602T235959Z' };
    expect(spans(justBefore, '2026-05-01T00:00:00Z', '2026-07-01T00:00:00Z')).toHaveLength(2);
  });

  it('an unbounded rule is only ever listed between two instants, and never more than the limit', () => {
    const r: Recurrence = { rule: 'FREQ=DAILY', firstStart: '2026-01-01T03:00', durationMs: H, timeZone: 'Europe/Berlin' };
    expect(occurrencesBetween(r, new Date('2036-01-01T00:00:00Z'), new Date('2036-02-01T00:00:00Z'))).toHaveLength(31);
    expect(occurrencesBetween(r, new Date('2026-01-01T00:00:00Z'), new Date('2026-01-11T00:00:00Z'), 10)).toHaveLength(10);
    expect(() => occurrencesBetween(r, new Date('2026-01-01T00:00:00Z'), new Date('2026-01-12T00:00:00Z'), 10)).toThrow(RangeError);
  });

  it('the last Sunday of each month (BYDAY=-1SU), with an interval of two months', () => {
    const r: Recurrence = { rule: 'FREQ=MONTHLY;INTERVAL=2;BYDAY=-1SU', firstStart: '2026-01-25T01:00', durationMs: H, timeZone: 'UTC' };
    expect(spans(r, '2026-01-01T00:00:00Z', '2026-07-01T00:00:00Z').map((s) => s.slice(0, 10))).toEqual(['2026-01-25', '2026-03-29', '2026-05-31']);
  });

  it('a rule that never occurs is searched for in a span only, and found to have none there', () => {
    const never: Recurrence = { rule: 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30', firstStart: '2026-01-01T03:00', durationMs: H, timeZone: 'UTC' };
    expect(firstStartBetween(never, new Date('2026-01-01T00:00:00Z'), new Date('2036-01-01T00:00:00Z'))).toBeNull();
    expect(firstStartBetween({ ...never, rule: 'FREQ=DAILY;UNTIL=20250101T000000Z' }, new Date('2020-01-01T00:00:00Z'), new Date('2036-01-01T00:00:00Z'))).toBeNull();
    const leap = { ...never, rule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29' };
    expect(firstStartBetween(leap, new Date('2026-01-01T00:00:00Z'), new Date('2036-01-01T00:00:00Z'))?.start).toEqual(new Date('2028-02-29T03:00:00Z'));
  });
});

describe('recurrenceProblems', () => {
  const good = { rule: 'FREQ=WEEKLY;BYDAY=SU', firstStart: '2026-03-01T02:30', durationMs: 2 * H, timeZone: 'Europe/Berlin' };
  it('accepts a plain rule, with or without the RRULE: prefix', () => {
    expect(recurrenceProblems(good)).toEqual([]);
    expect(recurrenceProblems({ ...good, rule: 'RRULE:FREQ=MONTHLY;BYDAY=1SA;UNTIL=20271231T230000Z' })).toEqual([]);
  });
  it.each([
    ['FREQ=HOURLY', 'FREQ=DAILY, WEEKLY, MONTHLY or YEARLY'],
    ['FREQ=DAILY;BYHOUR=2,4', 'may not use BYHOUR'],
    ['DTSTART:20260301T023000\nRRULE:FREQ=DAILY', 'no DTSTART'],
    ['FREQ=DAILY;TZID=Europe/Berlin', 'no DTSTART or TZID'],
    ['FREQ=DAILY;UNTIL=20261231', 'UNTIL must be a UTC date-time'],
    ['FREQ=DAILY;UNTIL=20261231T230000', 'UNTIL must be a UTC date-time'],
    ['FREQ=DAILY;COUNT=3;UNTIL=20261231T230000Z', 'COUNT or UNTIL, not both'],
    ['FREQ=DAILY;FOO=1', 'not a valid RFC 5545 RRULE'],
    ['', 'one RRULE value'],
    ['BYDAY=SU', 'needs FREQ'],
  ])('refuses rule %j on rule', (rule, message) => {
    const [problem] = recurrenceProblems({ ...good, rule }, ['input']);
    expect(problem).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'rule'] });
    expect(problem.message).toContain(message);
  });
  it('names firstStart, duration and timeZone, all at once', () => {
    const problems = recurrenceProblems({ rule: good.rule, firstStart: '2026-03-01T02:30+01:00', durationMs: 0, timeZone: 'Mars/Olympus' });
    expect(problems.map((p) => p.field)).toEqual([['firstStart'], ['duration'], ['timeZone']]);
    expect(recurrenceProblems({ ...good, firstStart: '2026-02-30T02:30' }).map((p) => p.field)).toEqual([['firstStart']]);
    expect(recurrenceProblems({ ...good, firstStart: '1900-01-07T02:30' }).map((p) => p.field)).toEqual([['firstStart']]);
    expect(recurrenceProblems({ ...good, durationMs: 7 * 24 * H + 1 }).map((p) => p.field)).toEqual([['duration']]);
    expect(recurrenceProblems({ ...good, durationMs: null }).map((p) => p.field)).toEqual([['duration']]);
  });
});

describe('instantOfLocal', () => {
  const berlin = IANAZone.create('Europe/Berlin');
  it.each([
    ['2026-03-29T02:30:00Z', '2026-03-29T01:30:00.000Z'], // gap: the offset from before it
    ['2026-10-25T02:30:00Z', '2026-10-25T00:30:00.000Z'], // twice: the first
    ['2026-07-01T12:00:00Z', '2026-07-01T10:00:00.000Z'],
    ['2026-01-01T00:00:00Z', '2025-12-31T23:00:00.000Z'],
  ])('local %s in Berlin is %s', (wall, instant) => {
    expect(new Date(instantOfLocal(berlin, new Date(wall).getTime())).toISOString()).toBe(instant);
  });
});
