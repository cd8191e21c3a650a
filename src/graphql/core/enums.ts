import { registerEnumType } from 'type-graphql';
import {
  AgreementKind,
  AgreementLevel,
  AgreementStatus,
  BudgetingMethod,
  Comparator,
  DataSourceKind,
  Metric,
  Party,
  Priority,
  ReportingFrequency,
  ReviewCadence,
  RevisionState,
  WindowKind,
} from '../../common/agreement-enums';
import { Region, SizeBand, Tier } from '../../common/catalog-enums';
import { Role } from '../../common/roles';

registerEnumType(Role, {
  name: 'Role',
  valuesConfig: {
    PROVIDER_ADMIN: { description: 'Everything of its provider.' },
    ACCOUNT_MANAGER: { description: 'Writes agreements and customers; reads everything of its provider.' },
    ANALYST: { description: 'Reads everything of its provider.' },
    CUSTOMER_VIEWER: { description: "Reads its own customer's agreements, incidents and reports." },
    CUSTOMER_SIGNATORY: { description: "A customer viewer who also approves its customer's revisions." },
    INTEGRATION: { description: 'A partner system: reports incidents and measurements, reads agreements.' },
  },
});
registerEnumType(SizeBand, { name: 'SizeBand', description: 'Headcount band: MICRO < 10, SMALL < 50, MEDIUM < 250, LARGE < 1000, ENTERPRISE 1000+.' });
registerEnumType(Region, { name: 'Region' });
registerEnumType(Tier, { name: 'Tier', description: 'Commercial tier of a customer.' });

export enum UserErrorCodeEnum {
  INVALID_INPUT = 'INVALID_INPUT',
  INVALID_ID = 'INVALID_ID',
  NOT_FOUND = 'NOT_FOUND',
  ALREADY_EXISTS = 'ALREADY_EXISTS',
  STALE_VERSION = 'STALE_VERSION',
  INVALID_STATE = 'INVALID_STATE',
  ARCHIVED = 'ARCHIVED',
  NOT_ALLOWED = 'NOT_ALLOWED',
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
}
registerEnumType(UserErrorCodeEnum, { name: 'UserErrorCode', description: 'Stable codes of business failures.' });

export { Region, Role, SizeBand, Tier };

registerEnumType(AgreementKind, {
  name: 'AgreementKind',
  valuesConfig: {
    SERVICE_BASED: { description: 'One service, the same terms for every customer who uses it.' },
    CUSTOMER_BASED: { description: 'Tailored to one customer (or one segment), across the services it uses.' },
    MULTI_LEVEL: { description: 'A layer of a multi-level agreement: corporate, segment, customer or service level.' },
  },
});
registerEnumType(AgreementLevel, { name: 'AgreementLevel', description: 'From the floor (CORPORATE) to the most specific (SERVICE).' });
registerEnumType(AgreementStatus, { name: 'AgreementStatus', description: 'DRAFT until a first revision is in force.' });
registerEnumType(RevisionState, { name: 'RevisionState' });
registerEnumType(Metric, { name: 'Metric' });
registerEnumType(Comparator, { name: 'Comparator' });
registerEnumType(Priority, { name: 'Priority' });
registerEnumType(WindowKind, {
  name: 'WindowKind',
  description: 'The window an objective is judged over: a calendar month, quarter or year in the provider\'s time zone, or the rolling `days` (of 24 hours) ending now.',
});
registerEnumType(BudgetingMethod, {
  name: 'BudgetingMethod',
  description: 'How the window is budgeted (OpenSLO): OCCURRENCES counts good time or good events over the window; TIMESLICES counts good slices (a slice is good when it attains the slice target).',
  valuesConfig: {
    OCCURRENCES: { description: 'The good share of all time (availability) or of all events (ratio). The default.' },
    TIMESLICES: { description: 'The share of good slices of `sliceDuration`; a slice is good when its own good share reaches `sliceTarget`.' },
  },
});
registerEnumType(Party, { name: 'Party' });
registerEnumType(DataSourceKind, { name: 'MeasurementSource' });
registerEnumType(ReportingFrequency, { name: 'ReportingFrequency' });
registerEnumType(ReviewCadence, { name: 'ReviewCadence' });

export {
  AgreementKind,
  BudgetingMethod,
  AgreementLevel,
  AgreementStatus,
  Comparator,
  DataSourceKind,
  Metric,
  Party,
  Priority,
  ReportingFrequency,
  ReviewCadence,
  RevisionState,
  WindowKind,
};

/** Why a correction excludes an incident or a time window, or fixes a recorded time (the terms say which may be given). */
export enum CorrectionReasonEnum {
  MAINTENANCE = 'MAINTENANCE',
  CUSTOMER_CAUSED = 'CUSTOMER_CAUSED',
  THIRD_PARTY = 'THIRD_PARTY',
  FORCE_MAJEURE = 'FORCE_MAJEURE',
}
registerEnumType(CorrectionReasonEnum, {
  name: 'CorrectionReason',
  description: 'Why a correction excludes an incident or a time window, or fixes a recorded time.',
  valuesConfig: {
    MAINTENANCE: { description: 'Maintenance the terms excuse.' },
    CUSTOMER_CAUSED: { description: 'The customer caused it (its change, its network, its request).' },
    THIRD_PARTY: { description: 'A third party the provider does not answer for under the terms.' },
    FORCE_MAJEURE: { description: 'Force majeure as the terms define it.' },
  },
});
