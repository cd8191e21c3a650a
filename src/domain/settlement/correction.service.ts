import { actorLabel } from '../../common/actor';
import { SIGNED_STATES_SQL } from '../agreements/revision-lifecycle';
import { type Metric, TIME_METRICS } from '../../common/agreement-enums';
import { NotFoundError, UserError } from '../../common/errors';
import { Role } from '../../common/roles';
import { type RequestContext } from '../../context/request-context';
import { withTransaction } from '../../context/transaction';
import { ObjectiveEntity } from '../../db/entities/objective.entity';
import { lockAgreement } from '../agreements/agreement-access';
import { inForceAt } from '../agreements/revision-read.service';
import { type CorrectionReason, type RevisionTerms, settlementTermsOf } from '../agreements/terms';
import { tellPastDataChanged } from '../compliance/compliance.domain-events';
import { findByIds as findIncidents } from '../incidents/incident.service';
import { type IncidentTimes, planTimeCorrection, type TimeCorrectionPlan } from '../incidents/incident-times';
import { applyTimeCorrection, lockedTimeline } from '../incidents/incident-times.service';
import { requireRole } from '../shared/access';
import { customerScope, inCustomerScopeSql } from '../shared/customer-scope';
import { nestedPages } from '../shared/nested-pages';
import { type Page, type PageRequest } from '../shared/pagination';

/**
 * Corrections with a reason: exclude an incident or a time window from one objective (its metric,
 * and priority for time objectives) or from all of an agreement's, or correct an incident's
 * recorded times; each with a reason the terms allow (`settlement.correctionReasons`) and a note.
 * When the terms ask for it (`correctionsNeedCustomerApproval`, on an agreement with a customer) a
 * correction waits for the customer's signatory and counts only once approved. A correction that
 * counts is reflected at once in clocks (a time correction recomputes them) and in every report
 * (compliance reads effective corrections), and reaches closed periods as an adjustment.
 * Corrections are never changed nor deleted but for their decision, once: they are the history.
 */

export const CorrectionRoles = {
  record: [Role.PROVIDER_ADMIN, Role.ACCOUNT_MANAGER],
  decide: [Role.CUSTOMER_SIGNATORY],
  read: [Role.PROVIDER_ADMIN, Role.ACCOUNT_MANAGER, Role.ANALYST, Role.CUSTOMER_VIEWER, Role.CUSTOMER_SIGNATORY],
} as const;

export type CorrectionKind = 'EXCLUDE_INCIDENT' | 'EXCLUDE_WINDOW' | 'INCIDENT_TIMES';
export type CorrectionStatus = 'PENDING_APPROVAL' | 'EFFECTIVE' | 'REJECTED';

export interface CorrectionRow {
  id: string;
  seq: string;
  providerId: string;
  agreementId: string;
  customerId: string | null;
  kind: CorrectionKind;
  metric: string | null;
  priority: string | null;
  objectiveId: string | null;
  incidentId: string | null;
  windowStart: Date | null;
  windowEnd: Date | null;
  times: { before: IncidentTimes; after: IncidentTimes } | null;
  reason: CorrectionReason;
  note: string;
  status: CorrectionStatus;
  recordedBy: string;
  recordedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  /** The claim it answers (accepted with this correction), if any. */
  claimId: string | null;
}

const COLUMNS = `c.id, c.seq::text AS seq, c.provider_id, c.agreement_id, c.customer_id, c.kind, c.metric, c.priority, c.objective_id, c.incident_id, c.window_start, c.window_end,
  c.times, c.reason, c.note, c.status, c.recorded_by, c.recorded_at, c.decided_by, c.decided_at, c.decision_note, c.claim_id`;
const date = (v: unknown) => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)));

function toRow(r: Record<string, unknown>): CorrectionRow {
  return {
    id: String(r.id),
    seq: String(r.seq),
    providerId: String(r.provider_id),
    agreementId: String(r.agreement_id),
    customerId: (r.customer_id as string | null) ?? null,
    kind: r.kind as CorrectionKind,
    metric: (r.metric as string | null) ?? null,
    priority: (r.priority as string | null) ?? null,
    objectiveId: (r.objective_id as string | null) ?? null,
    incidentId: (r.incident_id as string | null) ?? null,
    windowStart: date(r.window_start),
    windowEnd: date(r.window_end),
    times: (typeof r.times === 'string' ? JSON.parse(r.times) : r.times) as CorrectionRow['times'],
    reason: r.reason as CorrectionReason,
    note: String(r.note),
    status: r.status as CorrectionStatus,
    recordedBy: String(r.recorded_by),
    recordedAt: date(r.recorded_at)!,
    decidedBy: (r.decided_by as string | null) ?? null,
    decidedAt: date(r.decided_at),
    decisionNote: (r.decision_note as string | null) ?? null,
    claimId: (r.claim_id as string | null) ?? null,
  };
}

