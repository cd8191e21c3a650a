import { businessMillisExcluding, type CalendarSpec } from '../calendars/business-hours';
import { computeClock, type ClockIncident, type ClockMetric, type ClockObjective, type ClockState, type Priority, type TimelineEvent } from './sla-clock';

const SEC = 1_000;
const MIN = 60 * SEC;
const H = 60 * MIN;
const at = (iso: string) => new Date(iso);
const iso = (d: Date | null) => (d === null ? null : d.toISOString());

/** Berlin, Mon-Fri 09:00-17:00, no holidays (CEST = UTC+2 in summer, CET = UTC+1 in winter). */
const OFFICE: CalendarSpec = {
  timeZone: 'Europe/Berlin',
  weeklyHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, from: '09:00', to: '17:00' })),
  holidayCountry: null,
  holidayRegion: null,
  closedDates: [],
  openDates: [],
};

type Step = [string, Omit<TimelineEvent, 'at'>];
const incident = (startedAt: string, initialPriority: Priority, ...steps: Step[]): ClockIncident => ({
  startedAt: at(startedAt),
  initialPriority,
  timeline: steps.map(([t, e]) => ({ at: at(t), ...e })),
});
const objective = (
  metric: ClockMetric,
  targetsByPriority: Partial<Record<Priority, number>>,
  calendar: CalendarSpec | null = null,
  warningThresholdPercent = 75,
): ClockObjective => ({ metric, targetsByPriority, calendar, warningThresholdPercent });

/** What a user checks, with instants as ISO strings. */
function view(c: ClockState) {
  return {
    state: c.state,
    priority: c.priority,
    targetMs: c.targetMs,
    elapsedMs: c.elapsedMs,
    remainingMs: c.remainingMs,
    periodStartedAt: iso(c.periodStartedAt),
    stoppedAt: iso(c.stoppedAt),
    dueAt: iso(c.dueAt),
    warnAt: iso(c.warnAt),
    warned: c.warned,
    warnedAt: iso(c.warnedAt),
    breachedAt: iso(c.breachedAt),
    paused: c.pausedIntervals.map((i) => [iso(i.start), iso(i.end)]),
  };
}
const clock = (inc: ClockIncident, obj: ClockObjective, now: string) => view(computeClock(inc, obj, at(now)));

const ack = (t: string): Step => [t, { status: 'ACKNOWLEDGED' }];
const work = (t: string): Step => [t, { status: 'IN_PROGRESS' }];
const wait = (t: string): Step => [t, { status: 'WAITING_ON_CUSTOMER' }];
const resolve = (t: string): Step => [t, { status: 'RESOLVED' }];
const close = (t: string): Step => [t, { status: 'CLOSED' }];
const reprioritise = (t: string, priority: Priority): Step => [t, { priority }];
const update = (t: string): Step => [t, { publicUpdate: true }];
const customer = (t: string): Step => [t, { customerMessage: true }];

describe('first response, 24x7, P1 15 minutes', () => {
  const FR = objective('FIRST_RESPONSE_TIME', { P1: 15 * MIN, P2: H });
  const START = '2026-06-01T10:00:00Z';

  it('is MET when acknowledged within the target', () => {
    expect(clock(incident(START, 'P1', ack('2026-06-01T10:12:00Z')), FR, '2026-06-01T12:00:00Z')).toEqual({
      state: 'MET',
      priority: 'P1',
      targetMs: 15 * MIN,
      elapsedMs: 12 * MIN,
      remainingMs: 3 * MIN,
      periodStartedAt: '2026-06-01T10:00:00.000Z',
      stoppedAt: '2026-06-01T10:12:00.000Z',
      dueAt: '2026-06-01T10:15:00.000Z',
      warnAt: '2026-06-01T10:11:15.000Z', // 75% of 15 min = 11 min 15 s
      warned: true,
      warnedAt: '2026-06-01T10:11:15.000Z',
      breachedAt: null,
      paused: [],
    });
  });

  it('is MET when acknowledged at the due instant itself', () => {
    expect(clock(incident(START, 'P1', ack('2026-06-01T10:15:00.000Z')), FR, '2026-06-01T12:00:00Z')).toMatchObject({
      state: 'MET',
      elapsedMs: 15 * MIN,
      remainingMs: 0,
      dueAt: '2026-06-01T10:15:00.000Z',
      breachedAt: null,
    });
  });

  it('is BREACHED one millisecond later, at the exact due instant', () => {
    expect(clock(incident(START, 'P1', ack('2026-06-01T10:15:00.001Z')), FR, '2026-06-01T12:00:00Z')).toMatchObject({
      state: 'BREACHED',
      elapsedMs: 15 * MIN + 1,
      remainingMs: 0,
      stoppedAt: '2026-06-01T10:15:00.001Z',
      dueAt: '2026-06-01T10:15:00.000Z',
      breachedAt: '2026-06-01T10:15:00.000Z',
    });
  });

  it('is BREACHED when acknowledged late', () => {
    expect(clock(incident(START, 'P1', ack('2026-06-01T10:20:00Z')), FR, '2026-06-01T12:00:00Z')).toEqual({
      state: 'BREACHED',
      priority: 'P1',
      targetMs: 15 * MIN,
      elapsedMs: 20 * MIN,
      remainingMs: 0,
      periodStartedAt: '2026-06-01T10:00:00.000Z',
      stoppedAt: '2026-06-01T10:20:00.000Z',
      dueAt: '2026-06-01T10:15:00.000Z',
      warnAt: '2026-06-01T10:11:15.000Z',
      warned: true,
      warnedAt: '2026-06-01T10:11:15.000Z',
      breachedAt: '2026-06-01T10:15:00.000Z',
      paused: [],
    });
  });

  it('is RUNNING before the due time, with what remains and when it will warn', () => {
    expect(clock(incident(START, 'P1'), FR, '2026-06-01T10:10:00Z')).toEqual({
      state: 'RUNNING',
      priority: 'P1',
      targetMs: 15 * MIN,
      elapsedMs: 10 * MIN,
      remainingMs: 5 * MIN,
      periodStartedAt: '2026-06-01T10:00:00.000Z',
      stoppedAt: null,
      dueAt: '2026-06-01T10:15:00.000Z',
      warnAt: '2026-06-01T10:11:15.000Z',
      warned: false,
      warnedAt: null,
      breachedAt: null,
      paused: [],
    });
  });

  it('is BREACHED while still running past its due time, breached at the due time', () => {
    expect(clock(incident(START, 'P1'), FR, '2026-06-01T10:40:00Z')).toMatchObject({
      state: 'BREACHED',
      elapsedMs: 40 * MIN,
      remainingMs: 0,
      stoppedAt: null,
      dueAt: '2026-06-01T10:15:00.000Z',
      warnedAt: '2026-06-01T10:11:15.000Z',
      breachedAt: '2026-06-01T10:15:00.000Z',
    });
  });

  it('is BREACHED when now is exactly the due instant and nothing stopped it', () => {
    expect(clock(incident(START, 'P1'), FR, '2026-06-01T10:15:00Z')).toMatchObject({
      state: 'BREACHED',
      remainingMs: 0,
      breachedAt: '2026-06-01T10:15:00.000Z',
    });
    expect(clock(incident(START, 'P1'), FR, '2026-06-01T10:14:59.999Z')).toMatchObject({ state: 'RUNNING', remainingMs: 1 });
  });

  it('counts a jump straight to IN_PROGRESS as the response', () => {
    expect(clock(incident(START, 'P1', work('2026-06-01T10:05:00Z')), FR, '2026-06-01T12:00:00Z')).toMatchObject({
      state: 'MET',
      elapsedMs: 5 * MIN,
      stoppedAt: '2026-06-01T10:05:00.000Z',
      warned: false,
    });
  });

  it('counts a jump straight to RESOLVED as the response (late here)', () => {
    expect(clock(incident(START, 'P1', resolve('2026-06-01T10:30:00Z')), FR, '2026-06-01T12:00:00Z')).toMatchObject({
      state: 'BREACHED',
      stoppedAt: '2026-06-01T10:30:00.000Z',
      breachedAt: '2026-06-01T10:15:00.000Z',
    });
  });

  it('counts a question to the customer (WAITING_ON_CUSTOMER) as the response', () => {
    expect(clock(incident(START, 'P1', wait('2026-06-01T10:03:00Z')), FR, '2026-06-01T12:00:00Z')).toMatchObject({
      state: 'MET',
      elapsedMs: 3 * MIN,
      stoppedAt: '2026-06-01T10:03:00.000Z',
      paused: [],
    });
  });

  it('stops at the first response only: later statuses, reopens and priority changes do not move it', () => {
    const inc = incident(
      START,
      'P2',
      ack('2026-06-01T10:05:00Z'),
      work('2026-06-01T10:06:00Z'),
      resolve('2026-06-01T11:00:00Z'),
      reprioritise('2026-06-01T11:10:00Z', 'P1'),
      work('2026-06-01T12:00:00Z'),
    );
    expect(clock(inc, FR, '2026-06-01T13:00:00Z')).toMatchObject({
      state: 'MET',
      priority: 'P2',
      targetMs: H,
      elapsedMs: 5 * MIN,
      stoppedAt: '2026-06-01T10:05:00.000Z',
      dueAt: '2026-06-01T11:00:00.000Z',
      warnAt: '2026-06-01T10:45:00.000Z',
      warned: false,
    });
  });

  it('ignores public updates and status events that change nothing before the response', () => {
    const inc = incident(START, 'P1', update('2026-06-01T10:01:00Z'), ['2026-06-01T10:02:00Z', { status: 'OPEN' }]);
    expect(clock(inc, FR, '2026-06-01T10:10:00Z')).toMatchObject({ state: 'RUNNING', elapsedMs: 10 * MIN });
  });
});

