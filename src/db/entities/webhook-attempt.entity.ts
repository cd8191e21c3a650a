import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type WebhookAttemptTrigger = 'SCHEDULED' | 'MANUAL';

/** One HTTP request of a delivery (append-only): its answer's status code, or why there was none. */
@Entity('webhook_attempt')
export class WebhookAttemptEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') deliveryId: string;
  @Column('integer') number: number;
  @Column('text') trigger: WebhookAttemptTrigger;
  @Column('text', { nullable: true }) requestedBy: string | null;
  @Column('timestamptz') startedAt: Date;
  @Column('integer') durationMs: number;
  @Column('integer', { nullable: true }) statusCode: number | null;
  @Column('text', { nullable: true }) error: string | null;
  @Column('boolean') succeeded: boolean;
}
