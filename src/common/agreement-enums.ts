export enum AgreementKind {
  SERVICE_BASED = 'SERVICE_BASED',
  CUSTOMER_BASED = 'CUSTOMER_BASED',
  MULTI_LEVEL = 'MULTI_LEVEL',
  /** An operational-level agreement with an internal team. */
  OLA = 'OLA',
  /** An underpinning contract with a supplier. */
  UNDERPINNING_CONTRACT = 'UNDERPINNING_CONTRACT',
}

/** Kinds of agreement with a supporting party (team or supplier) rather than with customers. */
export const SUPPORTING_KINDS: readonly AgreementKind[] = [AgreementKind.OLA, AgreementKind.UNDERPINNING_CONTRACT];

/** Levels of a multi-level agreement, from the floor (CORPORATE) to the most specific (SERVICE). */
export enum AgreementLevel {
  CORPORATE = 'CORPORATE',
  SEGMENT = 'SEGMENT',
  CUSTOMER = 'CUSTOMER',
  SERVICE = 'SERVICE',
}

export const LEVEL_RANK: Record<AgreementLevel, number> = {
  [AgreementLevel.CORPORATE]: 0,
  [AgreementLevel.SEGMENT]: 1,
  [AgreementLevel.CUSTOMER]: 2,
  [AgreementLevel.SERVICE]: 3,
};

export enum AgreementStatus {
  DRAFT = 'DRAFT',
  ACTIVE = 'ACTIVE',
  EXPIRED = 'EXPIRED',
  TERMINATED = 'TERMINATED',
}

export enum RevisionState {
  DRAFT = 'DRAFT',
  PROPOSED = 'PROPOSED',
  APPROVED = 'APPROVED',
  ACTIVE = 'ACTIVE',
  SUPERSEDED = 'SUPERSEDED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
}

export enum Metric {
  AVAILABILITY = 'AVAILABILITY',
  FIRST_RESPONSE_TIME = 'FIRST_RESPONSE_TIME',
  RESOLUTION_TIME = 'RESOLUTION_TIME',
  UPDATE_INTERVAL = 'UPDATE_INTERVAL',
  RATIO = 'RATIO',
  SATISFACTION = 'SATISFACTION',
}

/** Metrics measured as a duration per incident and priority. */
export const TIME_METRICS: readonly Metric[] = [Metric.FIRST_RESPONSE_TIME, Metric.RESOLUTION_TIME, Metric.UPDATE_INTERVAL];

export enum Comparator {
  /** The attained value must be at least the target (availability, ratio, satisfaction). */
  AT_LEAST = 'AT_LEAST',
  /** The attained value must be at most the target (response and resolution times). */
  AT_MOST = 'AT_MOST',
}

export enum Priority {
  P1 = 'P1',
  P2 = 'P2',
  P3 = 'P3',
  P4 = 'P4',
}

export enum WindowKind {
  CALENDAR_MONTH = 'CALENDAR_MONTH',
  CALENDAR_QUARTER = 'CALENDAR_QUARTER',
  CALENDAR_YEAR = 'CALENDAR_YEAR',
  ROLLING_DAYS = 'ROLLING_DAYS',
}

/** How an objective's window is budgeted (OpenSLO's budgetingMethod). */
export enum BudgetingMethod {
  /** Good time (availability) or good events (ratio) over all of the window: the default. */
  OCCURRENCES = 'OCCURRENCES',
  /** Time slices of a fixed duration: a slice is good when its own figure meets the slice target; the target is the share of good slices. */
  TIMESLICES = 'TIMESLICES',
}

export enum Party {
  PROVIDER = 'PROVIDER',
  CUSTOMER = 'CUSTOMER',
}

export enum DataSourceKind {
  PROVIDER_REPORTED = 'PROVIDER_REPORTED',
  THIRD_PARTY_MONITOR = 'THIRD_PARTY_MONITOR',
  CUSTOMER_REPORTED = 'CUSTOMER_REPORTED',
}

export enum ReportingFrequency {
  WEEKLY = 'WEEKLY',
  MONTHLY = 'MONTHLY',
  QUARTERLY = 'QUARTERLY',
}

export enum ReviewCadence {
  MONTHLY = 'MONTHLY',
  QUARTERLY = 'QUARTERLY',
  ANNUAL = 'ANNUAL',
  AD_HOC = 'AD_HOC',
}