describe('warnings', () => {
  const START = '2026-06-01T10:00:00Z';
  const fr = (percent: number) => objective('FIRST_RESPONSE_TIME', { P1: 15 * MIN }, null, percent);

  it('warns at 75% by default', () => {
    expect(clock(incident(START, 'P1'), fr(75), '2026-06-01T10:11:14.999Z')).toMatchObject({ warned: false, warnAt: '2026-06-01T10:11:15.000Z' });
    expect(clock(incident(START, 'P1'), fr(75), '2026-06-01T10:11:15Z')).toMatchObject({ warned: true, warnedAt: '2026-06-01T10:11:15.000Z' });
  });

  it('warns at a custom threshold', () => {
    expect(clock(incident(START, 'P1'), fr(50), '2026-06-01T10:08:00Z')).toMatchObject({
      state: 'RUNNING',
      warned: true,
      warnedAt: '2026-06-01T10:07:30.000Z',
      warnAt: '2026-06-01T10:07:30.000Z',
    });
    expect(clock(incident(START, 'P1'), fr(90), '2026-06-01T10:08:00Z')).toMatchObject({ warned: false, warnAt: '2026-06-01T10:13:30.000Z' });
  });

  it('does not warn when stopped before the threshold, or exactly at it', () => {
    expect(clock(incident(START, 'P1', ack('2026-06-01T10:07:29Z')), fr(50), '2026-06-01T11:00:00Z')).toMatchObject({
      state: 'MET',
      warned: false,
      warnedAt: null,
      warnAt: '2026-06-01T10:07:30.000Z',
    });
    expect(clock(incident(START, 'P1', ack('2026-06-01T10:07:30Z')), fr(50), '2026-06-01T11:00:00Z')).toMatchObject({ warned: false });
  });

  it('rounds a fractional threshold up to the next whole millisecond', () => {
    const obj = objective('FIRST_RESPONSE_TIME', { P1: 1001 }, null, 75); // 750.75 ms
    expect(clock(incident(START, 'P1'), obj, '2026-06-01T10:00:00.750Z')).toMatchObject({ warned: false, warnAt: '2026-06-01T10:00:00.751Z' });
    expect(clock(incident(START, 'P1'), obj, '2026-06-01T10:00:00.751Z')).toMatchObject({ warned: true });
  });

  it('warns at the start with a threshold of 0%, and at the breach with 100%', () => {
    expect(clock(incident(START, 'P1'), fr(0), START)).toMatchObject({ warned: true, warnedAt: '2026-06-01T10:00:00.000Z' });
    expect(clock(incident(START, 'P1'), fr(100), '2026-06-01T10:20:00Z')).toMatchObject({
      warnedAt: '2026-06-01T10:15:00.000Z',
      breachedAt: '2026-06-01T10:15:00.000Z',
    });
  });

  it('warns in business time, across the night', () => {
    // Mon 14:00: 3 h on Monday, 3 h more on Tuesday -> 6 h (75% of 8 h) at Tue 12:00 CEST.
    const obj = objective('RESOLUTION_TIME', { P3: 8 * H }, OFFICE);
    expect(clock(incident('2026-06-01T14:00:00+02:00', 'P3'), obj, '2026-06-02T12:30:00+02:00')).toMatchObject({
      warned: true,
      warnedAt: '2026-06-02T10:00:00.000Z',
    });
  });
});

