import { UserError } from '../../common/errors';
import { type EscalationStatus } from '../../db/entities/escalation.entity';
import { afterAction, afterIncidentResolved, mayAdvance } from './escalation-state';

const STATUSES: EscalationStatus[] = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED', 'CANCELLED'];

describe('afterAction', () => {
  it.each<[EscalationStatus, EscalationStatus | null | 'INVALID_STATE']>([
    ['OPEN', 'ACKNOWLEDGED'],
    ['ACKNOWLEDGED', null],
    ['RESOLVED', 'INVALID_STATE'],
    ['CANCELLED', 'INVALID_STATE'],
  ])('acknowledging %s -> %s', (from, expected) => {
    if (expected === 'INVALID_STATE') {
      expect(() => afterAction(from, 'ACKNOWLEDGE')).toThrow(UserError);
      try {
        afterAction(from, 'ACKNOWLEDGE');
      } catch (e) {
        expect((e as UserError).code).toBe('INVALID_STATE');
        expect((e as UserError).field).toEqual(['id']);
      }
    } else {
      expect(afterAction(from, 'ACKNOWLEDGE')).toBe(expected);
    }
  });

  it.each<[EscalationStatus, EscalationStatus | null | 'INVALID_STATE']>([
    ['OPEN', 'RESOLVED'],
    ['ACKNOWLEDGED', 'RESOLVED'],
    ['RESOLVED', null],
    ['CANCELLED', 'INVALID_STATE'],
  ])('resolving %s -> %s', (from, expected) => {
    if (expected === 'INVALID_STATE') expect(() => afterAction(from, 'RESOLVE')).toThrow('cannot be resolved');
    else expect(afterAction(from, 'RESOLVE')).toBe(expected);
  });
});

describe('afterIncidentResolved', () => {
  it('acknowledged escalations resolve with their incident; ones nobody acknowledged are cancelled; closed ones stay', () => {
    expect(Object.fromEntries(STATUSES.map((s) => [s, afterIncidentResolved(s)]))).toEqual({ OPEN: 'CANCELLED', ACKNOWLEDGED: 'RESOLVED', RESOLVED: null, CANCELLED: null });
  });
});

describe('mayAdvance', () => {
  it('only an OPEN escalation still at the level the job was scheduled for, below the last level', () => {
    expect(mayAdvance({ status: 'OPEN', currentLevel: 1, levelCount: 3 }, 1)).toBe(true);
    expect(mayAdvance({ status: 'OPEN', currentLevel: 2, levelCount: 3 }, 1)).toBe(false); // the job ran before
    expect(mayAdvance({ status: 'OPEN', currentLevel: 3, levelCount: 3 }, 3)).toBe(false); // nobody above
    for (const status of ['ACKNOWLEDGED', 'RESOLVED', 'CANCELLED'] as const) expect(mayAdvance({ status, currentLevel: 1, levelCount: 3 }, 1)).toBe(false);
  });
});
