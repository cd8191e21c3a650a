import { In } from 'typeorm';
import { Metric } from '../../common/agreement-enums';
import { type FieldPath, throwIfAny, UserError } from '../../common/errors';
import { ObjectiveEntity } from '../../db/entities/objective.entity';
import { type RequestContext } from '../../context/request-context';
import { withTransaction } from '../../context/transaction';
import { actorLabel } from '../../common/actor';
import { tellPastDataChanged } from '../compliance/compliance.domain-events';
import { tellBurnDataChanged } from '../compliance/burn-alert.service';
import { requireRole } from '../shared/access';
import { idempotent } from './idempotency';
import { IncidentRoles } from './incident-roles';

export interface MeasurementPoint {
  objectiveId: string;
  at: Date;
  good: number;
  total: number;
  /** The monitor the counts come from (the terms' `measurement.monitor`); null: not said. */
  source?: string | null;
}

export const MAX_BATCH = 1000;

/** The rules of one point that need no database (fields relative to `at`). */
export function pointProblems(p: Pick<MeasurementPoint, 'at' | 'good' | 'total'>, now: Date, at: FieldPath = []): UserError[] {
  const problems: UserError[] = [];
  if (!Number.isInteger(p.good) || !Number.isInteger(p.total) || p.good < 0 || p.total <= 0) {
    problems.push(new UserError('INVALID_INPUT', 'good and total are whole numbers, total above zero.', [...at, 'total']));
  } else if (p.good > p.total) problems.push(new UserError('INVALID_INPUT', 'good cannot exceed total.', [...at, 'good']));
  if (p.at.getTime() > now.getTime()) problems.push(new UserError('INVALID_INPUT', 'A measurement cannot be in the future.', [...at, 'at']));
  return problems;
}

/**
 * Records a batch of good/total counts for RATIO objectives, in one statement. The batch key
 * makes a retry harmless: the same key and points record nothing twice; the same key with other
 * points is IDEMPOTENCY_KEY_REUSED.
 */
export async function record(ctx: RequestContext, batchKey: string, points: MeasurementPoint[]): Promise<{ accepted: number; replayed: boolean }> {
  const actor = requireRole(ctx, IncidentRoles.write);
  if (points.length === 0 || points.length > MAX_BATCH) throw new UserError('INVALID_INPUT', `A batch holds 1 to ${MAX_BATCH} points.`, ['points']);
  throwIfAny(points.flatMap((p, i) => pointProblems(p, ctx.now, ['points', i])));
  return withTransaction(ctx, async (tx) => {
    let replayed = true;
    let stored = 0;
    await idempotent(
      tx,
      { providerId: actor.providerId, operation: `measurementsRecord:${actor.id}`, key: batchKey, input: points.map(({ source, ...p }) => ({ ...p, at: p.at.toISOString(), ...(source ? { source } : {}) })) },
      async () => {
        replayed = false;
        const ids = [...new Set(points.map((p) => p.objectiveId))];
        const objectives = await tx.em.getRepository(ObjectiveEntity).findBy({ id: In(ids), providerId: actor.providerId });
        const ratio = new Set(objectives.filter((o) => o.metric === Metric.RATIO).map((o) => o.id));
        const bad = points.findIndex((p) => !ratio.has(p.objectiveId));
        if (bad >= 0) {
          const known = objectives.some((o) => o.id === points[bad].objectiveId);
          const satisfaction = objectives.some((o) => o.id === points[bad].objectiveId && o.metric === Metric.SATISFACTION);
          const message = satisfaction ? 'Measurements feed RATIO objectives only; SATISFACTION objectives take survey responses (surveyResponsesRecord).' : 'Measurements feed RATIO objectives only.';
          throw new UserError(known ? 'INVALID_INPUT' : 'NOT_FOUND', known ? message : 'The objective was not found.', ['points', bad, 'objective']);
        }
        const inserted: unknown[] = await tx.em.query(
          `INSERT INTO measurement (provider_id, objective_id, at, good, total, batch_key, source)
           SELECT $1, p.objective_id, p.at, p.good, p.total, $2, p.source
           FROM unnest($3::uuid[], $4::timestamptz[], $5::bigint[], $6::bigint[], $7::text[]) AS p(objective_id, at, good, total, source)
           ON CONFLICT DO NOTHING RETURNING 1`,
          [actor.providerId, batchKey, points.map((p) => p.objectiveId), points.map((p) => p.at.toISOString()), points.map((p) => p.good), points.map((p) => p.total), points.map((p) => p.source ?? null)],
        );
        stored = inserted.length;
        await tellPastDataChanged(tx, {
          providerId: actor.providerId,
          since: new Date(Math.min(...points.map((p) => p.at.getTime()))),
          serviceIds: null,
          objectiveIds: ids,
          cause: { kind: 'MEASUREMENTS', subjectId: null, description: `Measurements of batch "${batchKey}".`, actorName: actorLabel(actor) },
        });
        // New measurements may set the objectives' budgets burning.
        if (stored > 0) await tellBurnDataChanged(tx, { providerId: actor.providerId, serviceIds: null, objectiveIds: ids });
        return null;
      },
      async () => null,
    );
    // A point repeated within the batch (same objective and time) is stored once.
    return { accepted: replayed ? new Set(points.map((p) => `${p.objectiveId}@${p.at.toISOString()}`)).size : stored, replayed };
  });
}
