import { type Actor, actorLabel } from '../../common/actor';
import { EventType } from '../../common/event-types';
import { type FieldPath, NotFoundError, UserError, UserErrors } from '../../common/errors';
import { toGlobalId } from '../../common/global-id';
import { Role } from '../../common/roles';
import { type RequestContext } from '../../context/request-context';
import { withTransaction } from '../../context/transaction';
import { inForceAt } from '../agreements/revision-read.service';
import { SIGNED_STATES_SQL } from '../agreements/revision-lifecycle';
import { disputeProcedureOf, type RevisionTerms } from '../agreements/terms';
import { raiseEvent } from '../events/event.service';
import { findByIds as findIncidents } from '../incidents/incident.service';
import { requireRole } from '../shared/access';
import { customerScope, inCustomerScopeSql } from '../shared/customer-scope';
import { nestedPages } from '../shared/nested-pages';
import { type Page, type PageRequest } from '../shared/pagination';
import { type CorrectionRow, type ExclusionInput, recordExclusion, correctIncidentTimes, type TimeCorrectionInput } from '../settlement/correction.service';
import { creditAmount, recordCreditAdjustment } from '../settlement/credit-adjustment.service';
import { lockAgreementForSettlement } from '../settlement/statement-close.service';
import { STATEMENT_COLUMNS, type StatementRow, toStatementRow } from '../settlement/statement-rows';
import { type ClaimProcedure, claimWindowEnd, escalationTarget, requireAnswerable, requireWithinWindow, responseDue, snapshotProcedure, stageOf } from './claim-procedure';
import { type ClaimAttachment, CLAIM_COLUMNS, CLAIM_EVENT_COLUMNS, type ClaimEventKind, type ClaimEventRow, type ClaimRow, toClaimEventRow, toClaimRow } from './claim-rows';

/**
 * Credit claims and disputes. A customer's signatory files a claim against a statement, one of its
 * violations, or an incident of an agreement made with its customer, within the claim window of the
 * terms (from the statement's issue); the provider accepts it (in full or in part, with a credit
 * that becomes an adjustment, and/or a correction, each naming the claim) or rejects it with a
 * reason; the customer may escalate an answer it does not accept to the next stage. A deadline
 * missed moves the claim on by itself (claim-deadline.service.ts). Every step is a history entry
 * (append-only), a public event (webhooks, live events).
 */
export const ClaimRoles = {
  file: [Role.CUSTOMER_SIGNATORY],
  answer: [Role.PROVIDER_ADMIN, Role.ACCOUNT_MANAGER],
  read: [Role.PROVIDER_ADMIN, Role.ACCOUNT_MANAGER, Role.ANALYST, Role.CUSTOMER_VIEWER, Role.CUSTOMER_SIGNATORY],
} as const;

const SYSTEM = { kind: 'SYSTEM', name: 'Scheduler (SYSTEM)' };
const who = (tx: RequestContext) => (tx.actor ? { kind: tx.actor.kind, name: actorLabel(tx.actor) } : SYSTEM);

function reader(ctx: RequestContext): { providerId: string; scope: string | null } {
  const actor = requireRole(ctx, ClaimRoles.read);
  return { providerId: actor.providerId, scope: customerScope(actor) };
}

export async function findClaimsByIds(ctx: RequestContext, ids: readonly string[]): Promise<ClaimRow[]> {
  if (ids.length === 0) return [];
  const { providerId, scope } = reader(ctx);
  const rows: Record<string, unknown>[] = await ctx.em.query(`SELECT ${CLAIM_COLUMNS} FROM claim c WHERE c.id = ANY($1::uuid[]) AND c.provider_id = $2 AND ${inCustomerScopeSql('c.customer_id', '$3')}`, [
    ids,
    providerId,
    scope,
  ]);
  return rows.map(toClaimRow);
}

/** The claims of each agreement (`of: 'agreement'`) or statement (`of: 'statement'`: against it or one of its violations), a page each, latest first. */
export async function claimsOf(ctx: RequestContext, of: 'agreement' | 'statement', parentIds: readonly string[], page: PageRequest): Promise<Map<string, Page<ClaimRow>>> {
  const { providerId, scope } = reader(ctx);
  return nestedPages(
    ctx,
    parentIds,
    {
      orderKey: `${of}-claims:seq`,
      direction: 'DESC',
      pairsSql: `SELECT c.${of}_id AS parent_id, c.id AS child_id, lpad(c.seq::text, 19, '0') AS sort_value
                 FROM claim c WHERE c.${of}_id = ANY($1::uuid[]) AND c.provider_id = $2 AND ${inCustomerScopeSql('c.customer_id', '$3')}`,
      params: [providerId, scope],
      load: (ids) => findClaimsByIds(ctx, ids),
    },
    page,
  );
}

