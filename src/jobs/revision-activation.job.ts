import { type Clock } from '../common/clock';
import { type Logger } from '../common/logger';
import { type Database } from '../context/database';
import { settleDueAgreements } from '../domain/agreements/activation';
import { sealUnsealedRevisions } from '../domain/agreements/revision-seal';
import { type PeriodicJob, startPeriodicJob } from './periodic-job';

export type { PeriodicJob };

/**
 * Activates approved revisions whose effectiveFrom has come and expires agreements whose terms
 * ran out. One run at start activates what came due during a restart; reads of the terms in
 * force go by validity periods and are right even between runs. Each run first seals (a batch
 * of) revisions signed before canonical terms and their hashes existed (revision-seal.ts).
 */
export function startRevisionActivation(db: Database, clock: Clock, logger: Logger, intervalMs: number): PeriodicJob {
  return startPeriodicJob('revision-activation', db, clock, logger, intervalMs, async (ctx) => (await sealUnsealedRevisions(ctx)) + (await settleDueAgreements(ctx)));
}
