import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { BudgetingMethod, Comparator, Metric, Priority, WindowKind } from '../../common/agreement-enums';
import { type ObjectiveConditions } from '../../common/objective-conditions';

const numeric = { to: (v: number | null) => v, from: (v: string | number | null) => (v === null ? null : Number(v)) };

/** An objective (SLO) of one revision. */
@Entity('objective')
export class ObjectiveEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') providerId: string;
  @Column('uuid') revisionId: string;
  @Column('integer') position: number;
  @Column('text') metric: Metric;
  @Column('text', { nullable: true }) priority: Priority | null;
  @Column('text') name: string;
  @Column('text') description: string;
  @Column('text') comparator: Comparator;
  @Column('numeric', { nullable: true, transformer: numeric }) target: number | null;
  @Column('integer', { nullable: true }) targetSeconds: number | null;
  @Column('text') windowKind: WindowKind;
  @Column('integer', { nullable: true }) windowDays: number | null;
  @Column('uuid', { nullable: true }) calendarId: string | null;
  @Column('numeric', { transformer: numeric }) warningThresholdPercent: number;
  @Column('numeric', { transformer: numeric }) degradedWeightPercent: number;
  @Column('text', { default: BudgetingMethod.OCCURRENCES }) budgetingMethod: BudgetingMethod;
  /** TIMESLICES: the slice's length in seconds. */
  @Column('integer', { nullable: true }) sliceSeconds: number | null;
  /** TIMESLICES: the share (percent) a slice must attain to be good. */
  @Column('numeric', { nullable: true, transformer: numeric }) sliceTarget: number | null;
  /** The incidents it applies to (ObjectiveConditions); null: every incident. */
  @Column('jsonb', { nullable: true }) conditions: ObjectiveConditions | null;
  /** For an objective of a supporting agreement: the customer objectives (of signed revisions) it supports. */
  @Column('uuid', { array: true }) supportsObjectiveIds: string[];
}
