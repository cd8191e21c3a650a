import { Field, Int, ObjectType } from 'type-graphql';
import { type SegmentEntity, type SegmentRule as SegmentRuleData } from '../../db/entities/segment.entity';
import { ConnectionType } from '../core/connection';
import { Region, SizeBand, Tier } from '../core/enums';
import { globalId } from '../core/ids';
import { Node } from '../core/node.interface';
import { DateTimeScalar } from '../core/scalars';

@ObjectType('SegmentRule', { description: 'A customer matches when every attribute listed here holds one of the listed values.' })
export class SegmentRule {
  @Field(() => [SizeBand], { nullable: true }) sizeBands?: SizeBand[];
  @Field(() => [String], { nullable: true, description: 'Compared case-insensitively.' }) industries?: string[];
  @Field(() => [Region], { nullable: true }) regions?: Region[];
  @Field(() => [Tier], { nullable: true }) tiers?: Tier[];
  @Field(() => [String], { nullable: true }) countries?: string[];
}

@ObjectType('Segment', {
  implements: Node,
  description: 'A group of customers with common needs. Members match any rule or are included by hand, less those excluded by hand.',
})
export class Segment extends Node {
  readonly __typename = 'Segment';
  uuid: string;
  @Field() name: string;
  @Field() description: string;
  @Field(() => [SegmentRule]) rules: SegmentRuleData[];
  @Field() archived: boolean;
  @Field(() => DateTimeScalar, { nullable: true }) archivedAt: Date | null;
  @Field(() => Int) version: number;
  @Field(() => DateTimeScalar) createdAt: Date;
  @Field(() => DateTimeScalar) updatedAt: Date;
}

export const SegmentConnection = ConnectionType(Segment, 'Segment');

export function toSegment(e: SegmentEntity): Segment {
  return Object.assign(new Segment(), {
    id: globalId('Segment', e.id),
    uuid: e.id,
    name: e.name,
    description: e.description,
    rules: e.rules,
    archived: e.archivedAt !== null,
    archivedAt: e.archivedAt,
    version: e.version,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  });
}
