import { Field, ObjectType } from 'type-graphql';
import { type MaintenanceRecurrenceEntity } from '../../db/entities/maintenance-recurrence.entity';
import { type MaintenanceWindowEntity } from '../../db/entities/maintenance-window.entity';
import { isoDuration } from '../../domain/shared/iso-duration';
import { ConnectionType } from '../core/connection';
import { globalId } from '../core/ids';
import { Node } from '../core/node.interface';
import { DateTimeScalar } from '../core/scalars';

@ObjectType('MaintenanceWindowAnnouncement', { description: 'Announced maintenance of a service; left out of downtime when announced with the notice the terms require.' })
export class MaintenanceWindowAnnouncement {
  @Field({ description: 'What is done, e.g. "Minor version upgrade".' }) title: string;
  @Field(() => DateTimeScalar, { description: 'When it starts.' }) startsAt: Date;
  @Field(() => DateTimeScalar, { description: 'When it ends.' }) endsAt: Date;
  @Field(() => DateTimeScalar, { description: 'When it was announced: the notice is counted from here.' }) announcedAt: Date;
  @Field({ description: 'Who announced it.' }) announcedBy: string;
}

export const MaintenanceWindowConnection = ConnectionType(MaintenanceWindowAnnouncement, 'MaintenanceWindowAnnouncement');
export const toAnnouncement = (m: MaintenanceWindowEntity): MaintenanceWindowAnnouncement => ({ title: m.title, startsAt: m.startsAt, endsAt: m.endsAt, announcedAt: m.announcedAt, announcedBy: m.announcedBy });

@ObjectType('MaintenanceOccurrence', { description: 'One occurrence of recurring maintenance: a window like an announced one, judged with the same notice and monthly cap.' })
export class MaintenanceOccurrence {
  @Field(() => DateTimeScalar, { description: 'When it starts.' }) startsAt: Date;
  @Field(() => DateTimeScalar, { description: 'When it ends (startsAt + duration, elapsed time).' }) endsAt: Date;
}

@ObjectType('MaintenanceRecurrence', {
  implements: Node,
  description:
    'Recurring maintenance of a service by an RFC 5545 recurrence rule, expanded in a time zone (DST included). Each occurrence from its announcement on counts as maintenance announced then: excused with the notice and up to the monthly cap of the terms, like a one-off window.',
})
export class MaintenanceRecurrence extends Node {
  readonly __typename = 'MaintenanceRecurrence';
  @Field({ description: 'What the maintenance is.' }) title: string;
  @Field({ description: 'The RRULE value, e.g. "FREQ=WEEKLY;BYDAY=SU".' }) rule: string;
  @Field({ description: 'Local date and time of the first occurrence (DTSTART) in `timeZone`, "YYYY-MM-DDTHH:mm".' }) firstStart: string;
  @Field({ description: 'Length of each occurrence, ISO 8601 (elapsed time).' }) duration: string;
  @Field({ description: 'IANA time zone the rule is expanded in: its calendar\'s, else the provider\'s.' }) timeZone: string;
  @Field(() => DateTimeScalar, { description: 'When it was announced: the notice of every occurrence is counted from here; occurrences before it do not count.' }) announcedAt: Date;
  @Field({ description: 'Who announced it.' }) announcedBy: string;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the series was ended: no occurrence starts from then on. Null while it goes on.' }) endedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Who ended it.' }) endedBy: string | null;
  serviceUuid: string;
  calendarUuid: string | null;
  entity: MaintenanceRecurrenceEntity;
}

export const MaintenanceRecurrenceConnection = ConnectionType(MaintenanceRecurrence, 'MaintenanceRecurrence');

export function toRecurrence(r: MaintenanceRecurrenceEntity): MaintenanceRecurrence {
  return Object.assign(new MaintenanceRecurrence(), {
    id: globalId('MaintenanceRecurrence', r.id),
    title: r.title,
    rule: r.rule,
    firstStart: r.firstStart,
    duration: isoDuration(r.durationSeconds),
    timeZone: r.timeZone,
    announcedAt: r.announcedAt,
    announcedBy: r.announcedBy,
    endedAt: r.endedAt,
    endedBy: r.endedBy,
    serviceUuid: r.serviceId,
    calendarUuid: r.calendarId,
    entity: r,
  });
}
