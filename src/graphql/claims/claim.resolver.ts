import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import * as claims from '../../domain/claims/claim.service';
import { type CorrectionReason } from '../../domain/agreements/terms';
import { AgreementLoaders } from '../agreements/agreement.loaders';
import { Agreement, toAgreement } from '../agreements/agreement.type';
import { AgreementRevision, toRevision } from '../agreements/revision.type';
import { CatalogLoaders } from '../catalog/catalog.loaders';
import { Customer, toCustomer } from '../catalog/customer.type';
import { toConnection } from '../core/connection';
import { type GraphQLContext } from '../core/graphql-context';
import { uuidOf } from '../core/ids';
import { registerNode } from '../core/node-registry';
import { PageArgs } from '../core/page.args';
import { PayloadMutation } from '../core/payload';
import { EscalationLoaders } from '../escalations/escalation.loaders';
import { Escalation, toEscalation } from '../escalations/escalation.type';
import { IncidentLoaders } from '../incidents/incident.loaders';
import { Incident, toIncident } from '../incidents/incident.type';
import { Correction, toCorrection } from '../settlement/correction.type';
import { StatementLoaders } from '../settlement/statement.loaders';
import { Statement, StatementAdjustment, StatementViolation, toAdjustment, toStatement, toViolation } from '../settlement/statement.type';
import { ClaimAcceptInput, ClaimEscalateInput, ClaimFileInput, ClaimRejectInput } from './claim.inputs';
import { ClaimLoaders } from './claim.loaders';
import { ClaimPayload } from './claim.payloads';
import { Claim, ClaimConnection, ClaimHistoryEntry, toClaim, toClaimHistoryEntry } from './claim.type';

registerNode('Claim', async (rc, uuid) => {
  const row = await ClaimLoaders.claim(rc).load(uuid);
  return row && toClaim(row, rc.now);
});

@Resolver(() => Claim)
export class ClaimResolver {
  @FieldResolver(() => Agreement, { description: 'The agreement it is filed under.' })
  async agreement(@Root() c: Claim, @Ctx() { rc }: GraphQLContext) {
    const row = await AgreementLoaders.agreement(rc).load(c.agreementUuid);
    if (!row) throw new Error('The agreement of a visible claim is visible.');
    return toAgreement(row);
  }

  @FieldResolver(() => AgreementRevision, { nullable: true, description: 'The revision whose terms (dispute procedure) it was filed under.' })
  async revision(@Root() c: Claim, @Ctx() { rc }: GraphQLContext) {
    const row = await AgreementLoaders.revision(rc).load(c.revisionUuid);
    return row && toRevision(row);
  }

  @FieldResolver(() => Customer, { nullable: true, description: 'The customer that filed it.' })
  async customer(@Root() c: Claim, @Ctx() { rc }: GraphQLContext) {
    const row = await CatalogLoaders.customer(rc).load(c.customerUuid);
    return row && toCustomer(row);
  }

  @FieldResolver(() => Statement, { nullable: true, description: 'The statement it disputes (for a violation: its statement; for an incident: the statement of its month, when one was issued before the claim).' })
  async statement(@Root() c: Claim, @Ctx() { rc }: GraphQLContext) {
    const row = c.statementUuid ? await StatementLoaders.statement(rc).load(c.statementUuid) : null;
    return row && toStatement(row);
  }

  @FieldResolver(() => StatementViolation, { nullable: true, description: 'The violation it disputes.' })
  async violation(@Root() c: Claim, @Ctx() { rc }: GraphQLContext) {
    const row = c.violationUuid ? await StatementLoaders.violation(rc).load(c.violationUuid) : null;
    return row && toViolation(row);
  }

  @FieldResolver(() => Incident, { nullable: true, description: 'The incident it disputes.' })
  async incident(@Root() c: Claim, @Ctx() { rc }: GraphQLContext) {
    const row = c.incidentUuid ? await IncidentLoaders.incident(rc).load(c.incidentUuid) : null;
    return row && toIncident(row);
  }

  @FieldResolver(() => [ClaimHistoryEntry], { description: 'Every step, oldest first (append-only).' })
  async history(@Root() c: Claim, @Ctx() { rc }: GraphQLContext) {
    return (await ClaimLoaders.history(rc).load(c.uuid)).map(toClaimHistoryEntry);
  }

  @PayloadMutation(() => ClaimPayload, "A customer's signatory files a claim against a statement, a violation or an incident of its customer's agreement, within the claim window of the terms.")
  async claimFile(@Arg('input', { description: 'What is claimed, against what, and the outcome asked for.' }) input: ClaimFileInput, @Ctx() { rc }: GraphQLContext) {
    const row = await claims.fileClaim(rc, {
      statementId: input.statement ? uuidOf(input.statement, 'Statement', ['statement']) : null,
      violationId: input.violation ? uuidOf(input.violation, 'StatementViolation', ['violation']) : null,
      incidentId: input.incident ? uuidOf(input.incident, 'Incident', ['incident']) : null,
      description: input.description,
      requestedOutcome: input.requestedOutcome,
      requestedCredit: input.requestedCredit ?? null,
      attachments: (input.attachments ?? []).map((a) => ({ name: a.name, reference: a.reference })),
    });
    return { claim: toClaim(row, rc.now), userErrors: [] };
  }

