import { randomUUID } from 'node:crypto';
import { toGlobalId } from '../../common/global-id';
import { incidentOfEvent } from './event-incident';

describe('incidentOfEvent', () => {
  const incident = randomUUID();
  const escalation = randomUUID();

  it.each<[string, { subjectType: string; subjectId: string; data: Record<string, unknown> }, string | null]>([
    ['an incident event: its subject', { subjectType: 'Incident', subjectId: incident, data: {} }, incident],
    ['an escalation of an incident: the incident in its body', { subjectType: 'Escalation', subjectId: escalation, data: { incident: toGlobalId('Incident', incident) } }, incident],
    ['an escalation of an objective: none', { subjectType: 'Escalation', subjectId: escalation, data: { incident: null } }, null],
    ['a body naming another type: none', { subjectType: 'Escalation', subjectId: escalation, data: { incident: toGlobalId('Objective', incident) } }, null],
    ['a body with a malformed id: none', { subjectType: 'Escalation', subjectId: escalation, data: { incident: 'not-an-id' } }, null],
  ])('%s', (_what, event, expected) => {
    expect(incidentOfEvent(event)).toBe(expected);
  });
});
