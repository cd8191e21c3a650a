import { type RequestContext } from '../../context/request-context';
import { type ComplianceReport, complianceReport } from './compliance.service';
import { type Granularity } from './periods';

/** The report of the one period (of this granularity) that contains the unit of work's instant. */
export function currentPeriodReport(ctx: RequestContext, agreementId: string, granularity: Granularity): Promise<ComplianceReport | null> {
  const now = ctx.now;
  return complianceReport(ctx, agreementId, now, new Date(now.getTime() + 1), granularity);
}
