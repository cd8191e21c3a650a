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
  description: 'What a caller may do; a token holds provider-side roles or customer-side roles, never both.',
  valuesConfig: {
    PROVIDER_ADMIN: { description: 'Everything of its provider.' },
    ACCOUNT_MANAGER: { description: 'Writes agreements and customers; reads everything of its provider.' },
    ANALYST: { description: 'Reads everything of its provider.' },
    CUSTOMER_VIEWER: { description: "Reads its own customer's agreements, incidents and reports." },
    CUSTOMER_SIGNATORY: { description: "A customer viewer who also approves its customer's revisions." },
    INTEGRATION: { description: 'A partner system: reports incidents and measurements, reads agreements.' },
  },
});
registerEnumType(SizeBand, {
  name: 'SizeBand',
  description: 'Headcount band: MICRO < 10, SMALL < 50, MEDIUM < 250, LARGE < 1000, ENTERPRISE 1000+.',
  valuesConfig: {
    MICRO: { description: 'Fewer than 10 employees.' },
    SMALL: { description: '10 to 49 employees.' },
    MEDIUM: { description: '50 to 249 employees.' },
    LARGE: { description: '250 to 999 employees.' },
    ENTERPRISE: { description: '1,000 employees or more.' },
  },
});
registerEnumType(Region, {
  name: 'Region',
  description: 'The world region a customer is in.',
  valuesConfig: {
    NORTH_AMERICA: { description: 'North America.' },
    LATIN_AMERICA: { description: 'Latin America and the Caribbean.' },
    EUROPE: { description: 'Europe.' },
    MIDDLE_EAST_AFRICA: { description: 'The Middle East and Africa.' },
    ASIA_PACIFIC: { description: 'Asia and the Pacific.' },
  },
});
registerEnumType(Tier, {
  name: 'Tier',
  description: 'Commercial tier of a customer.',
  valuesConfig: {
    STANDARD: { description: 'The base tier.' },
    SILVER: { description: 'Above STANDARD.' },
    GOLD: { description: 'Above SILVER.' },
    PLATINUM: { description: 'The highest tier.' },
  },
});

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
  SUPPORTING_TARGET_TOO_LONG = 'SUPPORTING_TARGET_TOO_LONG',
}
registerEnumType(UserErrorCodeEnum, {
  name: 'UserErrorCode',
  description: 'Stable codes of business failures.',
  valuesConfig: {
    INVALID_INPUT: { description: "A field's value is not acceptable; `field` names it." },
    INVALID_ID: { description: 'Not a global id of the type the field wants.' },
    NOT_FOUND: { description: "No such object (another tenant's objects are missing too)." },
    ALREADY_EXISTS: { description: 'A unique name or key is taken.' },
    STALE_VERSION: { description: 'Someone changed the object since you read it: reload, then retry.' },
    INVALID_STATE: { description: "The object's state does not allow it (e.g. editing a revision that is not a DRAFT)." },
    ARCHIVED: { description: 'The object is archived and cannot be used for this.' },
    NOT_ALLOWED: { description: "The contract's terms or rules do not allow it." },
    IDEMPOTENCY_KEY_REUSED: { description: 'The idempotency or batch key was used before with other input.' },
    SUPPORTING_TARGET_TOO_LONG: { description: 'An objective of an OLA or underpinning contract gives more time than the customer objective it supports.' },
  },
});

export { Region, Role, SizeBand, Tier };

