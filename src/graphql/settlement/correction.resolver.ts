import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import * as corrections from '../../domain/settlement/correction.service';
import { AgreementLoaders } from '../agreements/agreement.loaders';
import { Agreement, toAgreement } from '../agreements/agreement.type';
import { Objective, toObjective } from '../agreements/objective.type';
import { toConnection } from '../core/connection';
import { type GraphQLContext } from '../core/graphql-context';
import { uuidOf } from '../core/ids';
import { registerNode } from '../core/node-registry';
import { PageArgs } from '../core/page.args';
import { PayloadMutation } from '../core/payload';
import { IncidentLoaders } from '../incidents/incident.loaders';
import { Incident, toIncident } from '../incidents/incident.type';
import { CorrectionDecideInput, ExclusionRecordInput, IncidentTimesCorrectInput } from './correction.inputs';
import { CorrectionPayload } from './correction.payloads';
import { Correction, CorrectionConnection, toCorrection } from './correction.type';
import { StatementLoaders } from './statement.loaders';

registerNode('Correction', async (rc, uuid) => {
  const row = await StatementLoaders.correction(rc).load(uuid);
  return row && toCorrection(row);
});

@Resolver(() => Correction)
export class CorrectionResolver {
  @FieldResolver(() => Agreement, { description: 'The agreement it corrects.' })
  async agreement(@Root() c: Correction, @Ctx() { rc }: GraphQLContext) {
    const row = await AgreementLoaders.agreement(rc).load(c.agreementUuid);
    if (!row) throw new Error('The agreement of a visible correction is visible.');
    return toAgreement(row);
  }

  @FieldResolver(() => Objective, { nullable: true, description: 'The objective named when it was recorded; null: every objective.' })
  async objective(@Root() c: Correction, @Ctx() { rc }: GraphQLContext) {
    const row = c.objectiveUuid ? await AgreementLoaders.objective(rc).load(c.objectiveUuid) : null;
    return row && toObjective(row);
  }

  @FieldResolver(() => Incident, { nullable: true, description: 'The incident it excludes or whose times it corrects.' })
  async incident(@Root() c: Correction, @Ctx() { rc }: GraphQLContext) {
    const row = c.incidentUuid ? await IncidentLoaders.incident(rc).load(c.incidentUuid) : null;
    return row && toIncident(row);
  }

  @PayloadMutation(() => CorrectionPayload, 'Excludes an incident or a time window from one objective of an agreement, or from all, with a reason the terms allow and a note.')
  async exclusionRecord(@Arg('input', { description: 'What to exclude, from which objective, and why.' }) input: ExclusionRecordInput, @Ctx() { rc }: GraphQLContext) {
    const row = await corrections.recordExclusion(rc, {
      agreementId: uuidOf(input.agreement, 'Agreement', ['agreement']),
      objectiveId: input.objective ? uuidOf(input.objective, 'Objective', ['objective']) : null,
      incidentId: input.incident ? uuidOf(input.incident, 'Incident', ['incident']) : null,
      windowStart: input.windowStart ?? null,
      windowEnd: input.windowEnd ?? null,
      reason: input.reason,
      note: input.note,
    });
    return { correction: toCorrection(row), userErrors: [] };
  }

  @PayloadMutation(() => CorrectionPayload, "Corrects an incident's recorded start, first response or resolution, with a reason the terms allow and a note; its clocks follow.")
  async incidentTimesCorrect(@Arg('input', { description: 'Which incident, its corrected times, and why.' }) input: IncidentTimesCorrectInput, @Ctx() { rc }: GraphQLContext) {
    const row = await corrections.correctIncidentTimes(rc, {
      incidentId: uuidOf(input.incident, 'Incident', ['incident']),
      startedAt: input.startedAt ?? null,
      acknowledgedAt: input.acknowledgedAt ?? null,
      resolvedAt: input.resolvedAt ?? null,
      reason: input.reason,
      note: input.note,
    });
    return { correction: toCorrection(row), userErrors: [] };
  }

  @PayloadMutation(() => CorrectionPayload, "The customer's signatory approves a correction waiting for it: it counts from now.")
  async correctionApprove(@Arg('input', { description: 'Which correction, and why.' }) input: CorrectionDecideInput, @Ctx() { rc }: GraphQLContext) {
    const row = await corrections.decideCorrection(rc, uuidOf(input.id, 'Correction', ['id']), true, input.note ?? null);
    return { correction: toCorrection(row), userErrors: [] };
  }

  @PayloadMutation(() => CorrectionPayload, "The customer's signatory rejects a correction waiting for it: it never counts.")
  async correctionReject(@Arg('input', { description: 'Which correction, and why.' }) input: CorrectionDecideInput, @Ctx() { rc }: GraphQLContext) {
    const row = await corrections.decideCorrection(rc, uuidOf(input.id, 'Correction', ['id']), false, input.note ?? null);
    return { correction: toCorrection(row), userErrors: [] };
  }
}

@Resolver(() => Agreement)
export class AgreementCorrectionsResolver {
  @FieldResolver(() => CorrectionConnection, { description: 'Its corrections, latest first: the history of exclusions and corrected times, who and why.' })
  async corrections(@Root() a: Agreement, @Args() page: PageArgs, @Ctx() { rc }: GraphQLContext) {
    return toConnection(CorrectionConnection, await StatementLoaders.agreementCorrections(rc, page).load(a.uuid), toCorrection);
  }
}