describe('business hours (Berlin, Mon-Fri 09:00-17:00), P3 resolution in 8 business hours', () => {
  const RES = objective('RESOLUTION_TIME', { P3: 8 * H }, OFFICE);

  it('runs across a night', () => {
    // Mon 2026-06-01 14:00 CEST: 3 h on Monday, 2 h on Tuesday by 11:00.
    const inc = incident('2026-06-01T14:00:00+02:00', 'P3');
    expect(clock(inc, RES, '2026-06-02T11:00:00+02:00')).toEqual({
      state: 'RUNNING',
      priority: 'P3',
      targetMs: 8 * H,
      elapsedMs: 5 * H,
      remainingMs: 3 * H,
      periodStartedAt: '2026-06-01T12:00:00.000Z',
      stoppedAt: null,
      dueAt: '2026-06-02T12:00:00.000Z', // Tue 14:00 CEST
      warnAt: '2026-06-02T10:00:00.000Z', // Tue 12:00 CEST
      warned: false,
      warnedAt: null,
      breachedAt: null,
      paused: [],
    });
    // The night counts nothing: at 08:59 on Tuesday only Monday's 3 h have elapsed.
    expect(clock(inc, RES, '2026-06-02T08:59:00+02:00')).toMatchObject({ elapsedMs: 3 * H, dueAt: '2026-06-02T12:00:00.000Z' });
    const resolvedLate = incident('2026-06-01T14:00:00+02:00', 'P3', resolve('2026-06-02T15:00:00+02:00'));
    expect(clock(resolvedLate, RES, '2026-06-03T00:00:00Z')).toMatchObject({
      state: 'BREACHED',
      elapsedMs: 9 * H,
      stoppedAt: '2026-06-02T13:00:00.000Z',
      breachedAt: '2026-06-02T12:00:00.000Z',
    });
  });

  it('runs across a weekend', () => {
    // Fri 2026-06-05 15:00 CEST: 2 h on Friday, 6 h on Monday -> due Mon 15:00 CEST.
    const inc = incident('2026-06-05T15:00:00+02:00', 'P3', resolve('2026-06-08T14:59:00+02:00'));
    expect(clock(inc, RES, '2026-06-09T00:00:00Z')).toMatchObject({
      state: 'MET',
      elapsedMs: 8 * H - MIN,
      remainingMs: MIN,
      stoppedAt: '2026-06-08T12:59:00.000Z',
      dueAt: '2026-06-08T13:00:00.000Z',
      warnedAt: '2026-06-08T11:00:00.000Z', // 2 h Fri + 4 h Mon
      breachedAt: null,
    });
    // Over the weekend, still running: Friday's 2 h, nothing more.
    expect(clock(incident('2026-06-05T15:00:00+02:00', 'P3'), RES, '2026-06-07T12:00:00+02:00')).toMatchObject({
      state: 'RUNNING',
      elapsedMs: 2 * H,
      dueAt: '2026-06-08T13:00:00.000Z',
    });
  });

  it('resolved after closing on the due day is late: it was due at the last open minute', () => {
    // Fri 09:00 + 8 h = Fri 17:00; resolved Saturday: no more business time elapsed, yet the due time passed.
    const inc = incident('2026-06-05T09:00:00+02:00', 'P3', resolve('2026-06-06T10:00:00+02:00'));
    expect(clock(inc, RES, '2026-06-08T00:00:00Z')).toMatchObject({
      state: 'BREACHED',
      elapsedMs: 8 * H,
      breachedAt: '2026-06-05T15:00:00.000Z',
    });
  });

  it('starting outside hours, counts from the next opening', () => {
    // Sat 2026-06-06 10:00 -> counting starts Mon 09:00 CEST.
    const inc = incident('2026-06-06T10:00:00+02:00', 'P3', ack('2026-06-08T09:30:00+02:00'));
    const fr = objective('FIRST_RESPONSE_TIME', { P3: H }, OFFICE);
    expect(clock(inc, fr, '2026-06-09T00:00:00Z')).toMatchObject({
      state: 'MET',
      elapsedMs: 30 * MIN,
      dueAt: '2026-06-08T08:00:00.000Z',
      stoppedAt: '2026-06-08T07:30:00.000Z',
    });
    expect(clock(inc, fr, '2026-06-07T20:00:00+02:00')).toMatchObject({
      state: 'RUNNING',
      elapsedMs: 0,
      remainingMs: H,
      dueAt: '2026-06-08T08:00:00.000Z',
      warnAt: '2026-06-08T07:45:00.000Z',
    });
    // Mon 07:00, before opening: 8 h land at 17:00 the same day.
    expect(clock(incident('2026-06-01T07:00:00+02:00', 'P3'), RES, '2026-06-01T08:59:59+02:00')).toMatchObject({
      elapsedMs: 0,
      dueAt: '2026-06-01T15:00:00.000Z',
    });
  });

  it('skips public holidays of the calendar (Whit Monday 2026-05-25 in Germany)', () => {
    const obj = objective('RESOLUTION_TIME', { P3: 8 * H }, { ...OFFICE, holidayCountry: 'DE' });
    // Fri 2026-05-22 15:00: 2 h on Friday, Monday closed, 6 h on Tuesday -> Tue 15:00 CEST.
    expect(clock(incident('2026-05-22T15:00:00+02:00', 'P3'), obj, '2026-05-25T12:00:00+02:00')).toMatchObject({
      elapsedMs: 2 * H,
      dueAt: '2026-05-26T13:00:00.000Z',
    });
  });

  it('follows the calendar across the spring DST change (CET -> CEST)', () => {
    // Fri 2026-03-27 15:00 CET: 2 h on Friday, 6 h on Monday 2026-03-30 -> 15:00 CEST = 13:00Z.
    expect(clock(incident('2026-03-27T15:00:00+01:00', 'P3'), RES, '2026-03-30T10:00:00+02:00')).toMatchObject({
      elapsedMs: 3 * H,
      dueAt: '2026-03-30T13:00:00.000Z',
    });
  });
});

