import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { type IncidentEventEntity } from '../../db/entities/incident-event.entity';
import { type IncidentEntity } from '../../db/entities/incident.entity';
import { ConnectionType } from '../core/connection';
import { Priority } from '../core/enums';
import { globalId } from '../core/ids';
import { Node } from '../core/node.interface';
import { DateTimeScalar, JSONScalar } from '../core/scalars';

export enum IncidentStatusEnum {
  OPEN = 'OPEN',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  IN_PROGRESS = 'IN_PROGRESS',
  WAITING_ON_CUSTOMER = 'WAITING_ON_CUSTOMER',
  WAITING_ON_THIRD_PARTY = 'WAITING_ON_THIRD_PARTY',
  SCHEDULED = 'SCHEDULED',
  RESOLVED_PENDING_CONFIRMATION = 'RESOLVED_PENDING_CONFIRMATION',
  RESOLVED = 'RESOLVED',
  CLOSED = 'CLOSED',
}
const NEW_MEANINGS = {
  WAITING_ON_THIRD_PARTY: { description: 'Waiting on a third party (a supplier, a carrier). Pauses what the terms\' pause rules say; by default nothing.' },
  SCHEDULED: { description: 'Scheduled for a time the customer chose. Pauses what the terms\' pause rules say; by default nothing.' },
  RESOLVED_PENDING_CONFIRMATION: {
    description: 'A resolution awaits the customer\'s confirmation: not resolved yet (RESOLVED when confirmed, back to work when not). Pauses what the pause rules say; by default nothing.',
  },
};
registerEnumType(IncidentStatusEnum, {
  name: 'IncidentStatus',
  description: "What an incident's status means: a built-in status of that name, or a provider's own status of that meaning (`statusKey`).",
  valuesConfig: NEW_MEANINGS,
});

export enum IncidentTransitionTarget {
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  IN_PROGRESS = 'IN_PROGRESS',
  WAITING_ON_CUSTOMER = 'WAITING_ON_CUSTOMER',
  WAITING_ON_THIRD_PARTY = 'WAITING_ON_THIRD_PARTY',
  SCHEDULED = 'SCHEDULED',
  RESOLVED_PENDING_CONFIRMATION = 'RESOLVED_PENDING_CONFIRMATION',
  RESOLVED = 'RESOLVED',
  CLOSED = 'CLOSED',
  REOPENED = 'REOPENED',
}
registerEnumType(IncidentTransitionTarget, {
  name: 'IncidentTransitionTarget',
  description: 'Where to move an incident (a built-in status); REOPENED brings a RESOLVED or CLOSED one back to IN_PROGRESS.',
  valuesConfig: NEW_MEANINGS,
});

@ObjectType('IncidentStatusDefinition', { simpleResolvers: true, description: "A status of the provider's catalogue: a built-in one (its key is its meaning) or the provider's own." })
export class IncidentStatusDefinition {
  @Field({ description: 'What incidentTransition(input: { status }) takes, e.g. "AWAITING_VENDOR"; a built-in status\'s key is its meaning.' }) key: string;
  @Field({ description: 'How people see it.' }) label: string;
  @Field(() => IncidentStatusEnum, { description: 'What it means to the SLA clocks (which pause rules apply, what counts as resolved).' }) meaning: IncidentStatusEnum;
  @Field({ description: 'True for the built-in statuses, which every provider has.' }) builtIn: boolean;
}

export enum ImpactEnum {
  OUTAGE = 'OUTAGE',
  DEGRADED = 'DEGRADED',
  NONE = 'NONE',
}
registerEnumType(ImpactEnum, { name: 'Impact' });

export enum IncidentUpdateAuthor {
  PROVIDER = 'PROVIDER',
  CUSTOMER = 'CUSTOMER',
}
registerEnumType(IncidentUpdateAuthor, {
  name: 'IncidentUpdateAuthor',
  description: "Whose side an incident update's note comes from.",
  valuesConfig: {
    PROVIDER: { description: "The provider's update for the customer (UPDATE_POSTED): restarts the update-interval clock." },
    CUSTOMER: { description: "A message of the customer's (CUSTOMER_MESSAGE), e.g. relayed by a ticketing tool: pauses the update-interval clock until the provider's next update." },
  },
});

