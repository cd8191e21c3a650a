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
  @Field() name: string;
  @Field() description: string;
  @Field(() => String, { nullable: true }) category: string | null;
  @Field() archived: boolean;
  @Field(() => DateTimeScalar, { nullable: true }) archivedAt: Date | null;
  @Field(() => Int) version: number;
  @Field(() => DateTimeScalar) createdAt: Date;
  @Field(() => DateTimeScalar) updatedAt: Date;
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
