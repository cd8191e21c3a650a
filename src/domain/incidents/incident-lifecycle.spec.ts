import { UserError } from '../../common/errors';
import { type IncidentStatus } from '../../common/incident-statuses';
import { mayMove, nextStatus, type IncidentTarget } from './incident-lifecycle';

describe('incident lifecycle over status meanings', () => {
  it.each<[IncidentStatus, IncidentTarget, boolean]>([
    ['OPEN', 'ACKNOWLEDGED', true],
    ['OPEN', 'SCHEDULED', true], // a schedule agreed at once is the response
    ['ACKNOWLEDGED', 'WAITING_ON_THIRD_PARTY', true],
    ['IN_PROGRESS', 'ACKNOWLEDGED', false],
    ['IN_PROGRESS', 'RESOLVED_PENDING_CONFIRMATION', true],
    ['WAITING_ON_THIRD_PARTY', 'WAITING_ON_CUSTOMER', true], // between waiting states directly
    ['SCHEDULED', 'IN_PROGRESS', true],
    ['RESOLVED_PENDING_CONFIRMATION', 'RESOLVED', true], // confirmed
    ['RESOLVED_PENDING_CONFIRMATION', 'IN_PROGRESS', true], // not confirmed
    ['RESOLVED_PENDING_CONFIRMATION', 'CLOSED', false],
    ['RESOLVED_PENDING_CONFIRMATION', 'REOPENED', false], // it was never resolved
    ['RESOLVED', 'WAITING_ON_CUSTOMER', false],
    ['RESOLVED', 'REOPENED', true],
    ['CLOSED', 'REOPENED', true],
    ['CLOSED', 'RESOLVED', false],
  ])('%s -> %s: %s', (from, to, allowed) => {
    expect(mayMove(from, to)).toBe(allowed);
  });

  it('a reopen goes back to IN_PROGRESS; a refused move names the field the caller gave', () => {
    expect(nextStatus('CLOSED', 'REOPENED')).toBe('IN_PROGRESS');
    expect(() => nextStatus('CLOSED', 'RESOLVED', 'status')).toThrow(UserError);
    try {
      nextStatus('CLOSED', 'RESOLVED', 'status');
    } catch (e) {
      expect((e as UserError).field).toEqual(['status']);
      expect((e as UserError).code).toBe('INVALID_STATE');
    }
  });
});
