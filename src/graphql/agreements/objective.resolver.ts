import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { effectiveObjectives } from '../../domain/agreements/effective-objectives.service';
import { type GraphQLContext } from '../core/graphql-context';
import { uuidOf } from '../core/ids';
import { registerNode } from '../core/node-registry';
import { DateTimeScalar } from '../core/scalars';
import { AgreementLoaders } from './agreement.loaders';
import { Agreement, toAgreement } from './agreement.type';
import { BusinessCalendar, toCalendar } from './calendar.type';
import { EffectiveObjectiveType, ObjectiveSourceType, toEffectiveObjective } from './effective-objective.type';
import { Objective, toObjective } from './objective.type';
import { AgreementRevision, toRevision } from './revision.type';

registerNode('Objective', async (rc, uuid) => {
  const row = await AgreementLoaders.objective(rc).load(uuid);
  return row && toObjective(row);
});

@Resolver(() => Objective)
export class ObjectiveResolver {
  @FieldResolver(() => AgreementRevision, { description: 'The revision whose terms hold it.' })
  async revision(@Root() o: Objective, @Ctx() { rc }: GraphQLContext) {
    const row = await AgreementLoaders.revision(rc).load(o.revisionUuid);
    if (!row) throw new Error('A visible objective belongs to a visible revision.');
    return toRevision(row);
  }

  @FieldResolver(() => [Objective], {
    description: "For an objective of an OLA or underpinning contract: the customer agreements' objectives it supports (those you may see); empty otherwise.",
  })
  async supportsObjectives(@Root() o: Objective, @Ctx() { rc }: GraphQLContext) {
    const rows = await AgreementLoaders.objective(rc).loadMany(o.supportsObjectiveUuids);
    return rows.filter((r): r is NonNullable<typeof r> => Boolean(r) && !(r instanceof Error)).map((r) => toObjective(r as Parameters<typeof toObjective>[0]));
  }

  @FieldResolver(() => BusinessCalendar, { nullable: true, description: 'The business hours it counts; null for 24x7.' })
  async calendar(@Root() o: Objective, @Ctx() { rc }: GraphQLContext) {
    const row = o.calendarUuid ? await AgreementLoaders.calendar(rc).load(o.calendarUuid) : null;
    return row && toCalendar(row);
  }

  @Query(() => [EffectiveObjectiveType], {
    description: "The objectives that apply to a customer's use of a service at an instant (default now): corporate, overridden by segment, customer, then service level.",
  })
  async effectiveObjectives(
    @Arg('customer', () => ID, { description: 'The customer using the service.' }) customer: string,
    @Arg('service', () => ID, { description: 'The service used.' }) service: string,
    @Arg('at', () => DateTimeScalar, { nullable: true, description: 'The instant whose terms count (default now).' }) at: Date | null,
    @Ctx() { rc }: GraphQLContext,
  ) {
    const result = await effectiveObjectives(rc, uuidOf(customer, 'Customer', ['customer']), uuidOf(service, 'Service', ['service']), at);
    return result.map(toEffectiveObjective);
  }
}

@Resolver(() => ObjectiveSourceType)
export class ObjectiveSourceResolver {
  @FieldResolver(() => Agreement, { description: 'The agreement whose terms set it.' })
  async agreement(@Root() s: ObjectiveSourceType, @Ctx() { rc }: GraphQLContext) {
    const row = await AgreementLoaders.agreement(rc).load(s.agreementUuid);
    if (!row) throw new Error('The source agreement of an effective objective is visible.');
    return toAgreement(row);
  }

  @FieldResolver(() => AgreementRevision, { description: 'The revision (in force at the instant asked) that holds it.' })
  async revision(@Root() s: ObjectiveSourceType, @Ctx() { rc }: GraphQLContext) {
    const row = await AgreementLoaders.revision(rc).load(s.revisionUuid);
    if (!row) throw new Error('The source revision of an effective objective is visible.');
    return toRevision(row);
  }
}
