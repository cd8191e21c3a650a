import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A supporting party's clock on an incident for one time metric, as last computed (live values are computed on read). */
@Entity('supporting_clock')
export class SupportingClockEntity {
  @PrimaryColumn('uuid') incidentId: string;
  @PrimaryColumn('uuid') supportingPartyId: string;
  @PrimaryColumn('text') metric: 'FIRST_RESPONSE_TIME' | 'RESOLUTION_TIME' | 'UPDATE_INTERVAL';
  @Column('uuid') providerId: string;
  /** The supporting agreement and revision the clock is judged against (in force at the party's first assignment). */
  @Column('uuid') agreementId: string;
  @Column('uuid') revisionId: string;
  @Column('uuid', { array: true }) objectiveIds: string[];
  @Column('text') state: string;
  @Column('text') judgedPriority: 'P1' | 'P2' | 'P3' | 'P4';
  @Column('timestamptz', { nullable: true }) dueAt: Date | null;
  @Column('timestamptz', { nullable: true }) warnAt: Date | null;
  @Column('timestamptz', { nullable: true }) warnedAt: Date | null;
  @Column('timestamptz', { nullable: true }) breachedAt: Date | null;
  @Column('boolean') warningRecorded: boolean;
  @Column('boolean') breachRecorded: boolean;
  @Column('timestamptz') computedAt: Date;
}
