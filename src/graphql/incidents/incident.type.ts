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
  valuesConfig: {
    OPEN: { description: 'Reported; nobody has responded yet.' },
    ACKNOWLEDGED: { description: 'The provider responded (stops the first-response clock).' },
    IN_PROGRESS: { description: 'Being worked on.' },
    WAITING_ON_CUSTOMER: { description: 'Waiting for the customer: the clocks pause (as the pause rules say; by default resolution and update interval).' },
    RESOLVED: { description: 'Fixed (stops the resolution clock).' },
    CLOSED: { description: 'Resolved and closed for good (may still be reopened).' },
    ...NEW_MEANINGS,
  },
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
  valuesConfig: {
    ACKNOWLEDGED: { description: 'The first response.' },
    IN_PROGRESS: { description: 'Work has started (or resumes after waiting).' },
    WAITING_ON_CUSTOMER: { description: 'Waiting for the customer: the clocks pause as the pause rules say.' },
    RESOLVED: { description: 'Fixed: the resolution clock stops.' },
    CLOSED: { description: 'Close a resolved incident.' },
    REOPENED: { description: 'Bring a RESOLVED or CLOSED incident back to IN_PROGRESS; its clocks continue where they stopped.' },
    ...NEW_MEANINGS,
  },
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
registerEnumType(ImpactEnum, {
  name: 'Impact',
  description: 'How badly an incident affects the service, which decides how it counts as downtime.',
  valuesConfig: {
    OUTAGE: { description: 'The service is down: all of it counts as downtime.' },
    DEGRADED: { description: "Degraded: counts as downtime at the objective's `degradedWeightPercent`." },
    NONE: { description: 'No loss of service: not downtime (time objectives still run).' },
  },
});

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
  @Field(() => Priority, { description: 'P1 (highest) to P4: which time targets apply.' }) priority: Priority;
  @Field(() => ImpactEnum, { description: 'OUTAGE, DEGRADED or NONE: how it counts as downtime.' }) impact: ImpactEnum;
  @Field(() => IncidentStatusEnum, { description: 'What its status means (for a provider\'s own status, its meaning; see statusKey).' }) status: IncidentStatusEnum;
  @Field({ description: 'The key of its status in the provider\'s catalogue (incidentStatuses): the built-in key (= status) or the provider\'s own.' }) statusKey: string;
  @Field(() => String, { nullable: true, description: 'Its category as reported; objectives may apply by it (conditions).' }) category: string | null;
  @Field(() => String, { nullable: true, description: 'The channel it came in by as reported ("email", "phone", "monitoring" ...); objectives may apply by it.' }) channel: string | null;
  @Field({ description: 'A short summary, e.g. "Primary database unreachable".' }) title: string;
  @Field({ description: "What happened, in the reporter's words." }) description: string;
  @Field(() => DateTimeScalar, { description: 'When it started: the clocks start and the revision in force is chosen at this instant.' }) startedAt: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'The first response.' }) acknowledgedAt: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was resolved (stops the resolution clock); null until RESOLVED.' }) resolvedAt: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was closed; null until CLOSED.' }) closedAt: Date | null;
  @Field(() => String, { nullable: true, description: "The reporting integration's own id for it." }) externalId: string | null;
  @Field({ description: 'Who reported it.' }) reportedBy: string;
  @Field({ description: 'False when no agreement covered its customer and service when it started: it is recorded, without SLA clocks.' }) covered: boolean;
  @Field(() => Int, { description: 'Increases with every change; send it back to act only on what you read.' }) version: number;
  @Field(() => DateTimeScalar, { description: 'When the API recorded the report.' }) createdAt: Date;
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
  @Field({ description: 'What happened: REPORTED, STATUS_CHANGED, PRIORITY_CHANGED, IMPACT_CHANGED, UPDATE_POSTED, CUSTOMER_MESSAGE, CLOCK_WARNING, CLOCK_BREACHED ...' }) type: string;
  @Field(() => DateTimeScalar, { description: 'When it happened (a partner may back-fill it).' }) at: Date;
  @Field(() => DateTimeScalar, { description: 'When the API recorded it.' }) recordedAt: Date;
  @Field(() => IncidentStatusEnum, { nullable: true, description: 'The status before, for a status change.' }) fromStatus: string | null;
  @Field(() => IncidentStatusEnum, { nullable: true, description: 'The status after, for a status change.' }) toStatus: string | null;
  @Field(() => String, { nullable: true, description: 'For a status change: the key of the status it left (a provider\'s own status, or the built-in one).' }) fromStatusKey: string | null;
  @Field(() => String, { nullable: true, description: 'For a status change: the key of the status it reached.' }) toStatusKey: string | null;
  @Field(() => Priority, { nullable: true, description: 'The new priority, for a priority change.' }) priority: string | null;
  @Field(() => ImpactEnum, { nullable: true, description: 'The new impact, for an impact change.' }) impact: string | null;
  @Field(() => String, { nullable: true, description: 'A public update note.' }) note: string | null;
  @Field({ description: 'USER, API_KEY or SYSTEM (the scheduler, e.g. for clock warnings and breaches).' }) actorKind: string;
  @Field({ description: 'Who did it.' }) actorName: string;
  @Field(() => JSONScalar, { description: 'Details of the event (e.g. the clock and target of a CLOCK_BREACHED), as JSON.' }) data: Record<string, unknown>;
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
