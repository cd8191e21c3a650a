import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A supporting party held an incident from assignedAt until endedAt (null: it still does). */
@Entity('incident_assignment')
export class IncidentAssignmentEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') providerId: string;
  @Column('uuid') incidentId: string;
  @Column('uuid') supportingPartyId: string;
  /** The supporting agreement and revision in force for the incident's service when it was assigned. */
  @Column('uuid') agreementId: string;
  @Column('uuid') revisionId: string;
  @Column('timestamptz') assignedAt: Date;
  @Column('text') assignedBy: string;
  @Column('timestamptz', { nullable: true }) endedAt: Date | null;
  @Column('text', { nullable: true }) endedBy: string | null;
}
