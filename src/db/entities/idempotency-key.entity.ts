import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The first answer to a partner's request key, so that a retry returns it instead of acting twice. */
@Entity('idempotency_key')
export class IdempotencyKeyEntity {
  @PrimaryColumn('uuid') providerId: string;
  @PrimaryColumn('text') operation: string;
  @PrimaryColumn('text') key: string;
  @Column('text') requestHash: string;
  @Column('uuid') resultId: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz') expiresAt: Date;
}
