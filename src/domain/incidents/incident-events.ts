import { EventType } from '../../common/event-types';
import { toGlobalId } from '../../common/global-id';
import { type IncidentEntity } from '../../db/entities/incident.entity';
import { type ClockState } from '../clocks/sla-clock';
import { type NewEvent } from '../events/event.service';
import { type SupportingOwner } from './incident.domain-events';

/** What changed in an incident.updated event: each present key changed (a note is a public update). */
export interface IncidentChanges {
  status?: { from: string; to: string };
  /** The provider's own status keys, when one side is not the built-in status of its meaning. */
  statusKey?: { from: string; to: string };
  priority?: { from: string; to: string };
  impact?: { from: string; to: string };
  note?: string;
  /** A message of the customer's side (not a public update). */
  customerMessage?: string;
  reopened?: boolean;
}

/** The incident as event bodies show it: global ids, ISO times. */
export function incidentSnapshot(i: IncidentEntity): Record<string, unknown> {
  return {
    incident: toGlobalId('Incident', i.id),
    customer: toGlobalId('Customer', i.customerId),
    service: toGlobalId('Service', i.serviceId),
    agreement: i.agreementId ? toGlobalId('Agreement', i.agreementId) : null,
    revision: i.revisionId ? toGlobalId('AgreementRevision', i.revisionId) : null,
    title: i.title,
    status: i.status,
    statusKey: i.statusKey ?? i.status,
    category: i.category ?? null,
    channel: i.channel ?? null,
    priority: i.priority,
    impact: i.impact,
    startedAt: i.startedAt.toISOString(),
    resolvedAt: i.resolvedAt?.toISOString() ?? null,
    externalId: i.externalId,
  };
}

function incidentEvent(type: EventType, i: IncidentEntity, data: Record<string, unknown>, occurredAt?: Date): NewEvent {
  return {
    type,
    providerId: i.providerId,
    customerId: i.customerId,
    agreementId: i.agreementId,
    subjectType: 'Incident',
    subjectId: i.id,
    data,
    occurredAt,
  };
}

/** incident.reported: a new incident, as recorded. */
export const incidentReported = (i: IncidentEntity): NewEvent => incidentEvent(EventType.INCIDENT_REPORTED, i, incidentSnapshot(i));

/**
 * After a change: incident.resolved when it became RESOLVED, incident.updated otherwise (another
 * status, priority, impact, a public update), with what changed.
 */
export function incidentChanged(i: IncidentEntity, changes: IncidentChanges, at: Date): NewEvent {
  const type = changes.status?.to === 'RESOLVED' ? EventType.INCIDENT_RESOLVED : EventType.INCIDENT_UPDATED;
  return incidentEvent(type, i, { ...incidentSnapshot(i), changes }, at);
}

/** incident.warning or incident.breached: the incident as every incident event shows it, and the clock that warned or breached. */
export function clockWarnedOrBreached(i: IncidentEntity, type: 'CLOCK_WARNING' | 'CLOCK_BREACHED', at: Date, clock: ClockState, supporting?: SupportingOwner): NewEvent {
  const event = incidentEvent(
    type === 'CLOCK_WARNING' ? EventType.INCIDENT_WARNING : EventType.INCIDENT_BREACHED,
    i,
    {
      ...incidentSnapshot(i),
      clock: {
        metric: clock.metric,
        priority: clock.priority,
        targetSeconds: clock.targetMs == null ? null : clock.targetMs / 1000,
        dueAt: clock.dueAt?.toISOString() ?? null,
        // A supporting party's clock (OLA, underpinning contract) names the party; the customer's clocks do not.
        ...(supporting ? { supportingParty: supportingPartyShown(supporting) } : {}),
      },
      at: at.toISOString(),
    },
    at,
  );
  // A supporting party's clock is the provider's own business: an event of no customer, which customer users never receive.
  return supporting ? { ...event, customerId: null } : event;
}

/** A supporting party as event bodies and timeline records show it. */
export function supportingPartyShown(s: SupportingOwner): Record<string, unknown> {
  return { id: toGlobalId('SupportingParty', s.partyId), name: s.partyName, kind: s.partyKind, agreement: toGlobalId('Agreement', s.agreementId) };
}
