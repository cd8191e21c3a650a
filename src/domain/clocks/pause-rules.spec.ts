import { type CalendarSpec } from '../calendars/business-hours';
import { computeClock, type ClockMetric, type ClockObjective, type IncidentStatus, type Priority, type TimelineEvent } from './sla-clock';
import { clockMode, INITIAL_PHASE, nextPhase } from './clock-rules';

const H = 3_600_000;
const at = (iso: string) => new Date(iso);
const iso = (d: Date | null) => (d === null ? null : d.toISOString());

/** Berlin, Mon-Fri 09:00-17:00, no holidays. */
const OFFICE: CalendarSpec = {
  timeZone: 'Europe/Berlin',
  weeklyHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, from: '09:00', to: '17:00' })),
  holidayCountry: null,
  holidayRegion: null,
  closedDates: [],
  openDates: [],
};

type Step = [string, Omit<TimelineEvent, 'at'>];
const status = (t: string, s: IncidentStatus): Step => [t, { status: s }];
const update = (t: string): Step => [t, { publicUpdate: true }];
const message = (t: string): Step => [t, { customerMessage: true }];

function run(metric: ClockMetric, target: number, calendar: CalendarSpec | null, pauseStatuses: IncidentStatus[] | undefined, start: string, steps: Step[], now: string, priority: Priority = 'P3') {
  const objective: ClockObjective = { metric, targetsByPriority: { [priority]: target }, calendar, warningThresholdPercent: 75, ...(pauseStatuses ? { pauseStatuses } : {}) };
  const c = computeClock({ startedAt: at(start), initialPriority: priority, timeline: steps.map(([t, e]) => ({ at: at(t), ...e })) }, objective, at(now));
  return { state: c.state, elapsedH: c.elapsedMs / H, dueAt: iso(c.dueAt), stoppedAt: iso(c.stoppedAt), paused: c.pausedIntervals.map((i) => [iso(i.start), iso(i.end)]) };
}

const THIRD_PARTY: IncidentStatus[] = ['WAITING_ON_CUSTOMER', 'WAITING_ON_THIRD_PARTY'];
const ALL: IncidentStatus[] = ['WAITING_ON_CUSTOMER', 'WAITING_ON_THIRD_PARTY', 'SCHEDULED', 'RESOLVED_PENDING_CONFIRMATION'];

describe('clockMode: which status pauses which metric', () => {
  const phase = (s: IncidentStatus) => nextPhase(nextPhase(INITIAL_PHASE, 'ACKNOWLEDGED'), s);
  it.each<[ClockMetric, IncidentStatus, IncidentStatus[] | undefined, string]>([
    ['RESOLUTION_TIME', 'WAITING_ON_CUSTOMER', undefined, 'PAUSED'], // the terms say nothing: as always
    ['RESOLUTION_TIME', 'WAITING_ON_THIRD_PARTY', undefined, 'COUNTING'], // new meanings count unless the terms pause them
    ['RESOLUTION_TIME', 'SCHEDULED', undefined, 'COUNTING'],
    ['RESOLUTION_TIME', 'RESOLVED_PENDING_CONFIRMATION', undefined, 'COUNTING'], // not resolved yet
    ['RESOLUTION_TIME', 'WAITING_ON_THIRD_PARTY', THIRD_PARTY, 'PAUSED'],
    ['RESOLUTION_TIME', 'WAITING_ON_CUSTOMER', [], 'COUNTING'], // an empty rule: nothing pauses
    ['RESOLUTION_TIME', 'SCHEDULED', ['SCHEDULED'], 'PAUSED'],
    ['RESOLUTION_TIME', 'WAITING_ON_CUSTOMER', ['SCHEDULED'], 'COUNTING'], // a rule replaces the default
    ['RESOLUTION_TIME', 'RESOLVED', ALL, 'STOPPED'],
    ['RESOLUTION_TIME', 'CLOSED', ALL, 'STOPPED'],
    ['UPDATE_INTERVAL', 'SCHEDULED', ['SCHEDULED'], 'PAUSED'],
    ['UPDATE_INTERVAL', 'IN_PROGRESS', ALL, 'COUNTING'],
    ['FIRST_RESPONSE_TIME', 'WAITING_ON_THIRD_PARTY', ALL, 'STOPPED'], // any move out of OPEN is the response
  ])('%s in %s with pauses %j: %s', (metric, s, pauses, mode) => {
    expect(clockMode(metric, phase(s), pauses)).toBe(mode);
  });
});

