import { type PastIncident, pastTimeline } from './incident-history';

const d = (iso: string) => new Date(iso);
const NOW = d('2026-03-05T00:00:00Z');
const base: PastIncident = { customerId: 'c', serviceId: 's', priority: 'P1', impact: 'OUTAGE', title: 'Down', startedAt: d('2026-01-10T10:00:00Z'), externalId: 'I-1' };

describe('the timeline of a past incident', () => {
  it('reports, responds, waits on the customer, changes priority, resolves and closes, in time order', () => {
    const { steps, problems, status, priority } = pastTimeline(
      {
        ...base,
        acknowledgedAt: d('2026-01-10T10:05:00Z'),
        waitingOnCustomer: [{ from: d('2026-01-10T11:00:00Z'), to: d('2026-01-10T12:00:00Z') }],
        priorityChanges: [{ at: d('2026-01-10T10:30:00Z'), priority: 'P2' }],
        resolvedAt: d('2026-01-10T13:00:00Z'),
        closedAt: d('2026-01-11T09:00:00Z'),
      },
      NOW,
    );
    expect(problems).toEqual([]);
    expect(steps.map((s) => [s.type, s.at.toISOString().slice(11, 16), s.toStatus ?? s.priority])).toEqual([
      ['REPORTED', '10:00', 'OPEN'],
      ['STATUS_CHANGED', '10:05', 'ACKNOWLEDGED'],
      ['PRIORITY_CHANGED', '10:30', 'P2'],
      ['STATUS_CHANGED', '11:00', 'WAITING_ON_CUSTOMER'],
      ['STATUS_CHANGED', '12:00', 'IN_PROGRESS'],
      ['STATUS_CHANGED', '13:00', 'RESOLVED'],
      ['STATUS_CHANGED', '09:00', 'CLOSED'],
    ]);
    expect([status, priority]).toEqual(['CLOSED', 'P2']);
  });

  it('a wait that ends at the resolution: resolved from waiting; without a first response the resolution is the first move', () => {
    const waited = pastTimeline({ ...base, acknowledgedAt: d('2026-01-10T10:01:00Z'), waitingOnCustomer: [{ from: d('2026-01-10T10:30:00Z'), to: d('2026-01-10T11:00:00Z') }], resolvedAt: d('2026-01-10T11:00:00Z') }, NOW);
    expect(waited.steps.map((s) => s.toStatus)).toEqual(['OPEN', 'ACKNOWLEDGED', 'WAITING_ON_CUSTOMER', 'RESOLVED']);
    const direct = pastTimeline({ ...base, resolvedAt: d('2026-01-10T11:00:00Z') }, NOW);
    expect(direct.steps.map((s) => [s.fromStatus, s.toStatus])).toEqual([[null, 'OPEN'], ['OPEN', 'RESOLVED']]);
  });

  it('an incident still open stays open', () => {
    expect(pastTimeline({ ...base, acknowledgedAt: d('2026-01-10T10:05:00Z') }, NOW).status).toBe('ACKNOWLEDGED');
  });

  it.each([
    ['a start in the future', { startedAt: d('2026-04-01T00:00:00Z') }, ['startedAt']],
    ['a first response before the start', { acknowledgedAt: d('2026-01-10T09:00:00Z') }, ['acknowledgedAt']],
    ['a resolution before the first response', { acknowledgedAt: d('2026-01-10T11:00:00Z'), resolvedAt: d('2026-01-10T10:30:00Z') }, ['resolvedAt']],
    ['closed without resolution', { closedAt: d('2026-01-11T00:00:00Z') }, ['closedAt']],
    ['a resolution in the future', { resolvedAt: d('2026-04-01T00:00:00Z') }, ['resolvedAt']],
    ['a wait before the first response', { acknowledgedAt: d('2026-01-10T11:00:00Z'), waitingOnCustomer: [{ from: d('2026-01-10T10:30:00Z'), to: d('2026-01-10T12:00:00Z') }] }, ['waitingOnCustomer', 0, 'from']],
    ['overlapping waits', { waitingOnCustomer: [{ from: d('2026-01-10T11:00:00Z'), to: d('2026-01-10T12:00:00Z') }, { from: d('2026-01-10T11:30:00Z'), to: d('2026-01-10T13:00:00Z') }] }, ['waitingOnCustomer', 1, 'from']],
    ['a wait after the resolution', { resolvedAt: d('2026-01-10T11:00:00Z'), waitingOnCustomer: [{ from: d('2026-01-10T10:30:00Z'), to: d('2026-01-10T12:00:00Z') }] }, ['waitingOnCustomer', 0, 'to']],
    ['a priority change after the resolution', { resolvedAt: d('2026-01-10T11:00:00Z'), priorityChanges: [{ at: d('2026-01-10T12:00:00Z'), priority: 'P2' }] }, ['priorityChanges', 0, 'at']],
  ])('refuses %s, naming the field', (_name, change, field) => {
    const { problems } = pastTimeline({ ...base, ...(change as Partial<PastIncident>) }, NOW);
    expect(problems.map((p) => p.field)).toEqual([field]);
  });
});
