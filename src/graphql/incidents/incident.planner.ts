import { type ResolveTree } from 'graphql-parse-resolve-info';
import { type RequestContext } from '../../context/request-context';
import { type IncidentEntity } from '../../db/entities/incident.entity';
import { agreementIncidentsRead } from '../../domain/incidents/incident.service';
import { type Page } from '../../domain/shared/pagination';
import { type AgreementPart, pageArgs } from '../agreements/agreement.planner';
import { toConnection } from '../core/connection';
import { connectionNodeFields, propsFor, selectsOnConnection } from '../core/look-ahead';
import { IncidentConnection, toIncident } from './incident.type';

/** What each field of Incident reads, by entity property (look-ahead.ts propsFor). */
const INCIDENT_FIELDS: Record<string, string[] | null> = {
  id: ['id'], priority: ['priority'], impact: ['impact'], status: ['status'], title: ['title'], description: ['description'], startedAt: ['startedAt'],
  acknowledgedAt: ['acknowledgedAt'], resolvedAt: ['resolvedAt'], closedAt: ['closedAt'], externalId: ['externalId'], reportedBy: ['reporterName'],
  covered: ['revisionId'], version: ['version'], createdAt: ['createdAt'], customer: ['customerId'], service: ['serviceId'], agreement: ['agreementId'],
  revision: ['revisionId'], clocks: ['id'], events: ['id'],
};

/** `Agreement.incidents` in a planned read of agreements: the page of each agreement in the same statement (totalCount is left to the loader). */
export function planAgreementIncidents(rc: RequestContext, field: ResolveTree): AgreementPart | null {
  if (selectsOnConnection(field, 'IncidentConnection', 'totalCount')) return null;
  const props = propsFor(connectionNodeFields(field, 'IncidentConnection', 'IncidentEdge', ['Incident', 'Node']), INCIDENT_FIELDS);
  return {
    read: agreementIncidentsRead(rc, pageArgs(field), props),
    toField: (page: Page<IncidentEntity>) => toConnection(IncidentConnection, page, toIncident),
  };
}
