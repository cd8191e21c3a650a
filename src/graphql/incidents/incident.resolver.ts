import { type GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import * as incidents from '../../domain/incidents/incident.service';
import { CatalogLoaders } from '../catalog/catalog.loaders';
import { Customer, toCustomer } from '../catalog/customer.type';
import { Service, toService } from '../catalog/service.type';
import { AgreementLoaders } from '../agreements/agreement.loaders';
import { Agreement, toAgreement } from '../agreements/agreement.type';
import { AgreementRevision, toRevision } from '../agreements/revision.type';
import { registerAgreementPart } from '../agreements/agreement.planner';
import { type ConnectionShape, toConnection } from '../core/connection';
import { plannedOf } from '../core/look-ahead';
import { type GraphQLContext } from '../core/graphql-context';
import { uuidOf, uuidOrNull } from '../core/ids';
import { registerNode } from '../core/node-registry';
import { PageArgs } from '../core/page.args';
import { PayloadMutation } from '../core/payload';
import { IncidentLoaders, primeReportAnswer } from './incident.loaders';
import { planAgreementIncidents } from './incident.planner';
import { IncidentReportPayload, IncidentStatusCreatePayload, IncidentTransitionPayload, IncidentUpdatePayload } from './incident.payloads';
import { IncidentReportInput, IncidentsArgs, IncidentStatusCreateInput, IncidentTransitionInput, IncidentUpdateInput } from './incident.inputs';
import { Incident, IncidentConnection, IncidentEventConnection, IncidentStatusDefinition, toIncident, toIncidentEvent } from './incident.type';
import * as statuses from '../../domain/incidents/incident-status.service';
import { SlaClock, toSlaClock } from './sla-clock.type';

registerAgreementPart('incidents', planAgreementIncidents);

registerNode('Incident', async (rc, uuid) => {
  const row = await IncidentLoaders.incident(rc).load(uuid);
  return row && toIncident(row);
});

@Resolver(() => Incident)
export class IncidentResolver {
  @Query(() => IncidentConnection, { description: 'Incidents of your provider (customer users: their own), latest started first.' })
  async incidents(@Args() args: IncidentsArgs, @Ctx() { rc }: GraphQLContext) {
    const f = args.filter ?? {};
    const page = await incidents.list(
      rc,
      {
        ...f,
        customerId: f.customer ? uuidOf(f.customer, 'Customer', ['filter', 'customer']) : null,
        serviceId: f.service ? uuidOf(f.service, 'Service', ['filter', 'service']) : null,
        agreementId: f.agreement ? uuidOf(f.agreement, 'Agreement', ['filter', 'agreement']) : null,
      },
      args,
    );
    return toConnection(IncidentConnection, page, toIncident);
  }

  @Query(() => Incident, { nullable: true, description: 'An incident by id; null when it does not exist or is not yours to see.' })
  async incident(@Arg('id', () => ID, { description: "The incident's global id." }) id: string, @Ctx() { rc }: GraphQLContext) {
    const uuid = uuidOrNull(id, 'Incident');
    const row = uuid ? await IncidentLoaders.incident(rc).load(uuid) : null;
    return row && toIncident(row);
  }

  @FieldResolver(() => Customer, { description: 'The customer affected.' })
  async customer(@Root() i: Incident, @Ctx() { rc }: GraphQLContext) {
    const row = await CatalogLoaders.customer(rc).load(i.customerUuid);
    if (!row) throw new Error('The customer of a visible incident is visible.');
    return toCustomer(row);
  }

  @FieldResolver(() => Service, { description: 'The service affected.' })
  async service(@Root() i: Incident, @Ctx() { rc }: GraphQLContext) {
    const row = await CatalogLoaders.service(rc).load(i.serviceUuid);
    if (!row) throw new Error('The service of a visible incident is visible.');
    return toService(row);
  }

  @FieldResolver(() => Agreement, { nullable: true, description: 'The most specific agreement in force for its customer and service when it started; null when none covered it.' })
  async agreement(@Root() i: Incident, @Ctx() { rc }: GraphQLContext) {
    const row = i.agreementUuid ? await AgreementLoaders.agreement(rc).load(i.agreementUuid) : null;
    return row && toAgreement(row);
  }

  @FieldResolver(() => AgreementRevision, { nullable: true, description: 'The revision it is judged against, pinned when it was reported.' })
  async revision(@Root() i: Incident, @Ctx() { rc }: GraphQLContext) {
    const row = i.revisionUuid ? await AgreementLoaders.revision(rc).load(i.revisionUuid) : null;
    return row && toRevision(row);
  }

  @FieldResolver(() => [SlaClock], { description: 'Its SLA clocks (first response, resolution, update interval), live while they run. Empty when no agreement covers it.' })
  async clocks(@Root() i: Incident, @Ctx() { rc }: GraphQLContext) {
    return (await IncidentLoaders.clocks(rc).load(i.uuid)).map((c) => toSlaClock(c, i.uuid));
  }

  @FieldResolver(() => IncidentEventConnection, { description: 'The timeline: reported, status changes, priority and impact changes, public updates.' })
  async events(@Root() i: Incident, @Args() page: PageArgs, @Ctx() { rc }: GraphQLContext) {
    return toConnection(IncidentEventConnection, await IncidentLoaders.events(rc, page).load(i.uuid), toIncidentEvent);
  }

  @PayloadMutation(() => IncidentReportPayload, 'Reports an incident (integrations and provider staff). Safe to retry with the same idempotencyKey.')
  async incidentReport(@Arg('input', { description: 'The incident: customer, service, priority, impact, start, and an idempotency key for retries.' }) input: IncidentReportInput, @Ctx() { rc }: GraphQLContext) {
    const result = await incidents.report(rc, {
      ...input,
      customerId: uuidOf(input.customer, 'Customer', ['customer']),
      serviceId: uuidOf(input.service, 'Service', ['service']),
    });
    primeReportAnswer(rc, result);
    return { incident: toIncident(result.incident), replayed: result.replayed, userErrors: [] };
  }

  @PayloadMutation(
    () => IncidentTransitionPayload,
    'Moves an incident along OPEN -> ACKNOWLEDGED -> IN_PROGRESS <-> WAITING_ON_CUSTOMER / WAITING_ON_THIRD_PARTY / SCHEDULED / RESOLVED_PENDING_CONFIRMATION -> RESOLVED -> CLOSED, or REOPENED; to a built-in status (`to`) or one of your own (`status`). Repeating a move changes nothing.',
  )
  async incidentTransition(@Arg('input', { description: 'Which incident, the status to move it to, and when.' }) input: IncidentTransitionInput, @Ctx() { rc }: GraphQLContext) {
    const saved = await incidents.transition(rc, { ...input, id: uuidOf(input.id, 'Incident', ['id']) });
    return { incident: toIncident(saved), userErrors: [] };
  }

  @PayloadMutation(() => IncidentUpdatePayload, 'Changes priority or impact, or posts a public update note.')
  async incidentUpdate(@Arg('input', { description: 'Which incident, and the priority, impact or note to record.' }) input: IncidentUpdateInput, @Ctx() { rc }: GraphQLContext) {
    const saved = await incidents.update(rc, { ...input, id: uuidOf(input.id, 'Incident', ['id']) });
    return { incident: toIncident(saved), userErrors: [] };
  }
}

@Resolver(() => IncidentStatusDefinition)
export class IncidentStatusResolver {
  @Query(() => [IncidentStatusDefinition], { description: "Your provider's incident statuses: the built-in ones, then your own in the order they were added." })
  async incidentStatuses(@Ctx() { rc }: GraphQLContext) {
    return statuses.listStatuses(rc);
  }

  @PayloadMutation(() => IncidentStatusCreatePayload, 'Adds a status of your own (provider admins and account managers), with one of the fixed meanings; incidents move to it with incidentTransition(input: { status }).')
  async incidentStatusCreate(@Arg('input', { description: 'The key, label and meaning of the new status.' }) input: IncidentStatusCreateInput, @Ctx() { rc }: GraphQLContext) {
    return { status: await statuses.createStatus(rc, input), userErrors: [] };
  }
}

@Resolver(() => Agreement)
export class AgreementIncidentsResolver {
  @FieldResolver(() => IncidentConnection, { description: 'The incidents judged against this agreement (pinned to one of its revisions), latest started first.' })
  async incidents(@Root() a: Agreement, @Args() page: PageArgs, @Ctx() { rc }: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    const planned = plannedOf<ConnectionShape<Incident>>(a, info);
    if (planned) return planned.value;
    return toConnection(IncidentConnection, await IncidentLoaders.agreementIncidents(rc, page).load(a.uuid), toIncident);
  }
}
