import { Priority, TIME_METRICS } from '../../common/agreement-enums';
import { type BusinessCalendarEntity } from '../../db/entities/business-calendar.entity';
import { type IncidentEventEntity } from '../../db/entities/incident-event.entity';
import { type ObjectiveEntity } from '../../db/entities/objective.entity';
import { termForPriority } from '../agreements/objective-priority';
import { type ClockObjective, type TimelineEvent } from '../clocks/sla-clock';

export interface ClockPlan {
  metric: ClockObjective['metric'];
  objectiveIds: string[];
  objective: ClockObjective;
}

const PRIORITIES = Object.values(Priority);

/**
 * The clocks an incident runs, from the time objectives that apply to it (effective at its
 * start): one clock per metric, with the target of each priority (a priority-less objective
 * covers the priorities without their own). Calendar and warning threshold come from the
 * objective of the priority the incident was reported with.
 */
export function clockPlans(objectives: ObjectiveEntity[], calendars: Map<string, BusinessCalendarEntity>, initialPriority: string): ClockPlan[] {
  const plans: ClockPlan[] = [];
  for (const metric of TIME_METRICS) {
    const mine = objectives.filter((o) => o.metric === metric && o.targetSeconds !== null);
    if (mine.length === 0) continue;
    const forPriority = (p: Priority) => termForPriority(mine, metric, p);
    const targetsByPriority: ClockObjective['targetsByPriority'] = {};
    for (const p of PRIORITIES) {
      const o = forPriority(p);
      if (o) targetsByPriority[p] = (o.targetSeconds as number) * 1000;
    }
    const lead = forPriority(initialPriority as Priority) ?? mine[0];
    plans.push({
      metric: metric as ClockPlan['metric'],
      objectiveIds: mine.map((o) => o.id),
      objective: {
        metric: metric as ClockPlan['metric'],
        targetsByPriority,
        calendar: lead.calendarId ? (calendars.get(lead.calendarId) ?? null) : null,
        warningThresholdPercent: lead.warningThresholdPercent,
      },
    });
  }
  return plans;
}

/** The incident's timeline as the clock engine reads it (clock events themselves left out). */
export function clockTimeline(events: IncidentEventEntity[]): { initialPriority: string; timeline: TimelineEvent[] } {
  const sorted = [...events].sort((a, b) => a.at.getTime() - b.at.getTime() || Number(a.id) - Number(b.id));
  const reported = sorted.find((e) => e.type === 'REPORTED');
  const timeline: TimelineEvent[] = [];
  for (const e of sorted) {
    if (e.type === 'STATUS_CHANGED' && e.toStatus) timeline.push({ at: e.at, status: e.toStatus as TimelineEvent['status'] });
    if (e.type === 'PRIORITY_CHANGED' && e.priority) timeline.push({ at: e.at, priority: e.priority as TimelineEvent['priority'] });
    if (e.type === 'UPDATE_POSTED') timeline.push({ at: e.at, publicUpdate: true });
  }
  return { initialPriority: reported?.priority ?? 'P4', timeline };
}

