import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { type Region, type SizeBand, type Tier } from './customer.entity';

/**
 * One rule: a customer matches when every attribute listed matches one of its values.
 * A segment's members match any of its rules (or are pinned), less the excluded ones.
 */
export interface SegmentRule {
  sizeBands?: SizeBand[];
  industries?: string[];
  regions?: Region[];
  tiers?: Tier[];
  countries?: string[];
}

@Entity('segment')
export class SegmentEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') providerId: string;
  @Column('text') name: string;
  @Column('text') description: string;
  @Column('jsonb') rules: SegmentRule[];
  @Column('timestamptz', { nullable: true }) archivedAt: Date | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
