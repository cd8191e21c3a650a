import { In } from 'typeorm';
import { RevisionState } from '../../common/agreement-enums';
import { UserError } from '../../common/errors';
import { type AgreementEntity } from '../../db/entities/agreement.entity';
import { AgreementRevisionEntity } from '../../db/entities/agreement-revision.entity';
import { BusinessCalendarEntity } from '../../db/entities/business-calendar.entity';
import { ObjectiveEntity } from '../../db/entities/objective.entity';
import { actorLabel } from '../../common/actor';
import { type RequestContext } from '../../context/request-context';
import { type ObjectiveTerms, type RevisionContent, type RevisionTerms } from './terms';
import { readTerms } from './terms-rules';
import { checkSupports } from './supporting-objectives';

/** Reads an objective row as terms. */
export function objectiveTerms(o: ObjectiveEntity): ObjectiveTerms {
  return {
    metric: o.metric,
    priority: o.priority,
    name: o.name,
    description: o.description,
    comparator: o.comparator,
    target: o.target,
    targetSeconds: o.targetSeconds,
    window: { kind: o.windowKind, days: o.windowDays },
    calendarId: o.calendarId,
    warningThresholdPercent: o.warningThresholdPercent,
    degradedWeightPercent: o.degradedWeightPercent,
    budgeting: { method: o.budgetingMethod, sliceSeconds: o.sliceSeconds, sliceTarget: o.sliceTarget },
    conditions: o.conditions ?? null,
    supports: [...(o.supportsObjectiveIds ?? [])],
  };
}

/** Everything a revision says, for diffs and copies. */
export function contentOf(revision: AgreementRevisionEntity, objectives: ObjectiveEntity[]): RevisionContent {
  return {
    terms: readTerms(revision.terms),
    effectiveFrom: revision.effectiveFrom?.toISOString() ?? null,
    effectiveTo: revision.effectiveTo?.toISOString() ?? null,
    objectives: [...objectives].sort((a, b) => a.position - b.position).map(objectiveTerms),
  };
}

export async function objectivesOfRevisions(ctx: RequestContext, revisionIds: readonly string[]): Promise<ObjectiveEntity[]> {
  if (revisionIds.length === 0) return [];
  return ctx.em.getRepository(ObjectiveEntity).find({ where: { revisionId: In([...revisionIds]) }, order: { position: 'ASC' } });
}

/** Business calendars named by objectives must be the provider's. */
async function checkCalendars(tx: RequestContext, providerId: string, objectives: ObjectiveTerms[]): Promise<void> {
  const ids = [...new Set(objectives.map((o) => o.calendarId).filter((id): id is string => id !== null))];
  if (ids.length === 0) return;
  const found = await tx.em.getRepository(BusinessCalendarEntity).findBy({ id: In(ids), providerId });
  const known = new Set(found.map((c) => c.id));
  const bad = objectives.findIndex((o) => o.calendarId !== null && !known.has(o.calendarId));
  if (bad >= 0) throw new UserError('NOT_FOUND', 'The business calendar was not found.', ['terms', 'objectives', bad, 'calendarId']);
}

/**
 * Webhook endpoints (and business calendars) named by escalation levels must be the provider's own. Checked when a
 * client gives a policy (not when terms are copied: endpoints are disabled, never deleted).
 */
export async function checkEscalationEndpoints(tx: RequestContext, providerId: string, terms: RevisionTerms, given: boolean): Promise<void> {
  if (!given) return;
  await checkEscalationCalendars(tx, providerId, terms);
  const ids = [...new Set(terms.escalationPolicy.levels.flatMap((l) => l.notifyWebhookEndpoints))];
  if (ids.length === 0) return;
  const rows: { id: string }[] = await tx.em.query('SELECT id FROM webhook_endpoint WHERE provider_id = $1 AND id = ANY($2::uuid[])', [providerId, ids]);
  const known = new Set(rows.map((r) => r.id));
  terms.escalationPolicy.levels.forEach((l, i) =>
    l.notifyWebhookEndpoints.forEach((id, j) => {
      if (!known.has(id)) throw new UserError('NOT_FOUND', 'The webhook endpoint was not found.', ['terms', 'escalationPolicy', 'levels', i, 'notifyWebhookEndpoints', j]);
    }),
  );
}

