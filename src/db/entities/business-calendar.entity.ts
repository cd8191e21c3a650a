import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** Opening hours of one weekday: ISO weekday (1 = Monday) and local times "HH:mm" (to may be "24:00"). */
export interface OpeningInterval {
  weekday: number;
  from: string;
  to: string;
}

/** Business hours: a time zone, weekly opening intervals, public holidays and custom days. */
@Entity('business_calendar')
export class BusinessCalendarEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') providerId: string;
  @Column('text') name: string;
  @Column('text') timeZone: string;
  @Column('jsonb') weeklyHours: OpeningInterval[];
  @Column('text', { nullable: true }) holidayCountry: string | null;
  @Column('text', { nullable: true }) holidayRegion: string | null;
  @Column('date', { array: true }) closedDates: string[];
  @Column('date', { array: true }) openDates: string[];
  @Column('timestamptz', { nullable: true }) archivedAt: Date | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
