import { Field, ID, ObjectType } from 'type-graphql';
import { toGlobalId } from '../../common/global-id';
import { type DomainEventEntity } from '../../db/entities/domain-event.entity';
import { incidentOfEvent } from '../../domain/events/event-incident';
import { DateTimeScalar, JSONScalar } from '../core/scalars';

@ObjectType('LiveEvent', {
  description:
    'Something that just happened to an incident or an escalation, as subscriptions deliver it. Its references (subject, incident, customer, agreement) resolve like any object: ask for the fields you show.',
})
export class LiveEvent {
  @Field({ description: 'The id of the event, the same one its webhook deliveries carry (a uuid, not a global id: events are not nodes). Deduplicate on it.' }) eventId: string;
  @Field({ description: 'What happened, e.g. "incident.reported", "incident.updated", "escalation.raised": the names webhooks use.' }) type: string;
  @Field(() => DateTimeScalar, { description: 'When it happened.' }) occurredAt: Date;
  @Field(() => DateTimeScalar, { description: 'When the API recorded it.' }) recordedAt: Date;
  @Field({ description: 'The type of its subject: Incident, Escalation, ...' }) subjectType: string;
  @Field(() => ID, { description: 'The global id of its subject (an Incident, an Escalation); fetch it with node(id:).' }) subjectId: string;
  @Field(() => JSONScalar, { description: 'The event body, exactly as webhook receivers get it: global ids, ISO times, plain values.' }) data: Record<string, unknown>;
  subjectUuid: string;
  incidentUuid: string | null;
  customerUuid: string | null;
  agreementUuid: string | null;
}

export function toLiveEvent(e: DomainEventEntity): LiveEvent {
  return Object.assign(new LiveEvent(), {
    eventId: e.id,
    type: e.type,
    occurredAt: e.occurredAt,
    recordedAt: e.recordedAt,
    subjectType: e.subjectType,
    subjectId: toGlobalId(e.subjectType, e.subjectId),
    data: e.data,
    subjectUuid: e.subjectId,
    incidentUuid: incidentOfEvent(e),
    customerUuid: e.customerId,
    agreementUuid: e.agreementId,
  });
}
