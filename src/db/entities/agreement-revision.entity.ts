import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { RevisionState } from '../../common/agreement-enums';

/** One version of an agreement's terms. `terms` holds every term except the objectives (rows of their own). */
@Entity('agreement_revision')
export class AgreementRevisionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') providerId: string;
  @Column('uuid') agreementId: string;
  @Column('integer') number: number;
  @Column('text') state: RevisionState;
  @Column('jsonb') terms: Record<string, unknown>;
  @Column('timestamptz', { nullable: true }) effectiveFrom: Date | null;
  @Column('timestamptz', { nullable: true }) effectiveTo: Date | null;
  @Column('uuid', { nullable: true }) basedOnId: string | null;
  @VersionColumn() version: number;
  @Column('text') createdBy: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
  @Column('timestamptz', { nullable: true }) proposedAt: Date | null;
  @Column('timestamptz', { nullable: true }) approvedAt: Date | null;
  @Column('timestamptz', { nullable: true }) activatedAt: Date | null;
  @Column('timestamptz', { nullable: true }) closedAt: Date | null;
  /** RFC 8785 text of the terms and objectives, written when the revision leaves DRAFT; never changes (canonical-terms.ts). */
  @Column('text', { nullable: true }) termsCanonical: string | null;
  /** SHA-256 of termsCanonical, lower-case hex. */
  @Column('text', { nullable: true }) termsSha256: string | null;
}