describe('pauses (WAITING_ON_CUSTOMER)', () => {
  const RES = objective('RESOLUTION_TIME', { P3: 8 * H }, OFFICE);

  it('a pause across a weekend counts none of its business time', () => {
    // Fri 2026-06-05 13:00: 3 h to 16:00, paused until Mon 10:00 (Fri 1 h and Mon 1 h of business time left out).
    const inc = incident('2026-06-05T13:00:00+02:00', 'P3', wait('2026-06-05T16:00:00+02:00'), work('2026-06-08T10:00:00+02:00'));
    expect(clock(inc, RES, '2026-06-08T12:00:00+02:00')).toEqual({
      state: 'RUNNING',
      priority: 'P3',
      targetMs: 8 * H,
      elapsedMs: 5 * H,
      remainingMs: 3 * H,
      periodStartedAt: '2026-06-05T11:00:00.000Z',
      stoppedAt: null,
      dueAt: '2026-06-08T13:00:00.000Z', // Mon 15:00 CEST (Mon 13:00 without the pause)
      warnAt: '2026-06-08T11:00:00.000Z',
      warned: false,
      warnedAt: null,
      breachedAt: null,
      paused: [['2026-06-05T14:00:00.000Z', '2026-06-08T08:00:00.000Z']],
    });
  });

  it('while paused: PAUSED, no due time, the ongoing pause ends at now', () => {
    const inc = incident('2026-06-05T13:00:00+02:00', 'P3', wait('2026-06-05T16:00:00+02:00'));
    expect(clock(inc, RES, '2026-06-06T12:00:00+02:00')).toEqual({
      state: 'PAUSED',
      priority: 'P3',
      targetMs: 8 * H,
      elapsedMs: 3 * H,
      remainingMs: 5 * H,
      periodStartedAt: '2026-06-05T11:00:00.000Z',
      stoppedAt: null,
      dueAt: null,
      warnAt: null,
      warned: false,
      warnedAt: null,
      breachedAt: null,
      paused: [['2026-06-05T14:00:00.000Z', '2026-06-06T10:00:00.000Z']],
    });
  });

  it('a pause inside hours shifts the due time by its length', () => {
    // Mon 09:00: 1 h, paused 10:00-12:30, 4.5 h to 17:00, resolved Tue 11:00 after 2 h more.
    const inc = incident(
      '2026-06-01T09:00:00+02:00',
      'P3',
      wait('2026-06-01T10:00:00+02:00'),
      work('2026-06-01T12:30:00+02:00'),
      resolve('2026-06-02T11:00:00+02:00'),
    );
    expect(clock(inc, RES, '2026-06-03T00:00:00Z')).toEqual({
      state: 'MET',
      priority: 'P3',
      targetMs: 8 * H,
      elapsedMs: 7.5 * H,
      remainingMs: 0.5 * H,
      periodStartedAt: '2026-06-01T07:00:00.000Z',
      stoppedAt: '2026-06-02T09:00:00.000Z',
      dueAt: '2026-06-02T09:30:00.000Z', // Tue 11:30 CEST, as it stood at the resolution
      warnAt: '2026-06-02T07:30:00.000Z',
      warned: true,
      warnedAt: '2026-06-02T07:30:00.000Z', // 1 h + 4.5 h + 0.5 h on Tuesday
      breachedAt: null,
      paused: [['2026-06-01T08:00:00.000Z', '2026-06-01T10:30:00.000Z']],
    });
  });

  it('a pause starting outside hours leaves out only the business time inside it', () => {
    // Mon 15:00: 2 h to closing; paused from 18:00 to Tue 10:00 -> Tue 09:00-10:00 left out; 6 h from Tue 10:00.
    const inc = incident('2026-06-01T15:00:00+02:00', 'P3', wait('2026-06-01T18:00:00+02:00'), work('2026-06-02T10:00:00+02:00'));
    expect(clock(inc, RES, '2026-06-02T11:00:00+02:00')).toMatchObject({
      elapsedMs: 3 * H,
      dueAt: '2026-06-02T14:00:00.000Z',
      paused: [['2026-06-01T16:00:00.000Z', '2026-06-02T08:00:00.000Z']],
    });
    // Entirely outside hours (18:00 to Tue 08:00): it changes nothing.
    const outside = incident('2026-06-01T15:00:00+02:00', 'P3', wait('2026-06-01T18:00:00+02:00'), work('2026-06-02T08:00:00+02:00'));
    expect(clock(outside, RES, '2026-06-02T11:00:00+02:00')).toMatchObject({ elapsedMs: 4 * H, dueAt: '2026-06-02T13:00:00.000Z' });
    expect(clock(incident('2026-06-01T15:00:00+02:00', 'P3'), RES, '2026-06-02T11:00:00+02:00')).toMatchObject({
      elapsedMs: 4 * H,
      dueAt: '2026-06-02T13:00:00.000Z',
    });
  });

  it('a clock over its target while paused stays BREACHED and keeps its due time', () => {
    const obj = objective('RESOLUTION_TIME', { P1: 4 * H });
    const inc = incident('2026-06-01T08:00:00Z', 'P1', work('2026-06-01T08:05:00Z'), wait('2026-06-01T13:00:00Z'));
    expect(clock(inc, obj, '2026-06-01T15:00:00Z')).toMatchObject({
      state: 'BREACHED',
      elapsedMs: 5 * H,
      dueAt: '2026-06-01T12:00:00.000Z',
      breachedAt: '2026-06-01T12:00:00.000Z',
    });
  });

  it('resolving while waiting on the customer stops the clock and closes the pause', () => {
    const inc = incident('2026-06-01T09:00:00+02:00', 'P3', wait('2026-06-01T10:00:00+02:00'), resolve('2026-06-01T11:00:00+02:00'));
    expect(clock(inc, RES, '2026-06-02T00:00:00Z')).toMatchObject({
      state: 'MET',
      elapsedMs: H,
      stoppedAt: '2026-06-01T09:00:00.000Z',
      dueAt: '2026-06-02T08:00:00.000Z', // as if it had resumed at the resolution: 6 h on Monday, 1 h on Tuesday
      paused: [['2026-06-01T08:00:00.000Z', '2026-06-01T09:00:00.000Z']],
    });
  });
});

