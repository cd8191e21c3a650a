import { Field, Int, ObjectType } from 'type-graphql';
import { type AgreementEntity } from '../../db/entities/agreement.entity';
import { coversEveryCustomer } from '../../domain/agreements/coverage.sql';
import { ConnectionType } from '../core/connection';
import { AgreementKind, AgreementLevel, AgreementStatus } from '../core/enums';
import { globalId } from '../core/ids';
import { Node } from '../core/node.interface';
import { DateTimeScalar } from '../core/scalars';

@ObjectType('Agreement', { implements: Node, simpleResolvers: true, description: 'A contract with a party. Its terms live in its revisions.' })
export class Agreement extends Node {
  readonly __typename = 'Agreement';
  uuid: string;
  customerUuid: string | null;
  segmentUuid: string | null;
  parentUuid: string | null;
  templateUuid: string | null;
  supportingPartyUuid: string | null;
  @Field(() => AgreementKind, { description: 'Service-based, customer-based, a layer of a multi-level agreement, or an OLA or underpinning contract with a supporting party.' }) kind: AgreementKind;
  @Field(() => AgreementLevel, { description: 'Its place in a multi-level hierarchy: CORPORATE (the floor), SEGMENT, CUSTOMER or SERVICE (the most specific).' }) level: AgreementLevel;
  @Field(() => AgreementStatus, { description: 'DRAFT until a first revision is in force, then ACTIVE; EXPIRED when its terms ran out; TERMINATED by agreementTerminate.' }) status: AgreementStatus;
  @Field({ description: 'True when it covers every customer of its services (corporate and service-based agreements; never a supporting agreement, which covers no customer).' }) coversAllCustomers: boolean;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the agreement ended by termination; null unless TERMINATED.' }) terminatedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Why it was terminated, as given to agreementTerminate.' }) terminationReason: string | null;
  @Field({ description: 'Who created it, as `name (USER)` or `name (API_KEY)`.' }) createdBy: string;
  @Field(() => Int, { description: 'Increases with every change of the agreement itself; send it back to agreementTerminate.' }) version: number;
  @Field(() => DateTimeScalar, { description: 'When the agreement was created (its first draft), not when its terms took effect.' }) createdAt: Date;
}

export const AgreementConnection = ConnectionType(Agreement, 'Agreement');

export function toAgreement(a: AgreementEntity): Agreement {
  return Object.assign(new Agreement(), {
    id: globalId('Agreement', a.id),
    uuid: a.id,
    customerUuid: a.customerId,
    segmentUuid: a.segmentId,
    parentUuid: a.parentId,
    templateUuid: a.templateId,
    supportingPartyUuid: a.supportingPartyId,
    kind: a.kind,
    level: a.level,
    status: a.status,
    coversAllCustomers: coversEveryCustomer(a),
    terminatedAt: a.terminatedAt,
    terminationReason: a.terminationReason,
    createdBy: a.createdBy,
    version: a.version,
    createdAt: a.createdAt,
  });
}
