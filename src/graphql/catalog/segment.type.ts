import { Field, Int, ObjectType } from 'type-graphql';
import { type SegmentEntity, type SegmentRule as SegmentRuleData } from '../../db/entities/segment.entity';
import { ConnectionType } from '../core/connection';
import { Region, SizeBand, Tier } from '../core/enums';
import { globalId } from '../core/ids';
import { Node } from '../core/node.interface';
import { DateTimeScalar } from '../core/scalars';

@ObjectType('SegmentRule', { description: 'A customer matches when every attribute listed here holds one of the listed values.' })
export class SegmentRule {
  @Field(() => [SizeBand], { nullable: true, description: 'Any of these sizes.' }) sizeBands?: SizeBand[];
  @Field(() => [String], { nullable: true, description: 'Compared case-insensitively.' }) industries?: string[];
  @Field(() => [Region], { nullable: true, description: 'Any of these regions.' }) regions?: Region[];
  @Field(() => [Tier], { nullable: true, description: 'Any of these tiers.' }) tiers?: Tier[];
  @Field(() => [String], { nullable: true, description: 'Any of these countries (ISO 3166-1 alpha-2).' }) countries?: string[];
}

@ObjectType('Segment', {
  implements: Node,
  description: 'A group of customers with common needs. Members match any rule or are included by hand, less those excluded by hand.',
})
export class Segment extends Node {
  readonly __typename = 'Segment';
  uuid: string;
  @Field({ description: `Unique among the provider's segments not archived (ignoring case), e.g. "Enterprise / EU / Finance".` }) name: string;
  @Field({ description: 'What the segment is for.' }) description: string;
  @Field(() => [SegmentRule], { description: 'Membership rules over customer attributes; a customer matching any rule is a member.' }) rules: SegmentRuleData[];
  @Field({ description: 'True once archived: kept for agreements that name it.' }) archived: boolean;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was archived.' }) archivedAt: Date | null;
  @Field(() => Int, { description: 'Increases with every change; send it back to update safely.' }) version: number;
  @Field(() => DateTimeScalar, { description: 'When it was created.' }) createdAt: Date;
  @Field(() => DateTimeScalar, { description: 'When it last changed.' }) updatedAt: Date;
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