@ObjectType('Incident', { implements: Node, simpleResolvers: true, description: 'Something that happened to a customer\'s service, judged against the revision in force when it started.' })
export class Incident extends Node {
  readonly __typename = 'Incident';
  uuid: string;
  customerUuid: string;
  serviceUuid: string;
  agreementUuid: string | null;
  revisionUuid: string | null;
  @Field(() => Priority) priority: Priority;
  @Field(() => ImpactEnum) impact: ImpactEnum;
  @Field(() => IncidentStatusEnum, { description: 'What its status means (for a provider\'s own status, its meaning; see statusKey).' }) status: IncidentStatusEnum;
  @Field({ description: 'The key of its status in the provider\'s catalogue (incidentStatuses): the built-in key (= status) or the provider\'s own.' }) statusKey: string;
  @Field(() => String, { nullable: true, description: 'Its category as reported; objectives may apply by it (conditions).' }) category: string | null;
  @Field(() => String, { nullable: true, description: 'The channel it came in by as reported ("email", "phone", "monitoring" ...); objectives may apply by it.' }) channel: string | null;
  @Field() title: string;
  @Field() description: string;
  @Field(() => DateTimeScalar) startedAt: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'The first response.' }) acknowledgedAt: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) resolvedAt: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) closedAt: Date | null;
  @Field(() => String, { nullable: true, description: "The reporting integration's own id for it." }) externalId: string | null;
  @Field({ description: 'Who reported it.' }) reportedBy: string;
  @Field({ description: 'False when no agreement covered its customer and service when it started: it is recorded, without SLA clocks.' }) covered: boolean;
  @Field(() => Int) version: number;
  @Field(() => DateTimeScalar) createdAt: Date;
}

export const IncidentConnection = ConnectionType(Incident, 'Incident');

export function toIncident(i: IncidentEntity): Incident {
  return Object.assign(new Incident(), {
    id: globalId('Incident', i.id),
    uuid: i.id,
    customerUuid: i.customerId,
    serviceUuid: i.serviceId,
    agreementUuid: i.agreementId,
    revisionUuid: i.revisionId,
    priority: i.priority as Priority,
    impact: i.impact as ImpactEnum,
    status: i.status as IncidentStatusEnum,
    statusKey: i.statusKey ?? i.status,
    category: i.category ?? null,
    channel: i.channel ?? null,
    title: i.title,
    description: i.description,
    startedAt: i.startedAt,
    acknowledgedAt: i.acknowledgedAt,
    resolvedAt: i.resolvedAt,
    closedAt: i.closedAt,
    externalId: i.externalId,
    reportedBy: i.reporterName,
    covered: i.revisionId !== null,
    version: i.version,
    createdAt: i.createdAt,
  });
}

@ObjectType('IncidentEvent', { description: 'One step of an incident\'s timeline, with who and when.' })
export class IncidentEvent {
  @Field() type: string;
  @Field(() => DateTimeScalar, { description: 'When it happened (a partner may back-fill it).' }) at: Date;
  @Field(() => DateTimeScalar, { description: 'When the API recorded it.' }) recordedAt: Date;
  @Field(() => IncidentStatusEnum, { nullable: true }) fromStatus: string | null;
  @Field(() => IncidentStatusEnum, { nullable: true }) toStatus: string | null;
  @Field(() => String, { nullable: true, description: 'For a status change: the key of the status it left (a provider\'s own status, or the built-in one).' }) fromStatusKey: string | null;
  @Field(() => String, { nullable: true, description: 'For a status change: the key of the status it reached.' }) toStatusKey: string | null;
  @Field(() => Priority, { nullable: true }) priority: string | null;
  @Field(() => ImpactEnum, { nullable: true }) impact: string | null;
  @Field(() => String, { nullable: true, description: 'A public update note.' }) note: string | null;
  @Field() actorKind: string;
  @Field() actorName: string;
  @Field(() => JSONScalar) data: Record<string, unknown>;
}

export const IncidentEventConnection = ConnectionType(IncidentEvent, 'IncidentEvent');

export const toIncidentEvent = (e: IncidentEventEntity): IncidentEvent => ({
  type: e.type,
  at: e.at,
  recordedAt: e.recordedAt,
  fromStatus: e.fromStatus,
  toStatus: e.toStatus,
  fromStatusKey: (e.data?.fromStatusKey as string | undefined) ?? e.fromStatus,
  toStatusKey: (e.data?.toStatusKey as string | undefined) ?? e.toStatus,
  priority: e.priority,
  impact: e.impact,
  note: e.note,
  actorKind: e.actorKind,
  actorName: e.actorName,
  data: e.data,
});