describe('pauses by the terms (P3 resolution in 8 business hours, Berlin office hours)', () => {
  const START = '2026-06-05T13:00:00+02:00'; // a Friday
  const steps: Step[] = [status('2026-06-05T13:30:00+02:00', 'IN_PROGRESS'), status('2026-06-05T16:00:00+02:00', 'WAITING_ON_THIRD_PARTY'), status('2026-06-08T10:00:00+02:00', 'IN_PROGRESS')];

  it('waiting on a third party across a weekend counts none of its business time when the terms pause it', () => {
    expect(run('RESOLUTION_TIME', 8 * H, OFFICE, THIRD_PARTY, START, steps, '2026-06-08T12:00:00+02:00')).toEqual({
      state: 'RUNNING',
      elapsedH: 5, // Friday 13-16, Monday 10-12 (Monday 09-10 was inside the pause)
      dueAt: '2026-06-08T13:00:00.000Z', // 15:00 in Berlin
      stoppedAt: null,
      paused: [['2026-06-05T14:00:00.000Z', '2026-06-08T08:00:00.000Z']],
    });
  });

  it('the same incident under terms that say nothing: waiting on a third party counts', () => {
    expect(run('RESOLUTION_TIME', 8 * H, OFFICE, undefined, START, steps, '2026-06-08T12:00:00+02:00')).toEqual({
      state: 'RUNNING',
      elapsedH: 7, // Friday 13-17, Monday 09-12
      dueAt: '2026-06-08T11:00:00.000Z',
      stoppedAt: null,
      paused: [],
    });
  });

  it('a scheduled pause across the spring DST change (CET -> CEST) leaves out only open hours', () => {
    const s: Step[] = [status('2026-03-27T13:05:00+01:00', 'IN_PROGRESS'), status('2026-03-27T15:00:00+01:00', 'SCHEDULED'), status('2026-03-30T11:00:00+02:00', 'IN_PROGRESS')];
    expect(run('RESOLUTION_TIME', 8 * H, OFFICE, ALL, '2026-03-27T13:00:00+01:00', s, '2026-03-30T12:00:00+02:00')).toEqual({
      state: 'RUNNING',
      elapsedH: 3, // Friday 13-15 CET, Monday 11-12 CEST
      dueAt: '2026-03-30T15:00:00.000Z', // 17:00 CEST: the last open minute of Monday
      stoppedAt: null,
      paused: [['2026-03-27T14:00:00.000Z', '2026-03-30T09:00:00.000Z']],
    });
  });

  it('a pause across the autumn DST change (CEST -> CET) too', () => {
    const s: Step[] = [status('2026-10-23T13:05:00+02:00', 'IN_PROGRESS'), status('2026-10-23T15:00:00+02:00', 'WAITING_ON_THIRD_PARTY'), status('2026-10-26T11:00:00+01:00', 'IN_PROGRESS')];
    expect(run('RESOLUTION_TIME', 8 * H, OFFICE, THIRD_PARTY, '2026-10-23T13:00:00+02:00', s, '2026-10-26T12:00:00+01:00')).toMatchObject({
      elapsedH: 3,
      dueAt: '2026-10-26T16:00:00.000Z', // 17:00 CET
      paused: [['2026-10-23T13:00:00.000Z', '2026-10-26T10:00:00.000Z']],
    });
  });
});

