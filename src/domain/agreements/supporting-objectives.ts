import { Metric, type Priority } from '../../common/agreement-enums';
import { throwIfAny, UserError } from '../../common/errors';
import { type AgreementEntity } from '../../db/entities/agreement.entity';
import { type RequestContext } from '../../context/request-context';
import { SIGNED_STATES_SQL } from './revision-lifecycle';
import { type ObjectiveTerms, type RevisionTerms } from './terms';

/** What a supporting agreement's objective may measure: the clocks its party runs while it holds an incident. */
export const SUPPORTING_METRICS: readonly Metric[] = [Metric.RESOLUTION_TIME, Metric.UPDATE_INTERVAL];

/** A customer objective as the rule reads it. */
export interface SupportedObjective {
  id: string;
  metric: Metric;
  priority: Priority | null;
  targetSeconds: number | null;
  /** Its revision is signed (APPROVED, ACTIVE or SUPERSEDED): its objectives never change. */
  signed: boolean;
  /** It belongs to a supporting agreement itself. */
  supporting: boolean;
}

/**
 * The rules of the objectives of a supporting agreement (OLA, underpinning contract) and of what
 * they support, each problem naming its field under ["terms", "objectives", i]:
 * - only a supporting agreement's objectives support anything; its objectives are RESOLUTION_TIME
 *   or UPDATE_INTERVAL (the clocks its party runs while it holds an incident);
 * - a supported objective is a customer agreement's objective (found: NOT_FOUND otherwise) of a
 *   signed revision, of the same metric, and of a priority the supporting objective covers;
 * - the supporting target may not be longer than the target it supports
 *   (SUPPORTING_TARGET_TOO_LONG): an OLA that gives the team more time than the customer has
 *   cannot underpin the SLA. Equal is allowed. Durations are compared as written (business hours
 *   and 24x7 alike).
 */
export function supportsProblems(objectives: readonly ObjectiveTerms[], supporting: boolean, supported: ReadonlyMap<string, SupportedObjective>): UserError[] {
  const errors: UserError[] = [];
  objectives.forEach((o, i) => {
    const at = ['terms', 'objectives', i];
    const ids = o.supports ?? [];
    if (!supporting) {
      if (ids.length > 0) errors.push(new UserError('INVALID_INPUT', 'Only the objectives of an OLA or an underpinning contract support other objectives.', [...at, 'supportsObjectiveIds']));
      return;
    }
    if (!SUPPORTING_METRICS.includes(o.metric)) {
      errors.push(new UserError('INVALID_INPUT', `A supporting agreement measures ${SUPPORTING_METRICS.join(' and ')} (the clocks of the incidents its party holds), not ${o.metric}.`, [...at, 'metric']));
      return;
    }
    ids.forEach((id, j) => {
      const field = [...at, 'supportsObjectiveIds', j];
      const s = supported.get(id);
      if (!s) return errors.push(new UserError('NOT_FOUND', 'The supported objective was not found.', field));
      if (s.supporting) return errors.push(new UserError('INVALID_INPUT', "A supporting objective supports a customer agreement's objective, not another supporting one.", field));
      if (!s.signed) return errors.push(new UserError('INVALID_STATE', 'A supporting objective supports signed terms only (an approved, active or superseded revision).', field));
      if (s.metric !== o.metric) return errors.push(new UserError('INVALID_INPUT', `A ${o.metric} objective supports a ${o.metric} objective, not ${s.metric}.`, field));
      if (o.priority !== null && s.priority !== null && o.priority !== s.priority) {
        return errors.push(new UserError('INVALID_INPUT', `A ${o.priority} objective cannot support a ${s.priority} one.`, field));
      }
      if (o.targetSeconds !== null && s.targetSeconds !== null && o.targetSeconds > s.targetSeconds) {
        errors.push(
          new UserError(
            'SUPPORTING_TARGET_TOO_LONG',
            `The supporting target (${o.targetSeconds} s) is longer than the target it supports (${s.targetSeconds} s): the customer's clock would breach before this one.`,
            [...at, 'targetDuration'],
          ),
        );
      }
    });
  });
  return errors;
}

/** The objectives named by `supports`, with what the rule needs (one statement; none when nothing is named). */
async function supportedObjectives(tx: RequestContext, providerId: string, objectives: readonly ObjectiveTerms[]): Promise<Map<string, SupportedObjective>> {
  const ids = [...new Set(objectives.flatMap((o) => o.supports ?? []))];
  if (ids.length === 0) return new Map();
  const rows: { id: string; metric: Metric; priority: Priority | null; target_seconds: number | null; signed: boolean; supporting: boolean }[] = await tx.em.query(
    `SELECT o.id, o.metric, o.priority, o.target_seconds, r.state IN (${SIGNED_STATES_SQL}) AS signed, a.supporting_party_id IS NOT NULL AS supporting
     FROM objective o JOIN agreement_revision r ON r.id = o.revision_id JOIN agreement a ON a.id = r.agreement_id
     WHERE o.provider_id = $1 AND o.id = ANY($2::uuid[])`,
    [providerId, ids],
  );
  return new Map(rows.map((r) => [r.id, { id: r.id, metric: r.metric, priority: r.priority, targetSeconds: r.target_seconds === null ? null : Number(r.target_seconds), signed: r.signed, supporting: r.supporting }]));
}

/** Checks what the objectives of a draft of `agreement` support (see supportsProblems); throws every problem at once. */
export async function checkSupports(tx: RequestContext, agreement: Pick<AgreementEntity, 'providerId' | 'supportingPartyId'>, objectives: readonly ObjectiveTerms[]): Promise<void> {
  const supporting = agreement.supportingPartyId !== null;
  if (!supporting && objectives.every((o) => (o.supports ?? []).length === 0)) return;
  throwIfAny(supportsProblems(objectives, supporting, await supportedObjectives(tx, agreement.providerId, objectives)));
}

/**
 * Terms a supporting agreement may not have: a credit policy (an OLA or underpinning contract
 * produces no customer credits nor statements; its clocks show in compliance reports only).
 */
export function supportingTermsProblems(terms: Pick<RevisionTerms, 'creditPolicy'>, supporting: boolean): UserError[] {
  if (!supporting || terms.creditPolicy === null) return [];
  return [new UserError('INVALID_INPUT', 'An OLA or underpinning contract has no credit policy: it produces no customer credits or statements.', ['terms', 'creditPolicy'])];
}
