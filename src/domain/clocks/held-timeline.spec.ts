import { type CalendarSpec } from '../calendars/business-hours';
import { heldIncident, type Holding } from './held-timeline';
import { computeClock, type ClockIncident, type ClockMetric, type ClockObjective, type Priority, type TimelineEvent } from './sla-clock';

const MIN = 60_000;
const H = 60 * MIN;
const at = (iso: string) => new Date(iso);

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
const incident = (startedAt: string, initialPriority: Priority, ...steps: Step[]): ClockIncident => ({
  startedAt: at(startedAt),
  initialPriority,
  timeline: steps.map(([t, e]) => ({ at: at(t), ...e })),
});
const holds = (...spans: [string, string | null][]): Holding[] => spans.map(([from, to]) => ({ from: at(from), to: to === null ? null : at(to) }));
const objective = (metric: ClockMetric, targets: Partial<Record<Priority, number>>, calendar: CalendarSpec | null = null): ClockObjective => ({
  metric,
  targetsByPriority: targets,
  calendar,
  warningThresholdPercent: 75,
});

/** The party's clock at `now`, as a user reads it. */
function partyClock(i: ClockIncident, h: Holding[], o: ClockObjective, now: string) {
  const seen = heldIncident(i, h);
  if (!seen) return null;
  const c = computeClock(seen, o, at(now));
  return {
    state: c.state,
    priority: c.priority,
    elapsedMin: c.elapsedMs / MIN,
    startedAt: c.startedAt.toISOString(),
    stoppedAt: c.stoppedAt?.toISOString() ?? null,
    dueAt: c.dueAt?.toISOString() ?? null,
    breachedAt: c.breachedAt?.toISOString() ?? null,
  };
}

const RESOLVE_2H = objective('RESOLUTION_TIME', { P1: 2 * H, P2: 8 * H });
// Reported 09:00, acknowledged 09:05, worked on from 09:10.
const WORKED = incident('2026-05-04T09:00:00Z', 'P1', ['2026-05-04T09:05:00Z', { status: 'ACKNOWLEDGED' }], ['2026-05-04T09:10:00Z', { status: 'IN_PROGRESS' }]);