describe('priority changes (24x7 resolution: P1 4 h, P2 8 h, P3 24 h, no P4 objective)', () => {
  const RES = objective('RESOLUTION_TIME', { P1: 4 * H, P2: 8 * H, P3: 24 * H });
  const START = '2026-06-01T08:00:00Z';

  it('an upgrade P3 -> P1 keeps the elapsed time and judges it by the P1 target', () => {
    const inc = incident(START, 'P3', work('2026-06-01T08:10:00Z'), reprioritise('2026-06-01T10:00:00Z', 'P1'));
    expect(clock(inc, RES, '2026-06-01T10:30:00Z')).toMatchObject({
      state: 'RUNNING',
      priority: 'P1',
      targetMs: 4 * H,
      elapsedMs: 2.5 * H,
      remainingMs: 1.5 * H,
      dueAt: '2026-06-01T12:00:00.000Z',
      warnAt: '2026-06-01T11:00:00.000Z',
      warned: false,
    });
  });

  it('an upgrade when the elapsed time already exceeds the new target breaches at the change', () => {
    const inc = incident(START, 'P3', work('2026-06-01T08:10:00Z'), reprioritise('2026-06-01T13:00:00Z', 'P1'));
    expect(clock(inc, RES, '2026-06-01T13:30:00Z')).toEqual({
      state: 'BREACHED',
      priority: 'P1',
      targetMs: 4 * H,
      elapsedMs: 5.5 * H,
      remainingMs: 0,
      periodStartedAt: '2026-06-01T08:00:00.000Z',
      stoppedAt: null,
      dueAt: '2026-06-01T13:00:00.000Z',
      warnAt: '2026-06-01T13:00:00.000Z',
      warned: true,
      warnedAt: '2026-06-01T13:00:00.000Z',
      breachedAt: '2026-06-01T13:00:00.000Z',
      paused: [],
    });
    // Just before the change it was a P3 clock well within its target.
    expect(clock(inc, RES, '2026-06-01T12:59:59Z')).toMatchObject({ state: 'RUNNING', priority: 'P3', warned: false });
  });

  it('an upgrade while paused over the new target breaches at the change too', () => {
    const inc = incident(START, 'P3', wait('2026-06-01T13:00:00Z'), reprioritise('2026-06-01T14:00:00Z', 'P1'));
    expect(clock(inc, RES, '2026-06-01T15:00:00Z')).toMatchObject({
      state: 'BREACHED',
      elapsedMs: 5 * H,
      breachedAt: '2026-06-01T14:00:00.000Z',
      paused: [['2026-06-01T13:00:00.000Z', '2026-06-01T15:00:00.000Z']],
    });
  });

  it('a downgrade P1 -> P3 keeps the elapsed time against the longer target', () => {
    const inc = incident(START, 'P1', work('2026-06-01T08:10:00Z'), reprioritise('2026-06-01T10:00:00Z', 'P3'));
    expect(clock(inc, RES, '2026-06-01T14:00:00Z')).toMatchObject({
      state: 'RUNNING',
      priority: 'P3',
      targetMs: 24 * H,
      elapsedMs: 6 * H,
      remainingMs: 18 * H,
      dueAt: '2026-06-02T08:00:00.000Z',
      warnAt: '2026-06-02T02:00:00.000Z',
      warned: false, // P1 would have warned at 11:00, but it was P3 by then
      breachedAt: null,
    });
  });

  it('a downgrade after a breach does not undo it', () => {
    const inc = incident(START, 'P1', reprioritise('2026-06-01T13:00:00Z', 'P3'), resolve('2026-06-01T14:00:00Z'));
    expect(clock(inc, RES, '2026-06-01T15:00:00Z')).toMatchObject({
      state: 'BREACHED',
      priority: 'P3',
      elapsedMs: 6 * H,
      remainingMs: 18 * H,
      dueAt: '2026-06-02T08:00:00.000Z', // the P3 due time as it stood at the resolution
      warnedAt: '2026-06-01T11:00:00.000Z',
      breachedAt: '2026-06-01T12:00:00.000Z',
    });
  });

  it('a change at the exact due instant applies before the breach is judged', () => {
    const down = incident(START, 'P1', reprioritise('2026-06-01T12:00:00Z', 'P2'));
    expect(clock(down, RES, '2026-06-01T12:30:00Z')).toMatchObject({ state: 'RUNNING', dueAt: '2026-06-01T16:00:00.000Z' });
    const same = incident(START, 'P1', reprioritise('2026-06-01T12:00:00Z', 'P1'));
    expect(clock(same, RES, '2026-06-01T12:30:00Z')).toMatchObject({ state: 'BREACHED', breachedAt: '2026-06-01T12:00:00.000Z' });
  });

  it('a priority without an objective makes the clock NOT_APPLICABLE; it keeps counting', () => {
    const inc = incident(START, 'P2', reprioritise('2026-06-01T10:00:00Z', 'P4'));
    expect(clock(inc, RES, '2026-06-01T11:00:00Z')).toEqual({
      state: 'NOT_APPLICABLE',
      priority: 'P4',
      targetMs: null,
      elapsedMs: 3 * H,
      remainingMs: null,
      periodStartedAt: '2026-06-01T08:00:00.000Z',
      stoppedAt: null,
      dueAt: null,
      warnAt: null,
      warned: false,
      warnedAt: null,
      breachedAt: null,
      paused: [],
    });
    const resolved = incident(START, 'P4', resolve('2026-06-01T09:00:00Z'));
    expect(clock(resolved, RES, '2026-06-01T11:00:00Z')).toMatchObject({ state: 'NOT_APPLICABLE', stoppedAt: '2026-06-01T09:00:00.000Z' });
  });

  it('from a priority without an objective to one with it, the whole elapsed time counts', () => {
    const inc = incident(START, 'P4', reprioritise('2026-06-01T10:00:00Z', 'P2'));
    expect(clock(inc, RES, '2026-06-01T11:00:00Z')).toMatchObject({ state: 'RUNNING', elapsedMs: 3 * H, dueAt: '2026-06-01T16:00:00.000Z' });
    const late = incident(START, 'P4', reprioritise('2026-06-01T14:00:00Z', 'P1'));
    expect(clock(late, RES, '2026-06-01T15:00:00Z')).toMatchObject({ state: 'BREACHED', breachedAt: '2026-06-01T14:00:00.000Z' });
  });

  it('a breach stays when the priority moves to one without an objective', () => {
    const inc = incident(START, 'P1', reprioritise('2026-06-01T13:00:00Z', 'P4'));
    expect(clock(inc, RES, '2026-06-01T14:00:00Z')).toMatchObject({
      state: 'BREACHED',
      targetMs: null,
      dueAt: null,
      breachedAt: '2026-06-01T12:00:00.000Z',
    });
  });

  it('in business hours: an upgrade P3 -> P1 moves the due time to the P1 target from the start', () => {
    const obj = objective('RESOLUTION_TIME', { P1: 4 * H, P3: 8 * H }, OFFICE);
    // Mon 2026-06-01 15:00 CEST: 2 h on Monday; upgraded Tue 09:30 (2.5 h) -> P1 due Tue 11:00 CEST.
    const inc = incident('2026-06-01T15:00:00+02:00', 'P3', reprioritise('2026-06-02T09:30:00+02:00', 'P1'));
    expect(clock(inc, obj, '2026-06-02T09:45:00+02:00')).toMatchObject({
      priority: 'P1',
      elapsedMs: 2.75 * H,
      dueAt: '2026-06-02T09:00:00.000Z',
      warnAt: '2026-06-02T08:00:00.000Z', // 3 h at Tue 10:00 CEST
    });
  });
});

describe('the priority a verdict is judged against (24x7 first response: P1 15 min, P2 1 h; resolution P1 4 h, P3 24 h)', () => {
  const FR = objective('FIRST_RESPONSE_TIME', { P1: 15 * MIN, P2: H });
  const RES = objective('RESOLUTION_TIME', { P1: 4 * H, P3: 24 * H });
  const START = '2026-06-01T10:00:00Z';
  const LATER = '2026-06-01T16:00:00Z';
  const judged = (inc: ClockIncident, obj: ClockObjective, now: string) => {
    const c = computeClock(inc, obj, at(now));
    return [c.state, c.priority, c.judgedPriority];
  };

  it.each<[string, ClockIncident, ClockObjective, string, string[]]>([
    ['met under P2, then raised to P1: stays with P2', incident(START, 'P2', ack('2026-06-01T10:30:00Z'), reprioritise('2026-06-01T10:40:00Z', 'P1')), FR, LATER, ['MET', 'P2', 'P2']],
    ['running, raised to P1, met under the P1 target', incident(START, 'P2', reprioritise('2026-06-01T10:05:00Z', 'P1'), ack('2026-06-01T10:12:00Z')), FR, LATER, ['MET', 'P1', 'P1']],
    ['running, raised to P1 past its target: breached under P1', incident(START, 'P2', reprioritise('2026-06-01T10:20:00Z', 'P1'), ack('2026-06-01T10:25:00Z')), FR, LATER, ['BREACHED', 'P1', 'P1']],
    ['running, lowered to P2, met under the P2 target', incident(START, 'P1', reprioritise('2026-06-01T10:05:00Z', 'P2'), ack('2026-06-01T10:30:00Z')), FR, LATER, ['MET', 'P2', 'P2']],
    ['met under P1, then lowered to P2: stays with P1', incident(START, 'P1', ack('2026-06-01T10:10:00Z'), reprioritise('2026-06-01T10:20:00Z', 'P2')), FR, LATER, ['MET', 'P1', 'P1']],
    ['breached under P1, then lowered to P2 and answered within P2: the breach stays with P1', incident(START, 'P1', reprioritise('2026-06-01T10:20:00Z', 'P2'), ack('2026-06-01T10:30:00Z')), FR, LATER, ['BREACHED', 'P2', 'P1']],
    ['breached under P1, lowered to a priority without a target: the breach stays with P1', incident(START, 'P1', reprioritise('2026-06-01T14:30:00Z', 'P4')), RES, LATER, ['BREACHED', 'P4', 'P1']],
    ['still running after a raise: the new priority', incident(START, 'P2', reprioritise('2026-06-01T10:05:00Z', 'P1')), FR, '2026-06-01T10:10:00Z', ['RUNNING', 'P1', 'P1']],
    ['changed at the stop instant, after the stop: the priority of the stop', incident(START, 'P2', ack('2026-06-01T10:30:00Z'), reprioritise('2026-06-01T10:30:00Z', 'P1')), FR, LATER, ['MET', 'P2', 'P2']],
    ['changed at the stop instant, before the stop: the new priority judges it', incident(START, 'P2', reprioritise('2026-06-01T10:30:00Z', 'P1'), ack('2026-06-01T10:30:00Z')), FR, LATER, ['BREACHED', 'P1', 'P1']],
  ])('%s', (_name, inc, obj, now, expected) => {
    expect(judged(inc, obj, now)).toEqual(expected);
  });
});