/** The history of each claim, oldest first. */
export async function historyOf(ctx: RequestContext, claimIds: readonly string[]): Promise<ClaimEventRow[]> {
  if (claimIds.length === 0) return [];
  const { providerId, scope } = reader(ctx);
  const rows: Record<string, unknown>[] = await ctx.em.query(
    `SELECT ${CLAIM_EVENT_COLUMNS} FROM claim_event e WHERE e.claim_id = ANY($1::uuid[]) AND e.provider_id = $2 AND ${inCustomerScopeSql('e.customer_id', '$3')} ORDER BY e.seq`,
    [claimIds, providerId, scope],
  );
  return rows.map(toClaimEventRow);
}

export interface ClaimFileInput {
  statementId: string | null;
  violationId: string | null;
  incidentId: string | null;
  description: string;
  requestedOutcome: string;
  /** A decimal amount in the currency of the agreement's credit policy. */
  requestedCredit: string | null;
  attachments: ClaimAttachment[];
}

/** What a claim is filed against, with the statement that settled it (if one did) and the revision whose terms govern it. */
interface Subject {
  kind: ClaimRow['subjectKind'];
  field: FieldPath;
  what: string;
  agreementId: string;
  statement: StatementRow | null;
  revisionId: string;
}

/** The statement of an agreement whose period holds `at`, issued for `customerId`. */
async function statementAt(tx: RequestContext, agreementId: string, customerId: string, at: Date): Promise<StatementRow | null> {
  const rows: Record<string, unknown>[] = await tx.em.query(
    `SELECT ${STATEMENT_COLUMNS} FROM statement s WHERE s.agreement_id = $1 AND s.customer_id = $2 AND s.period_start <= $3 AND s.period_end > $3`,
    [agreementId, customerId, at],
  );
  return rows[0] ? toStatementRow(rows[0]) : null;
}

async function subjectOf(tx: RequestContext, actor: Actor, input: ClaimFileInput): Promise<Subject> {
  const customerId = actor.customerId!;
  const ownStatement = async (id: string, field: FieldPath) => {
    const rows: Record<string, unknown>[] = await tx.em.query(`SELECT ${STATEMENT_COLUMNS} FROM statement s WHERE s.id = $1 AND s.provider_id = $2 AND s.customer_id = $3`, [id, actor.providerId, customerId]);
    if (!rows[0]) throw new NotFoundError('The statement', field);
    const statement = toStatementRow(rows[0]);
    if (statement.status === 'ACCEPTED') throw new UserError('NOT_ALLOWED', 'Your signatory accepted this statement: it is settled and no longer open to claims.', field);
    return statement;
  };
  if (input.statementId) {
    const statement = await ownStatement(input.statementId, ['statementId']);
    return { kind: 'STATEMENT', field: ['statementId'], what: 'this statement', agreementId: statement.agreementId, statement, revisionId: statement.revisionId };
  }
  if (input.violationId) {
    const [v] = (await tx.em.query(`SELECT v.statement_id FROM statement_violation v WHERE v.id = $1 AND v.provider_id = $2 AND v.customer_id = $3`, [input.violationId, actor.providerId, customerId])) as {
      statement_id: string;
    }[];
    if (!v) throw new NotFoundError('The violation', ['violationId']);
    const statement = await ownStatement(v.statement_id, ['violationId']);
    return { kind: 'VIOLATION', field: ['violationId'], what: "this violation's statement", agreementId: statement.agreementId, statement, revisionId: statement.revisionId };
  }
  const [incident] = await findIncidents(tx, [input.incidentId!]);
  if (!incident || incident.customerId !== customerId) throw new NotFoundError('The incident', ['incidentId']);
  const [agreement] = incident.agreementId ? ((await tx.em.query(`SELECT customer_id FROM agreement WHERE id = $1`, [incident.agreementId])) as { customer_id: string | null }[]) : [];
  if (!agreement || agreement.customer_id !== customerId) {
    throw new UserError('NOT_ALLOWED', 'Claims are filed under an agreement made with your customer; no such agreement covers this incident.', ['incidentId']);
  }
  const statement = await statementAt(tx, incident.agreementId!, customerId, incident.startedAt);
  let revisionId = statement?.revisionId ?? (await inForceAt(tx, [incident.agreementId!], incident.startedAt)).get(incident.agreementId!)?.id;
  if (!revisionId) {
    const [latest] = (await tx.em.query(`SELECT id FROM agreement_revision WHERE agreement_id = $1 AND state IN (${SIGNED_STATES_SQL}) ORDER BY number DESC LIMIT 1`, [incident.agreementId])) as { id: string }[];
    if (!latest) throw new UserError('NOT_ALLOWED', 'The agreement covering this incident has no signed terms to claim under.', ['incidentId']);
    revisionId = latest.id;
  }
  return { kind: 'INCIDENT', field: ['incidentId'], what: "the statement of this incident's month", agreementId: incident.agreementId!, statement, revisionId };
}

