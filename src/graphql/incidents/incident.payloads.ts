import { Field, Int, ObjectType } from 'type-graphql';
import { PayloadType } from '../core/payload-type';
import { UserErrorType } from '../core/user-error.type';
import { Incident, IncidentStatusDefinition } from './incident.type';
import { MaintenanceRecurrence, MaintenanceWindowAnnouncement } from './maintenance.type';
import { IncidentAssignment } from './supporting-clock.type';

@ObjectType('IncidentReportPayload', { description: 'The incident reported (or the first answer to the same idempotencyKey), or userErrors.' })
export class IncidentReportPayload {
  @Field(() => Incident, { nullable: true, description: 'The incident; null when the report failed.' }) incident: Incident | null;
  @Field(() => Boolean, { nullable: true, description: 'True when this answer is the first answer to the same idempotencyKey: nothing new was created.' }) replayed: boolean | null;
  @Field(() => [UserErrorType], { description: 'Empty when the mutation succeeded.' }) userErrors: UserErrorType[];
}

@ObjectType('IncidentAssignPayload', { description: 'The incident and who holds it now, or why not.' })
export class IncidentAssignPayload {
  @Field(() => Incident, { nullable: true, description: 'The incident.' }) incident: Incident | null;
  @Field(() => IncidentAssignment, { nullable: true, description: 'The assignment now in force; null when it went back to the provider (or on failure).' }) assignment: IncidentAssignment | null;
  @Field(() => [UserErrorType], { description: 'Empty when the mutation succeeded.' }) userErrors: UserErrorType[];
}

export const IncidentTransitionPayload = PayloadType('IncidentTransitionPayload', 'incident', Incident);
export const IncidentUpdatePayload = PayloadType('IncidentUpdatePayload', 'incident', Incident);
export const IncidentStatusCreatePayload = PayloadType('IncidentStatusCreatePayload', 'status', IncidentStatusDefinition, 'The status added to your catalogue.');

export const MaintenanceWindowAnnouncePayload = PayloadType('MaintenanceWindowAnnouncePayload', 'maintenanceWindow', MaintenanceWindowAnnouncement);
export const MaintenanceRecurrenceAnnouncePayload = PayloadType('MaintenanceRecurrenceAnnouncePayload', 'maintenanceRecurrence', MaintenanceRecurrence, 'The recurring maintenance announced.');
export const MaintenanceRecurrenceEndPayload = PayloadType('MaintenanceRecurrenceEndPayload', 'maintenanceRecurrence', MaintenanceRecurrence, 'The recurring maintenance, ended.');

@ObjectType('MeasurementsRecordPayload', { description: 'How many measurements were recorded, or userErrors (then none was).' })
export class MeasurementsRecordPayload {
  @Field(() => Int, { nullable: true, description: 'How many points were recorded (on a replay: how many the first request recorded).' }) accepted: number | null;
  @Field(() => Boolean, { nullable: true, description: 'True when this batch key was recorded before: nothing new was stored.' }) replayed: boolean | null;
  @Field(() => [UserErrorType], { description: 'Empty when the mutation succeeded.' }) userErrors: UserErrorType[];
}

@ObjectType('SurveyResponsesRecordPayload', { description: 'How many responses were recorded, or userErrors (then none was).' })
export class SurveyResponsesRecordPayload {
  @Field(() => Int, { nullable: true, description: 'Responses recorded by the first request with this key.' }) accepted: number | null;
  @Field(() => Boolean, { nullable: true, description: 'True when this key was recorded before: nothing new was stored.' }) replayed: boolean | null;
  @Field(() => [UserErrorType], { description: 'Empty when the mutation succeeded.' }) userErrors: UserErrorType[];
}