describe('reopen (24x7 resolution, P2 8 h)', () => {
  const RES = objective('RESOLUTION_TIME', { P2: 8 * H });
  const START = '2026-06-01T08:00:00Z';

  it('continues the resolution clock from its value at the resolution', () => {
    const inc = incident(START, 'P2', ack('2026-06-01T08:05:00Z'), resolve('2026-06-01T11:00:00Z'), work('2026-06-02T09:00:00Z'));
    expect(clock(inc, RES, '2026-06-01T20:00:00Z')).toMatchObject({ state: 'MET', elapsedMs: 3 * H, stoppedAt: '2026-06-01T11:00:00.000Z' });
    expect(clock(inc, RES, '2026-06-02T10:00:00Z')).toEqual({
      state: 'RUNNING',
      priority: 'P2',
      targetMs: 8 * H,
      elapsedMs: 4 * H,
      remainingMs: 4 * H,
      periodStartedAt: '2026-06-01T08:00:00.000Z',
      stoppedAt: null,
      dueAt: '2026-06-02T14:00:00.000Z',
      warnAt: '2026-06-02T12:00:00.000Z',
      warned: false,
      warnedAt: null,
      breachedAt: null,
      paused: [['2026-06-01T11:00:00.000Z', '2026-06-02T09:00:00.000Z']],
    });
  });

  it('a reopened incident resolved after the continued due time is BREACHED', () => {
    const inc = incident(START, 'P2', resolve('2026-06-01T11:00:00Z'), close('2026-06-01T12:00:00Z'), work('2026-06-02T09:00:00Z'), resolve('2026-06-02T15:00:00Z'));
    expect(clock(inc, RES, '2026-06-03T00:00:00Z')).toMatchObject({
      state: 'BREACHED',
      elapsedMs: 9 * H,
      stoppedAt: '2026-06-02T15:00:00.000Z',
      warnedAt: '2026-06-02T12:00:00.000Z',
      breachedAt: '2026-06-02T14:00:00.000Z',
      paused: [['2026-06-01T11:00:00.000Z', '2026-06-02T09:00:00.000Z']],
    });
  });

  it('closing a resolved incident keeps the resolution as the stop', () => {
    const inc = incident(START, 'P2', resolve('2026-06-01T11:00:00Z'), close('2026-06-03T11:00:00Z'));
    expect(clock(inc, RES, '2026-06-05T00:00:00Z')).toMatchObject({ state: 'MET', elapsedMs: 3 * H, stoppedAt: '2026-06-01T11:00:00.000Z' });
  });

  it('a priority change while resolved applies from the reopen', () => {
    const obj = objective('RESOLUTION_TIME', { P1: 2 * H, P2: 8 * H });
    const inc = incident(START, 'P2', resolve('2026-06-01T11:00:00Z'), reprioritise('2026-06-01T12:00:00Z', 'P1'), work('2026-06-02T09:00:00Z'));
    expect(clock(inc, obj, '2026-06-01T13:00:00Z')).toMatchObject({ state: 'MET', priority: 'P2' });
    expect(clock(inc, obj, '2026-06-02T10:00:00Z')).toMatchObject({
      state: 'BREACHED',
      priority: 'P1',
      breachedAt: '2026-06-02T09:00:00.000Z',
    });
  });
});

describe('update interval (24x7, P1 every hour)', () => {
  const UPD = objective('UPDATE_INTERVAL', { P1: H });
  const START = '2026-06-01T08:00:00Z';

  it('is RUNNING while every gap stays within the target; the current gap counts from the last update', () => {
    const inc = incident(START, 'P1', ack('2026-06-01T08:10:00Z'), update('2026-06-01T09:00:00Z'), update('2026-06-01T09:55:00Z'));
    expect(clock(inc, UPD, '2026-06-01T10:30:00Z')).toEqual({
      state: 'RUNNING',
      priority: 'P1',
      targetMs: H,
      elapsedMs: 35 * MIN,
      remainingMs: 25 * MIN,
      periodStartedAt: '2026-06-01T09:55:00.000Z',
      stoppedAt: null,
      dueAt: '2026-06-01T10:55:00.000Z',
      warnAt: '2026-06-01T10:40:00.000Z',
      warned: false,
      warnedAt: null,
      breachedAt: null,
      paused: [],
    });
  });

  it('is MET when resolved with every gap within the target', () => {
    const inc = incident(START, 'P1', ack('2026-06-01T08:10:00Z'), update('2026-06-01T09:00:00Z'), resolve('2026-06-01T09:40:00Z'));
    expect(clock(inc, UPD, '2026-06-01T12:00:00Z')).toMatchObject({
      state: 'MET',
      elapsedMs: 40 * MIN,
      periodStartedAt: '2026-06-01T09:00:00.000Z',
      stoppedAt: '2026-06-01T09:40:00.000Z',
      dueAt: '2026-06-01T10:00:00.000Z',
      breachedAt: null,
    });
  });

  it('is BREACHED when one gap exceeded the target, and reports the current gap', () => {
    const inc = incident(START, 'P1', ack('2026-06-01T08:10:00Z'), update('2026-06-01T09:00:00Z'), update('2026-06-01T10:20:00Z'));
    expect(clock(inc, UPD, '2026-06-01T10:30:00Z')).toMatchObject({
      state: 'BREACHED',
      elapsedMs: 10 * MIN,
      remainingMs: 50 * MIN,
      periodStartedAt: '2026-06-01T10:20:00.000Z',
      dueAt: '2026-06-01T11:20:00.000Z',
      warnAt: '2026-06-01T11:05:00.000Z',
      warned: false,
      breachedAt: '2026-06-01T10:00:00.000Z',
    });
  });

  it('an update at the due instant is in time', () => {
    const inc = incident(START, 'P1', ack('2026-06-01T08:00:00Z'), update('2026-06-01T09:00:00Z'));
    expect(clock(inc, UPD, '2026-06-01T09:30:00Z')).toMatchObject({ state: 'RUNNING', breachedAt: null });
  });

  it('does not count while waiting on the customer; the gap resumes afterwards', () => {
    // 30 min after the update, paused 09:30-11:00, 20 min more.
    const inc = incident(START, 'P1', ack('2026-06-01T08:00:00Z'), update('2026-06-01T09:00:00Z'), wait('2026-06-01T09:30:00Z'), work('2026-06-01T11:00:00Z'));
    expect(clock(inc, UPD, '2026-06-01T11:20:00Z')).toMatchObject({
      state: 'RUNNING',
      elapsedMs: 50 * MIN,
      periodStartedAt: '2026-06-01T09:00:00.000Z',
      dueAt: '2026-06-01T11:30:00.000Z',
      warnedAt: '2026-06-01T11:15:00.000Z',
      breachedAt: null,
      paused: [['2026-06-01T09:30:00.000Z', '2026-06-01T11:00:00.000Z']],
    });
    expect(clock(inc, UPD, '2026-06-01T10:30:00Z')).toMatchObject({ state: 'PAUSED', elapsedMs: 30 * MIN, dueAt: null });
  });

  it('a public update while waiting starts a new gap', () => {
    const inc = incident(START, 'P1', ack('2026-06-01T08:00:00Z'), wait('2026-06-01T08:50:00Z'), update('2026-06-01T09:30:00Z'), work('2026-06-01T10:00:00Z'));
    expect(clock(inc, UPD, '2026-06-01T10:20:00Z')).toMatchObject({
      elapsedMs: 20 * MIN,
      periodStartedAt: '2026-06-01T09:30:00.000Z',
      dueAt: '2026-06-01T11:00:00.000Z',
    });
  });

  it('counts from the start until the first response, which starts a new gap', () => {
    const late = incident(START, 'P1', ack('2026-06-01T09:10:00Z'));
    expect(clock(late, UPD, '2026-06-01T09:20:00Z')).toMatchObject({
      state: 'BREACHED',
      elapsedMs: 10 * MIN,
      periodStartedAt: '2026-06-01T09:10:00.000Z',
      dueAt: '2026-06-01T10:10:00.000Z',
      breachedAt: '2026-06-01T09:00:00.000Z',
    });
    const implicit = incident(START, 'P1', work('2026-06-01T08:30:00Z'));
    expect(clock(implicit, UPD, '2026-06-01T09:20:00Z')).toMatchObject({ state: 'RUNNING', periodStartedAt: '2026-06-01T08:30:00.000Z' });
  });

  it('stops at the resolution and starts a new gap at the reopen', () => {
    const inc = incident(START, 'P1', ack('2026-06-01T08:00:00Z'), resolve('2026-06-01T08:50:00Z'), update('2026-06-01T09:00:00Z'), work('2026-06-02T09:00:00Z'));
    expect(clock(inc, UPD, '2026-06-01T12:00:00Z')).toMatchObject({
      state: 'MET',
      elapsedMs: 50 * MIN,
      periodStartedAt: '2026-06-01T08:00:00.000Z',
      stoppedAt: '2026-06-01T08:50:00.000Z',
    });
    expect(clock(inc, UPD, '2026-06-02T09:30:00Z')).toMatchObject({
      state: 'RUNNING',
      elapsedMs: 30 * MIN,
      periodStartedAt: '2026-06-02T09:00:00.000Z',
      dueAt: '2026-06-02T10:00:00.000Z',
      paused: [['2026-06-01T08:50:00.000Z', '2026-06-02T09:00:00.000Z']],
    });
  });

  it('counts business time with a calendar: gaps do not run overnight', () => {
    const obj = objective('UPDATE_INTERVAL', { P3: 4 * H }, OFFICE);
    // Update Mon 16:00 CEST; 1 h on Monday, 3 h on Tuesday -> due Tue 12:00 CEST.
    const inc = incident('2026-06-01T10:00:00+02:00', 'P3', ack('2026-06-01T10:30:00+02:00'), update('2026-06-01T14:00:00+02:00'), update('2026-06-01T16:00:00+02:00'));
    expect(clock(inc, obj, '2026-06-02T08:00:00+02:00')).toMatchObject({ state: 'RUNNING', elapsedMs: H, dueAt: '2026-06-02T10:00:00.000Z' });
  });
});