/** Business calendars named by escalation levels (business-hours delays) must be the provider's. Checked when a client gives a policy. */
async function checkEscalationCalendars(tx: RequestContext, providerId: string, terms: RevisionTerms): Promise<void> {
  const ids = [...new Set(terms.escalationPolicy.levels.map((l) => l.calendar).filter((id): id is string => Boolean(id)))];
  if (ids.length === 0) return;
  const known = new Set((await tx.em.getRepository(BusinessCalendarEntity).findBy({ id: In(ids), providerId })).map((c) => c.id));
  const bad = terms.escalationPolicy.levels.findIndex((l) => l.calendar && !known.has(l.calendar));
  if (bad >= 0) throw new UserError('NOT_FOUND', 'The business calendar was not found.', ['terms', 'escalationPolicy', 'levels', bad, 'calendar']);
}

/** Replaces the objectives of a DRAFT revision (the database refuses it for any other state). */
export async function writeObjectives(tx: RequestContext, agreement: AgreementEntity, revision: AgreementRevisionEntity, objectives: ObjectiveTerms[]): Promise<void> {
  await checkCalendars(tx, revision.providerId, objectives);
  await checkSupports(tx, agreement, objectives);
  const repo = tx.em.getRepository(ObjectiveEntity);
  await repo.delete({ revisionId: revision.id });
  if (objectives.length === 0) return;
  await repo.insert(
    objectives.map((o, position) => ({
      providerId: revision.providerId,
      revisionId: revision.id,
      position,
      metric: o.metric,
      priority: o.priority,
      name: o.name,
      description: o.description,
      comparator: o.comparator,
      target: o.target,
      targetSeconds: o.targetSeconds,
      windowKind: o.window.kind,
      windowDays: o.window.days,
      calendarId: o.calendarId,
      warningThresholdPercent: o.warningThresholdPercent,
      degradedWeightPercent: o.degradedWeightPercent,
      budgetingMethod: o.budgeting.method,
      sliceSeconds: o.budgeting.sliceSeconds,
      sliceTarget: o.budgeting.sliceTarget,
      conditions: o.conditions ?? null,
      supportsObjectiveIds: o.supports ?? [],
    })),
  );
}

/** A new DRAFT revision with the next number (the caller holds the agreement's row lock). */
export async function insertDraft(
  tx: RequestContext,
  agreement: AgreementEntity,
  content: { terms: RevisionTerms; effectiveFrom: Date | null; effectiveTo: Date | null; objectives: ObjectiveTerms[]; basedOnId: string | null },
): Promise<AgreementRevisionEntity> {
  const [{ next }] = await tx.em.query('SELECT coalesce(max(number), 0) + 1 AS next FROM agreement_revision WHERE agreement_id = $1', [agreement.id]);
  const repo = tx.em.getRepository(AgreementRevisionEntity);
  const revision = await repo.save(
    repo.create({
      providerId: agreement.providerId,
      agreementId: agreement.id,
      number: Number(next),
      state: RevisionState.DRAFT,
      terms: content.terms as unknown as Record<string, unknown>,
      effectiveFrom: content.effectiveFrom,
      effectiveTo: content.effectiveTo,
      basedOnId: content.basedOnId,
      createdBy: actorLabel(tx.caller),
    }),
  );
  await writeObjectives(tx, agreement, revision, content.objectives);
  return revision;
}

/** A copy of a revision's content, ready to become a new draft. */
export async function copyContent(tx: RequestContext, revision: AgreementRevisionEntity) {
  const objectives = await objectivesOfRevisions(tx, [revision.id]);
  return {
    terms: readTerms(revision.terms),
    effectiveFrom: null,
    effectiveTo: null,
    objectives: objectives.map(objectiveTerms),
    basedOnId: revision.id,
  };
}
