import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { AgreementLoaders } from '../agreements/agreement.loaders';
import { Agreement, toAgreement } from '../agreements/agreement.type';
import { Objective, toObjective } from '../agreements/objective.type';
import { toConnection } from '../core/connection';
import { type GraphQLContext } from '../core/graphql-context';
import { registerNode } from '../core/node-registry';
import { BurnRateAlert, BurnRateAlertConnection, BurnRateAlertsArgs, toBurnRateAlert } from './burn-alert.type';
import { ComplianceLoaders } from './compliance.loaders';

registerNode('BurnRateAlert', async (rc, uuid) => {
  const row = await ComplianceLoaders.burnAlert(rc).load(uuid);
  return row && toBurnRateAlert(row);
});

@Resolver(() => BurnRateAlert)
export class BurnRateAlertResolver {
  @FieldResolver(() => Agreement, { description: 'The agreement whose objective burns.' })
  async agreement(@Root() b: BurnRateAlert, @Ctx() { rc }: GraphQLContext) {
    const row = await AgreementLoaders.agreement(rc).load(b.agreementUuid);
    if (!row) throw new Error('The agreement of a visible burn-rate alert is visible.');
    return toAgreement(row);
  }

  @FieldResolver(() => Objective, { description: 'The objective whose error budget burns.' })
  async objective(@Root() b: BurnRateAlert, @Ctx() { rc }: GraphQLContext) {
    const row = await AgreementLoaders.objective(rc).load(b.objectiveUuid);
    if (!row) throw new Error('The objective of a visible burn-rate alert is visible.');
    return toObjective(row);
  }
}

@Resolver(() => Agreement)
export class AgreementBurnRateAlertsResolver {
  @FieldResolver(() => BurnRateAlertConnection, { description: 'The burn-rate alert episodes of its objectives, latest first.' })
  async burnRateAlerts(@Root() a: Agreement, @Args() args: BurnRateAlertsArgs, @Ctx() { rc }: GraphQLContext) {
    return toConnection(BurnRateAlertConnection, await ComplianceLoaders.agreementBurnAlerts(rc, args, args.state ?? null).load(a.uuid), toBurnRateAlert);
  }
}

@Resolver(() => Objective)
export class ObjectiveBurnRateAlertsResolver {
  @FieldResolver(() => BurnRateAlertConnection, { description: 'The burn-rate alert episodes of its error budget, latest first.' })
  async burnRateAlerts(@Root() o: Objective, @Args() args: BurnRateAlertsArgs, @Ctx() { rc }: GraphQLContext) {
    return toConnection(BurnRateAlertConnection, await ComplianceLoaders.objectiveBurnAlerts(rc, args, args.state ?? null).load(o.uuid), toBurnRateAlert);
  }
}