describe('reply-driven update interval: provider updates restart it, a customer message pauses it', () => {
  const UPD = objective('UPDATE_INTERVAL', { P1: H });
  const START = '2026-06-01T08:00:00Z';

  it('a customer message pauses the gap; the provider\'s next update restarts it from nothing', () => {
    // Update 09:00; 20 min later the customer writes: paused 09:20-10:40 (no breach at 10:00); the provider answers at 10:40.
    const inc = incident(START, 'P1', ack('2026-06-01T08:00:00Z'), update('2026-06-01T09:00:00Z'), customer('2026-06-01T09:20:00Z'), update('2026-06-01T10:40:00Z'));
    expect(clock(inc, UPD, '2026-06-01T10:00:00Z')).toMatchObject({
      state: 'PAUSED',
      elapsedMs: 20 * MIN,
      periodStartedAt: '2026-06-01T09:00:00.000Z',
      dueAt: null,
      breachedAt: null,
      paused: [['2026-06-01T09:20:00.000Z', '2026-06-01T10:00:00.000Z']],
    });
    expect(clock(inc, UPD, '2026-06-01T11:00:00Z')).toMatchObject({
      state: 'RUNNING',
      elapsedMs: 20 * MIN,
      periodStartedAt: '2026-06-01T10:40:00.000Z',
      dueAt: '2026-06-01T11:40:00.000Z',
      breachedAt: null,
      paused: [['2026-06-01T09:20:00.000Z', '2026-06-01T10:40:00.000Z']],
    });
  });

  it('without the customer message the same timeline breaches at 10:00', () => {
    const inc = incident(START, 'P1', ack('2026-06-01T08:00:00Z'), update('2026-06-01T09:00:00Z'), update('2026-06-01T10:40:00Z'));
    expect(clock(inc, UPD, '2026-06-01T11:00:00Z')).toMatchObject({ state: 'BREACHED', breachedAt: '2026-06-01T10:00:00.000Z' });
  });

  it('a customer message after the gap was already late does not undo the breach', () => {
    const inc = incident(START, 'P1', ack('2026-06-01T08:00:00Z'), customer('2026-06-01T09:10:00Z'));
    expect(clock(inc, UPD, '2026-06-01T12:00:00Z')).toMatchObject({ state: 'BREACHED', breachedAt: '2026-06-01T09:00:00.000Z', elapsedMs: H + 10 * MIN });
  });

  it('several customer messages pause once; status moves do not end the pause, only a provider update does', () => {
    const inc = incident(
      START,
      'P1',
      ack('2026-06-01T08:00:00Z'),
      customer('2026-06-01T08:30:00Z'),
      customer('2026-06-01T09:00:00Z'),
      wait('2026-06-01T09:30:00Z'),
      work('2026-06-01T10:00:00Z'),
    );
    expect(clock(inc, UPD, '2026-06-01T12:00:00Z')).toMatchObject({ state: 'PAUSED', elapsedMs: 30 * MIN, breachedAt: null, paused: [['2026-06-01T08:30:00.000Z', '2026-06-01T12:00:00.000Z']] });
  });

  it('the first response and a reopen are provider updates too: they end the pause', () => {
    // Before the first response: the customer chases at 08:20 (paused); the acknowledgement at 09:30 starts a new gap.
    const early = incident(START, 'P1', customer('2026-06-01T08:20:00Z'), ack('2026-06-01T09:30:00Z'));
    expect(clock(early, UPD, '2026-06-01T10:00:00Z')).toMatchObject({ state: 'RUNNING', elapsedMs: 30 * MIN, periodStartedAt: '2026-06-01T09:30:00.000Z', breachedAt: null });
    // Resolved, the customer writes back, the provider reopens: a new gap, running.
    const reopened = incident(START, 'P1', ack('2026-06-01T08:00:00Z'), resolve('2026-06-01T08:30:00Z'), customer('2026-06-01T09:00:00Z'), work('2026-06-01T10:00:00Z'));
    expect(clock(reopened, UPD, '2026-06-01T10:15:00Z')).toMatchObject({ state: 'RUNNING', elapsedMs: 15 * MIN, periodStartedAt: '2026-06-01T10:00:00.000Z' });
  });

  it('a customer message touches neither the first response nor the resolution clock', () => {
    const inc = incident(START, 'P1', customer('2026-06-01T08:10:00Z'), ack('2026-06-01T08:40:00Z'), customer('2026-06-01T09:00:00Z'));
    expect(clock(inc, objective('FIRST_RESPONSE_TIME', { P1: H }), '2026-06-01T10:00:00Z')).toMatchObject({ state: 'MET', elapsedMs: 40 * MIN });
    expect(clock(inc, objective('RESOLUTION_TIME', { P1: 4 * H }), '2026-06-01T10:00:00Z')).toMatchObject({ state: 'RUNNING', elapsedMs: 2 * H, paused: [] });
  });

  it('in business hours: a message outside hours pauses nothing that counted', () => {
    const obj = objective('UPDATE_INTERVAL', { P3: 4 * H }, OFFICE);
    // Update Mon 16:00 CEST (1 h counts on Monday); the customer writes Mon 20:00; the provider answers Tue 11:00.
    const inc = incident(
      '2026-06-01T10:00:00+02:00',
      'P3',
      ack('2026-06-01T10:30:00+02:00'),
      update('2026-06-01T14:00:00+02:00'),
      update('2026-06-01T16:00:00+02:00'),
      customer('2026-06-01T20:00:00+02:00'),
      update('2026-06-02T11:00:00+02:00'),
    );
    expect(clock(inc, obj, '2026-06-02T10:30:00+02:00')).toMatchObject({ state: 'PAUSED', elapsedMs: H });
    expect(clock(inc, obj, '2026-06-02T12:00:00+02:00')).toMatchObject({ state: 'RUNNING', elapsedMs: H, periodStartedAt: '2026-06-02T09:00:00.000Z', dueAt: '2026-06-02T13:00:00.000Z' });
  });
});

