import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { AgreementKind, AgreementLevel, AgreementStatus } from '../../common/agreement-enums';

/** A contract between the provider and a party; its terms live in its revisions. */
@Entity('agreement')
export class AgreementEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') providerId: string;
  @Column('text') kind: AgreementKind;
  @Column('text') level: AgreementLevel;
  @Column('uuid', { nullable: true }) customerId: string | null;
  @Column('uuid', { nullable: true }) segmentId: string | null;
  @Column('uuid', { nullable: true }) parentId: string | null;
  @Column('uuid', { nullable: true }) templateId: string | null;
  /** The team (OLA) or supplier (UNDERPINNING_CONTRACT) of a supporting agreement; null for customer agreements. */
  @Column('uuid', { nullable: true }) supportingPartyId: string | null;
  @Column('text') status: AgreementStatus;
  @Column('timestamptz', { nullable: true }) terminatedAt: Date | null;
  @Column('text', { nullable: true }) terminationReason: string | null;
  @Column('text', { nullable: true }) terminatedBy: string | null;
  @Column('text') createdBy: string;
  @VersionColumn() version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
