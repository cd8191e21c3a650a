import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Party } from '../../common/agreement-enums';

/** One party's signature on a revision. Append-only. */
@Entity('revision_approval')
export class RevisionApprovalEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') providerId: string;
  @Column('uuid') revisionId: string;
  @Column('text') party: Party;
  @Column('text') actorKind: string;
  @Column('text') actorId: string;
  @Column('text') actorName: string;
  @Column('timestamptz') approvedAt: Date;
  /** The hash of the canonical terms this party signed (null only for approvals recorded before hashes existed, until sealed). */
  @Column('text', { nullable: true }) termsSha256: string | null;
}