async function termsOf(tx: RequestContext, revisionId: string): Promise<RevisionTerms> {
  const [r] = (await tx.em.query(`SELECT terms FROM agreement_revision WHERE id = $1`, [revisionId])) as { terms: RevisionTerms | string }[];
  return typeof r.terms === 'string' ? (JSON.parse(r.terms) as RevisionTerms) : r.terms;
}

/** The body receivers of a claim event see: global ids, ISO times. */
export function claimEventData(c: ClaimRow, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    claim: toGlobalId('Claim', c.id),
    agreement: toGlobalId('Agreement', c.agreementId),
    customer: toGlobalId('Customer', c.customerId),
    subject: c.subjectKind,
    statement: c.statementId && toGlobalId('Statement', c.statementId),
    violation: c.violationId && toGlobalId('StatementViolation', c.violationId),
    incident: c.incidentId && toGlobalId('Incident', c.incidentId),
    status: c.status,
    stage: c.stage,
    stageName: stageOf(c.procedure, c.stage).name,
    responseDueAt: c.responseDueAt?.toISOString() ?? null,
    requestedCredit: c.requestedCredit && c.currency ? { amount: c.requestedCredit, currency: c.currency } : null,
    filedAt: c.filedAt.toISOString(),
    ...extra,
  };
}

export async function emitClaimEvent(tx: RequestContext, c: ClaimRow, type: EventType, extra: Record<string, unknown> = {}): Promise<void> {
  await raiseEvent(tx, { type, providerId: c.providerId, customerId: c.customerId, agreementId: c.agreementId, subjectType: 'Claim', subjectId: c.id, data: claimEventData(c, extra) });
}

export interface HistoryFields {
  note?: string | null;
  responseDueAt?: Date | null;
  credit?: string | null;
  currency?: string | null;
  adjustmentId?: string | null;
  correctionId?: string | null;
  escalationId?: string | null;
}