registerEnumType(AgreementKind, {
  name: 'AgreementKind',
  description: 'What an agreement covers: one service for everyone, one customer or segment, or a layer of a multi-level agreement.',
  valuesConfig: {
    SERVICE_BASED: { description: 'One service, the same terms for every customer who uses it.' },
    CUSTOMER_BASED: { description: 'Tailored to one customer (or one segment), across the services it uses.' },
    MULTI_LEVEL: { description: 'A layer of a multi-level agreement: corporate, segment, customer or service level.' },
    OLA: { description: 'An operational-level agreement with an internal team (a TEAM supporting party): supports customer agreements, covers no customer.' },
    UNDERPINNING_CONTRACT: { description: 'An underpinning contract with a supplier (a SUPPLIER supporting party): supports customer agreements, covers no customer.' },
  },
});
registerEnumType(AgreementLevel, {
  name: 'AgreementLevel',
  description: 'From the floor (CORPORATE) to the most specific (SERVICE).',
  valuesConfig: {
    CORPORATE: { description: 'Provider-wide: the floor every customer gets.' },
    SEGMENT: { description: 'One segment of customers: refines the corporate terms.' },
    CUSTOMER: { description: "One customer: refines its segment's and the corporate terms." },
    SERVICE: { description: "One service of its parent's party: the most specific level." },
  },
});
registerEnumType(AgreementStatus, {
  name: 'AgreementStatus',
  description: 'DRAFT until a first revision is in force.',
  valuesConfig: {
    DRAFT: { description: 'No revision has come into force yet.' },
    ACTIVE: { description: 'A revision is in force.' },
    EXPIRED: { description: 'Its last terms ran out (effectiveTo passed) without a successor.' },
    TERMINATED: { description: 'Ended early by agreementTerminate; its history is kept.' },
  },
});
registerEnumType(RevisionState, {
  name: 'RevisionState',
  description: 'Where a revision stands: DRAFT -> PROPOSED -> APPROVED -> ACTIVE -> SUPERSEDED, or REJECTED / WITHDRAWN.',
  valuesConfig: {
    DRAFT: { description: 'Being written; the only state that can be edited.' },
    PROPOSED: { description: 'Put to the parties for approval; no longer editable.' },
    APPROVED: { description: 'Signed by every party; comes into force at its effectiveFrom.' },
    ACTIVE: { description: 'In force now.' },
    SUPERSEDED: { description: 'Was in force; replaced by a later revision (or ended).' },
    REJECTED: { description: 'Rejected by a party; a new draft was copied from it.' },
    WITHDRAWN: { description: 'Withdrawn by the provider before approval; a new draft was copied from it.' },
  },
});
registerEnumType(Metric, {
  name: 'Metric',
  description: 'What an objective measures (the service level indicator).',
  valuesConfig: {
    AVAILABILITY: { description: 'Uptime in percent over the window: downtime is OUTAGE time, plus DEGRADED time at a weight, less excused maintenance.' },
    FIRST_RESPONSE_TIME: { description: "Time from an incident's start to the provider's first response, per priority." },
    RESOLUTION_TIME: { description: "Time from an incident's start to its resolution, per priority." },
    UPDATE_INTERVAL: { description: "The longest wait for the provider's next update during an open incident, per priority." },
    RATIO: { description: 'Good events / total events from measurements, in percent (e.g. successful API calls).' },
    SATISFACTION: { description: 'Customer satisfaction from survey responses (scores 1 to 5).' },
  },
});
registerEnumType(Comparator, {
  name: 'Comparator',
  description: 'How attainment compares with the target.',
  valuesConfig: {
    AT_LEAST: { description: 'The attained value must be at least the target (availability, ratio, satisfaction).' },
    AT_MOST: { description: 'The attained value must be at most the target (response and resolution times).' },
  },
});
registerEnumType(Priority, {
  name: 'Priority',
  description: 'Incident priority, P1 the highest: time targets are set per priority.',
  valuesConfig: {
    P1: { description: 'Critical: the shortest targets.' },
    P2: { description: 'High.' },
    P3: { description: 'Medium.' },
    P4: { description: 'Low.' },
  },
});
registerEnumType(WindowKind, {
  name: 'WindowKind',
  description: 'The period over which an objective is judged.',
  valuesConfig: {
    CALENDAR_MONTH: { description: "Each calendar month, in the provider's time zone." },
    CALENDAR_QUARTER: { description: 'Each calendar quarter.' },
    CALENDAR_YEAR: { description: 'Each calendar year.' },
    ROLLING_DAYS: { description: 'The last N days (`days`) of 24 hours, ending now (or at the end of a series period).' },
  },
});
registerEnumType(BudgetingMethod, {
  name: 'BudgetingMethod',
  description: 'How the window is budgeted (OpenSLO): OCCURRENCES counts good time or good events over the window; TIMESLICES counts good slices (a slice is good when it attains the slice target).',
  valuesConfig: {
    OCCURRENCES: { description: 'The good share of all time (availability) or of all events (ratio). The default.' },
    TIMESLICES: { description: 'The share of good slices of `sliceDuration`; a slice is good when its own good share reaches `sliceTarget`.' },
  },
});
registerEnumType(Party, {
  name: 'Party',
  description: 'A side of an agreement.',
  valuesConfig: {
    PROVIDER: { description: 'The provider that delivers the services.' },
    CUSTOMER: { description: 'The customer the agreement is made with.' },
  },
});
registerEnumType(DataSourceKind, {
  name: 'MeasurementSource',
  description: 'Where the data objectives are judged on comes from.',
  valuesConfig: {
    PROVIDER_REPORTED: { description: "Reported by the provider's own tools." },
    THIRD_PARTY_MONITOR: { description: 'An independent monitoring service.' },
    CUSTOMER_REPORTED: { description: 'Reported by the customer.' },
  },
});
registerEnumType(ReportingFrequency, {
  name: 'ReportingFrequency',
  description: 'How often performance is reported.',
  valuesConfig: {
    WEEKLY: { description: 'Every week.' },
    MONTHLY: { description: 'Every calendar month.' },
    QUARTERLY: { description: 'Every calendar quarter.' },
  },
});
registerEnumType(ReviewCadence, {
  name: 'ReviewCadence',
  description: 'How often an agreement is reviewed.',
  valuesConfig: {
    MONTHLY: { description: 'Every calendar month (operations review).' },
    QUARTERLY: { description: 'Every calendar quarter (business review).' },
    ANNUAL: { description: 'Every calendar year.' },
    AD_HOC: { description: 'No automatic reviews; schedule them by hand.' },
  },
});

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
