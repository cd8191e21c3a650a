import { Foundation1764000000000 } from './1764000000000-foundation';
import { Agreements1764100000000 } from './1764100000000-agreements';
import { Incidents1764200000000 } from './1764200000000-incidents';
import { SlaClocks1764300000000 } from './1764300000000-sla-clocks';
import { MaintenanceWindows1764400000000 } from './1764400000000-maintenance-windows';
import { DomainEvents1764500000000 } from './1764500000000-domain-events';
import { Webhooks1764600000000 } from './1764600000000-webhooks';
import { Reviews1764700000000 } from './1764700000000-reviews';
import { Escalations1764800000000 } from './1764800000000-escalations';
import { IncidentOpenUntil1765000000000 } from './1765000000000-incident-open-until';
import { ClockJudgedPriority1765310000000 } from './1765310000000-clock-judged-priority';
import { SurveyResponses1765320000000 } from './1765320000000-survey-responses';
import { RowLevelSecurity1765400000000 } from './1765400000000-row-level-security';
import { HistoryImport1765500000000 } from './1765500000000-history-import';
import { Statements1765510000000 } from './1765510000000-statements';
import { Corrections1765510000001 } from './1765510000001-corrections';
import { RateLimitStore1765530000000 } from './1765530000000-rate-limit-store';
import { MaintenanceRecurrences1765540000000 } from './1765540000000-maintenance-recurrences';
import { CustomerMessages1765540000001 } from './1765540000001-customer-messages';
import { Claims1765600000000 } from './1765600000000-claims';
import { VerifiableTerms1765610000000 } from './1765610000000-verifiable-terms';
import { MeasurementSource1765610000001 } from './1765610000001-measurement-source';
import { PauseStatesAndConditions1765620000000 } from './1765620000000-pause-states-and-conditions';
import { SupportingParties1765630000000 } from './1765630000000-supporting-parties';
import { ObjectiveBudgeting1765640000000 } from './1765640000000-objective-budgeting';
import { BurnAlerts1765650000000 } from './1765650000000-burn-alerts';
import { ReportDeliveries1765660000000 } from './1765660000000-report-deliveries';

/** Every migration, in order. Listed explicitly so that tsc, jest and the TypeORM CLI load the same set. */
export const migrations = [
  Foundation1764000000000,
  Agreements1764100000000,
  Incidents1764200000000,
  SlaClocks1764300000000,
  MaintenanceWindows1764400000000,
  DomainEvents1764500000000,
  Webhooks1764600000000,
  Reviews1764700000000,
  Escalations1764800000000,
  IncidentOpenUntil1765000000000,
  ClockJudgedPriority1765310000000,
  SurveyResponses1765320000000,
  RowLevelSecurity1765400000000,
  HistoryImport1765500000000,
  Statements1765510000000,
  Corrections1765510000001,
  RateLimitStore1765530000000,
  MaintenanceRecurrences1765540000000,
  CustomerMessages1765540000001,
  Claims1765600000000,
  VerifiableTerms1765610000000,
  MeasurementSource1765610000001,
  PauseStatesAndConditions1765620000000,
  SupportingParties1765630000000,
  ObjectiveBudgeting1765640000000,
  BurnAlerts1765650000000,
  ReportDeliveries1765660000000,
];
