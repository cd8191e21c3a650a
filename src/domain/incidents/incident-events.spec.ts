import { type IncidentEntity } from '../../db/entities/incident.entity';
import { fromGlobalId } from '../../common/global-id';
import { incidentChanged, incidentReported } from './incident-events';

const incident = (over: Partial<IncidentEntity> = {}): IncidentEntity =>
  ({
    id: '11111111-1111-4111-8111-111111111111',
    providerId: '22222222-2222-4222-8222-222222222222',
    customerId: '33333333-3333-4333-8333-333333333333',
    serviceId: '44444444-4444-4444-8444-444444444444',
    agreementId: '55555555-5555-4555-8555-555555555555',
    revisionId: null,
    title: 'Database down',
    status: 'OPEN',
    priority: 'P1',
    impact: 'OUTAGE',
    startedAt: new Date('2026-06-01T08:00:00Z'),
    resolvedAt: null,
    externalId: 'ext-1',
    ...over,
  }) as IncidentEntity;

describe('incident events', () => {
  it('incident.reported carries the incident with global ids and ISO times, scoped to its customer and agreement', () => {
    const e = incidentReported(incident());
    expect(e).toMatchObject({ type: 'incident.reported', subjectType: 'Incident', subjectId: incident().id, customerId: incident().customerId, agreementId: incident().agreementId });
    expect(fromGlobalId(e.data.incident as string)).toEqual({ type: 'Incident', uuid: incident().id });
    expect(fromGlobalId(e.data.customer as string)).toEqual({ type: 'Customer', uuid: incident().customerId });
    expect(e.data).toMatchObject({ status: 'OPEN', priority: 'P1', impact: 'OUTAGE', startedAt: '2026-06-01T08:00:00.000Z', revision: null });
    expect(e.occurredAt).toBeUndefined();
  });

  it('a move to RESOLVED is incident.resolved; any other change is incident.updated, with what changed and when', () => {
    const at = new Date('2026-06-01T09:00:00Z');
    const resolved = incidentChanged(incident({ status: 'RESOLVED', resolvedAt: at }), { status: { from: 'IN_PROGRESS', to: 'RESOLVED' } }, at);
    expect(resolved.type).toBe('incident.resolved');
    expect(resolved.occurredAt).toBe(at);
    expect(resolved.data).toMatchObject({ resolvedAt: '2026-06-01T09:00:00.000Z', changes: { status: { from: 'IN_PROGRESS', to: 'RESOLVED' } } });

    const closed = incidentChanged(incident({ status: 'CLOSED' }), { status: { from: 'RESOLVED', to: 'CLOSED' } }, at);
    expect(closed.type).toBe('incident.updated');
    const reprioritised = incidentChanged(incident({ priority: 'P2' }), { priority: { from: 'P1', to: 'P2' }, note: 'Workaround in place' }, at);
    expect(reprioritised.type).toBe('incident.updated');
    expect(reprioritised.data.changes).toEqual({ priority: { from: 'P1', to: 'P2' }, note: 'Workaround in place' });
  });

  it('an incident no agreement covers has no agreement', () => {
    expect(incidentReported(incident({ agreementId: null })).agreementId).toBeNull();
    expect(incidentReported(incident({ agreementId: null })).data.agreement).toBeNull();
  });
});
