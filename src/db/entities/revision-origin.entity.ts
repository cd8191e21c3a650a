import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Where a revision signed elsewhere came from: the source, who imported it and when, and the evidence of its signature. Append-only. */
@Entity('revision_origin')
export class RevisionOriginEntity {
  @PrimaryColumn('uuid') revisionId: string;
  @Column('uuid') providerId: string;
  @Column('text') source: string;
  @Column('text') externalId: string;
  @Column('text') importedBy: string;
  @Column('timestamptz') importedAt: Date;
  @Column('text') evidenceDocument: string;
  @Column('text') evidenceSha256: string;
}
