import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Someone who took part in a review (append-only). */
@Entity('review_participant')
export class ReviewParticipantEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') providerId: string;
  @Column('uuid') reviewId: string;
  /** Insertion order (an identity column; bigint comes back as a string). */
  @Column({ type: 'bigint', insert: false, update: false }) seq: string;
  @Column('text') name: string;
  @Column('text', { nullable: true }) email: string | null;
  @Column('text') party: 'PROVIDER' | 'CUSTOMER';
  @Column('text') role: string;
  @Column('text') addedBy: string;
  @Column('timestamptz') addedAt: Date;
}
