import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

import { type IncidentStatus } from '../../common/incident-statuses';

export type { IncidentStatus };
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
  /** What the status means (one of a fixed set); statusKey names the provider's own status of that meaning, null: the built-in one. */
  @Column('text') status: IncidentStatus;
  @Column('text', { nullable: true }) statusKey: string | null;
  @Column('text', { nullable: true }) category: string | null;
  @Column('text', { nullable: true }) channel: string | null;
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
