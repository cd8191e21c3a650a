import { type RequestContext } from '../../context/request-context';
import { domainEvent, publish } from '../events/domain-events';
import { type BurnAlertRow } from './burn-rate.sql';

/** What happens to the data compliance is computed from that later areas react to (src/domain/reactions.ts). */

/** What changed data that compliance reads, as an adjustment names its cause. */
export interface DataChangeCause {
  kind: 'INCIDENT' | 'MEASUREMENTS' | 'SURVEY_RESPONSES' | 'MAINTENANCE_WINDOW' | 'CORRECTION' | 'IMPORT' | 'CLAIM';
  /** The incident, maintenance window or correction (uuid); null for a batch of measurements or responses, or an import of several records. */
  subjectId: string | null;
  /** In words: "incident reported with a start in the past", "batch gw-2026-05-04T10" ... */
  description: string;
  /** Who changed it. */
  actorName: string;
}

/**
 * Data that compliance reads changed at or after `since` (an incident's start, an event's back-filled
 * time, a measurement's instant), for one provider, maybe in a period that has closed into a
 * statement. `serviceIds` / `objectiveIds` narrow which agreements it can touch (null: any).
 */
export interface PastDataChange {
  providerId: string;
  since: Date;
  serviceIds: string[] | null;
  objectiveIds: string[] | null;
  /** The agreements it can touch, when known (a correction is of one agreement); absent: any. */
  agreementIds?: string[] | null;
  cause: DataChangeCause;
}

export const PastDataChanged = domainEvent<PastDataChange>('past data changed');

/**
 * The latest instant at which the month under way began in any time zone (offsets UTC-12 to
 * UTC+14, in quarter hours): anything at or after it lies in a month that is still running
 * everywhere, so it cannot belong to a period that has ended (let alone closed).
 */
export function lastMonthStartAnywhere(now: Date): Date {
  let latest = -Infinity;
  for (let quarter = -12 * 4; quarter <= 14 * 4; quarter++) {
    const offset = quarter * 15 * 60_000;
    const local = new Date(now.getTime() + offset);
    latest = Math.max(latest, Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - offset);
  }
  return new Date(latest);
}

/**
 * Tells the areas that settle periods that `change` happened, when it may touch a month that has
 * ended (and may have closed into a statement); a change within the month under way (the usual
 * case: a live incident) publishes nothing and costs nothing.
 */
export async function tellPastDataChanged(tx: RequestContext, change: PastDataChange): Promise<void> {
  if (change.since.getTime() >= lastMonthStartAnywhere(tx.now).getTime()) return;
  await publish(tx, PastDataChanged, change);
}

/** A burn-rate alert episode of an objective began (raised) or ended (resolved): escalations react (src/domain/reactions.ts). */
export interface BurnAlertChange {
  alert: BurnAlertRow;
  /** The revision whose terms the objective belongs to (its escalation policy applies). */
  escalationPolicy: unknown;
}

export const BurnAlertRaised = domainEvent<BurnAlertChange>('burn alert raised');
export const BurnAlertResolved = domainEvent<BurnAlertChange>('burn alert resolved');
