import { UserError } from '../../common/errors';
import { DEFAULT_DISPUTE_PROCEDURE } from '../agreements/terms';
import { addCalendarDuration, claimWindowEnd, escalationTarget, onDeadline, requireAnswerable, requireWithinWindow, responseDue, snapshotProcedure, type ClaimState } from './claim-procedure';

const procedure = snapshotProcedure({
  claimWindow: 'P30D',
  responseDeadline: 'P10D',
  stages: [
    { name: 'Account manager', responseDeadline: null },
    { name: 'Service manager', responseDeadline: 'P5D' },
    { name: 'Executive', responseDeadline: 'PT48H' },
  ],
});

describe('the procedure a claim keeps', () => {
  it('gives every stage its own deadline, the procedure\'s where the stage sets none', () => {
    expect(procedure.stages.map((s) => s.responseDeadline)).toEqual(['P10D', 'P5D', 'PT48H']);
  });

  it('defaults to a 30-day window, 10 days per stage, three stages', () => {
    expect(snapshotProcedure(DEFAULT_DISPUTE_PROCEDURE)).toEqual({
      claimWindow: 'P30D',
      stages: [
        { name: 'Account manager', responseDeadline: 'P10D' },
        { name: 'Service manager', responseDeadline: 'P10D' },
        { name: 'Executive', responseDeadline: 'P10D' },
      ],
    });
  });
});

describe('calendar durations in the provider\'s time zone', () => {
  it.each([
    // [from, duration, zone, expected]
    ['2026-10-02T22:00:00.000Z', 'P30D', 'Europe/Berlin', '2026-11-01T23:00:00.000Z'], // across the end of DST: midnight Berlin stays midnight
    ['2026-03-20T09:00:00.000Z', 'P10D', 'Europe/Berlin', '2026-03-30T08:00:00.000Z'], // across the start of DST: 10:00 Berlin stays 10:00
    ['2026-03-20T09:00:00.000Z', 'PT240H', 'Europe/Berlin', '2026-03-30T09:00:00.000Z'], // hours are elapsed time
    ['2026-01-31T12:00:00.000Z', 'P1M', 'UTC', '2026-02-28T12:00:00.000Z'], // a month from the 31st: the month's last day
    ['2026-10-02T22:00:00.000Z', 'P30D', 'UTC', '2026-11-01T22:00:00.000Z'],
  ])('%s + %s in %s = %s', (from, duration, zone, expected) => {
    expect(addCalendarDuration(new Date(from), duration, zone).toISOString()).toBe(expected);
  });

  it('refuses what is not a duration', () => {
    expect(() => addCalendarDuration(new Date(0), 'ten days', 'UTC')).toThrow(RangeError);
  });
});

describe('the claim window', () => {
  const issued = new Date('2026-10-02T22:00:00.000Z');
  const end = claimWindowEnd(issued, procedure, 'Europe/Berlin')!;

  it.each([
    ['2026-10-03T08:00:00.000Z', true],
    ['2026-11-01T22:59:59.999Z', true],
    ['2026-11-01T23:00:00.000Z', true], // exactly at the end: in time
    ['2026-11-01T23:00:00.001Z', false],
    ['2027-01-01T00:00:00.000Z', false],
  ])('filed at %s: in time %s', (at, inTime) => {
    const file = () => requireWithinWindow(new Date(at), end, ['statementId'], 'this statement');
    if (inTime) expect(file).not.toThrow();
    else {
      expect(file).toThrow(UserError);
      try {
        file();
      } catch (e) {
        expect(e).toMatchObject({ code: 'NOT_ALLOWED', field: ['statementId'] });
        expect((e as Error).message).toContain('2026-11-01T23:00:00.000Z');
      }
    }
  });

  it('has not started while nothing has settled (an incident of a month not closed yet)', () => {
    expect(claimWindowEnd(null, procedure, 'UTC')).toBeNull();
    expect(() => requireWithinWindow(new Date('2030-01-01T00:00:00Z'), null, ['incidentId'], 'x')).not.toThrow();
  });
});

describe('moving through the stages', () => {
  const state = (status: ClaimState['status'], stage: number): ClaimState => ({ status, stage, stageCount: 3 });

  it('asks the provider for an answer only while OPEN', () => {
    expect(() => requireAnswerable(state('OPEN', 1))).not.toThrow();
    for (const s of ['ACCEPTED', 'PARTIALLY_ACCEPTED', 'REJECTED'] as const) expect(() => requireAnswerable(state(s, 1))).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
  });

  it.each([
    ['REJECTED', 1, 2],
    ['PARTIALLY_ACCEPTED', 2, 3],
  ] as const)('the customer escalates a %s claim at stage %i to stage %i', (status, stage, next) => {
    expect(escalationTarget(state(status, stage))).toBe(next);
  });

  it.each([
    ['ACCEPTED', 1, 'INVALID_STATE'],
    ['OPEN', 1, 'INVALID_STATE'],
    ['REJECTED', 3, 'NOT_ALLOWED'],
  ] as const)('refuses to escalate a %s claim at stage %i (%s)', (status, stage, code) => {
    expect(() => escalationTarget(state(status, stage))).toThrow(expect.objectContaining({ code, field: ['id'] }));
  });

  const due = new Date('2026-10-13T08:00:00.000Z');
  it.each([
    ['before the deadline', state('OPEN', 1), 1, '2026-10-13T07:59:59.999Z', false, { missed: false }],
    ['at the deadline', state('OPEN', 1), 1, '2026-10-13T08:00:00.000Z', false, { missed: true, nextStage: 2 }],
    ['late (after downtime)', state('OPEN', 2), 2, '2026-12-01T00:00:00.000Z', false, { missed: true, nextStage: 3 }],
    ['at the last stage: stays, overdue', state('OPEN', 3), 3, '2026-10-14T00:00:00.000Z', false, { missed: true, nextStage: null }],
    ['a second run at the last stage', state('OPEN', 3), 3, '2026-10-14T00:00:00.000Z', true, { missed: false }],
    ['after an answer', state('REJECTED', 1), 1, '2026-10-14T00:00:00.000Z', false, { missed: false }],
    ['for a stage it has left', state('OPEN', 2), 1, '2026-10-14T00:00:00.000Z', false, { missed: false }],
  ] as const)('a deadline job %s', (_name, s, stage, now, missedBefore, expected) => {
    expect(onDeadline(s, stage, due, new Date(now), missedBefore)).toEqual(expected);
  });

  it('dates each stage\'s answer from when it began, by the stage\'s own deadline', () => {
    const from = new Date('2026-10-03T08:00:00.000Z');
    expect(responseDue(procedure, 1, from, 'Europe/Berlin').toISOString()).toBe('2026-10-13T08:00:00.000Z');
    expect(responseDue(procedure, 2, from, 'Europe/Berlin').toISOString()).toBe('2026-10-08T08:00:00.000Z');
    expect(responseDue(procedure, 3, from, 'Europe/Berlin').toISOString()).toBe('2026-10-05T08:00:00.000Z');
  });
});
