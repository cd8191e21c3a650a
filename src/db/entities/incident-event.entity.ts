import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type IncidentEventType = 'REPORTED' | 'STATUS_CHANGED' | 'PRIORITY_CHANGED' | 'IMPACT_CHANGED' | 'UPDATE_POSTED' | 'CUSTOMER_MESSAGE' | 'CLOCK_WARNING' | 'CLOCK_BREACHED';

/** One step of an incident's timeline. Append-only. */
@Entity('incident_event')
export class IncidentEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column('uuid') providerId: string;
  @Column('uuid') incidentId: string;
  @Column('text') type: IncidentEventType;
  @Column('timestamptz') at: Date;
  @Column('text', { nullable: true }) fromStatus: string | null;
  @Column('text', { nullable: true }) toStatus: string | null;
  @Column('text', { nullable: true }) priority: string | null;
  @Column('text', { nullable: true }) impact: string | null;
  @Column('text', { nullable: true }) note: string | null;
  @Column('text') actorKind: string;
  @Column('text') actorId: string;
  @Column('text') actorName: string;
  @Column('timestamptz') recordedAt: Date;
  @Column('jsonb') data: Record<string, unknown>;
}
