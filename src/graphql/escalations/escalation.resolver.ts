import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import * as escalations from '../../domain/escalations/escalation.service';
import { AgreementLoaders } from '../agreements/agreement.loaders';
import { Agreement, toAgreement } from '../agreements/agreement.type';
import { Objective, toObjective } from '../agreements/objective.type';
import { CatalogLoaders } from '../catalog/catalog.loaders';
import { SupportingParty, toSupportingParty } from '../catalog/supporting-party.type';
import { customerScope } from '../../domain/shared/customer-scope';
import { Customer, toCustomer } from '../catalog/customer.type';
import { toConnection } from '../core/connection';
import { type GraphQLContext } from '../core/graphql-context';
import { uuidOf, uuidOrNull } from '../core/ids';
import { registerNode } from '../core/node-registry';
import { PageArgs } from '../core/page.args';
import { PayloadMutation } from '../core/payload';
import { IncidentLoaders } from '../incidents/incident.loaders';
import { Incident, toIncident } from '../incidents/incident.type';
import { EscalationLoaders } from './escalation.loaders';
import { EscalationAcknowledgePayload, EscalationRaisePayload, EscalationResolvePayload } from './escalation.payloads';
import { EscalationActionInput, EscalationRaiseInput, EscalationsArgs } from './escalation.inputs';
import { Escalation, EscalationConnection, EscalationHistoryEntry, toEscalation, toHistoryEntry } from './escalation.type';

registerNode('Escalation', async (rc, uuid) => {
  const row = await EscalationLoaders.escalation(rc).load(uuid);
  return row && toEscalation(row);
});

@Resolver(() => Escalation)
export class EscalationResolver {
  @Query(() => EscalationConnection, { description: 'Escalations of your provider (customer users: their own customer\'s), latest raised first: the queues of the frontends.' })
  async escalations(@Args() args: EscalationsArgs, @Ctx() { rc }: GraphQLContext) {
    const f = args.filter ?? {};
    const page = await escalations.list(
      rc,
      {
        statuses: f.status,
        level: f.level,
        agreementId: f.agreement ? uuidOf(f.agreement, 'Agreement', ['filter', 'agreement']) : null,
        customerId: f.customer ? uuidOf(f.customer, 'Customer', ['filter', 'customer']) : null,
      },
      args,
    );
    return toConnection(EscalationConnection, page, toEscalation);
  }

  @Query(() => Escalation, { nullable: true, description: 'An escalation by id; null when it does not exist or is not yours to see.' })
  async escalation(@Arg('id', () => ID, { description: "The escalation's global id." }) id: string, @Ctx() { rc }: GraphQLContext) {
    const uuid = uuidOrNull(id, 'Escalation');
    const row = uuid ? await EscalationLoaders.escalation(rc).load(uuid) : null;
    return row && toEscalation(row);
  }

  @FieldResolver(() => Incident, { nullable: true, description: 'The incident escalated; null for an objective.' })
  async incident(@Root() e: Escalation, @Ctx() { rc }: GraphQLContext) {
    const row = e.incidentUuid ? await IncidentLoaders.incident(rc).load(e.incidentUuid) : null;
    return row && toIncident(row);
  }

  @FieldResolver(() => Objective, { nullable: true, description: 'The objective escalated (see `period`); null for an incident.' })
  async objective(@Root() e: Escalation, @Ctx() { rc }: GraphQLContext) {
    const row = e.objectiveUuid ? await AgreementLoaders.objective(rc).load(e.objectiveUuid) : null;
    return row && toObjective(row);
  }

  @FieldResolver(() => Agreement, { nullable: true, description: 'The agreement whose escalation policy applies.' })
  async agreement(@Root() e: Escalation, @Ctx() { rc }: GraphQLContext) {
    const row = await AgreementLoaders.agreement(rc).load(e.agreementUuid);
    return row && toAgreement(row);
  }

  @FieldResolver(() => Customer, { nullable: true, description: 'The customer concerned; null for an objective of an agreement that covers many.' })
  async customer(@Root() e: Escalation, @Ctx() { rc }: GraphQLContext) {
    const row = e.customerUuid ? await CatalogLoaders.customer(rc).load(e.customerUuid) : null;
    return row && toCustomer(row);
  }

  @FieldResolver(() => SupportingParty, { nullable: true, description: 'The team or supplier whose clock raised it (OLA, underpinning contract); null otherwise, and for customer users.' })
  async supportingParty(@Root() e: Escalation, @Ctx() { rc }: GraphQLContext) {
    const row = e.supportingPartyUuid ? await CatalogLoaders.supportingParty(rc).load(e.supportingPartyUuid) : null;
    return row && toSupportingParty(row);
  }

  @FieldResolver(() => [EscalationHistoryEntry], { description: 'Everything that happened to it, in order: each level notified (when, by which channel, whom), who acknowledged, resolved or cancelled it.' })
  async history(@Root() e: Escalation, @Ctx() { rc }: GraphQLContext) {
    // The provider's teams and suppliers are its own business: customer users do not see whom they were reached at.
    const entries = await EscalationLoaders.history(rc).load(e.uuid);
    return (customerScope(rc.caller) === null ? entries : entries.filter((h) => h.channel !== 'SUPPORTING_PARTY')).map(toHistoryEntry);
  }

  @PayloadMutation(() => EscalationRaisePayload, 'Raises an escalation by hand: of an incident, or of an objective for the period under way. Level 1 of the policy is notified at once.')
  async escalationRaise(@Arg('input', { description: 'The incident or objective to escalate, and why.' }) input: EscalationRaiseInput, @Ctx() { rc }: GraphQLContext) {
    const saved = await escalations.raiseByHand(rc, {
      incidentId: input.incident ? uuidOf(input.incident, 'Incident', ['incident']) : null,
      objectiveId: input.objective ? uuidOf(input.objective, 'Objective', ['objective']) : null,
      note: input.note,
    });
    return { escalation: toEscalation(saved), userErrors: [] };
  }

  @PayloadMutation(() => EscalationAcknowledgePayload, 'Acknowledges an OPEN escalation: it stops advancing to further levels.')
  async escalationAcknowledge(@Arg('input', { description: 'Which escalation, and a note.' }) input: EscalationActionInput, @Ctx() { rc }: GraphQLContext) {
    const saved = await escalations.act(rc, 'ACKNOWLEDGE', { ...input, id: uuidOf(input.id, 'Escalation', ['id']) });
    return { escalation: toEscalation(saved), userErrors: [] };
  }

  @PayloadMutation(() => EscalationResolvePayload, 'Resolves an OPEN or ACKNOWLEDGED escalation.')
  async escalationResolve(@Arg('input', { description: 'Which escalation, and a note.' }) input: EscalationActionInput, @Ctx() { rc }: GraphQLContext) {
    const saved = await escalations.act(rc, 'RESOLVE', { ...input, id: uuidOf(input.id, 'Escalation', ['id']) });
    return { escalation: toEscalation(saved), userErrors: [] };
  }
}

@Resolver(() => Incident)
export class IncidentEscalationsResolver {
  @FieldResolver(() => EscalationConnection, { description: 'Its escalations, latest raised first.' })
  async escalations(@Root() i: Incident, @Args() page: PageArgs, @Ctx() { rc }: GraphQLContext) {
    return toConnection(EscalationConnection, await EscalationLoaders.incidentEscalations(rc, page).load(i.uuid), toEscalation);
  }
}
