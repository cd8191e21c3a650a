import { Field, ObjectType } from 'type-graphql';
import { type ProviderEntity } from '../../db/entities/provider.entity';
import { globalId } from '../core/ids';
import { Node } from '../core/node.interface';
import { DateTimeScalar } from '../core/scalars';

@ObjectType('Provider', { implements: Node, description: 'The organisation that delivers services and signs agreements: the tenant.' })
export class Provider extends Node {
  readonly __typename = 'Provider';
  uuid: string;
  @Field({ description: 'A short unique name, e.g. "acme" (used by the command-line tools).' }) slug: string;
  @Field({ description: "The provider's name." }) name: string;
  @Field({ description: 'IANA time zone used when a calendar names none.' }) timeZone: string;
  @Field(() => DateTimeScalar, { description: 'When the provider was created.' }) createdAt: Date;
}

export function toProvider(e: ProviderEntity): Provider {
  return Object.assign(new Provider(), { id: globalId('Provider', e.id), uuid: e.id, slug: e.slug, name: e.name, timeZone: e.timeZone, createdAt: e.createdAt });
}
