import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import * as segments from '../../domain/catalog/segment.service';
import { toConnection } from '../core/connection';
import { type GraphQLContext } from '../core/graphql-context';
import { uuidOf, uuidOrNull, uuidsOf } from '../core/ids';
import { registerNode } from '../core/node-registry';
import { PageArgs } from '../core/page.args';
import { PayloadMutation } from '../core/payload';
import { CatalogLoaders } from './catalog.loaders';
import { SegmentArchivePayload, SegmentCreatePayload, SegmentUpdatePayload } from './catalog.payloads';
import { Customer, CustomerConnection, toCustomer } from './customer.type';
import { SegmentArchiveInput, SegmentCreateInput, SegmentsArgs, SegmentUpdateInput } from './segment.inputs';
import { Segment, SegmentConnection, toSegment } from './segment.type';

registerNode('Segment', async (rc, uuid) => {
  const row = await CatalogLoaders.segment(rc).load(uuid);
  return row && toSegment(row);
});

@Resolver(() => Segment)
export class SegmentResolver {
  @Query(() => SegmentConnection, { description: "Your provider's customer segments (provider-side roles)." })
  async segments(@Args() args: SegmentsArgs, @Ctx() { rc }: GraphQLContext) {
    const page = await segments.list(rc, args.filter ?? {}, args.orderBy ?? 'NAME_ASC', args);
    return toConnection(SegmentConnection, page, toSegment);
  }

  @Query(() => Segment, { nullable: true, description: 'A segment by id; null when it does not exist or is not yours to see.' })
  async segment(@Arg('id', () => ID, { description: "The segment's global id." }) id: string, @Ctx() { rc }: GraphQLContext) {
    const uuid = uuidOrNull(id, 'Segment');
    const row = uuid ? await CatalogLoaders.segment(rc).load(uuid) : null;
    return row && toSegment(row);
  }

  @FieldResolver(() => CustomerConnection, { description: 'Current members: rule matches and included customers, less excluded ones; archived customers left out.' })
  async customers(@Root() segment: Segment, @Args() page: PageArgs, @Ctx() { rc }: GraphQLContext) {
    const result = await CatalogLoaders.segmentMembers(rc, page).load(segment.uuid);
    return toConnection(CustomerConnection, result, toCustomer);
  }

  @FieldResolver(() => [Customer], { description: 'Customers pinned into the segment by hand.' })
  async includedCustomers(@Root() segment: Segment, @Ctx() { rc }: GraphQLContext) {
    return this.pinned(segment, 'INCLUDE', rc);
  }

  @FieldResolver(() => [Customer], { description: 'Customers kept out of the segment by hand.' })
  async excludedCustomers(@Root() segment: Segment, @Ctx() { rc }: GraphQLContext) {
    return this.pinned(segment, 'EXCLUDE', rc);
  }

  private async pinned(segment: Segment, kind: 'INCLUDE' | 'EXCLUDE', rc: GraphQLContext['rc']) {
    const pins = (await CatalogLoaders.segmentPins(rc).load(segment.uuid)).filter((p) => p.kind === kind);
    const rows = await CatalogLoaders.customer(rc).loadMany(pins.map((p) => p.customerId));
    return rows.flatMap((r) => (r && !(r instanceof Error) ? [toCustomer(r)] : []));
  }

  @PayloadMutation(() => SegmentCreatePayload, 'Creates a segment from rules over customer attributes, with customers included or excluded by hand.')
  async segmentCreate(@Arg('input', { description: "The segment's name, rules and customers included or excluded by hand." }) input: SegmentCreateInput, @Ctx() { rc }: GraphQLContext) {
    const created = await segments.create(rc, {
      ...input,
      includedCustomerIds: uuidsOf(input.includedCustomers, 'Customer', ['includedCustomers']),
      excludedCustomerIds: uuidsOf(input.excludedCustomers, 'Customer', ['excludedCustomers']),
    });
    return { segment: toSegment(created), userErrors: [] };
  }

  @PayloadMutation(() => SegmentUpdatePayload, 'Changes the fields given; a list given replaces the old one.')
  async segmentUpdate(@Arg('input', { description: 'Which segment, the version you read, and the fields to change.' }) input: SegmentUpdateInput, @Ctx() { rc }: GraphQLContext) {
    const { id, version, includedCustomers, excludedCustomers, ...patch } = input;
    const updated = await segments.update(rc, uuidOf(id, 'Segment', ['id']), version, {
      ...patch,
      includedCustomerIds: uuidsOf(includedCustomers, 'Customer', ['includedCustomers']),
      excludedCustomerIds: uuidsOf(excludedCustomers, 'Customer', ['excludedCustomers']),
    });
    return { segment: toSegment(updated), userErrors: [] };
  }

  @PayloadMutation(() => SegmentArchivePayload, 'Archives a segment; it stays readable.')
  async segmentArchive(@Arg('input', { description: 'Which segment.' }) input: SegmentArchiveInput, @Ctx() { rc }: GraphQLContext) {
    const archived = await segments.archive(rc, uuidOf(input.id, 'Segment', ['id']), input.version);
    return { segment: toSegment(archived), userErrors: [] };
  }
}