describe('heldIncident: a supporting party\'s clock counts while the party holds the incident', () => {
  it('never held: no clock', () => {
    expect(heldIncident(WORKED, [])).toBeNull();
  });

  it.each([
    // [case, holdings, now, expected]
    ['assigned at 10:00, still held at 11:00: runs from the assignment, not from the report', holds(['2026-05-04T10:00:00Z', null]), '2026-05-04T11:00:00Z',
      { state: 'RUNNING', elapsedMin: 60, startedAt: '2026-05-04T10:00:00.000Z', stoppedAt: null, dueAt: '2026-05-04T12:00:00.000Z', breachedAt: null }],
    ['handed to someone else at 11:00: stops there, MET (within 2 h)', holds(['2026-05-04T10:00:00Z', '2026-05-04T11:00:00Z']), '2026-05-04T15:00:00Z',
      { state: 'MET', elapsedMin: 60, startedAt: '2026-05-04T10:00:00.000Z', stoppedAt: '2026-05-04T11:00:00.000Z', dueAt: '2026-05-04T12:00:00.000Z', breachedAt: null }],
    ['handed over after its target: BREACHED at 12:00, and stays so', holds(['2026-05-04T10:00:00Z', '2026-05-04T12:30:00Z']), '2026-05-04T15:00:00Z',
      { state: 'BREACHED', elapsedMin: 150, startedAt: '2026-05-04T10:00:00.000Z', stoppedAt: '2026-05-04T12:30:00.000Z', dueAt: '2026-05-04T12:00:00.000Z', breachedAt: '2026-05-04T12:00:00.000Z' }],
    ['handed over exactly at its due instant: MET', holds(['2026-05-04T10:00:00Z', '2026-05-04T12:00:00Z']), '2026-05-04T15:00:00Z',
      { state: 'MET', elapsedMin: 120, startedAt: '2026-05-04T10:00:00.000Z', stoppedAt: '2026-05-04T12:00:00.000Z', dueAt: '2026-05-04T12:00:00.000Z', breachedAt: null }],
    ['given back at 13:00: continues with its hour (due 14:00), the time away does not count', holds(['2026-05-04T10:00:00Z', '2026-05-04T11:00:00Z'], ['2026-05-04T13:00:00Z', null]), '2026-05-04T13:30:00Z',
      { state: 'RUNNING', elapsedMin: 90, startedAt: '2026-05-04T10:00:00.000Z', stoppedAt: null, dueAt: '2026-05-04T14:00:00.000Z', breachedAt: null }],
    ['given back and breaching on the second holding', holds(['2026-05-04T10:00:00Z', '2026-05-04T11:00:00Z'], ['2026-05-04T13:00:00Z', null]), '2026-05-04T14:30:00Z',
      { state: 'BREACHED', elapsedMin: 150, startedAt: '2026-05-04T10:00:00.000Z', stoppedAt: null, dueAt: '2026-05-04T14:00:00.000Z', breachedAt: '2026-05-04T14:00:00.000Z' }],
    ['three holdings, the last one ended: stopped at the last hand-over', holds(['2026-05-04T10:00:00Z', '2026-05-04T10:30:00Z'], ['2026-05-04T11:00:00Z', '2026-05-04T11:20:00Z'], ['2026-05-04T12:00:00Z', '2026-05-04T12:10:00Z']), '2026-05-04T18:00:00Z',
      { state: 'MET', elapsedMin: 60, startedAt: '2026-05-04T10:00:00.000Z', stoppedAt: '2026-05-04T12:10:00.000Z', dueAt: '2026-05-04T13:10:00.000Z', breachedAt: null }],
  ] as [string, Holding[], string, Record<string, unknown>][])('%s', (_case, h, now, expected) => {
    expect(partyClock(WORKED, h, RESOLVE_2H, now)).toMatchObject(expected);
  });

  it('the incident resolved while the party holds it stops its clock at the resolution (MET)', () => {
    const resolved = incident('2026-05-04T09:00:00Z', 'P1', ['2026-05-04T09:10:00Z', { status: 'IN_PROGRESS' }], ['2026-05-04T10:40:00Z', { status: 'RESOLVED' }]);
    expect(partyClock(resolved, holds(['2026-05-04T10:00:00Z', null]), RESOLVE_2H, '2026-05-04T15:00:00Z')).toMatchObject({
      state: 'MET', elapsedMin: 40, stoppedAt: '2026-05-04T10:40:00.000Z',
    });
  });

  it('waiting on the customer while held pauses it; what happens while someone else holds it does not reach it', () => {
    const i = incident(
      '2026-05-04T09:00:00Z', 'P1',
      ['2026-05-04T09:10:00Z', { status: 'IN_PROGRESS' }],
      ['2026-05-04T10:30:00Z', { status: 'WAITING_ON_CUSTOMER' }], // held: pauses
      ['2026-05-04T11:00:00Z', { status: 'IN_PROGRESS' }], // held: counts again
      ['2026-05-04T11:45:00Z', { status: 'WAITING_ON_CUSTOMER' }], // someone else holds it
      ['2026-05-04T12:15:00Z', { status: 'IN_PROGRESS' }],
    );
    const c = partyClock(i, holds(['2026-05-04T10:00:00Z', '2026-05-04T11:30:00Z'], ['2026-05-04T13:00:00Z', null]), RESOLVE_2H, '2026-05-04T13:10:00Z');
    // 10:00-10:30 and 11:00-11:30 held and worked (60 min), 13:00-13:10 back (10 min).
    expect(c).toMatchObject({ state: 'RUNNING', elapsedMin: 70, dueAt: '2026-05-04T14:00:00.000Z' });
  });

  it('assigned while the incident waits on the customer: paused from the start', () => {
    const i = incident('2026-05-04T09:00:00Z', 'P1', ['2026-05-04T09:10:00Z', { status: 'WAITING_ON_CUSTOMER' }], ['2026-05-04T11:00:00Z', { status: 'IN_PROGRESS' }]);
    expect(partyClock(i, holds(['2026-05-04T10:00:00Z', null]), RESOLVE_2H, '2026-05-04T10:30:00Z')).toMatchObject({ state: 'PAUSED', elapsedMin: 0, dueAt: null });
    expect(partyClock(i, holds(['2026-05-04T10:00:00Z', null]), RESOLVE_2H, '2026-05-04T11:30:00Z')).toMatchObject({ state: 'RUNNING', elapsedMin: 30 });
  });

  it('takes the priority the incident has when assigned, and a priority change made while away when it comes back', () => {
    const i = incident('2026-05-04T09:00:00Z', 'P2', ['2026-05-04T09:10:00Z', { status: 'IN_PROGRESS' }], ['2026-05-04T09:30:00Z', { priority: 'P1' }], ['2026-05-04T11:30:00Z', { priority: 'P2' }]);
    expect(partyClock(i, holds(['2026-05-04T10:00:00Z', null]), RESOLVE_2H, '2026-05-04T11:00:00Z')).toMatchObject({ priority: 'P1', dueAt: '2026-05-04T12:00:00.000Z' });
    // Away from 11:00 to 12:00; lowered to P2 meanwhile: back, it is judged by the P2 target (8 h) with its hour.
    expect(partyClock(i, holds(['2026-05-04T10:00:00Z', '2026-05-04T11:00:00Z'], ['2026-05-04T12:00:00Z', null]), RESOLVE_2H, '2026-05-04T12:30:00Z')).toMatchObject({
      state: 'RUNNING', priority: 'P2', elapsedMin: 90, dueAt: '2026-05-04T19:00:00.000Z',
    });
  });

  it('counts in the supporting party\'s own business hours: assigned Friday 16:00 Berlin with 4 h, due Monday 12:00', () => {
    const i = incident('2026-05-15T13:00:00Z', 'P1', ['2026-05-15T13:05:00Z', { status: 'IN_PROGRESS' }]);
    const o = objective('RESOLUTION_TIME', { P1: 4 * H }, OFFICE);
    // Friday 2026-05-15 16:00 CEST = 14:00Z; one office hour on Friday, three on Monday: 12:00 CEST = 10:00Z.
    expect(partyClock(i, holds(['2026-05-15T14:00:00Z', null]), o, '2026-05-16T10:00:00Z')).toMatchObject({
      state: 'RUNNING', elapsedMin: 60, dueAt: '2026-05-18T10:00:00.000Z',
    });
    // Handed over Monday 09:30 and back Monday 14:00: the 4.5 hours away do not count; due 16:30 CEST.
    expect(partyClock(i, holds(['2026-05-15T14:00:00Z', '2026-05-18T07:30:00Z'], ['2026-05-18T12:00:00Z', null]), o, '2026-05-18T12:00:00Z')).toMatchObject({
      state: 'RUNNING', elapsedMin: 90, dueAt: '2026-05-18T14:30:00.000Z',
    });
  });

  it('an update-interval clock starts a new gap when the incident comes back', () => {
    const o = objective('UPDATE_INTERVAL', { P1: H });
    const i = incident('2026-05-04T09:00:00Z', 'P1', ['2026-05-04T09:10:00Z', { status: 'IN_PROGRESS' }], ['2026-05-04T10:20:00Z', { publicUpdate: true }]);
    // Held 10:00-10:50 (update at 10:20: gap from 10:20), away until 12:00, back: a new gap from 12:00.
    expect(partyClock(i, holds(['2026-05-04T10:00:00Z', '2026-05-04T10:50:00Z'], ['2026-05-04T12:00:00Z', null]), o, '2026-05-04T12:30:00Z')).toMatchObject({
      state: 'RUNNING', elapsedMin: 30, dueAt: '2026-05-04T13:00:00.000Z', breachedAt: null,
    });
  });
});
