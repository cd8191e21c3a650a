import { type IncidentEntity } from '../../db/entities/incident.entity';
import { type ClockState } from '../clocks/sla-clock';
import { domainEvent } from '../events/domain-events';

/** What happens to incidents that later areas react to (src/domain/reactions.ts), in the transaction it happens in. */

/** A new incident was recorded, its clocks planned (never on the replay of a report). */
export const IncidentReported = domainEvent<{ incident: IncidentEntity }>('incident reported');

/** An incident moved to RESOLVED. */
export const IncidentResolved = domainEvent<{ incident: IncidentEntity }>('incident resolved');

/** A clock of an incident warned or breached at `at`: recorded in its timeline (once per clock and kind) and told to partners. */
export const ClockWarnedOrBreached = domainEvent<{ incident: IncidentEntity; type: 'CLOCK_WARNING' | 'CLOCK_BREACHED'; at: Date; clock: ClockState }>('clock warned or breached');
