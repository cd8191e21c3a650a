import { Column, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';

/**
 * Where a provider wants its events sent. `secret` signs every delivery, so it is kept as is
 * (a hash could not sign); it is shown to the client once, when the endpoint is created.
 */
@Entity('webhook_endpoint')
export class WebhookEndpointEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') providerId: string;
  @Column('text') url: string;
  /** EventType values it subscribes to. */
  @Column('text', { array: true }) eventTypes: string[];
  @Column('text') secret: string;
  /** After a rotation, the secret before it still signs (a second v1) until it expires. */
  @Column('text', { nullable: true }) previousSecret: string | null;
  @Column('timestamptz', { nullable: true }) previousSecretExpiresAt: Date | null;
  @Column('text') description: string;
  @VersionColumn() version: number;
  @Column('timestamptz') createdAt: Date;
  @Column('text') createdBy: string;
  @Column('timestamptz') updatedAt: Date;
  @Column('timestamptz', { nullable: true }) disabledAt: Date | null;
  @Column('text', { nullable: true }) disabledBy: string | null;
}
