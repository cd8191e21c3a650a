import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type SegmentPinKind = 'INCLUDE' | 'EXCLUDE';

/** A manual decision that overrides a segment's rules for one customer. */
@Entity('segment_pin')
export class SegmentPinEntity {
  @PrimaryColumn('uuid') segmentId: string;
  @PrimaryColumn('uuid') customerId: string;
  @Column('uuid') providerId: string;
  @Column('text') kind: SegmentPinKind;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
