import { type GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import * as agreements from '../../domain/agreements/agreement.service';
import * as agreementReads from '../../domain/agreements/agreement-reads';
import * as revisions from '../../domain/agreements/revision.service';
import { segmentShownTo } from '../../domain/catalog/segment-visibility';
import { toConnection } from '../core/connection';
import { type GraphQLContext } from '../core/graphql-context';
import { uuidOf, uuidOrNull } from '../core/ids';
import { plannedOf } from '../core/look-ahead';
import { registerNode } from '../core/node-registry';
import { PageArgs } from '../core/page.args';
import { PayloadMutation } from '../core/payload';
import { DateTimeScalar } from '../core/scalars';
import { CatalogLoaders } from '../catalog/catalog.loaders';
import { Customer, toCustomer } from '../catalog/customer.type';
import { Segment, toSegment } from '../catalog/segment.type';
import { Service, toService } from '../catalog/service.type';
import { SupportingParty, toSupportingParty } from '../catalog/supporting-party.type';
import { AgreementLoaders } from './agreement.loaders';
import { planAgreements } from './agreement.planner';
import { AgreementAmendInput, AgreementCreateInput, AgreementsArgs, AgreementTerminateInput, toDraftInput } from './agreement.inputs';
import { AgreementAmendPayload, AgreementCreatePayload, AgreementTerminatePayload } from './agreement.payloads';
import { Agreement, AgreementConnection, toAgreement } from './agreement.type';
import { AgreementEventConnection, AgreementRevision, AgreementRevisionConnection, toEvent, toRevision } from './revision.type';

registerNode('Agreement', async (rc, uuid) => {
  const row = await AgreementLoaders.agreement(rc).load(uuid);
  return row && toAgreement(row);
});

@Resolver(() => Agreement)
export class AgreementResolver {
  @Query(() => AgreementConnection, { description: 'Agreements of your provider (customer users: those that cover their customer), newest first.' })
  async agreements(@Args() args: AgreementsArgs, @Ctx() { rc }: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    const f = args.filter ?? {};
    const plan = planAgreements(rc, info, 'connection');
    const page = await agreementReads.listPlanned(
      rc,
      {
        ...f,
        customerId: f.customer ? uuidOf(f.customer, 'Customer', ['filter', 'customer']) : null,
        segmentId: f.segment ? uuidOf(f.segment, 'Segment', ['filter', 'segment']) : null,
        serviceId: f.service ? uuidOf(f.service, 'Service', ['filter', 'service']) : null,
      },
      args.orderBy ?? 'CREATED_AT_DESC',
      args,
      plan.selection,
    );
    return toConnection(AgreementConnection, page, plan.toAgreement);
  }

  @Query(() => Agreement, { nullable: true, description: 'An agreement by id; null when it does not exist or is not yours to see.' })
  async agreement(@Arg('id', () => ID, { description: "The agreement's global id." }) id: string, @Ctx() { rc }: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    const uuid = uuidOrNull(id, 'Agreement');
    if (!uuid) return null;
    const plan = planAgreements(rc, info, 'object');
    const row = await agreementReads.findPlanned(rc, uuid, plan.selection);
    return row && plan.toAgreement(row);
  }

  @FieldResolver(() => Customer, { nullable: true, description: 'The customer it covers, if it names one.' })
  customer(@Root() a: Agreement, @Ctx() { rc }: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    // What the plan read is answered at once (no promise per agreement of a page).
    const planned = plannedOf<Customer | null>(a, info);
    if (planned) return planned.value;
    return a.customerUuid ? CatalogLoaders.customer(rc).load(a.customerUuid).then((row) => row && toCustomer(row)) : null;
  }

  @FieldResolver(() => Segment, { nullable: true, description: 'The segment it covers, if it names one (null for customer users).' })
  async segment(@Root() a: Agreement, @Ctx() { rc }: GraphQLContext) {
    const segmentId = segmentShownTo(rc.caller, a.segmentUuid);
    const row = segmentId ? await CatalogLoaders.segment(rc).load(segmentId) : null;
    return row && toSegment(row);
  }

  @FieldResolver(() => SupportingParty, { nullable: true, description: 'The team (OLA) or supplier (underpinning contract) of a supporting agreement; null for customer agreements.' })
  async supportingParty(@Root() a: Agreement, @Ctx() { rc }: GraphQLContext) {
    const row = a.supportingPartyUuid ? await CatalogLoaders.supportingParty(rc).load(a.supportingPartyUuid) : null;
    return row && toSupportingParty(row);
  }

  @FieldResolver(() => Agreement, { nullable: true, description: 'The agreement one level up.' })
  async parent(@Root() a: Agreement, @Ctx() { rc }: GraphQLContext) {
    const row = a.parentUuid ? await AgreementLoaders.agreement(rc).load(a.parentUuid) : null;
    return row && toAgreement(row);
  }

  @FieldResolver(() => Agreement, { nullable: true, description: 'The agreement whose terms the first draft was copied from.' })
  async template(@Root() a: Agreement, @Ctx() { rc }: GraphQLContext) {
    const row = a.templateUuid ? await AgreementLoaders.agreement(rc).load(a.templateUuid) : null;
    return row && toAgreement(row);
  }

  @FieldResolver(() => [Service], { description: 'The services it covers.' })
  services(@Root() a: Agreement, @Ctx() { rc }: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    const planned = plannedOf<Service[]>(a, info);
    if (planned) return planned.value;
    return AgreementLoaders.services(rc).load(a.uuid).then((rows) => rows.map(toService));
  }

  @FieldResolver(() => AgreementRevision, { nullable: true, description: 'The terms in force now.' })
  currentRevision(@Root() a: Agreement, @Ctx() { rc }: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    const planned = plannedOf<AgreementRevision | null>(a, info);
    if (planned) return planned.value;
    return AgreementLoaders.inForce(rc, rc.now).load(a.uuid).then((row) => row && toRevision(row));
  }

  @FieldResolver(() => AgreementRevision, { nullable: true, description: 'The terms in force at that instant, or null.' })
  async revisionAt(@Root() a: Agreement, @Arg('at', () => DateTimeScalar, { description: 'The instant (ISO 8601 with offset) whose terms you want, e.g. "2026-03-01T00:00:00Z".' }) at: Date, @Ctx() { rc }: GraphQLContext) {
    const row = await AgreementLoaders.inForce(rc, at).load(a.uuid);
    return row && toRevision(row);
  }

  @FieldResolver(() => AgreementRevision, { nullable: true, description: 'The revision being negotiated (DRAFT or PROPOSED), if any.' })
  async openRevision(@Root() a: Agreement, @Ctx() { rc }: GraphQLContext) {
    const row = await AgreementLoaders.openRevision(rc).load(a.uuid);
    return row && toRevision(row);
  }

  @FieldResolver(() => AgreementRevisionConnection, { description: 'Every revision, in number order.' })
  async revisions(@Root() a: Agreement, @Args() page: PageArgs, @Ctx() { rc }: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    const planned = plannedOf<InstanceType<typeof AgreementRevisionConnection>>(a, info);
    if (planned) return planned.value;
    return toConnection(AgreementRevisionConnection, await AgreementLoaders.revisions(rc, page).load(a.uuid), toRevision);
  }

  @FieldResolver(() => AgreementEventConnection, { description: 'The append-only history: created, edited, proposed, approved, activated, superseded, terminated ...' })
  async events(@Root() a: Agreement, @Args() page: PageArgs, @Ctx() { rc }: GraphQLContext) {
    return toConnection(AgreementEventConnection, await AgreementLoaders.events(rc, page).load(a.uuid), toEvent);
  }

  @PayloadMutation(() => AgreementCreatePayload, 'Creates an agreement with revision 1 as a DRAFT (optionally copied from a template agreement).')
  async agreementCreate(@Arg('input', { description: "The agreement's kind, level, party and services, and the terms of revision 1." }) input: AgreementCreateInput, @Ctx() { rc }: GraphQLContext) {
    const draft = toDraftInput(input.terms, ['terms']);
    const { agreement, revision } = await agreements.create(rc, {
      kind: input.kind,
      level: input.level,
      customerId: input.customer ? uuidOf(input.customer, 'Customer', ['customer']) : null,
      segmentId: input.segment ? uuidOf(input.segment, 'Segment', ['segment']) : null,
      parentId: input.parent ? uuidOf(input.parent, 'Agreement', ['parent']) : null,
      serviceIds: input.services.map((s, i) => uuidOf(s, 'Service', ['services', i])),
      templateId: input.template ? uuidOf(input.template, 'Agreement', ['template']) : null,
      supportingPartyId: input.supportingParty ? uuidOf(input.supportingParty, 'SupportingParty', ['supportingParty']) : null,
      draft,
    });
    return { agreement: toAgreement(agreement), revision: toRevision(revision), userErrors: [] };
  }

  @PayloadMutation(() => AgreementAmendPayload, 'Opens a new DRAFT copied from the revision in force. At most one open draft per agreement.')
  async agreementAmend(@Arg('input', { description: 'Which agreement to amend.' }) input: AgreementAmendInput, @Ctx() { rc }: GraphQLContext) {
    const revision = await revisions.amend(rc, uuidOf(input.agreement, 'Agreement', ['agreement']));
    return { revision: toRevision(revision), userErrors: [] };
  }

  @PayloadMutation(() => AgreementTerminatePayload, 'Terminates the agreement at a date, with a reason. Nothing is deleted.')
  async agreementTerminate(@Arg('input', { description: 'Which agreement, when it ends and why.' }) input: AgreementTerminateInput, @Ctx() { rc }: GraphQLContext) {
    const agreement = await agreements.terminate(rc, uuidOf(input.id, 'Agreement', ['id']), input.at, input.reason, input.version);
    return { agreement: toAgreement(agreement), userErrors: [] };
  }
}
