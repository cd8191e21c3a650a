import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type AgreementEventType =
  | 'CREATED'
  | 'EDITED'
  | 'DRAFT_OPENED'
  | 'PROPOSED'
  | 'APPROVED'
  | 'REJECTED'
  | 'WITHDRAWN'
  | 'ACTIVATED'
  | 'SUPERSEDED'
  | 'TERMINATED'
  | 'EXPIRED'
  | 'IMPORTED';

/** One entry of an agreement's append-only history. */
@Entity('agreement_event')
export class AgreementEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column('uuid') providerId: string;
  @Column('uuid') agreementId: string;
  @Column('uuid', { nullable: true }) revisionId: string | null;
  @Column('text') type: AgreementEventType;
  @Column('text') actorKind: string;
  @Column('text') actorId: string;
  @Column('text') actorName: string;
  @Column('timestamptz') at: Date;
  @Column('jsonb') data: Record<string, unknown>;
}
