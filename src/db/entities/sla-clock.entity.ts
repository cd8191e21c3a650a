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
  /** The status meanings that pause it, as planned from the terms of its revision; null (clocks planned before pause rules): WAITING_ON_CUSTOMER. */
  @Column('text', { array: true, nullable: true }) pauseStatuses: string[] | null;
  /** Which objective was chosen for each priority, and why (ClockSelection); null for clocks planned before conditions existed. */
  @Column('jsonb', { nullable: true }) selection: Partial<Record<'P1' | 'P2' | 'P3' | 'P4', { objectiveId: string; matchedConditions: Record<string, string[]> | null; reason: string }>> | null;
  /** The objective the verdict is judged against (the selection of judgedPriority): compliance counts the clock under it. */
  @Column('uuid', { nullable: true }) judgedObjectiveId: string | null;
}
