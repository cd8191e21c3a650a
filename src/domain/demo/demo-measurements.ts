import { Metric } from '../../common/agreement-enums';
import { type FixedClock } from '../../common/clock';
import { ObjectiveEntity } from '../../db/entities/objective.entity';
import { type RequestContext } from '../../context/request-context';
import * as measurements from '../incidents/measurement.service';

const FIVE_MINUTES = 5 * 60_000;
const FROM = new Date('2026-10-18T00:00:00Z');
const UNTIL = new Date('2026-11-15T11:00:00Z');
/** A slow storage migration: query success drops to 97% from 14:00 to 14:40 UTC. */
const BURST = { from: new Date('2026-11-12T14:00:00Z').getTime(), to: new Date('2026-11-12T14:40:00Z').getTime() };

/**
 * Query success of the bank's Managed PostgreSQL, as the monitoring bridge pushes it: one count
 * every five minutes for four weeks, judged by five-minute time slices (the objective's budgeting):
 * 99.9% most of the time; a slice of 99.5% (exactly its slice target: good) every 97th; 99.2% (bad)
 * every 211th; and a burst of bad slices on 12 November. Deterministic, so the demo reads the same
 * every time.
 */
export async function seedDemoMeasurements(monitoring: RequestContext, clock: FixedClock, revisionId: string): Promise<void> {
  const objective = await monitoring.em.getRepository(ObjectiveEntity).findOneByOrFail({ revisionId, metric: Metric.RATIO });
  const points: measurements.MeasurementPoint[] = [];
  for (let t = FROM.getTime(), i = 0; t < UNTIL.getTime(); t += FIVE_MINUTES, i += 1) {
    const total = 2000 + ((i * 37) % 400);
    const share = t >= BURST.from && t < BURST.to ? 0.97 : i % 211 === 0 ? 0.992 : i % 97 === 0 ? 0.995 : 0.999;
    // Whole counts: the share of a total that is a multiple of 200 (at 99.5%, exactly).
    const whole = total - (total % 200);
    points.push({ objectiveId: objective.id, at: new Date(t + 60_000), good: Math.round(whole * share), total: whole });
  }
  clock.set(UNTIL);
  for (let i = 0; i < points.length; i += measurements.MAX_BATCH) {
    await measurements.record(monitoring, `demo-query-success-${i / measurements.MAX_BATCH}`, points.slice(i, i + measurements.MAX_BATCH));
  }
}
