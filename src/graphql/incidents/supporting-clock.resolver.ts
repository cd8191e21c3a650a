import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import * as assignments from '../../domain/incidents/incident-assignment.service';
import { AgreementLoaders } from '../agreements/agreement.loaders';
import { Agreement, toAgreement } from '../agreements/agreement.type';
import { AgreementRevision, toRevision } from '../agreements/revision.type';
import { CatalogLoaders } from '../catalog/catalog.loaders';
import { SupportingParty, toSupportingParty } from '../catalog/supporting-party.type';
import { type GraphQLContext } from '../core/graphql-context';
import { uuidOf } from '../core/ids';
import { PayloadMutation } from '../core/payload';
import { IncidentLoaders } from './incident.loaders';
import { IncidentAssignInput } from './incident.inputs';
import { IncidentAssignPayload } from './incident.payloads';
import { Incident, toIncident } from './incident.type';
import { SlaClock } from './sla-clock.type';
import { IncidentAssignment, SupportingClock, toIncidentAssignment, toSupportingClock } from './supporting-clock.type';

async function partyOf(rc: GraphQLContext['rc'], uuid: string) {
  const row = await CatalogLoaders.supportingParty(rc).load(uuid);
  return row && toSupportingParty(row);
}

@Resolver(() => SupportingClock)
export class SupportingClockResolver {
  @FieldResolver(() => SupportingParty, { nullable: true, description: 'The team or supplier whose clock it is.' })
  party(@Root() c: SupportingClock, @Ctx() { rc }: GraphQLContext) {
    return partyOf(rc, c.partyUuid);
  }

  @FieldResolver(() => Agreement, { nullable: true, description: 'The OLA or underpinning contract it is judged against.' })
  async agreement(@Root() c: SupportingClock, @Ctx() { rc }: GraphQLContext) {
    const row = await AgreementLoaders.agreement(rc).load(c.agreementUuid);
    return row && toAgreement(row);
  }

  @FieldResolver(() => AgreementRevision, { nullable: true, description: 'The revision it is judged against: the one in force when the party first got the incident.' })
  async revision(@Root() c: SupportingClock, @Ctx() { rc }: GraphQLContext) {
    const row = await AgreementLoaders.revision(rc).load(c.revisionUuid);
    return row && toRevision(row);
  }
}

@Resolver(() => IncidentAssignment)
export class IncidentAssignmentResolver {
  @FieldResolver(() => SupportingParty, { nullable: true, description: 'The team or supplier that held the incident.' })
  party(@Root() a: IncidentAssignment, @Ctx() { rc }: GraphQLContext) {
    return partyOf(rc, a.partyUuid);
  }

  @FieldResolver(() => Agreement, { nullable: true, description: 'Its OLA or underpinning contract in force for the incident\'s service when it was assigned.' })
  async agreement(@Root() a: IncidentAssignment, @Ctx() { rc }: GraphQLContext) {
    const row = await AgreementLoaders.agreement(rc).load(a.agreementUuid);
    return row && toAgreement(row);
  }
}

@Resolver(() => SlaClock)
export class SlaClockSupportResolver {
  @FieldResolver(() => [SupportingClock], {
    description:
      "The clocks of the supporting parties (OLAs, underpinning contracts) whose objectives support this customer clock's: for an at-risk customer clock, which team's or supplier's clock is at risk or breached. Empty for customer users and for a supporting clock itself.",
  })
  async supportingClocks(@Root() c: SlaClock, @Ctx() { rc }: GraphQLContext) {
    if (!c.incidentUuid) return [];
    const all = await IncidentLoaders.supportingClocks(rc).load(c.incidentUuid);
    return all.filter((s) => s.supportsMetrics.includes(c.metric)).map(toSupportingClock);
  }
}

@Resolver(() => Incident)
export class IncidentSupportResolver {
  @FieldResolver(() => SupportingParty, { nullable: true, description: 'The team or supplier holding the incident now; null when the provider holds it (and for customer users).' })
  async assignedTo(@Root() i: Incident, @Ctx() { rc }: GraphQLContext) {
    const current = (await IncidentLoaders.assignments(rc).load(i.uuid)).find((a) => a.endedAt === null);
    return current ? partyOf(rc, current.supportingPartyId) : null;
  }

  @FieldResolver(() => [IncidentAssignment], { description: 'Who held it, oldest first (provider staff only).' })
  async assignments(@Root() i: Incident, @Ctx() { rc }: GraphQLContext) {
    return (await IncidentLoaders.assignments(rc).load(i.uuid)).map(toIncidentAssignment);
  }

  @FieldResolver(() => [SupportingClock], { description: 'The clocks of every supporting party that held it (provider staff only).' })
  async supportingClocks(@Root() i: Incident, @Ctx() { rc }: GraphQLContext) {
    return (await IncidentLoaders.supportingClocks(rc).load(i.uuid)).map(toSupportingClock);
  }

  @PayloadMutation(
    () => IncidentAssignPayload,
    "Hands an incident to an internal team or a supplier (its OLA or underpinning contract must cover the incident's service), or back to the provider: the previous holder's clocks stop, the new one's run. Repeating it changes nothing.",
  )
  async incidentAssign(@Arg('input', { description: 'Which incident, to whom (null: back to the provider), when, and the version you read.' }) input: IncidentAssignInput, @Ctx() { rc }: GraphQLContext) {
    const result = await assignments.assign(rc, {
      id: uuidOf(input.id, 'Incident', ['id']),
      supportingPartyId: input.supportingParty ? uuidOf(input.supportingParty, 'SupportingParty', ['supportingParty']) : null,
      at: input.at ?? null,
      version: input.version ?? null,
    });
    return { incident: toIncident(result.incident), assignment: result.assignment && toIncidentAssignment(result.assignment), userErrors: [] };
  }
}
