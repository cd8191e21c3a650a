import { type EscalationLevelSnapshot } from '../../db/entities/escalation.entity';
import { type EscalationPolicyTerms, type EscalationTriggers } from '../agreements/terms';
import { DEFAULT_ESCALATION_TRIGGERS } from '../agreements/terms-rules';
import { type CalendarSpec } from '../calendars/business-hours';
import { endpointsUpTo, levelOf, nextLevelDue, notificationsOf, policyRaises, snapshotLevels, unacknowledgedAfterMs } from './escalation-policy';

const level = (n: number, overrides: Partial<EscalationLevelSnapshot> = {}): EscalationLevelSnapshot => ({
  level: n,
  name: `Level ${n}`,
  notifyRoles: ['ACCOUNT_MANAGER'],
  notifyUsers: [],
  notifyWebhookEndpoints: [],
  after: 'PT30M',
  ...overrides,
});

const policy = (levels: EscalationLevelSnapshot[], triggers: Partial<EscalationTriggers> = {}): EscalationPolicyTerms => ({
  levels: levels as EscalationPolicyTerms['levels'],
  triggers: { ...DEFAULT_ESCALATION_TRIGGERS, ...triggers },
});

const T0 = new Date('2026-03-29T00:30:00Z'); // the night Europe switches to summer time: durations are real time

describe('policyRaises', () => {
  it('by default raises for a breach and by hand only', () => {
    const p = policy([level(1)]);
    expect(['CLOCK_WARNING', 'CLOCK_BREACH', 'UNACKNOWLEDGED', 'OBJECTIVE_BREACHED', 'MANUAL'].filter((t) => policyRaises(p, t as never))).toEqual(['CLOCK_BREACH', 'MANUAL']);
  });

  it('raises for every trigger switched on', () => {
    const p = policy([level(1)], { clockWarning: true, clockBreach: false, unacknowledgedAfter: 'PT10M', objectiveBreached: true });
    expect(['CLOCK_WARNING', 'CLOCK_BREACH', 'UNACKNOWLEDGED', 'OBJECTIVE_BREACHED', 'MANUAL'].filter((t) => policyRaises(p, t as never))).toEqual(['CLOCK_WARNING', 'UNACKNOWLEDGED', 'OBJECTIVE_BREACHED', 'MANUAL']);
  });

  it('never raises without levels, not even by hand', () => {
    const p = policy([], { clockWarning: true, unacknowledgedAfter: 'PT10M', objectiveBreached: true });
    for (const t of ['CLOCK_WARNING', 'CLOCK_BREACH', 'UNACKNOWLEDGED', 'OBJECTIVE_BREACHED', 'MANUAL'] as const) expect(policyRaises(p, t)).toBe(false);
  });
});

describe('unacknowledgedAfterMs', () => {
  it.each<[string | null, number | null]>([
    ['PT20M', 20 * 60_000],
    ['P1DT1H', 25 * 3_600_000],
    ['PT0S', null],
    ['P1M', null],
    ['soon', null],
    [null, null],
  ])('%j -> %j', (after, ms) => {
    expect(unacknowledgedAfterMs(policy([level(1)], { unacknowledgedAfter: after }))).toBe(ms);
  });

  it('is null without levels', () => {
    expect(unacknowledgedAfterMs(policy([], { unacknowledgedAfter: 'PT5M' }))).toBeNull();
  });
});

describe('nextLevelDue', () => {
  const levels = [level(1, { after: 'PT30M' }), level(2, { after: 'PT1H' }), level(3, { after: 'P1D' })];

  it("is the level's `after` from the moment it was notified", () => {
    expect(nextLevelDue(levels, 1, T0)).toEqual(new Date('2026-03-29T01:00:00Z'));
    expect(nextLevelDue(levels, 2, T0)).toEqual(new Date('2026-03-29T01:30:00Z'));
  });

  it('is null at the last level, whatever its `after`', () => {
    expect(nextLevelDue(levels, 3, T0)).toBeNull();
    expect(nextLevelDue([level(1)], 1, T0)).toBeNull();
  });

  it('counts days as 24 hours of real time, across a DST change', () => {
    expect(nextLevelDue([level(1, { after: 'P1D' }), level(2)], 1, T0)).toEqual(new Date('2026-03-30T00:30:00Z'));
  });
  it('a level without a usable duration does not advance (the policy rules refuse it on input)', () => {
    expect(nextLevelDue([level(1, { after: 'PT0S' }), level(2)], 1, T0)).toBeNull();
  });
});

