import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { type IncidentStatus } from '../../common/incident-statuses';

/** A provider's own incident status: a key its tools use, a label, and what it means to the SLA engine. */
@Entity('incident_status')
export class IncidentStatusEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') providerId: string;
  @Column('text') key: string;
  @Column('text') label: string;
  @Column('text') meaning: IncidentStatus;
  @Column('integer') position: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
