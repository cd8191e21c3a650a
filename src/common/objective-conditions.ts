import { type Region, type Tier } from './catalog-enums';

/** An incident's impact, as reported. */
export type Impact = 'OUTAGE' | 'DEGRADED' | 'NONE';

/**
 * The incidents an objective applies to. Each dimension given lists the values that match (any of
 * them); an incident matches when it matches every dimension given. No dimension: every incident.
 * The rule that chooses among matching objectives is agreements/objective-conditions.ts.
 */
export interface ObjectiveConditions {
  /** The incident's category (as the reporter names it, compared exactly). */
  categories?: string[];
  /** The channel it came in by ("email", "phone", "monitoring" ...; compared exactly). */
  channels?: string[];
  impacts?: Impact[];
  customerTiers?: Tier[];
  customerRegions?: Region[];
}

/** The dimensions, in the order the API lists them and reasons name them. */
export const CONDITION_DIMENSIONS = ['categories', 'channels', 'impacts', 'customerTiers', 'customerRegions'] as const;
export type ConditionDimension = (typeof CONDITION_DIMENSIONS)[number];