describe('overlapping and successive pauses (24x7)', () => {
  const START = '2026-06-01T09:00:00Z';

  it('moving from one pausing status to another is one pause', () => {
    const s: Step[] = [
      status('2026-06-01T09:10:00Z', 'IN_PROGRESS'),
      status('2026-06-01T10:00:00Z', 'WAITING_ON_THIRD_PARTY'),
      status('2026-06-01T11:00:00Z', 'WAITING_ON_CUSTOMER'),
      status('2026-06-01T12:00:00Z', 'IN_PROGRESS'),
    ];
    expect(run('RESOLUTION_TIME', 4 * H, null, THIRD_PARTY, START, s, '2026-06-01T13:00:00Z')).toMatchObject({
      elapsedH: 2,
      dueAt: '2026-06-01T15:00:00.000Z',
      paused: [['2026-06-01T10:00:00.000Z', '2026-06-01T12:00:00.000Z']],
    });
  });

  it('a customer message during a pausing status: the update interval stays paused until the provider\'s next update, in one interval', () => {
    const s: Step[] = [
      status('2026-06-01T09:10:00Z', 'IN_PROGRESS'), // the response: a new interval from 09:10
      status('2026-06-01T09:30:00Z', 'WAITING_ON_THIRD_PARTY'),
      message('2026-06-01T10:00:00Z'),
      status('2026-06-01T10:30:00Z', 'IN_PROGRESS'), // the third party answered; the customer still waits for the provider
      update('2026-06-01T11:00:00Z'),
    ];
    expect(run('UPDATE_INTERVAL', H, null, THIRD_PARTY, START, s, '2026-06-01T11:20:00Z', 'P1')).toEqual({
      state: 'RUNNING',
      elapsedH: 1 / 3,
      dueAt: '2026-06-01T12:00:00.000Z',
      stoppedAt: null,
      paused: [['2026-06-01T09:30:00.000Z', '2026-06-01T11:00:00.000Z']],
    });
  });

  it('a customer message that ends after the pausing status: the pause lasts as long as either reason', () => {
    const s: Step[] = [status('2026-06-01T09:10:00Z', 'IN_PROGRESS'), message('2026-06-01T09:20:00Z'), status('2026-06-01T09:30:00Z', 'SCHEDULED'), update('2026-06-01T09:40:00Z')];
    // The update at 09:40 ends the message's pause, but the incident is still SCHEDULED: paused from 09:20 on.
    expect(run('UPDATE_INTERVAL', H, null, ALL, START, s, '2026-06-01T10:00:00Z', 'P1')).toMatchObject({
      state: 'PAUSED',
      elapsedH: 0,
      paused: [['2026-06-01T09:20:00.000Z', '2026-06-01T10:00:00.000Z']],
    });
  });
});

describe('a resolution pending confirmation', () => {
  const START = '2026-06-01T09:00:00Z';
  const proposed: Step[] = [status('2026-06-01T09:05:00Z', 'IN_PROGRESS'), status('2026-06-01T11:00:00Z', 'RESOLVED_PENDING_CONFIRMATION')];

  it('paused by the terms, the wait for confirmation does not count; the confirmation stops the clock', () => {
    expect(run('RESOLUTION_TIME', 4 * H, null, ALL, START, [...proposed, status('2026-06-01T16:00:00Z', 'RESOLVED')], '2026-06-01T17:00:00Z')).toEqual({
      state: 'MET',
      elapsedH: 2,
      dueAt: '2026-06-01T18:00:00.000Z', // as it stood at the stop
      stoppedAt: '2026-06-01T16:00:00.000Z',
      paused: [['2026-06-01T11:00:00.000Z', '2026-06-01T16:00:00.000Z']],
    });
  });

  it('not paused by the terms, it counts: confirmed late, the clock breached meanwhile', () => {
    expect(run('RESOLUTION_TIME', 4 * H, null, undefined, START, [...proposed, status('2026-06-01T16:00:00Z', 'RESOLVED')], '2026-06-01T17:00:00Z')).toMatchObject({
      state: 'BREACHED',
      dueAt: '2026-06-01T13:00:00.000Z',
      paused: [],
    });
  });

  it('not confirmed (back to work): the clock counts on from where the pause began', () => {
    expect(run('RESOLUTION_TIME', 4 * H, null, ALL, START, [...proposed, status('2026-06-01T14:00:00Z', 'IN_PROGRESS')], '2026-06-01T15:00:00Z')).toEqual({
      state: 'RUNNING',
      elapsedH: 3,
      dueAt: '2026-06-01T16:00:00.000Z',
      stoppedAt: null,
      paused: [['2026-06-01T11:00:00.000Z', '2026-06-01T14:00:00.000Z']],
    });
  });
});