/** Appends one step to the claim's history, by the context's caller (the scheduler for jobs). */
export async function recordClaimStep(tx: RequestContext, c: ClaimRow, kind: ClaimEventKind, stage: number, fields: HistoryFields = {}): Promise<void> {
  const actor = who(tx);
  await tx.em.query(
    `INSERT INTO claim_event (provider_id, claim_id, customer_id, kind, stage, at, actor_kind, actor_name, note, response_due_at, credit, currency, adjustment_id, correction_id, escalation_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
    [
      c.providerId,
      c.id,
      c.customerId,
      kind,
      stage,
      tx.now,
      actor.kind,
      actor.name,
      fields.note ?? null,
      fields.responseDueAt ?? null,
      fields.credit ?? null,
      fields.currency ?? null,
      fields.adjustmentId ?? null,
      fields.correctionId ?? null,
      fields.escalationId ?? null,
    ],
  );
}

/** Asks for the deadline job of the claim's current stage: durable, once per claim and stage. */
export async function scheduleDeadline(tx: RequestContext, claimId: string, stage: number, dueAt: Date): Promise<void> {
  await tx.db.jobs.schedule(tx, 'claim.deadline', { claimId, stage }, dueAt, { singletonKey: `claim.deadline:${claimId}:${stage}` });
}

/** Moves a locked claim to where it stands now; returns it as written. */
export async function moveClaim(tx: RequestContext, c: ClaimRow, to: Pick<ClaimRow, 'stage' | 'status' | 'responseDueAt'>): Promise<ClaimRow> {
  await tx.em.query(`UPDATE claim SET stage = $2, status = $3, response_due_at = $4, updated_at = $5 WHERE id = $1`, [c.id, to.stage, to.status, to.responseDueAt, tx.now]);
  return { ...c, ...to, updatedAt: tx.now };
}

function requireText(value: string, field: string, message: string): string {
  const trimmed = value.trim();
  if (!trimmed) throw new UserError('INVALID_INPUT', message, [field]);
  return trimmed;
}

/**
 * A customer's signatory files a claim against a statement, a violation or an incident of its own
 * customer's agreement, within the claim window of the terms that settled it; the claim starts at
 * the first stage of their dispute procedure, with the provider's answer due at its deadline.
 */
export async function fileClaim(ctx: RequestContext, input: ClaimFileInput): Promise<ClaimRow> {
  const actor = requireRole(ctx, ClaimRoles.file);
  if (!actor.customerId) throw new UserError('NOT_ALLOWED', 'Only a user of a customer files a claim.', []);
  const subjects = [input.statementId, input.violationId, input.incidentId].filter(Boolean).length;
  if (subjects !== 1) throw new UserError('INVALID_INPUT', 'Name exactly one of a statement, a violation or an incident.', ['statementId']);
  const description = requireText(input.description, 'description', 'Say what you claim.');
  const requestedOutcome = requireText(input.requestedOutcome, 'requestedOutcome', 'Say what outcome you ask for.');
  input.attachments.forEach((a, i) => {
    if (!a.name.trim()) throw new UserError('INVALID_INPUT', 'An attachment has a name.', ['attachments', i, 'name']);
    if (!a.reference.trim()) throw new UserError('INVALID_INPUT', 'An attachment has a reference (a URL, a ticket, a document id).', ['attachments', i, 'reference']);
  });
  return withTransaction(ctx, async (tx) => {
    const subject = await subjectOf(tx, actor, input);
    const agreement = (await lockAgreementForSettlement(tx, subject.agreementId))!;
    const terms = await termsOf(tx, subject.revisionId);
    const procedure: ClaimProcedure = snapshotProcedure(disputeProcedureOf(terms));
    const windowEnd = claimWindowEnd(subject.statement?.issuedAt ?? null, procedure, agreement.time_zone);
    requireWithinWindow(tx.now, windowEnd, subject.field.map(String), subject.what);
    const currency = subject.statement?.currency ?? terms.creditPolicy?.currency ?? null;
    let requestedCredit: string | null = null;
    if (input.requestedCredit !== null) {
      if (!currency) throw new UserError('NOT_ALLOWED', 'The terms have no credit policy: there is no credit to ask for.', ['requestedCredit']);
      try {
        requestedCredit = creditAmount(input.requestedCredit, currency).toFixed();
      } catch (error) {
        if (error instanceof UserError) throw new UserError(error.code, error.message, ['requestedCredit']);
        throw error;
      }
    }
    const dueAt = responseDue(procedure, 1, tx.now, agreement.time_zone);
    const [{ id }] = (await tx.em.query(
      `INSERT INTO claim (provider_id, agreement_id, customer_id, revision_id, subject_kind, statement_id, violation_id, incident_id, description, requested_outcome,
                          requested_credit, currency, attachments, procedure, window_ends_at, stage, status, response_due_at, filed_at, filed_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14::jsonb, $15, 1, 'OPEN', $16, $17, $18, $17) RETURNING id`,
      [
        actor.providerId,
        subject.agreementId,
        actor.customerId,
        subject.revisionId,
        subject.kind,
        subject.statement?.id ?? null,
        input.violationId,
        input.incidentId,
        description,
        requestedOutcome,
        requestedCredit,
        requestedCredit ? currency : null,
        JSON.stringify(input.attachments.map((a) => ({ name: a.name.trim(), reference: a.reference.trim() }))),
        JSON.stringify(procedure),
        windowEnd,
        dueAt,
        tx.now,
        actorLabel(actor),
      ],
    )) as { id: string }[];
    const claim = toClaimRow(((await tx.em.query(`SELECT ${CLAIM_COLUMNS} FROM claim c WHERE c.id = $1`, [id])) as Record<string, unknown>[])[0]);
    await recordClaimStep(tx, claim, 'FILED', 1, { responseDueAt: dueAt, credit: requestedCredit, currency: requestedCredit ? currency : null });
    await scheduleDeadline(tx, claim.id, 1, dueAt);
    await emitClaimEvent(tx, claim, EventType.CLAIM_FILED, { by: actorLabel(actor) });
    return claim;
  });
}

/** The claim, visible to the caller, locked with its agreement (the agreement first, as every settlement write). Another tenant's or customer's is NOT_FOUND. */
export async function lockClaim(tx: RequestContext, claimId: string, owner = false): Promise<{ claim: ClaimRow; timeZone: string } | null> {
  let agreementId: string | undefined;
  if (owner) agreementId = ((await tx.em.query(`SELECT agreement_id FROM claim WHERE id = $1`, [claimId])) as { agreement_id: string }[])[0]?.agreement_id;
  else agreementId = (await findClaimsByIds(tx, [claimId]))[0]?.agreementId;
  if (!agreementId) return null;
  const agreement = await lockAgreementForSettlement(tx, agreementId);
  const rows: Record<string, unknown>[] = await tx.em.query(`SELECT ${CLAIM_COLUMNS} FROM claim c WHERE c.id = $1 FOR UPDATE`, [claimId]);
  return agreement && rows[0] ? { claim: toClaimRow(rows[0]), timeZone: agreement.time_zone } : null;
}

async function lockVisible(tx: RequestContext, claimId: string): Promise<{ claim: ClaimRow; timeZone: string }> {
  const locked = await lockClaim(tx, claimId);
  if (!locked) throw new NotFoundError('The claim', ['id']);
  return locked;
}

const stateOf = (c: ClaimRow) => ({ status: c.status, stage: c.stage, stageCount: c.procedure.stages.length });

/** Runs `work`, its user errors naming fields under `prefix` (a nested input). */
async function under<T>(prefix: FieldPath, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UserErrors) throw new UserErrors(error.errors.map((e) => new UserError(e.code, e.message, [...prefix, ...e.field])));
    if (error instanceof UserError) throw new UserError(error.code, error.message, [...prefix, ...error.field]);
    throw error;
  }
}

export interface ClaimAcceptInput {
  claimId: string;
  /** Accepted in part: what is not granted is said in the note; the customer may escalate. */
  partial: boolean;
  note: string | null;
  /** A credit granted on the claim's statement (an adjustment, carried on the next statement). */
  credit: string | null;
  /** An exclusion of the claim's agreement, counted at once. */
  exclusion: Omit<ExclusionInput, 'agreementId'> | null;
  /** Corrected times of an incident of the claim's agreement, counted at once. */
  incidentTimes: TimeCorrectionInput | null;
}

/**
 * Provider staff accept an OPEN claim, in full or in part, with what it produces: a credit (an
 * adjustment of the claim's statement, the claim as its cause) and/or a correction (an exclusion,
 * or corrected incident times, naming the claim; it counts at once, the customer having asked).
 */
export async function acceptClaim(ctx: RequestContext, input: ClaimAcceptInput): Promise<ClaimRow> {
  const actor = requireRole(ctx, ClaimRoles.answer);
  const note = input.note?.trim() || null;
  if (input.partial && !note) throw new UserError('INVALID_INPUT', 'Say what is not granted, in a note.', ['note']);
  if (input.exclusion && input.incidentTimes) throw new UserError('INVALID_INPUT', 'Give one correction: an exclusion or corrected incident times.', ['incidentTimes']);
  return withTransaction(ctx, async (tx) => {
    const { claim } = await lockVisible(tx, input.claimId);
    requireAnswerable(stateOf(claim));
    const stageName = stageOf(claim.procedure, claim.stage).name;
    let adjustmentId: string | null = null;
    let credit: { amount: string; currency: string } | null = null;
    if (input.credit !== null) {
      const statement = claim.statementId ? { id: claim.statementId } : claim.incidentId ? await incidentStatement(tx, claim) : null;
      if (!statement) throw new UserError('NOT_ALLOWED', "The incident's month has no statement yet: a credit is granted on a statement (answer again once it is issued, or correct the data).", ['credit']);
      const adjustment = await recordCreditAdjustment(tx, statement.id, input.credit, {
        kind: 'CLAIM',
        subjectId: claim.id,
        description: `Claim accepted${input.partial ? ' in part' : ''} at stage ${claim.stage} (${stageName})${note ? `: ${note}` : ''}`,
        actorName: actorLabel(actor),
      });
      adjustmentId = adjustment.id;
      credit = { amount: adjustment.creditDifference!, currency: adjustment.currency! };
    }
    let correction: CorrectionRow | null = null;
    if (input.exclusion) {
      const exclusion = input.exclusion;
      correction = await under(['exclusion'], () => recordExclusion(tx, { ...exclusion, agreementId: claim.agreementId }, { claimId: claim.id }));
    } else if (input.incidentTimes) {
      const times = input.incidentTimes;
      correction = await under(['incidentTimes'], () => correctIncidentTimes(tx, times, { claimId: claim.id }));
      if (correction.agreementId !== claim.agreementId) throw new UserError('INVALID_INPUT', "The incident is not one of the claim's agreement.", ['incidentTimes', 'incidentId']);
    }
    const status = input.partial ? 'PARTIALLY_ACCEPTED' : 'ACCEPTED';
    const moved = await moveClaim(tx, claim, { stage: claim.stage, status, responseDueAt: null });
    await recordClaimStep(tx, moved, status, claim.stage, { note, credit: credit?.amount ?? null, currency: credit?.currency ?? null, adjustmentId, correctionId: correction?.id ?? null });
    await emitClaimEvent(tx, moved, input.partial ? EventType.CLAIM_PARTIALLY_ACCEPTED : EventType.CLAIM_ACCEPTED, {
      by: actorLabel(actor),
      note,
      credit,
      adjustment: adjustmentId && toGlobalId('StatementAdjustment', adjustmentId),
      correction: correction && toGlobalId('Correction', correction.id),
    });
    return moved;
  });
}

async function incidentStatement(tx: RequestContext, claim: ClaimRow): Promise<StatementRow | null> {
  const [incident] = (await tx.em.query(`SELECT started_at FROM incident WHERE id = $1`, [claim.incidentId])) as { started_at: Date | string }[];
  return statementAt(tx, claim.agreementId, claim.customerId, new Date(incident.started_at));
}

/** Provider staff reject an OPEN claim, with a reason; the customer may escalate it to the next stage. */
export async function rejectClaim(ctx: RequestContext, claimId: string, reason: string): Promise<ClaimRow> {
  const actor = requireRole(ctx, ClaimRoles.answer);
  const why = requireText(reason, 'reason', 'Say why the claim is rejected.');
  return withTransaction(ctx, async (tx) => {
    const { claim } = await lockVisible(tx, claimId);
    requireAnswerable(stateOf(claim));
    const moved = await moveClaim(tx, claim, { stage: claim.stage, status: 'REJECTED', responseDueAt: null });
    await recordClaimStep(tx, moved, 'REJECTED', claim.stage, { note: why });
    await emitClaimEvent(tx, moved, EventType.CLAIM_REJECTED, { by: actorLabel(actor), reason: why });
    return moved;
  });
}

/** The customer's signatory escalates a rejected or partly accepted claim to the next stage of the procedure; the provider's answer is due at that stage's deadline. */
export async function escalateClaim(ctx: RequestContext, claimId: string, note: string | null): Promise<ClaimRow> {
  const actor = requireRole(ctx, ClaimRoles.file);
  return withTransaction(ctx, async (tx) => {
    const { claim, timeZone } = await lockVisible(tx, claimId);
    if (claim.customerId !== actor.customerId) throw new NotFoundError('The claim', ['id']);
    const next = escalationTarget(stateOf(claim));
    const dueAt = responseDue(claim.procedure, next, tx.now, timeZone);
    const moved = await moveClaim(tx, claim, { stage: next, status: 'OPEN', responseDueAt: dueAt });
    await recordClaimStep(tx, moved, 'ESCALATED', next, { note: note?.trim() || null, responseDueAt: dueAt });
    await scheduleDeadline(tx, claim.id, next, dueAt);
    await emitClaimEvent(tx, moved, EventType.CLAIM_ESCALATED, { by: actorLabel(actor), reason: 'CUSTOMER', fromStage: claim.stage, note: note?.trim() || null });
    return moved;
  });
}
