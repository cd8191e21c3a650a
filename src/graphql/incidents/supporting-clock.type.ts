import { pauseStatusesFor } from '../../domain/agreements/terms-rules';
import { Field, ObjectType } from 'type-graphql';
import { type IncidentAssignmentEntity } from '../../db/entities/incident-assignment.entity';
import { type LiveSupportingClock } from '../../domain/incidents/supporting-clocks.service';
import { Metric } from '../core/enums';
import { DateTimeScalar } from '../core/scalars';
import { SlaClock, toSlaClock } from './sla-clock.type';

@ObjectType('SupportingClock', { description: "A supporting party's clock on an incident (OLA or underpinning contract): it counts while the party holds the incident." })
export class SupportingClock {
  partyUuid: string;
  agreementUuid: string;
  revisionUuid: string;
  @Field({ description: 'True while the party holds the incident (its clock can run); false once it went to someone else.' }) holding: boolean;
  @Field(() => [Metric], { description: "The metrics of the incident's customer clocks this one supports (its objectives support theirs)." }) supports: Metric[];
  @Field(() => SlaClock, { description: "The clock itself, in the supporting party's calendar: it stops when the incident goes to someone else and continues when it comes back." })
  clock: SlaClock;
}

export function toSupportingClock(c: LiveSupportingClock): SupportingClock {
  return Object.assign(new SupportingClock(), {
    partyUuid: c.partyId,
    agreementUuid: c.agreementId,
    revisionUuid: c.revisionId,
    holding: c.holding,
    supports: c.supportsMetrics as Metric[],
    // A party's clocks pause as terms that say nothing do (clockPlans' DEFAULT_BASIS), and choose no objective by conditions.
    clock: toSlaClock({ ...c, objectiveIds: c.objectiveIds, calendarId: c.calendarId, choice: null, pauseStatuses: pauseStatusesFor(null, c.metric) }, null),
  });
}

@ObjectType('IncidentAssignment', { description: 'A supporting party held the incident from assignedAt until endedAt.' })
export class IncidentAssignment {
  partyUuid: string;
  agreementUuid: string;
  revisionUuid: string;
  @Field(() => DateTimeScalar, { description: 'When it got the incident.' }) assignedAt: Date;
  @Field({ description: 'Who assigned it.' }) assignedBy: string;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the incident went to someone else (or back to the provider); null while it holds it.' }) endedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Who took it away.' }) endedBy: string | null;
}

export function toIncidentAssignment(a: IncidentAssignmentEntity): IncidentAssignment {
  return Object.assign(new IncidentAssignment(), {
    partyUuid: a.supportingPartyId,
    agreementUuid: a.agreementId,
    revisionUuid: a.revisionId,
    assignedAt: a.assignedAt,
    assignedBy: a.assignedBy,
    endedAt: a.endedAt,
    endedBy: a.endedBy,
  });
}
