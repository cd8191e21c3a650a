import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import * as customers from '../../domain/catalog/customer.service';
import { toConnection } from '../core/connection';
import { type GraphQLContext } from '../core/graphql-context';
import { uuidOf, uuidOrNull } from '../core/ids';
import { registerNode } from '../core/node-registry';
import { PageArgs } from '../core/page.args';
import { PayloadMutation } from '../core/payload';
import { CatalogLoaders } from './catalog.loaders';
import { CustomerArchivePayload, CustomerCreatePayload, CustomerUpdatePayload } from './catalog.payloads';
import { CustomerArchiveInput, CustomerCreateInput, CustomersArgs, CustomerUpdateInput } from './customer.inputs';
import { Customer, CustomerConnection, toCustomer } from './customer.type';
import { SegmentConnection, toSegment } from './segment.type';

registerNode('Customer', async (rc, uuid) => {
  const row = await CatalogLoaders.customer(rc).load(uuid);
  return row && toCustomer(row);
});

@Resolver(() => Customer)
export class CustomerResolver {
  @Query(() => CustomerConnection, { description: 'Customers of your provider (customer users: their own customer only).' })
  async customers(@Args() args: CustomersArgs, @Ctx() { rc }: GraphQLContext) {
    const filter = args.filter ?? {};
    const page = await customers.list(
      rc,
      { ...filter, segmentId: filter.segment ? uuidOf(filter.segment, 'Segment', ['filter', 'segment']) : undefined },
      args.orderBy ?? 'NAME_ASC',
      args,
    );
    return toConnection(CustomerConnection, page, toCustomer);
  }

  @Query(() => Customer, { nullable: true, description: 'A customer by id; null when it does not exist or is not yours to see.' })
  async customer(@Arg('id', () => ID, { description: "The customer's global id." }) id: string, @Ctx() { rc }: GraphQLContext) {
    const uuid = uuidOrNull(id, 'Customer');
    const row = uuid ? await CatalogLoaders.customer(rc).load(uuid) : null;
    return row && toCustomer(row);
  }

  @FieldResolver(() => SegmentConnection, { description: 'The segments this customer belongs to, by rule or by hand.' })
  async segments(@Root() customer: Customer, @Args() page: PageArgs, @Ctx() { rc }: GraphQLContext) {
    const result = await CatalogLoaders.customerSegments(rc, page).load(customer.uuid);
    return toConnection(SegmentConnection, result, toSegment);
  }

  @PayloadMutation(() => CustomerCreatePayload, 'Adds a customer to your catalogue.')
  async customerCreate(@Arg('input', { description: "The new customer's attributes." }) input: CustomerCreateInput, @Ctx() { rc }: GraphQLContext) {
    return { customer: toCustomer(await customers.create(rc, input)), userErrors: [] };
  }

  @PayloadMutation(() => CustomerUpdatePayload, 'Changes the fields given.')
  async customerUpdate(@Arg('input', { description: 'Which customer, the version you read, and the fields to change.' }) input: CustomerUpdateInput, @Ctx() { rc }: GraphQLContext) {
    const { id, version, ...patch } = input;
    const updated = await customers.update(rc, uuidOf(id, 'Customer', ['id']), version, patch);
    return { customer: toCustomer(updated), userErrors: [] };
  }

  @PayloadMutation(() => CustomerArchivePayload, 'Archives a customer: it leaves lists and segments but stays readable, as contracts may reference it.')
  async customerArchive(@Arg('input', { description: 'Which customer.' }) input: CustomerArchiveInput, @Ctx() { rc }: GraphQLContext) {
    const archived = await customers.archive(rc, uuidOf(input.id, 'Customer', ['id']), input.version);
    return { customer: toCustomer(archived), userErrors: [] };
  }
}
