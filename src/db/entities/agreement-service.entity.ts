import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A service an agreement covers. */
@Entity('agreement_service')
export class AgreementServiceEntity {
  @PrimaryColumn('uuid') agreementId: string;
  @PrimaryColumn('uuid') serviceId: string;
  @Column('uuid') providerId: string;
}