  @PayloadMutation(() => ClaimPayload, 'Provider staff accept an OPEN claim, in full or in part, with a credit (an adjustment) and/or a correction, each naming the claim.')
  async claimAccept(@Arg('input', { description: 'Which claim, and what accepting it produces.' }) input: ClaimAcceptInput, @Ctx() { rc }: GraphQLContext) {
    const x = input.exclusion;
    const t = input.incidentTimes;
    const row = await claims.acceptClaim(rc, {
      claimId: uuidOf(input.id, 'Claim', ['id']),
      partial: input.partial ?? false,
      note: input.note ?? null,
      credit: input.credit ?? null,
      exclusion: x
        ? {
            objectiveId: x.objective ? uuidOf(x.objective, 'Objective', ['exclusion', 'objective']) : null,
            incidentId: x.incident ? uuidOf(x.incident, 'Incident', ['exclusion', 'incident']) : null,
            windowStart: x.windowStart ?? null,
            windowEnd: x.windowEnd ?? null,
            reason: x.reason as CorrectionReason,
            note: x.note,
          }
        : null,
      incidentTimes: t
        ? {
            incidentId: uuidOf(t.incident, 'Incident', ['incidentTimes', 'incident']),
            startedAt: t.startedAt ?? null,
            acknowledgedAt: t.acknowledgedAt ?? null,
            resolvedAt: t.resolvedAt ?? null,
            reason: t.reason as CorrectionReason,
            note: t.note,
          }
        : null,
    });
    return { claim: toClaim(row, rc.now), userErrors: [] };
  }

  @PayloadMutation(() => ClaimPayload, 'Provider staff reject an OPEN claim, with a reason; the customer may escalate it to the next stage.')
  async claimReject(@Arg('input', { description: 'Which claim, and why.' }) input: ClaimRejectInput, @Ctx() { rc }: GraphQLContext) {
    const row = await claims.rejectClaim(rc, uuidOf(input.id, 'Claim', ['id']), input.reason);
    return { claim: toClaim(row, rc.now), userErrors: [] };
  }

  @PayloadMutation(() => ClaimPayload, "The customer's signatory escalates a rejected or partly accepted claim to the next stage of the dispute procedure.")
  async claimEscalate(@Arg('input', { description: 'Which claim, and why.' }) input: ClaimEscalateInput, @Ctx() { rc }: GraphQLContext) {
    const row = await claims.escalateClaim(rc, uuidOf(input.id, 'Claim', ['id']), input.note ?? null);
    return { claim: toClaim(row, rc.now), userErrors: [] };
  }
}

@Resolver(() => ClaimHistoryEntry)
export class ClaimHistoryEntryResolver {
  @FieldResolver(() => StatementAdjustment, { nullable: true, description: 'The adjustment an acceptance with a credit recorded.' })
  async adjustment(@Root() e: ClaimHistoryEntry, @Ctx() { rc }: GraphQLContext) {
    const row = e.adjustmentUuid ? await StatementLoaders.adjustment(rc).load(e.adjustmentUuid) : null;
    return row && toAdjustment(row);
  }

  @FieldResolver(() => Correction, { nullable: true, description: 'The correction an acceptance recorded.' })
  async correction(@Root() e: ClaimHistoryEntry, @Ctx() { rc }: GraphQLContext) {
    const row = e.correctionUuid ? await StatementLoaders.correction(rc).load(e.correctionUuid) : null;
    return row && toCorrection(row);
  }

  @FieldResolver(() => Escalation, { nullable: true, description: 'The escalation a missed deadline raised (under the escalation policy of the agreement).' })
  async escalation(@Root() e: ClaimHistoryEntry, @Ctx() { rc }: GraphQLContext) {
    const row = e.escalationUuid ? await EscalationLoaders.escalation(rc).load(e.escalationUuid) : null;
    return row && toEscalation(row);
  }
}

@Resolver(() => Agreement)
export class AgreementClaimsResolver {
  @FieldResolver(() => ClaimConnection, { description: 'Claims filed under it, latest first (customer users: their own).' })
  async claims(@Root() a: Agreement, @Args() page: PageArgs, @Ctx() { rc }: GraphQLContext) {
    return toConnection(ClaimConnection, await ClaimLoaders.agreementClaims(rc, page).load(a.uuid), (c) => toClaim(c, rc.now));
  }
}

@Resolver(() => Statement)
export class StatementClaimsResolver {
  @FieldResolver(() => ClaimConnection, { description: "Claims against it, one of its violations or an incident of its period, latest first." })
  async claims(@Root() s: Statement, @Args() page: PageArgs, @Ctx() { rc }: GraphQLContext) {
    return toConnection(ClaimConnection, await ClaimLoaders.statementClaims(rc, page).load(s.uuid), (c) => toClaim(c, rc.now));
  }
}

@Resolver(() => Escalation)
export class EscalationClaimResolver {
  @FieldResolver(() => Claim, { nullable: true, description: 'The claim whose missed deadline raised it (CLAIM_DEADLINE_MISSED).' })
  async claim(@Root() e: Escalation, @Ctx() { rc }: GraphQLContext) {
    const row = e.claimUuid ? await ClaimLoaders.claim(rc).load(e.claimUuid) : null;
    return row && toClaim(row, rc.now);
  }
}