/** The settlement terms in force for the agreement now (else of its latest signed revision): which reasons, whether approval is needed. */
async function settlementTermsNow(tx: RequestContext, agreementId: string) {
  const inForce = (await inForceAt(tx, [agreementId], tx.now)).get(agreementId);
  const latest =
    inForce ??
    ((await tx.em.query(`SELECT terms FROM agreement_revision WHERE agreement_id = $1 AND state IN (${SIGNED_STATES_SQL}) ORDER BY number DESC LIMIT 1`, [agreementId])) as { terms: unknown }[])[0];
  if (!latest) throw new UserError('INVALID_STATE', 'The agreement has no signed terms: there is nothing to correct yet.', ['agreement']);
  return settlementTermsOf(latest.terms as RevisionTerms);
}

function requireReason(reason: CorrectionReason, allowed: readonly CorrectionReason[]): void {
  if (!allowed.includes(reason)) throw new UserError('NOT_ALLOWED', `The terms allow these reasons only: ${allowed.join(', ')}.`, ['reason']);
}

async function insert(tx: RequestContext, values: Record<string, unknown>): Promise<CorrectionRow> {
  const columns = Object.keys(values);
  const rows: Record<string, unknown>[] = await tx.em.query(
    `INSERT INTO correction (${columns.join(', ')}) VALUES (${columns.map((c, i) => (c === 'times' ? `$${i + 1}::jsonb` : `$${i + 1}`)).join(', ')}) RETURNING id`,
    Object.values(values),
  );
  return (await correctionsByIds(tx, [String(rows[0].id)], true))[0];
}

async function correctionsByIds(tx: RequestContext, ids: readonly string[], owner = false): Promise<CorrectionRow[]> {
  if (ids.length === 0) return [];
  if (owner) return ((await tx.em.query(`SELECT ${COLUMNS} FROM correction c WHERE c.id = ANY($1::uuid[])`, [ids])) as Record<string, unknown>[]).map(toRow);
  const actor = requireRole(tx, CorrectionRoles.read);
  const rows: Record<string, unknown>[] = await tx.em.query(`SELECT ${COLUMNS} FROM correction c WHERE c.id = ANY($1::uuid[]) AND c.provider_id = $2 AND ${inCustomerScopeSql('c.customer_id', '$3')}`, [
    ids,
    actor.providerId,
    customerScope(actor),
  ]);
  return rows.map(toRow);
}

export const findCorrectionsByIds = (ctx: RequestContext, ids: readonly string[]) => correctionsByIds(ctx, ids);

/** The corrections of each agreement, a page each, latest first. */
export async function correctionsOfAgreements(ctx: RequestContext, agreementIds: readonly string[], page: PageRequest): Promise<Map<string, Page<CorrectionRow>>> {
  const actor = requireRole(ctx, CorrectionRoles.read);
  return nestedPages(
    ctx,
    agreementIds,
    {
      orderKey: 'agreement-corrections:seq',
      direction: 'DESC',
      pairsSql: `SELECT c.agreement_id AS parent_id, c.id AS child_id, lpad(c.seq::text, 19, '0') AS sort_value
                 FROM correction c WHERE c.agreement_id = ANY($1::uuid[]) AND c.provider_id = $2 AND ${inCustomerScopeSql('c.customer_id', '$3')}`,
      params: [actor.providerId, customerScope(actor)],
      load: (ids) => correctionsByIds(ctx, ids),
    },
    page,
  );
}

/** Tells settlement that a correction now counts: the closed periods of its agreement are judged again. */
async function takeEffect(tx: RequestContext, c: CorrectionRow, since: Date): Promise<void> {
  await tellPastDataChanged(tx, {
    providerId: c.providerId,
    since,
    serviceIds: null,
    objectiveIds: null,
    agreementIds: [c.agreementId],
    cause: { kind: 'CORRECTION', subjectId: c.id, description: `${c.kind === 'INCIDENT_TIMES' ? 'Incident times corrected' : 'Exclusion'} (${c.reason}): ${c.note}`, actorName: c.decidedBy ?? c.recordedBy },
  });
}

