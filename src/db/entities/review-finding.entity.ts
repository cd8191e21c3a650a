import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type FindingSeverity = 'INFO' | 'MINOR' | 'MAJOR';

/** What a review found, optionally about one objective (append-only). */
@Entity('review_finding')
export class ReviewFindingEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') providerId: string;
  @Column('uuid') reviewId: string;
  /** Insertion order (an identity column; bigint comes back as a string). */
  @Column({ type: 'bigint', insert: false, update: false }) seq: string;
  @Column('uuid', { nullable: true }) objectiveId: string | null;
  @Column('text') severity: FindingSeverity;
  @Column('text') text: string;
  @Column('text') recordedBy: string;
  @Column('timestamptz') recordedAt: Date;
}
