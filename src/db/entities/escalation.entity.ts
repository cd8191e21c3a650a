import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

export type EscalationTrigger = 'CLOCK_WARNING' | 'CLOCK_BREACH' | 'UNACKNOWLEDGED' | 'OBJECTIVE_BREACHED' | 'BUDGET_BURN' | 'MANUAL' | 'CLAIM_DEADLINE_MISSED';
export type EscalationStatus = 'OPEN' | 'ACKNOWLEDGED' | 'RESOLVED' | 'CANCELLED';

/** One level of the policy an escalation was raised under, as it was then. */
export interface EscalationLevelSnapshot {
  level: number;
  name: string;
  notifyRoles: string[];
  notifyUsers: string[];
  /** Webhook endpoint uuids. */
  notifyWebhookEndpoints: string[];
  after: string;
  /** Business calendar (uuid) in whose open hours `after` counts; null or absent: all time. */
  calendar?: string | null;
  /** Notify the supporting party the escalation names (else the one holding the incident); absent in older snapshots: false. */
  notifySupportingParty?: boolean;
}

/** A risk or breach of an incident or an objective's period, notified level by level until someone acknowledges it. */
@Entity('escalation')
export class EscalationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') providerId: string;
  @Column('uuid') agreementId: string;
  /** The revision whose escalation policy applies. */
  @Column('uuid') revisionId: string;
  @Column('uuid', { nullable: true }) customerId: string | null;
  @Column('uuid', { nullable: true }) incidentId: string | null;
  @Column('uuid', { nullable: true }) objectiveId: string | null;
  /** The claim whose response deadline was missed (CLAIM_DEADLINE_MISSED). */
  @Column('uuid', { nullable: true }) claimId: string | null;
  @Column('timestamptz', { nullable: true }) periodStart: Date | null;
  @Column('timestamptz', { nullable: true }) periodEnd: Date | null;
  /** The burn-rate alert episode an escalation of trigger BUDGET_BURN was raised for. */
  @Column('uuid', { nullable: true }) burnAlertId: string | null;
  @Column('text') trigger: EscalationTrigger;
  @Column('text', { nullable: true }) metric: string | null;
  /** The supporting party whose clock (supportingMetric) warned or breached and raised it; null: the customer's clock. */
  @Column('uuid', { nullable: true }) supportingPartyId: string | null;
  @Column('text', { nullable: true }) supportingMetric: string | null;
  @Column('jsonb') levels: EscalationLevelSnapshot[];
  @Column('int') currentLevel: number;
  @Column('text') status: EscalationStatus;
  @Column('text') note: string;
  @Column('timestamptz') raisedAt: Date;
  @Column('text') raisedBy: string;
  @Column('timestamptz', { nullable: true }) acknowledgedAt: Date | null;
  @Column('text', { nullable: true }) acknowledgedBy: string | null;
  @Column('timestamptz', { nullable: true }) resolvedAt: Date | null;
  @Column('text', { nullable: true }) resolvedBy: string | null;
  @Column('timestamptz', { nullable: true }) nextLevelAt: Date | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
