import { Field, Int, ObjectType } from 'type-graphql';
import { type CustomerEntity } from '../../db/entities/customer.entity';
import { ConnectionType } from '../core/connection';
import { Region, SizeBand, Tier } from '../core/enums';
import { globalId } from '../core/ids';
import { Node } from '../core/node.interface';
import { DateTimeScalar } from '../core/scalars';

@ObjectType('Customer', { implements: Node, simpleResolvers: true, description: 'An organisation the provider serves.' })
export class Customer extends Node {
  readonly __typename = 'Customer';
  uuid: string;
  @Field({ description: `The customer's name, unique among the provider's customers not archived (ignoring case).` }) name: string;
  @Field(() => String, { nullable: true, description: "The provider's own reference (CRM id)." }) externalRef: string | null;
  @Field(() => SizeBand, { description: 'Company size by headcount.' }) sizeBand: SizeBand;
  @Field(() => Int, { nullable: true, description: 'Headcount, when known.' }) employeeCount: number | null;
  @Field({ description: 'Industry, e.g. "Finance" (segment rules compare it case-insensitively).' }) industry: string;
  @Field(() => Region, { description: 'The world region the customer is in.' }) region: Region;
  @Field(() => Tier, { description: 'Commercial tier.' }) tier: Tier;
  @Field({ description: 'ISO 3166-1 alpha-2 country code.' }) country: string;
  @Field({ description: 'IANA time zone of the customer.' }) timeZone: string;
  @Field({ description: 'True once archived: kept for the agreements that name it, but a member of no segment.' }) archived: boolean;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was archived.' }) archivedAt: Date | null;
  @Field(() => Int, { description: 'Increases with every change; send it back to update safely.' }) version: number;
  @Field(() => DateTimeScalar, { description: 'When the customer was created.' }) createdAt: Date;
  @Field(() => DateTimeScalar, { description: 'When the customer last changed.' }) updatedAt: Date;
}

export const CustomerConnection = ConnectionType(Customer, 'Customer');

export function toCustomer(e: CustomerEntity): Customer {
  return Object.assign(new Customer(), {
    id: globalId('Customer', e.id),
    uuid: e.id,
    name: e.name,
    externalRef: e.externalRef,
    sizeBand: e.sizeBand,
    employeeCount: e.employeeCount,
    industry: e.industry,
    region: e.region,
    tier: e.tier,
    country: e.country,
    timeZone: e.timeZone,
    archived: e.archivedAt !== null,
    archivedAt: e.archivedAt,
    version: e.version,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  });
}