export interface ExclusionInput {
  agreementId: string;
  /** One objective (of any revision of the agreement: its metric, and priority); null: all. */
  objectiveId: string | null;
  incidentId: string | null;
  windowStart: Date | null;
  windowEnd: Date | null;
  reason: CorrectionReason;
  note: string;
}

/**
 * Where a correction comes from: a claim of the customer the provider accepts with it. Such a
 * correction names the claim and counts at once, even when the terms ask for the customer's
 * approval: the customer asked for it by filing the claim.
 */
export interface CorrectionOrigin {
  claimId: string;
}

/** Excludes an incident or a time window from one objective of an agreement, or from all, with a reason the terms allow. */
export async function recordExclusion(ctx: RequestContext, input: ExclusionInput, origin: CorrectionOrigin | null = null): Promise<CorrectionRow> {
  const actor = requireRole(ctx, CorrectionRoles.record);
  if ((input.incidentId === null) === (input.windowStart === null && input.windowEnd === null)) {
    throw new UserError('INVALID_INPUT', 'Exclude either an incident or a time window (windowStart and windowEnd).', input.incidentId ? ['windowStart'] : ['incident']);
  }
  if (input.incidentId === null) {
    if (!input.windowStart) throw new UserError('INVALID_INPUT', 'A time window needs its start.', ['windowStart']);
    if (!input.windowEnd) throw new UserError('INVALID_INPUT', 'A time window needs its end.', ['windowEnd']);
    if (input.windowEnd <= input.windowStart) throw new UserError('INVALID_INPUT', 'windowEnd must be after windowStart.', ['windowEnd']);
  }
  if (!input.note.trim()) throw new UserError('INVALID_INPUT', 'Say why, in a note.', ['note']);
  return withTransaction(ctx, async (tx) => {
    const agreement = await lockAgreement(tx, input.agreementId, ['agreement']);
    const terms = await settlementTermsNow(tx, agreement.id);
    requireReason(input.reason, terms.correctionReasons);
    let metric: string | null = null;
    let priority: string | null = null;
    if (input.objectiveId) {
      const objective = await tx.em.getRepository(ObjectiveEntity).findOneBy({ id: input.objectiveId, providerId: actor.providerId });
      const [owner] = objective ? ((await tx.em.query(`SELECT agreement_id FROM agreement_revision WHERE id = $1`, [objective.revisionId])) as { agreement_id: string }[]) : [];
      if (!objective || owner?.agreement_id !== agreement.id) throw new UserError('INVALID_INPUT', 'The objective is not one of this agreement.', ['objective']);
      metric = objective.metric;
      priority = TIME_METRICS.includes(objective.metric as Metric) ? objective.priority : null;
    }
    let since = input.windowStart;
    if (input.incidentId) {
      const [incident] = await findIncidents(tx, [input.incidentId]);
      if (!incident) throw new NotFoundError('The incident', ['incident']);
      since = incident.startedAt;
    }
    const pending = terms.correctionsNeedCustomerApproval && agreement.customerId !== null && origin === null;
    const row = await insert(tx, {
      provider_id: actor.providerId,
      agreement_id: agreement.id,
      customer_id: agreement.customerId,
      claim_id: origin?.claimId ?? null,
      kind: input.incidentId ? 'EXCLUDE_INCIDENT' : 'EXCLUDE_WINDOW',
      metric,
      priority,
      objective_id: input.objectiveId,
      incident_id: input.incidentId,
      window_start: input.windowStart,
      window_end: input.windowEnd,
      reason: input.reason,
      note: input.note.trim(),
      status: pending ? 'PENDING_APPROVAL' : 'EFFECTIVE',
      recorded_by: actorLabel(actor),
      recorded_at: tx.now,
      decided_by: pending ? null : actorLabel(actor),
      decided_at: pending ? null : tx.now,
    });
    if (!pending) await takeEffect(tx, row, since!);
    return row;
  });
}

export interface TimeCorrectionInput {
  incidentId: string;
  startedAt: Date | null;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  reason: CorrectionReason;
  note: string;
}

