import { type Clock } from '../common/clock';
import { type Logger } from '../common/logger';
import { type Database } from '../context/database';
import { recordDueClockEvents } from '../domain/incidents/incident-clocks.service';
import { type PeriodicJob, startPeriodicJob } from './periodic-job';

/** Records SLA clock warnings and breaches when they happen, whether or not anyone reads the incident. */
export function startClockEvents(db: Database, clock: Clock, logger: Logger, intervalMs: number): PeriodicJob {
  return startPeriodicJob('clock-events', db, clock, logger, intervalMs, recordDueClockEvents);
}
