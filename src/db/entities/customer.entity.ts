import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

import { Region, SizeBand, Tier } from '../../common/catalog-enums';

export { Region, SizeBand, Tier };

@Entity('customer')
export class CustomerEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') providerId: string;
  @Column('text') name: string;
  @Column('text', { nullable: true }) externalRef: string | null;
  @Column('text') sizeBand: SizeBand;
  @Column('integer', { nullable: true }) employeeCount: number | null;
  @Column('text') industry: string;
  @Column('text') region: Region;
  @Column('text') tier: Tier;
  @Column('char', { length: 2 }) country: string;
  @Column('text') timeZone: string;
  @Column('timestamptz', { nullable: true }) archivedAt: Date | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