/** Corrects an incident's recorded start, first response or resolution, with a reason the terms of its agreement allow. */
export async function correctIncidentTimes(ctx: RequestContext, input: TimeCorrectionInput, origin: CorrectionOrigin | null = null): Promise<CorrectionRow> {
  const actor = requireRole(ctx, CorrectionRoles.record);
  if (!input.note.trim()) throw new UserError('INVALID_INPUT', 'Say why, in a note.', ['note']);
  return withTransaction(ctx, async (tx) => {
    const [visible] = await findIncidents(tx, [input.incidentId]);
    if (!visible) throw new NotFoundError('The incident', ['incident']);
    if (!visible.agreementId) throw new UserError('NOT_ALLOWED', 'No agreement covers the incident: there is nothing to correct it against.', ['incident']);
    const agreement = await lockAgreement(tx, visible.agreementId, ['incident']);
    const timeline = (await lockedTimeline(tx, input.incidentId))!;
    const terms = await settlementTermsNow(tx, agreement.id);
    requireReason(input.reason, terms.correctionReasons);
    const plan = planTimeCorrection(timeline.events, timeline.incident.resolvedAt !== null, input, tx.now);
    const pending = terms.correctionsNeedCustomerApproval && agreement.customerId !== null && origin === null;
    const row = await insert(tx, {
      provider_id: actor.providerId,
      agreement_id: agreement.id,
      customer_id: agreement.customerId,
      claim_id: origin?.claimId ?? null,
      kind: 'INCIDENT_TIMES',
      incident_id: input.incidentId,
      times: JSON.stringify({ before: plan.before, after: plan.after }),
      reason: input.reason,
      note: input.note.trim(),
      status: pending ? 'PENDING_APPROVAL' : 'EFFECTIVE',
      recorded_by: actorLabel(actor),
      recorded_at: tx.now,
      decided_by: pending ? null : actorLabel(actor),
      decided_at: pending ? null : tx.now,
    });
    if (!pending) await applyTimes(tx, row, timeline, plan);
    return row;
  });
}

async function applyTimes(tx: RequestContext, c: CorrectionRow, timeline: NonNullable<Awaited<ReturnType<typeof lockedTimeline>>>, plan: TimeCorrectionPlan): Promise<void> {
  const earliest = Math.min(timeline.incident.startedAt.getTime(), new Date(plan.after.startedAt!).getTime());
  await applyTimeCorrection(tx, timeline.incident, c.id, plan);
  await takeEffect(tx, c, new Date(earliest));
}

/**
 * The customer's signatory approves (it counts from now) or rejects a correction waiting for it.
 * Deciding again as decided changes nothing; the other decision is INVALID_STATE.
 */
export async function decideCorrection(ctx: RequestContext, correctionId: string, approve: boolean, note: string | null): Promise<CorrectionRow> {
  const actor = requireRole(ctx, CorrectionRoles.decide);
  return withTransaction(ctx, async (tx) => {
    const [visible] = await correctionsByIds(tx, [correctionId]);
    if (!visible) throw new NotFoundError('The correction', ['id']);
    await lockAgreement(tx, visible.agreementId, ['id']);
    const [c] = await correctionsByIds(tx, [correctionId]);
    const wanted: CorrectionStatus = approve ? 'EFFECTIVE' : 'REJECTED';
    if (c.status === wanted) return c;
    if (c.status !== 'PENDING_APPROVAL') throw new UserError('INVALID_STATE', `The correction is ${c.status} already.`, ['id']);
    if (c.customerId !== actor.customerId) throw new NotFoundError('The correction', ['id']);
    let plan: TimeCorrectionPlan | null = null;
    let timeline: Awaited<ReturnType<typeof lockedTimeline>> = null;
    if (approve && c.kind === 'INCIDENT_TIMES') {
      // The timeline may have moved on since it was asked for: the corrected times must still fit it.
      timeline = (await lockedTimeline(tx, c.incidentId!))!;
      const after = c.times!.after;
      const d = (v: string | null) => (v ? new Date(v) : null);
      plan = planTimeCorrection(timeline.events, timeline.incident.resolvedAt !== null, { startedAt: d(after.startedAt), acknowledgedAt: d(after.acknowledgedAt), resolvedAt: d(after.resolvedAt) }, tx.now, []);
    }
    await tx.em.query(`UPDATE correction SET status = $2, decided_by = $3, decided_at = $4, decision_note = $5 WHERE id = $1`, [c.id, wanted, actorLabel(actor), tx.now, note?.trim() || null]);
    const decided: CorrectionRow = { ...c, status: wanted, decidedBy: actorLabel(actor), decidedAt: tx.now, decisionNote: note?.trim() || null };
    if (approve) {
      if (plan && timeline) await applyTimes(tx, decided, timeline, plan);
      else {
        const since = c.windowStart ?? (await tx.em.query(`SELECT started_at FROM incident WHERE id = $1`, [c.incidentId]) as { started_at: Date | string }[]).map((r) => new Date(r.started_at))[0];
        await takeEffect(tx, decided, since);
      }
    }
    return decided;
  });
}
