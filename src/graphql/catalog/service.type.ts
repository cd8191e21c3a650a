import { Field, Int, ObjectType } from 'type-graphql';
import { type ServiceEntity } from '../../db/entities/service.entity';
import { ConnectionType } from '../core/connection';
import { globalId } from '../core/ids';
import { Node } from '../core/node.interface';
import { DateTimeScalar } from '../core/scalars';

@ObjectType('Service', { implements: Node, simpleResolvers: true, description: "An offering in the provider's catalogue." })
export class Service extends Node {
  readonly __typename = 'Service';
  uuid: string;
  @Field({ description: 'Short unique code, upper case, e.g. "MPG".' }) code: string;
  @Field({ description: 'e.g. "Managed PostgreSQL".' }) name: string;
  @Field({ description: 'What the service is.' }) description: string;
  @Field(() => String, { nullable: true, description: 'A grouping of the catalogue, e.g. "Databases".' }) category: string | null;
  @Field({ description: 'True once archived: kept for agreements that name it.' }) archived: boolean;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was archived.' }) archivedAt: Date | null;
  @Field(() => Int, { description: 'Increases with every change; send it back to update safely.' }) version: number;
  @Field(() => DateTimeScalar, { description: 'When it was created.' }) createdAt: Date;
  @Field(() => DateTimeScalar, { description: 'When it last changed.' }) updatedAt: Date;
}

export const ServiceConnection = ConnectionType(Service, 'Service');

export function toService(e: ServiceEntity): Service {
  return Object.assign(new Service(), {
    id: globalId('Service', e.id),
    uuid: e.id,
    code: e.code,
    name: e.name,
    description: e.description,
    category: e.category,
    archived: e.archivedAt !== null,
    archivedAt: e.archivedAt,
    version: e.version,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  });
}
