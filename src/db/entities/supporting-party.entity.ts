import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type SupportingPartyKind = 'TEAM' | 'SUPPLIER';

/** An internal team or a supplier of the provider: the party of an OLA or an underpinning contract. */
@Entity('supporting_party')
export class SupportingPartyEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') providerId: string;
  @Column('text') kind: SupportingPartyKind;
  @Column('text') name: string;
  /** The business hours its clocks count when its objective names none; null: 24x7. */
  @Column('uuid', { nullable: true }) calendarId: string | null;
  /** Whom an escalation that names it notifies (e-mail addresses, on-call aliases). */
  @Column('text', { array: true }) contacts: string[];
  @Column('text') createdBy: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
