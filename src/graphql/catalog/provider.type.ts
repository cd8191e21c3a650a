import { Field, ObjectType } from 'type-graphql';
import { type ProviderEntity } from '../../db/entities/provider.entity';
import { globalId } from '../core/ids';
import { Node } from '../core/node.interface';
import { DateTimeScalar } from '../core/scalars';

@ObjectType('Provider', { implements: Node, description: 'The organisation that delivers services and signs agreements: the tenant.' })
export class Provider extends Node {
  readonly __typename = 'Provider';
  uuid: string;
  @Field() slug: string;
  @Field() name: string;
  @Field({ description: 'IANA time zone used when a calendar names none.' }) timeZone: string;
  @Field(() => DateTimeScalar) createdAt: Date;
}

export function toProvider(e: ProviderEntity): Provider {
  return Object.assign(new Provider(), { id: globalId('Provider', e.id), uuid: e.id, slug: e.slug, name: e.name, timeZone: e.timeZone, createdAt: e.createdAt });
}
