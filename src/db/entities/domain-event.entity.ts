import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One raised event (append-only). `type` is an EventType. */
@Entity('domain_event')
export class DomainEventEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') providerId: string;
  @Column('uuid', { nullable: true }) customerId: string | null;
  @Column('uuid', { nullable: true }) agreementId: string | null;
  @Column('text') type: string;
  @Column('text') subjectType: string;
  @Column('uuid') subjectId: string;
  @Column('jsonb') data: Record<string, unknown>;
  @Column('timestamptz') occurredAt: Date;
  @Column('timestamptz') recordedAt: Date;
}
