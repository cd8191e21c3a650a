import { fromGlobalId } from '../../common/global-id';

/**
 * The incident an event is about: its subject when that is an incident, else the incident an
 * escalation was raised on (named in the event body by its global id); null for neither.
 */
export function incidentOfEvent(e: { subjectType: string; subjectId: string; data: Record<string, unknown> }): string | null {
  if (e.subjectType === 'Incident') return e.subjectId;
  const ref = typeof e.data.incident === 'string' ? fromGlobalId(e.data.incident) : null;
  return ref?.type === 'Incident' ? ref.uuid : null;
}
