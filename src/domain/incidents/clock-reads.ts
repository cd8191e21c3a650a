import { In } from 'typeorm';
import { BusinessCalendarEntity } from '../../db/entities/business-calendar.entity';
import { IncidentEventEntity } from '../../db/entities/incident-event.entity';
import { type RequestContext } from '../../context/request-context';

/** The business calendars with these ids (none asked: no statement). */
export async function calendarsById(ctx: RequestContext, ids: (string | null)[]): Promise<Map<string, BusinessCalendarEntity>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  return new Map((await ctx.em.getRepository(BusinessCalendarEntity).findBy({ id: In(wanted) })).map((c) => [c.id, c]));
}

/** The timelines of these incidents, in one statement. */
export async function eventsByIncident(ctx: RequestContext, incidentIds: string[]): Promise<Map<string, IncidentEventEntity[]>> {
  const rows = incidentIds.length ? await ctx.em.getRepository(IncidentEventEntity).findBy({ incidentId: In(incidentIds) }) : [];
  const out = new Map<string, IncidentEventEntity[]>(incidentIds.map((id) => [id, []]));
  for (const e of rows) out.get(e.incidentId)?.push(e);
  return out;
}
