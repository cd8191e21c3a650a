import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type ReviewKind = 'MONTHLY' | 'QUARTERLY' | 'ANNUAL' | 'AD_HOC';
export type ReviewStatus = 'SCHEDULED' | 'IN_PROGRESS' | 'COMPLETED' | 'CANCELLED';
export type ReviewDecision = 'CONTINUE' | 'AMEND' | 'RENEGOTIATE' | 'TERMINATE';

/** One review of an agreement over a period; `snapshot` is frozen when it starts. */
@Entity('review')
export class ReviewEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') providerId: string;
  @Column('uuid') agreementId: string;
  @Column('uuid', { nullable: true }) customerId: string | null;
  @Column('text') kind: ReviewKind;
  @Column('text') title: string;
  @Column('timestamptz') periodStart: Date;
  @Column('timestamptz') periodEnd: Date;
  @Column('timestamptz') dueAt: Date;
  @Column('text') status: ReviewStatus;
  @Column('timestamptz', { nullable: true }) startedAt: Date | null;
  @Column('text', { nullable: true }) startedBy: string | null;
  @Column('timestamptz', { nullable: true }) completedAt: Date | null;
  @Column('text', { nullable: true }) completedBy: string | null;
  @Column('timestamptz', { nullable: true }) cancelledAt: Date | null;
  @Column('text', { nullable: true }) cancelledBy: string | null;
  @Column('text', { nullable: true }) cancelReason: string | null;
  @Column('jsonb', { nullable: true }) snapshot: Record<string, unknown> | null;
  @Column('text', { nullable: true }) decision: ReviewDecision | null;
  @Column('text', { nullable: true }) decisionNotes: string | null;
  @Column('uuid', { nullable: true }) amendmentRevisionId: string | null;
  @Column('timestamptz', { nullable: true }) dueRaisedAt: Date | null;
  @Column('timestamptz', { nullable: true }) overdueRaisedAt: Date | null;
  @Column('text') createdBy: string;
  /** Bumped by every change of the review itself (compare-and-set by the services). */
  @Column('integer') version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