describe('nextLevelDue in business hours (a level with a calendar)', () => {
  // Berlin office hours, Monday to Friday 09:00-17:00, German public holidays.
  const office: CalendarSpec = {
    timeZone: 'Europe/Berlin',
    weeklyHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, from: '09:00', to: '17:00' })),
    holidayCountry: 'DE',
    holidayRegion: null,
    closedDates: ['2026-06-05'],
    openDates: [],
  };
  const calendars = new Map([['cal-office', office]]);
  const due = (after: string, notifiedAt: string, calendar: string | null = 'cal-office') =>
    nextLevelDue([level(1, { after, calendar }), level(2)], 1, new Date(notifiedAt), calendars)?.toISOString();

  it.each([
    ['within one day', 'PT2H', '2026-05-12T08:00:00Z', '2026-05-12T10:00:00.000Z'], // Tue 10:00 CEST -> 12:00
    ['across a weekend: Friday 16:00, 4 business hours -> Monday 12:00', 'PT4H', '2026-05-15T14:00:00Z', '2026-05-18T10:00:00.000Z'],
    ['across a public holiday (Ascension Day, Thursday 2026-05-14): Wednesday 15:00, 4 h -> Friday 11:00', 'PT4H', '2026-05-13T13:00:00Z', '2026-05-15T09:00:00.000Z'],
    ['across a closed date of the calendar (Friday 2026-06-05): Thursday 16:00, 2 h -> Monday 10:00', 'PT2H', '2026-06-04T14:00:00Z', '2026-06-08T08:00:00.000Z'],
    ['across the March DST change: Friday 16:00 CET, 2 h -> Monday 10:00 CEST', 'PT2H', '2026-03-27T15:00:00Z', '2026-03-30T08:00:00.000Z'],
    ['across the October DST change: Friday 16:00 CEST, 2 h -> Monday 10:00 CET', 'PT2H', '2026-10-23T14:00:00Z', '2026-10-26T09:00:00.000Z'],
    ['notified at night: counting starts at the next opening', 'PT30M', '2026-05-12T03:00:00Z', '2026-05-12T07:30:00.000Z'],
    ['notified on a Saturday: Monday 09:00 + 1 h', 'PT1H', '2026-05-16T10:00:00Z', '2026-05-18T08:00:00.000Z'],
    ['ending exactly at closing time stays on that day', 'PT1H', '2026-05-12T14:00:00Z', '2026-05-12T15:00:00.000Z'],
    ['P1D is 24 open hours (three office days), not a calendar day', 'P1D', '2026-05-19T07:00:00Z', '2026-05-21T15:00:00.000Z'],
  ])('%s', (_, after, notifiedAt, expected) => {
    expect(due(after, notifiedAt)).toBe(expected);
  });

  it('a level without a calendar counts all time, even next to one that has one', () => {
    expect(due('PT4H', '2026-05-15T14:00:00Z', null)).toBe('2026-05-15T18:00:00.000Z');
  });

  it('each level counts in its own calendar: level 2 in business hours, level 1 in all time', () => {
    const levels = [level(1, { after: 'PT1H' }), level(2, { after: 'PT1H', calendar: 'cal-office' }), level(3)];
    expect(nextLevelDue(levels, 1, new Date('2026-05-15T15:30:00Z'), calendars)).toEqual(new Date('2026-05-15T16:30:00Z'));
    // Friday 17:30, after closing: Monday 09:00 + 1 h.
    expect(nextLevelDue(levels, 2, new Date('2026-05-15T15:30:00Z'), calendars)).toEqual(new Date('2026-05-18T08:00:00Z'));
  });

  it('a calendar that never opens counts all time rather than never escalating; a calendar not read is a bug', () => {
    const closed = new Map([['cal-closed', { ...office, weeklyHours: [] }]]);
    expect(nextLevelDue([level(1, { after: 'PT1H', calendar: 'cal-closed' }), level(2)], 1, new Date('2026-05-15T14:00:00Z'), closed)).toEqual(new Date('2026-05-15T15:00:00Z'));
    expect(() => nextLevelDue([level(1, { calendar: 'cal-unknown' }), level(2)], 1, new Date('2026-05-15T14:00:00Z'), calendars)).toThrow('was not read');
  });

  it('is still null at the last level', () => {
    expect(nextLevelDue([level(1, { calendar: 'cal-office' })], 1, new Date('2026-05-15T14:00:00Z'), calendars)).toBeNull();
  });

});

describe('notificationsOf', () => {
  it('one entry per channel that names someone, duplicates removed, in the order roles, people, webhooks', () => {
    expect(notificationsOf(level(1, { notifyRoles: ['ANALYST', 'ANALYST'], notifyUsers: ['a@x', 'b@x', 'a@x'], notifyWebhookEndpoints: ['e1'] }))).toEqual([
      { channel: 'ROLE', recipients: ['ANALYST'] },
      { channel: 'USER', recipients: ['a@x', 'b@x'] },
      { channel: 'WEBHOOK', recipients: ['e1'] },
    ]);
  });

  it('leaves out channels without anyone', () => {
    expect(notificationsOf(level(1, { notifyRoles: [], notifyUsers: ['a@x'] }))).toEqual([{ channel: 'USER', recipients: ['a@x'] }]);
  });
});

describe('endpointsUpTo and levelOf', () => {
  const levels = [level(1, { notifyWebhookEndpoints: ['e1', 'e2'] }), level(2, { notifyWebhookEndpoints: ['e2', 'e3'] }), level(3, { notifyWebhookEndpoints: ['e4'] })];

  it('every endpoint notified so far hears how it ends, once each', () => {
    expect(endpointsUpTo(levels, 1)).toEqual(['e1', 'e2']);
    expect(endpointsUpTo(levels, 2)).toEqual(['e1', 'e2', 'e3']);
  });

  it('levelOf finds a level by number, and fails loudly for one that does not exist', () => {
    expect(levelOf(levels, 2).notifyWebhookEndpoints).toEqual(['e2', 'e3']);
    expect(() => levelOf(levels, 4)).toThrow('no level 4');
  });

  it('snapshotLevels copies: a later change of the terms object does not change an escalation', () => {
    const p = policy([level(1)]);
    const snap = snapshotLevels(p);
    p.levels[0].notifyRoles.push('PROVIDER_ADMIN' as never);
    expect(snap[0].notifyRoles).toEqual(['ACCOUNT_MANAGER']);
  });
});
