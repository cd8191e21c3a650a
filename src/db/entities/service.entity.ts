import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** An offering in the provider's catalogue. */
@Entity('service')
export class ServiceEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') providerId: string;
  @Column('text') code: string;
  @Column('text') name: string;
  @Column('text') description: string;
  @Column('text', { nullable: true }) category: string | null;
  @Column('timestamptz', { nullable: true }) archivedAt: Date | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
