import { In } from 'typeorm';
import { Metric } from '../../common/agreement-enums';
import { type FieldPath, UserError, UserErrors } from '../../common/errors';
import { ObjectiveEntity } from '../../db/entities/objective.entity';
import { type RequestContext } from '../../context/request-context';
import { withTransaction } from '../../context/transaction';
import { actorLabel } from '../../common/actor';
import { tellPastDataChanged } from '../compliance/compliance.domain-events';
import { scoreProblem } from '../compliance/satisfaction';
import { requireRole } from '../shared/access';
import { idempotent } from './idempotency';
import { IncidentRoles } from './incident-roles';

export interface SurveyResponse {
  objectiveId: string;
  at: Date;
  /** A whole number on the 1-5 CSAT scale. */
  score: number;
}

export const MAX_SURVEY_BATCH = 1000;

/** Where a response's fields are in the input: `["input", "responses", i]` for a batch, `["input"]` for one response. */
type Where = (i: number) => FieldPath;

/**
 * Records survey responses (customer satisfaction) for SATISFACTION objectives, in one
 * statement, idempotent as measurements are: the same key with the same responses records
 * nothing twice (replayed: true, the first answer); the same key with other responses is
 * IDEMPOTENCY_KEY_REUSED. Every invalid field is reported at once, and nothing is recorded then.
 * Every response is a row of its own: two equal responses of one batch are two responses.
 */
export async function record(
  ctx: RequestContext,
  key: string,
  responses: SurveyResponse[],
  options: { operation: 'surveyResponsesRecord' | 'surveyResponseRecord'; where: Where },
): Promise<{ accepted: number; replayed: boolean }> {
  const actor = requireRole(ctx, IncidentRoles.write);
  if (responses.length === 0 || responses.length > MAX_SURVEY_BATCH) throw new UserError('INVALID_INPUT', `A batch holds 1 to ${MAX_SURVEY_BATCH} responses.`, ['responses']);
  const now = ctx.now;
  const errors: UserError[] = [];
  responses.forEach((r, i) => {
    const problem = scoreProblem(r.score);
    if (problem) errors.push(new UserError('INVALID_INPUT', problem, [...options.where(i), 'score']));
    if (r.at.getTime() > now.getTime()) errors.push(new UserError('INVALID_INPUT', 'A survey response cannot be in the future.', [...options.where(i), 'at']));
  });
  if (errors.length > 0) throw errors.length === 1 ? errors[0] : new UserErrors(errors);
  return withTransaction(ctx, async (tx) => {
    let replayed = true;
    await idempotent(
      tx,
      { providerId: actor.providerId, operation: `${options.operation}:${actor.id}`, key, input: responses.map((r) => ({ ...r, at: r.at.toISOString() })) },
      async () => {
        replayed = false;
        await requireSatisfactionObjectives(tx, actor.providerId, responses, options.where);
        await tx.em.query(
          `INSERT INTO survey_response (provider_id, objective_id, at, score, batch_key)
           SELECT $1, r.objective_id, r.at, r.score, $2
           FROM unnest($3::uuid[], $4::timestamptz[], $5::smallint[]) AS r(objective_id, at, score)`,
          [actor.providerId, key, responses.map((r) => r.objectiveId), responses.map((r) => r.at.toISOString()), responses.map((r) => r.score)],
        );
        await tellPastDataChanged(tx, {
          providerId: actor.providerId,
          since: new Date(Math.min(...responses.map((r) => r.at.getTime()))),
          serviceIds: null,
          objectiveIds: [...new Set(responses.map((r) => r.objectiveId))],
          cause: { kind: 'SURVEY_RESPONSES', subjectId: null, description: `Survey responses "${key}".`, actorName: actorLabel(actor) },
        });
        return null;
      },
      async () => null,
    );
    return { accepted: responses.length, replayed };
  });
}

/** Every response names a SATISFACTION objective of the caller's provider; another tenant's is like a missing one. */
async function requireSatisfactionObjectives(tx: RequestContext, providerId: string, responses: SurveyResponse[], where: Where): Promise<void> {
  const ids = [...new Set(responses.map((r) => r.objectiveId))];
  const objectives = await tx.em.getRepository(ObjectiveEntity).findBy({ id: In(ids), providerId });
  const metricOf = new Map(objectives.map((o) => [o.id, o.metric]));
  const errors: UserError[] = [];
  responses.forEach((r, i) => {
    const metric = metricOf.get(r.objectiveId);
    if (metric === undefined) errors.push(new UserError('NOT_FOUND', 'The objective was not found.', [...where(i), 'objective']));
    else if (metric !== Metric.SATISFACTION) errors.push(new UserError('INVALID_INPUT', `Survey responses feed SATISFACTION objectives only; this is a ${metric} objective.`, [...where(i), 'objective']));
  });
  if (errors.length > 0) throw errors.length === 1 ? errors[0] : new UserErrors(errors);
}
