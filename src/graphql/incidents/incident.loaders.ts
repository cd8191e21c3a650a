import DataLoader from 'dataloader';
import { type RequestContext } from '../../context/request-context';
import { type IncidentEntity } from '../../db/entities/incident.entity';
import { liveClocks, type LiveClock } from '../../domain/incidents/incident-clocks.service';
import { assignmentsOf, liveSupportingClocks, type LiveSupportingClock } from '../../domain/incidents/supporting-clocks.service';
import { type IncidentAssignmentEntity } from '../../db/entities/incident-assignment.entity';
import * as incidents from '../../domain/incidents/incident.service';
import * as recurrences from '../../domain/incidents/maintenance-recurrence.service';
import { type PageRequest } from '../../domain/shared/pagination';
import { AgreementLoaders } from '../agreements/agreement.loaders';
import { CatalogLoaders } from '../catalog/catalog.loaders';
import { byIdLoader, nestedPageLoader } from '../core/loaders';

/** Per-request loaders of the incidents area: a page of incidents costs the same statements as one. */
export const IncidentLoaders = {
  incident: (rc: RequestContext) => byIdLoader(rc, 'incident', incidents.findByIds),
  maintenanceRecurrence: (rc: RequestContext) => byIdLoader(rc, 'maintenanceRecurrence', recurrences.findByIds),
  /** The live clocks of the incidents of a request, computed together. */
  clocks: (rc: RequestContext) =>
    rc.memo('incidentClocks', () =>
      new DataLoader<string, LiveClock[]>(async (ids) => {
        const rows = (await IncidentLoaders.incident(rc).loadMany(ids)).filter((r): r is IncidentEntity => Boolean(r) && !(r instanceof Error));
        const clocks = await liveClocks(rc, rows, rc.now);
        return ids.map((id) => clocks.get(id) ?? []);
      }),
    ),
  /** The live supporting clocks (OLAs, underpinning contracts) of the incidents of a request, computed together; none for customer users. */
  supportingClocks: (rc: RequestContext) =>
    rc.memo('incidentSupportingClocks', () =>
      new DataLoader<string, LiveSupportingClock[]>(async (ids) => {
        const rows = (await IncidentLoaders.incident(rc).loadMany(ids)).filter((r): r is IncidentEntity => Boolean(r) && !(r instanceof Error));
        const clocks = await liveSupportingClocks(rc, rows, rc.now);
        return ids.map((id) => clocks.get(id) ?? []);
      }),
    ),
  /** Who held each incident, oldest first; none for customer users. */
  assignments: (rc: RequestContext) =>
    rc.memo('incidentAssignments', () =>
      new DataLoader<string, IncidentAssignmentEntity[]>(async (ids) => {
        const byIncident = await assignmentsOf(rc, ids);
        return ids.map((id) => byIncident.get(id) ?? []);
      }),
    ),
  events: (rc: RequestContext, page: PageRequest) => nestedPageLoader(rc, 'incidentEvents', page, incidents.eventsOf),
  agreementIncidents: (rc: RequestContext, page: PageRequest) => nestedPageLoader(rc, 'agreementIncidents', page, incidents.ofAgreements),
};

/**
 * Hands the request's loaders the rows an incident report already read (its incident, customer,
 * service, agreement), so that its answer shows them without reading them again.
 */
export function primeReportAnswer(rc: RequestContext, result: incidents.ReportResult): void {
  if (!result.seen) return;
  IncidentLoaders.incident(rc).prime(result.incident.id, result.incident);
  const { customer, service, agreement } = result.seen;
  if (customer) CatalogLoaders.customer(rc).prime(customer.id, customer);
  if (service) CatalogLoaders.service(rc).prime(service.id, service);
  if (agreement) AgreementLoaders.agreement(rc).prime(agreement.id, agreement);
}
