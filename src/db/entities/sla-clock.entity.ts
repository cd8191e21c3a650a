import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An incident's clock for one time metric, as last computed (live values are computed on read). */
@Entity('sla_clock')
export class SlaClockEntity {
  @PrimaryColumn('uuid') incidentId: string;
  @PrimaryColumn('text') metric: 'FIRST_RESPONSE_TIME' | 'RESOLUTION_TIME' | 'UPDATE_INTERVAL';
  @Column('uuid') providerId: string;
  @Column('uuid', { array: true }) objectiveIds: string[];
  @Column('text') state: string;
  /** The priority whose target the verdict is judged against (ClockState.judgedPriority): compliance counts the clock under it. */
  @Column('text') judgedPriority: 'P1' | 'P2' | 'P3' | 'P4';
  @Column('timestamptz', { nullable: true }) dueAt: Date | null;
  @Column('timestamptz', { nullable: true }) warnAt: Date | null;
  @Column('timestamptz', { nullable: true }) warnedAt: Date | null;
  @Column('timestamptz', { nullable: true }) breachedAt: Date | null;
  @Column('boolean') warningRecorded: boolean;
  @Column('boolean') breachRecorded: boolean;
  @Column('timestamptz') computedAt: Date;
}
