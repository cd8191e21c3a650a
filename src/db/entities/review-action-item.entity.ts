import { Column, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Something a review asked someone to do by a date; done once, with who and when. */
@Entity('review_action_item')
export class ReviewActionItemEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') providerId: string;
  @Column('uuid') reviewId: string;
  /** Insertion order (an identity column; bigint comes back as a string). */
  @Column({ type: 'bigint', insert: false, update: false }) seq: string;
  @Column('text') description: string;
  @Column('text') owner: string;
  /** A calendar date, "YYYY-MM-DD". */
  @Column('date') dueOn: string;
  @Column('timestamptz', { nullable: true }) doneAt: Date | null;
  @Column('text', { nullable: true }) doneBy: string | null;
  @Column('text') createdBy: string;
  @Column('timestamptz') createdAt: Date;
  @Column('integer') version: number;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
