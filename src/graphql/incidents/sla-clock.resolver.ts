import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { AgreementLoaders } from '../agreements/agreement.loaders';
import { BusinessCalendar, toCalendar } from '../agreements/calendar.type';
import { Objective, toObjective } from '../agreements/objective.type';
import { type GraphQLContext } from '../core/graphql-context';
import { SlaClock } from './sla-clock.type';

@Resolver(() => SlaClock)
export class SlaClockResolver {
  @FieldResolver(() => BusinessCalendar, { nullable: true, description: 'The business hours it counts; null for 24x7.' })
  async calendar(@Root() c: SlaClock, @Ctx() { rc }: GraphQLContext) {
    const row = c.calendarUuid ? await AgreementLoaders.calendar(rc).load(c.calendarUuid) : null;
    return row && toCalendar(row);
  }

  @FieldResolver(() => Objective, { nullable: true, description: 'The objective whose target applies now (that of `priority`), chosen when the incident was reported; see selectionReason.' })
  async objective(@Root() c: SlaClock, @Ctx() { rc }: GraphQLContext) {
    const row = c.objectiveUuid ? await AgreementLoaders.objective(rc).load(c.objectiveUuid) : null;
    return row && toObjective(row);
  }
}
