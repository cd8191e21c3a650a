import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { type CorrectionRow } from '../../domain/settlement/correction.service';
import { type IncidentTimes } from '../../domain/incidents/incident-times';
import { ConnectionType } from '../core/connection';
import { CorrectionReasonEnum, Metric, Priority } from '../core/enums';
import { globalId } from '../core/ids';
import { Node } from '../core/node.interface';
import { DateTimeScalar } from '../core/scalars';

export enum CorrectionKindEnum {
  EXCLUDE_INCIDENT = 'EXCLUDE_INCIDENT',
  EXCLUDE_WINDOW = 'EXCLUDE_WINDOW',
  INCIDENT_TIMES = 'INCIDENT_TIMES',
}
registerEnumType(CorrectionKindEnum, {
  name: 'CorrectionKind',
  description: 'What a correction does.',
  valuesConfig: {
    EXCLUDE_INCIDENT: { description: 'Leaves an incident out of one objective, or of all.' },
    EXCLUDE_WINDOW: { description: 'Leaves a time window out of one objective, or of all (downtime, clocks of incidents that started in it, measurements and responses in it).' },
    INCIDENT_TIMES: { description: "Corrects an incident's recorded start, first response or resolution." },
  },
});

export enum CorrectionStatusEnum {
  PENDING_APPROVAL = 'PENDING_APPROVAL',
  EFFECTIVE = 'EFFECTIVE',
  REJECTED = 'REJECTED',
}
registerEnumType(CorrectionStatusEnum, {
  name: 'CorrectionStatus',
  description: 'Whether a correction counts.',
  valuesConfig: {
    PENDING_APPROVAL: { description: "The terms ask for the customer's approval; it does not count yet." },
    EFFECTIVE: { description: 'It counts, in clocks, reports and (as adjustments) closed periods.' },
    REJECTED: { description: 'The customer rejected it; it never counts.' },
  },
});

@ObjectType('IncidentTimes', { description: "An incident's recorded start, first response and resolution." })
export class IncidentTimesType {
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it started.' }) startedAt: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Its first response (first move out of OPEN); null if none.' }) acknowledgedAt: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Its resolution; null while not resolved.' }) resolvedAt: Date | null;
}

@ObjectType('IncidentTimesChange', { description: 'The times a correction moved: before and after.' })
export class IncidentTimesChange {
  @Field(() => IncidentTimesType, { description: 'As recorded before.' }) before: IncidentTimesType;
  @Field(() => IncidentTimesType, { description: 'As corrected.' }) after: IncidentTimesType;
}

@ObjectType('Correction', {
  implements: Node,
  description:
    "A correction with a reason the terms allow: an incident or a time window excluded from one objective or from all, or an incident's times corrected. Part of the agreement's history: it never changes but for its decision.",
})
export class Correction extends Node {
  readonly __typename = 'Correction';
  agreementUuid: string;
  objectiveUuid: string | null;
  incidentUuid: string | null;
  @Field(() => CorrectionKindEnum, { description: 'What it does.' }) kind: CorrectionKindEnum;
  @Field(() => Metric, { nullable: true, description: 'The metric of the objective it applies to; null: every objective.' }) metric: Metric | null;
  @Field(() => Priority, { nullable: true, description: 'The priority of the (time) objective it applies to; null: every priority.' }) priority: Priority | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Start of the excluded window.' }) windowStart: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'End of the excluded window (exclusive).' }) windowEnd: Date | null;
  @Field(() => IncidentTimesChange, { nullable: true, description: 'The times corrected (INCIDENT_TIMES).' }) times: IncidentTimesChange | null;
  @Field(() => CorrectionReasonEnum, { description: 'Why, from the reasons the terms allow.' }) reason: CorrectionReasonEnum;
  @Field({ description: 'Why, in words.' }) note: string;
  @Field(() => CorrectionStatusEnum, { description: 'Whether it counts.' }) status: CorrectionStatusEnum;
  @Field({ description: 'Who recorded it.' }) recordedBy: string;
  @Field(() => DateTimeScalar, { description: 'When it was recorded.' }) recordedAt: Date;
  @Field(() => String, { nullable: true, description: 'Who decided it (the recorder, when no approval is needed).' }) decidedBy: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was decided.' }) decidedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'The decision note.' }) decisionNote: string | null;
}

export const CorrectionConnection = ConnectionType(Correction, 'Correction');

const times = (t: IncidentTimes): IncidentTimesType => ({
  startedAt: t.startedAt ? new Date(t.startedAt) : null,
  acknowledgedAt: t.acknowledgedAt ? new Date(t.acknowledgedAt) : null,
  resolvedAt: t.resolvedAt ? new Date(t.resolvedAt) : null,
});

export function toCorrection(c: CorrectionRow): Correction {
  return Object.assign(new Correction(), {
    id: globalId('Correction', c.id),
    agreementUuid: c.agreementId,
    objectiveUuid: c.objectiveId,
    incidentUuid: c.incidentId,
    kind: c.kind as CorrectionKindEnum,
    metric: c.metric as Metric | null,
    priority: c.priority as Priority | null,
    windowStart: c.windowStart,
    windowEnd: c.windowEnd,
    times: c.times && { before: times(c.times.before), after: times(c.times.after) },
    reason: c.reason as CorrectionReasonEnum,
    note: c.note,
    status: c.status as CorrectionStatusEnum,
    recordedBy: c.recordedBy,
    recordedAt: c.recordedAt,
    decidedBy: c.decidedBy,
    decidedAt: c.decidedAt,
    decisionNote: c.decisionNote,
  });
}
