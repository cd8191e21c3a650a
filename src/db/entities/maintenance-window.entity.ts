import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Announced maintenance of a service. */
@Entity('maintenance_window')
export class MaintenanceWindowEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') providerId: string;
  @Column('uuid') serviceId: string;
  @Column('text') title: string;
  @Column('timestamptz') startsAt: Date;
  @Column('timestamptz') endsAt: Date;
  @Column('timestamptz') announcedAt: Date;
  @Column('text') announcedBy: string;
  @Column('timestamptz', { nullable: true }) cancelledAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
