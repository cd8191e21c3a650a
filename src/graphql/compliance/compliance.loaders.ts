import DataLoader from 'dataloader';
import { type RequestContext } from '../../context/request-context';
import { type ComplianceReport, type CurrentBudgetWindows, currentBudgetWindows } from '../../domain/compliance/compliance.service';
import { currentPeriodReport } from '../../domain/compliance/current-period.service';
import { type Granularity } from '../../domain/compliance/periods';
import * as burnAlerts from '../../domain/compliance/burn-alert.service';
import { type PageRequest } from '../../domain/shared/pagination';
import { byIdLoader, nestedPageLoader } from '../core/loaders';

/** Per-request loaders of the compliance area. */
export const ComplianceLoaders = {
  /** One current-period report per agreement and granularity in a request, shared by its objectives. */
  currentReport: (rc: RequestContext) =>
    rc.memo('currentPeriodReports', () =>
      new DataLoader<{ agreementId: string; granularity: Granularity }, ComplianceReport | null, string>(
        async (keys) => Promise.all(keys.map(({ agreementId, granularity }) => currentPeriodReport(rc, agreementId, granularity))),
        { cacheKeyFn: (k) => `${k.agreementId}|${k.granularity}` },
      ),
    ),
  /** The current budget window of every objective of an agreement's revision in force, once per agreement in a request. */
  budgetWindows: (rc: RequestContext) =>
    rc.memo('currentBudgetWindows', () =>
      new DataLoader<string, CurrentBudgetWindows | null>(async (ids) => Promise.all(ids.map((id) => currentBudgetWindows(rc, id)))),
    ),
  burnAlert: (rc: RequestContext) => byIdLoader(rc, 'burnAlert', burnAlerts.findBurnAlertsByIds),
  agreementBurnAlerts: (rc: RequestContext, page: PageRequest, state: burnAlerts.BurnAlertState) =>
    nestedPageLoader(rc, `agreementBurnAlerts:${state ?? 'ALL'}`, page, (c, ids, p) => burnAlerts.burnAlertsOfAgreements(c, ids, p, state)),
  objectiveBurnAlerts: (rc: RequestContext, page: PageRequest, state: burnAlerts.BurnAlertState) =>
    nestedPageLoader(rc, `objectiveBurnAlerts:${state ?? 'ALL'}`, page, (c, ids, p) => burnAlerts.burnAlertsOfObjectives(c, ids, p, state)),
};