describe('DST changes (24x7 counts real elapsed time)', () => {
  const RES = objective('RESOLUTION_TIME', { P2: 4 * H });

  it('spring forward: 4 h after 00:30 CET is 05:30 CEST', () => {
    const inc = incident('2026-03-29T00:30:00+01:00', 'P2', resolve('2026-03-29T05:00:00+02:00'));
    expect(clock(inc, RES, '2026-03-29T12:00:00+02:00')).toMatchObject({
      state: 'MET',
      elapsedMs: 3.5 * H, // the wall clock moved 4.5 h
      dueAt: '2026-03-29T03:30:00.000Z', // 05:30 CEST
      warnedAt: '2026-03-29T02:30:00.000Z',
    });
  });

  it('fall back: 4 h after 01:30 CEST is 04:30 CET', () => {
    const inc = incident('2026-10-25T01:30:00+02:00', 'P2');
    expect(clock(inc, RES, '2026-10-25T03:30:00+01:00')).toMatchObject({
      state: 'RUNNING',
      elapsedMs: 3 * H, // the wall clock moved 2 h
      dueAt: '2026-10-25T03:30:00.000Z', // 04:30 CET
    });
    expect(clock(inc, RES, '2026-10-25T05:00:00+01:00')).toMatchObject({ state: 'BREACHED', breachedAt: '2026-10-25T03:30:00.000Z' });
  });
});

describe('timeline edges', () => {
  const RES = objective('RESOLUTION_TIME', { P2: 8 * H });
  const START = '2026-06-01T08:00:00Z';

  it('ignores events after now', () => {
    const inc = incident(START, 'P2', wait('2026-06-01T09:00:00Z'), resolve('2026-06-01T12:00:00Z'));
    expect(clock(inc, RES, '2026-06-01T10:00:00Z')).toMatchObject({ state: 'PAUSED', elapsedMs: H, stoppedAt: null });
  });

  it('applies events before the start at the start, and counts nothing before it', () => {
    const inc = incident(START, 'P2', wait('2026-06-01T07:00:00Z'), work('2026-06-01T09:00:00Z'));
    expect(clock(inc, RES, '2026-06-01T10:00:00Z')).toMatchObject({
      elapsedMs: H,
      paused: [['2026-06-01T08:00:00.000Z', '2026-06-01T09:00:00.000Z']],
    });
  });

  it('applies events at the same instant in their order', () => {
    const inc = incident(START, 'P2', wait('2026-06-01T09:00:00Z'), work('2026-06-01T09:00:00Z'), wait('2026-06-01T09:00:00Z'));
    expect(clock(inc, RES, '2026-06-01T10:00:00Z')).toMatchObject({
      state: 'PAUSED',
      elapsedMs: H,
      paused: [['2026-06-01T09:00:00.000Z', '2026-06-01T10:00:00.000Z']],
    });
  });

  it('an incident acknowledged at its start has met its first response with nothing elapsed', () => {
    const fr = objective('FIRST_RESPONSE_TIME', { P2: H });
    expect(clock(incident(START, 'P2', ack(START)), fr, '2026-06-01T10:00:00Z')).toMatchObject({ state: 'MET', elapsedMs: 0, stoppedAt: '2026-06-01T08:00:00.000Z' });
  });

  it('a now before the start gives a clock with nothing elapsed', () => {
    expect(clock(incident(START, 'P2'), RES, '2026-06-01T07:00:00Z')).toMatchObject({ state: 'RUNNING', elapsedMs: 0, dueAt: '2026-06-01T16:00:00.000Z' });
  });

  it('elapsedMs is always the business time from periodStartedAt to the stop (or now) minus the pauses', () => {
    const cases: [ClockIncident, ClockObjective, string][] = [
      [incident('2026-06-05T13:00:00+02:00', 'P3', wait('2026-06-05T16:00:00+02:00'), work('2026-06-08T10:00:00+02:00')), objective('RESOLUTION_TIME', { P3: 8 * H }, OFFICE), '2026-06-09T12:00:00Z'],
      [incident(START, 'P2', resolve('2026-06-01T11:00:00Z'), work('2026-06-02T09:00:00Z'), wait('2026-06-02T10:00:00Z'), work('2026-06-02T11:00:00Z'), resolve('2026-06-02T13:00:00Z')), RES, '2026-06-03T00:00:00Z'],
      [incident(START, 'P1', ack('2026-06-01T08:00:00Z'), update('2026-06-01T09:00:00Z'), wait('2026-06-01T09:30:00Z'), work('2026-06-01T11:00:00Z')), objective('UPDATE_INTERVAL', { P1: H }), '2026-06-01T11:20:00Z'],
      [incident('2026-06-01T15:00:00+02:00', 'P3', wait('2026-06-01T18:00:00+02:00'), work('2026-06-02T10:00:00+02:00'), wait('2026-06-03T12:00:00+02:00')), objective('RESOLUTION_TIME', { P3: 8 * H }, OFFICE), '2026-06-04T12:00:00Z'],
    ];
    for (const [inc, obj, now] of cases) {
      const c = computeClock(inc, obj, at(now));
      expect(c.elapsedMs).toBe(businessMillisExcluding(obj.calendar, c.periodStartedAt, c.stoppedAt ?? at(now), c.pausedIntervals));
      expect(c.elapsedMs).toBeGreaterThan(0);
    }
  });
});
