import { type GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Int, Resolver, Root } from 'type-graphql';
import { RevisionState } from '../../common/agreement-enums';
import { revisionChanges } from '../../domain/agreements/revision-changes';
import * as revisions from '../../domain/agreements/revision.service';
import { type ApiIds } from '../../domain/agreements/revision-view';
import { type GraphQLContext } from '../core/graphql-context';
import { globalId, uuidOf } from '../core/ids';
import { plannedOf } from '../core/look-ahead';
import { registerNode } from '../core/node-registry';
import { PayloadMutation } from '../core/payload';
import { AgreementLoaders } from './agreement.loaders';
import { RevisionProposeInput, RevisionApproveInput, RevisionRejectInput, RevisionUpdateInput, RevisionWithdrawInput, toDraftInput } from './agreement.inputs';
import { RevisionApprovePayload, RevisionClosePayload, RevisionProposePayload, RevisionUpdatePayload } from './agreement.payloads';
import { Agreement, toAgreement } from './agreement.type';
import { Objective, toObjective } from './objective.type';
import { AgreementRevision, RevisionApproval, RevisionChange, RevisionOrigin, toApproval, toOrigin, toRevision } from './revision.type';

/** Calendars and webhook endpoints in a diff are named by their global ids, like everywhere else in the API. */
const API_IDS: ApiIds = { calendar: (id) => globalId('BusinessCalendar', id), webhookEndpoint: (id) => globalId('WebhookEndpoint', id), objective: (id) => globalId('Objective', id) };

registerNode('AgreementRevision', async (rc, uuid) => {
  const row = await AgreementLoaders.revision(rc).load(uuid);
  return row && toRevision(row);
});

@Resolver(() => AgreementRevision)
export class RevisionResolver {
  @FieldResolver(() => Agreement, { description: 'The agreement these terms belong to.' })
  async agreement(@Root() r: AgreementRevision, @Ctx() { rc }: GraphQLContext) {
    const row = await AgreementLoaders.agreement(rc).load(r.agreementUuid);
    if (!row) throw new Error('A visible revision belongs to a visible agreement.');
    return toAgreement(row);
  }

  @FieldResolver(() => [Objective], { description: 'The service level objectives (targets) of these terms.' })
  objectives(@Root() r: AgreementRevision, @Ctx() { rc }: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    const planned = plannedOf<Objective[]>(r, info);
    if (planned) return planned.value;
    return AgreementLoaders.objectives(rc).load(r.uuid).then((rows) => rows.map(toObjective));
  }

  @FieldResolver(() => [RevisionApproval], { description: 'Who approved, for which party, when.' })
  async approvals(@Root() r: AgreementRevision, @Ctx() { rc }: GraphQLContext) {
    return (await AgreementLoaders.approvals(rc).load(r.uuid)).map(toApproval);
  }

  @FieldResolver(() => RevisionOrigin, { nullable: true, description: 'For a revision signed in another tool and imported: where it came from, who imported it and the evidence; null for one signed here.' })
  async origin(@Root() r: AgreementRevision, @Ctx() { rc }: GraphQLContext) {
    const [origin] = await AgreementLoaders.origins(rc).load(r.uuid);
    return origin ? toOrigin(origin) : null;
  }

  @FieldResolver(() => AgreementRevision, { nullable: true, description: 'The revision this one was copied from.' })
  async basedOn(@Root() r: AgreementRevision, @Ctx() { rc }: GraphQLContext) {
    const row = r.basedOnUuid ? await AgreementLoaders.revision(rc).load(r.basedOnUuid) : null;
    return row && toRevision(row);
  }

  @FieldResolver(() => [RevisionChange], {
    description:
      'Every change from revision number `against` (default: the revision this one was copied from, else the previous number) to this one, field by field. Paths and values are those of the API\'s types (`title`, `objectives[FIRST_RESPONSE_TIME/P1].targetDuration`, a calendar\'s global id). A number the agreement has no revision of is the error NOT_FOUND on `against`.',
  })
  async diff(@Root() r: AgreementRevision, @Arg('against', () => Int, { nullable: true, description: 'The revision number to compare with; default: the revision this one was copied from, else the previous number.' }) against: number | null, @Ctx() { rc }: GraphQLContext) {
    return revisionChanges(AgreementLoaders.revisionReads(rc), { id: r.uuid, agreementId: r.agreementUuid, number: r.number, basedOnId: r.basedOnUuid }, against, API_IDS);
  }

  @PayloadMutation(() => RevisionUpdatePayload, 'Edits a DRAFT revision; send the version you read.')
  async revisionUpdate(@Arg('input', { description: 'Which draft, the version you read, and the terms to change.' }) input: RevisionUpdateInput, @Ctx() { rc }: GraphQLContext) {
    const id = uuidOf(input.id, 'AgreementRevision', ['id']);
    const saved = await revisions.updateDraft(rc, id, input.version, toDraftInput(input.terms, ['terms']));
    return { revision: toRevision(saved), userErrors: [] };
  }

  @PayloadMutation(() => RevisionProposePayload, 'Puts a complete DRAFT to the parties for approval.')
  async revisionPropose(@Arg('input', { description: 'Which draft, and the version you read.' }) input: RevisionProposeInput, @Ctx() { rc }: GraphQLContext) {
    const saved = await revisions.propose(rc, uuidOf(input.id, 'AgreementRevision', ['id']), input.version);
    return { revision: toRevision(saved), userErrors: [] };
  }

  @PayloadMutation(() => RevisionApprovePayload, "Approves a PROPOSED revision for your party (provider: admin or account manager; customer: its signatory). With every party's approval it is APPROVED, and ACTIVE once effective.")
  async revisionApprove(@Arg('input', { description: 'Which revision.' }) input: RevisionApproveInput, @Ctx() { rc }: GraphQLContext) {
    const saved = await revisions.approve(rc, uuidOf(input.id, 'AgreementRevision', ['id']));
    return { revision: toRevision(saved), userErrors: [] };
  }

  @PayloadMutation(() => RevisionClosePayload, 'Rejects a PROPOSED revision (either party); a new DRAFT copied from it is opened.')
  async revisionReject(@Arg('input', { description: 'Which revision, and why.' }) input: RevisionRejectInput, @Ctx() { rc }: GraphQLContext) {
    const { closed, draft } = await revisions.close(rc, uuidOf(input.id, 'AgreementRevision', ['id']), RevisionState.REJECTED, input.reason ?? null);
    return { revision: toRevision(closed), draft: toRevision(draft), userErrors: [] };
  }

  @PayloadMutation(() => RevisionClosePayload, 'Withdraws a PROPOSED revision (provider); a new DRAFT copied from it is opened.')
  async revisionWithdraw(@Arg('input', { description: 'Which revision, and why.' }) input: RevisionWithdrawInput, @Ctx() { rc }: GraphQLContext) {
    const { closed, draft } = await revisions.close(rc, uuidOf(input.id, 'AgreementRevision', ['id']), RevisionState.WITHDRAWN, input.reason ?? null);
    return { revision: toRevision(closed), draft: toRevision(draft), userErrors: [] };
  }
}
