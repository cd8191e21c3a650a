import { type IncidentEntity } from '../../db/entities/incident.entity';
import { type ClockState } from '../clocks/sla-clock';
import { domainEvent } from '../events/domain-events';

/** What happens to incidents that later areas react to (src/domain/reactions.ts), in the transaction it happens in. */

/**
 * The terms of a revision in force for an incident's customer and service when it started, as the
 * report read them (most specific level first): reactions need not read them again.
 */
export interface RevisionTermsInForce {
  revisionId: string;
  /** `terms.escalationPolicy` as stored (null when the terms have none). */
  escalationPolicy: unknown;
}

/**
 * A new incident was recorded, its clocks planned (never on the replay of a report). `inForce`:
 * the revisions in force for it when it started, most specific first, as the report read them.
 */
export const IncidentReported = domainEvent<{ incident: IncidentEntity; inForce?: RevisionTermsInForce[] }>('incident reported');

/** An incident moved to RESOLVED. */
export const IncidentResolved = domainEvent<{ incident: IncidentEntity }>('incident resolved');

/** The supporting party (team or supplier) whose clock it is, for a clock of an OLA or underpinning contract. */
export interface SupportingOwner {
  partyId: string;
  partyName: string;
  partyKind: 'TEAM' | 'SUPPLIER';
  /** The supporting agreement the clock is judged against. */
  agreementId: string;
}

/**
 * A clock of an incident warned or breached at `at`: recorded in its timeline (once per clock and
 * kind) and told to partners. `supporting`: the clock is a supporting party's (absent: the customer's).
 */
export const ClockWarnedOrBreached = domainEvent<{ incident: IncidentEntity; type: 'CLOCK_WARNING' | 'CLOCK_BREACHED'; at: Date; clock: ClockState; supporting?: SupportingOwner }>(
  'clock warned or breached',
);
