import { In } from 'typeorm';
import { type AgreementRevisionEntity } from '../../db/entities/agreement-revision.entity';
import { type BusinessCalendarEntity } from '../../db/entities/business-calendar.entity';
import { CustomerEntity } from '../../db/entities/customer.entity';
import { IncidentEntity } from '../../db/entities/incident.entity';
import { type ObjectiveEntity } from '../../db/entities/objective.entity';
import { type RequestContext } from '../../context/request-context';
import { type RevisionTerms } from '../agreements/terms';
import { computeClock, type Priority } from '../clocks/sla-clock';
import { type SubstituteRevision } from '../compliance/compliance.service';
import { type CountedClock } from '../compliance/period-figures';
import { type ClockPlan, clockPlans, clockTimeline } from '../incidents/clock-plan';
import { eventsByIncident } from '../incidents/clock-reads';
import { planBasis } from '../incidents/incident-clocks.service';

/**
 * The clocks of a what-if replay judged again as `revision` would have judged them: each
 * incident's clocks planned from the revision's time objectives exactly as a new incident is
 * planned (clockPlans: the objective chosen for each priority by its conditions and the
 * incident's facts as reported, with its customer's tier and region of today; the revision's
 * pause rules; the calendar of the objective chosen for the reported priority), then run by the
 * clock engine over the incident's recorded timeline up to the replay's instant. So a changed
 * target, calendar, pause rule or condition changes the verdict; the timeline itself is what
 * happened. A clock whose metric or priority the revision has no target for counts neither way.
 * Three statements (incidents, customers, timelines) whatever the number of clocks.
 */
export function rejudgeUnder(revision: AgreementRevisionEntity, objectives: readonly ObjectiveEntity[], calendars: Map<string, BusinessCalendarEntity>): NonNullable<SubstituteRevision['rejudgeClocks']> {
  const terms = revision.terms as unknown as RevisionTerms;
  return async (ctx: RequestContext, clocks: CountedClock[]): Promise<CountedClock[]> => {
    const ids = [...new Set(clocks.map((c) => c.incident_id))];
    const incidents = new Map((await ctx.em.getRepository(IncidentEntity).findBy({ id: In(ids) })).map((i) => [i.id, i]));
    const customerIds = [...new Set([...incidents.values()].map((i) => i.customerId))];
    const customers = new Map((await ctx.em.getRepository(CustomerEntity).findBy({ id: In(customerIds) })).map((c) => [c.id, c]));
    const events = await eventsByIncident(ctx, ids);
    const planned = new Map<string, { plans: ClockPlan[]; timeline: ReturnType<typeof clockTimeline> }>();
    const planOf = (incident: IncidentEntity) => {
      let p = planned.get(incident.id);
      if (!p) {
        const history = events.get(incident.id) ?? [];
        const timeline = clockTimeline(history);
        // The facts the choice looks at are those the incident was reported with.
        const reported = history.find((e) => e.type === 'REPORTED');
        const facts = { category: incident.category, channel: incident.channel, impact: (reported?.impact ?? incident.impact) as IncidentEntity['impact'] };
        const basis = planBasis(facts, customers.get(incident.customerId) ?? null, terms);
        p = { plans: clockPlans([...objectives], calendars, timeline.initialPriority, basis), timeline };
        planned.set(incident.id, p);
      }
      return p;
    };
    return clocks.map((clock) => {
      const incident = incidents.get(clock.incident_id);
      if (!incident) return clock;
      const { plans, timeline } = planOf(incident);
      const plan = plans.find((p) => p.metric === clock.metric);
      if (!plan) return { ...clock, state: 'NOT_APPLICABLE', objective_id: null };
      const state = computeClock({ startedAt: incident.startedAt, initialPriority: timeline.initialPriority as Priority, timeline: timeline.timeline }, plan.objective, ctx.now);
      return { ...clock, state: state.state, priority: state.judgedPriority, objective_id: plan.selection[state.judgedPriority]?.objectiveId ?? null };
    });
  };
}
