import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Recurring maintenance of a service: an RFC 5545 recurrence rule in an IANA time zone; occurrences are expanded when read. */
@Entity('maintenance_recurrence')
export class MaintenanceRecurrenceEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') providerId: string;
  @Column('uuid') serviceId: string;
  @Column('uuid', { nullable: true }) calendarId: string | null;
  @Column('text') title: string;
  /** The RRULE value ("FREQ=WEEKLY;BYDAY=SU"). */
  @Column('text') rule: string;
  /** Local date and time of the first occurrence (DTSTART), "YYYY-MM-DDTHH:mm[:ss]". */
  @Column('text') firstStart: string;
  @Column('int') durationSeconds: number;
  @Column('text') timeZone: string;
  @Column('timestamptz') announcedAt: Date;
  @Column('text') announcedBy: string;
  /** From then on no occurrence starts: the series was ended. */
  @Column('timestamptz', { nullable: true }) endedAt: Date | null;
  @Column('text', { nullable: true }) endedBy: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
