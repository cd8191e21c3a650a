import { Field, ObjectType } from 'type-graphql';
import { type MaintenanceWindowEntity } from '../../db/entities/maintenance-window.entity';
import { ConnectionType } from '../core/connection';
import { DateTimeScalar } from '../core/scalars';

@ObjectType('MaintenanceWindowAnnouncement', { description: 'Announced maintenance of a service; left out of downtime when announced with the notice the terms require.' })
export class MaintenanceWindowAnnouncement {
  @Field() title: string;
  @Field(() => DateTimeScalar) startsAt: Date;
  @Field(() => DateTimeScalar) endsAt: Date;
  @Field(() => DateTimeScalar) announcedAt: Date;
  @Field() announcedBy: string;
}

export const MaintenanceWindowConnection = ConnectionType(MaintenanceWindowAnnouncement, 'MaintenanceWindowAnnouncement');
export const toAnnouncement = (m: MaintenanceWindowEntity): MaintenanceWindowAnnouncement => ({ title: m.title, startsAt: m.startsAt, endsAt: m.endsAt, announcedAt: m.announcedAt, announcedBy: m.announcedBy });
