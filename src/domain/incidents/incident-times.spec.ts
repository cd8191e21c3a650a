import { UserError, UserErrors } from '../../common/errors';
import { planTimeCorrection, type TimelineEvent } from './incident-times';

const d = (iso: string) => new Date(iso);
const event = (id: string, type: string, at: string, fromStatus: string | null = null, toStatus: string | null = null): TimelineEvent => ({ id, type, at: d(at), fromStatus, toStatus });

/** Reported 10:00, acknowledged 10:40, in progress 10:50, resolved 11:00. */
const timeline = [
  event('1', 'REPORTED', '2026-09-20T10:00:00Z', null, 'OPEN'),
  event('2', 'STATUS_CHANGED', '2026-09-20T10:40:00Z', 'OPEN', 'ACKNOWLEDGED'),
  event('3', 'STATUS_CHANGED', '2026-09-20T10:50:00Z', 'ACKNOWLEDGED', 'IN_PROGRESS'),
  event('4', 'STATUS_CHANGED', '2026-09-20T11:00:00Z', 'IN_PROGRESS', 'RESOLVED'),
];
const now = d('2026-09-22T00:00:00Z');

const fieldsOf = (fn: () => unknown): string[][] => {
  try {
    fn();
  } catch (e) {
    if (e instanceof UserErrors) return e.errors.map((x) => x.field as string[]);
    if (e instanceof UserError) return [e.field as string[]];
    throw e;
  }
  return [];
};

describe('planTimeCorrection', () => {
  it('moves the first response, keeping the rest, and says what moved', () => {
    const plan = planTimeCorrection(timeline, true, { acknowledgedAt: d('2026-09-20T10:10:00Z') }, now);
    expect(plan.moves).toEqual([{ eventId: '2', field: 'acknowledgedAt', from: d('2026-09-20T10:40:00Z'), to: d('2026-09-20T10:10:00Z') }]);
    expect(plan.before).toEqual({ startedAt: '2026-09-20T10:00:00.000Z', acknowledgedAt: '2026-09-20T10:40:00.000Z', resolvedAt: '2026-09-20T11:00:00.000Z' });
    expect(plan.after).toEqual({ startedAt: '2026-09-20T10:00:00.000Z', acknowledgedAt: '2026-09-20T10:10:00.000Z', resolvedAt: '2026-09-20T11:00:00.000Z' });
  });

  it('moves several times at once, each judged against the corrected neighbours', () => {
    const plan = planTimeCorrection(timeline, true, { startedAt: d('2026-09-20T09:30:00Z'), resolvedAt: d('2026-09-20T12:00:00Z') }, now);
    expect(plan.moves.map((m) => m.field)).toEqual(['startedAt', 'resolvedAt']);
  });

  it.each<[string, Record<string, string>, boolean, string[][]]>([
    ['a first response after the next event', { acknowledgedAt: '2026-09-20T10:55:00Z' }, true, [['acknowledgedAt']]],
    ['a start after the first response', { startedAt: '2026-09-20T10:45:00Z' }, true, [['startedAt']]],
    ['a resolution before the event before it', { resolvedAt: '2026-09-20T10:45:00Z' }, true, [['resolvedAt']]],
    ['a time in the future', { resolvedAt: '2026-09-23T00:00:00Z' }, true, [['resolvedAt']]],
    ['a resolution of an incident not resolved', { resolvedAt: '2026-09-20T10:59:00Z' }, false, [['resolvedAt']]],
    ['nothing that differs', { acknowledgedAt: '2026-09-20T10:40:00Z' }, true, [['acknowledgedAt']]],
    ['nothing at all', {}, true, [['startedAt']]],
    ['two bad fields at once: both named', { acknowledgedAt: '2026-09-23T00:00:00Z', resolvedAt: '2026-09-24T00:00:00Z' }, true, [['acknowledgedAt'], ['resolvedAt']]],
  ])('refuses %s, naming the field', (_what, times, resolved, fields) => {
    const input = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, d(v)]));
    expect(fieldsOf(() => planTimeCorrection(timeline, resolved, input, now))).toEqual(fields);
  });

  it('an incident never responded to has no first response to correct', () => {
    expect(fieldsOf(() => planTimeCorrection([timeline[0]], false, { acknowledgedAt: d('2026-09-20T10:10:00Z') }, now, ['input']))).toEqual([['input', 'acknowledgedAt']]);
  });
});
