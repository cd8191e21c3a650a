import { type RequestContext } from '../../context/request-context';
import * as reports from '../../domain/reporting/report-delivery.service';
import { type PageRequest } from '../../domain/shared/pagination';
import { byIdLoader, groupedLoader, nestedPageLoader } from '../core/loaders';

/** Per-request loaders of the reporting area: one statement per kind, whatever the number of parents. */
export const ReportLoaders = {
  delivery: (rc: RequestContext) => byIdLoader(rc, 'reportDelivery', reports.findReportDeliveriesByIds),
  attempts: (rc: RequestContext) => groupedLoader(rc, 'reportAttempts', reports.reportAttemptsOf, (a) => a.deliveryId),
  agreementDeliveries: (rc: RequestContext, page: PageRequest) => nestedPageLoader(rc, 'agreementReportDeliveries', page, reports.reportDeliveriesOf),
};
