import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

export type IncidentStatus = 'OPEN' | 'ACKNOWLEDGED' | 'IN_PROGRESS' | 'WAITING_ON_CUSTOMER' | 'RESOLVED' | 'CLOSED';
export type IncidentImpact = 'OUTAGE' | 'DEGRADED' | 'NONE';

/** Something that happened to a customer's service, judged against the revision in force when it started. */
@Entity('incident')
export class IncidentEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') providerId: string;
  @Column('uuid') customerId: string;
  @Column('uuid') serviceId: string;
  @Column('uuid', { nullable: true }) agreementId: string | null;
  @Column('uuid', { nullable: true }) revisionId: string | null;
  @Column('text') priority: string;
  @Column('text') impact: IncidentImpact;
  @Column('text') status: IncidentStatus;
  @Column('text') title: string;
  @Column('text') description: string;
  @Column('timestamptz') startedAt: Date;
  @Column('timestamptz', { nullable: true }) acknowledgedAt: Date | null;
  @Column('timestamptz', { nullable: true }) resolvedAt: Date | null;
  @Column('timestamptz', { nullable: true }) closedAt: Date | null;
  @Column('timestamptz') lastEventAt: Date;
  @Column('text', { nullable: true }) externalId: string | null;
  @Column('text') reporterKind: string;
  @Column('text') reporterId: string;
  @Column('text') reporterName: string;
  @VersionColumn() version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
