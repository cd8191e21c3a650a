import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type EscalationHistoryKind = 'NOTIFIED' | 'ACKNOWLEDGED' | 'RESOLVED' | 'CANCELLED';
/** SUPPORTING_PARTY: the team or supplier the escalation names (or that holds the incident), at its contacts. */
export type EscalationChannel = 'ROLE' | 'USER' | 'WEBHOOK' | 'SUPPORTING_PARTY';

/** One step of an escalation's history (append-only): a level notified on a channel, or who acknowledged, resolved or cancelled it. */
@Entity('escalation_history')
export class EscalationHistoryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column('uuid') providerId: string;
  @Column('uuid') escalationId: string;
  @Column('text') kind: EscalationHistoryKind;
  @Column('int') level: number;
  @Column('text', { nullable: true }) channel: EscalationChannel | null;
  @Column('text', { array: true }) recipients: string[];
  @Column('timestamptz') at: Date;
  @Column('text') actorKind: string;
  @Column('text') actorId: string;
  @Column('text') actorName: string;
  @Column('text', { nullable: true }) note: string | null;
  @Column('timestamptz') recordedAt: Date;
}
