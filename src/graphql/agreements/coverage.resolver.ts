import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { toConnection } from '../core/connection';
import { type GraphQLContext } from '../core/graphql-context';
import { PageArgs } from '../core/page.args';
import { Customer } from '../catalog/customer.type';
import { Service } from '../catalog/service.type';
import { AgreementLoaders } from './agreement.loaders';
import { AgreementConnection, toAgreement } from './agreement.type';

@Resolver(() => Customer)
export class CustomerAgreementsResolver {
  @FieldResolver(() => AgreementConnection, { description: 'Agreements that cover this customer: its own, its segments\', and those for every customer.' })
  async agreements(@Root() c: Customer, @Args() page: PageArgs, @Ctx() { rc }: GraphQLContext) {
    return toConnection(AgreementConnection, await AgreementLoaders.customerAgreements(rc, page).load(c.uuid), toAgreement);
  }
}

@Resolver(() => Service)
export class ServiceAgreementsResolver {
  @FieldResolver(() => AgreementConnection, { description: 'Agreements that cover this service.' })
  async agreements(@Root() s: Service, @Args() page: PageArgs, @Ctx() { rc }: GraphQLContext) {
    return toConnection(AgreementConnection, await AgreementLoaders.serviceAgreements(rc, page).load(s.uuid), toAgreement);
  }
}
