import { actorLabel } from '../../common/actor';
import { type FieldPath, NotFoundError, StaleVersionError, throwIfAny, UserError } from '../../common/errors';
import { ReviewActionItemEntity } from '../../db/entities/review-action-item.entity';
import { type FindingSeverity, ReviewFindingEntity } from '../../db/entities/review-finding.entity';
import { ReviewParticipantEntity } from '../../db/entities/review-participant.entity';
import { type ReviewEntity } from '../../db/entities/review.entity';
import { type RequestContext } from '../../context/request-context';
import { withTransaction } from '../../context/transaction';
import { rethrowUnique } from '../shared/db-errors';
import { requireRole } from '../shared/access';
import { ReviewRoles } from './review-roles';
import { findActionItemsByIds, lockReview } from './review.service';

export interface ParticipantInput {
  name: string;
  email?: string | null;
  party: 'PROVIDER' | 'CUSTOMER';
  role?: string | null;
}

export interface FindingInput {
  severity: FindingSeverity;
  text: string;
  objectiveId?: string | null;
}

export interface ActionItemInput {
  description: string;
  owner: string;
  /** "YYYY-MM-DD". */
  dueOn: string;
}

const MAX_PARTICIPANTS = 50;
const MAX_FINDINGS = 200;
const MAX_ACTION_ITEMS = 200;

/** Participants, findings and action items are recorded while the review is open (scheduled or in progress). */
function requireOpen(review: ReviewEntity, what: string, statuses: ReviewEntity['status'][], field: FieldPath): void {
  if (!statuses.includes(review.status)) {
    throw new UserError('INVALID_STATE', `${what} can be added to a ${statuses.join(' or ')} review; this one is ${review.status}.`, field);
  }
}

async function countOf(tx: RequestContext, table: string, reviewId: string): Promise<number> {
  const [row] = await tx.em.query(`SELECT count(*)::int AS n FROM ${table} WHERE review_id = $1`, [reviewId]);
  return Number(row.n);
}

export async function addParticipantRow(tx: RequestContext, review: ReviewEntity, p: ParticipantInput, field: FieldPath): Promise<ReviewParticipantEntity> {
  requireOpen(review, 'Participants', ['SCHEDULED', 'IN_PROGRESS'], field);
  if ((await countOf(tx, 'review_participant', review.id)) >= MAX_PARTICIPANTS) throw new UserError('NOT_ALLOWED', `A review has at most ${MAX_PARTICIPANTS} participants.`, field);
  // The review row is locked: nobody adds the same person in between (the unique index backs this up).
  const [twice] = await tx.em.query('SELECT 1 FROM review_participant WHERE review_id = $1 AND lower(name) = lower($2) AND party = $3', [review.id, p.name.trim(), p.party]);
  if (twice) throw new UserError('ALREADY_EXISTS', 'This person already takes part in the review.', [...field, 'name']);
  const repo = tx.em.getRepository(ReviewParticipantEntity);
  return repo
    .save(repo.create({ providerId: review.providerId, reviewId: review.id, name: p.name.trim(), email: p.email?.trim() || null, party: p.party, role: p.role?.trim() ?? '', addedBy: actorLabel(tx.caller), addedAt: tx.now }))
    .catch((error: unknown) => rethrowUnique(error, { review_participant_once: { field: [...field, 'name'], message: 'This person already takes part in the review.' } }));
}

export async function addFindingRow(tx: RequestContext, review: ReviewEntity, f: FindingInput, field: FieldPath): Promise<ReviewFindingEntity> {
  requireOpen(review, 'Findings', ['IN_PROGRESS'], field);
  if ((await countOf(tx, 'review_finding', review.id)) >= MAX_FINDINGS) throw new UserError('NOT_ALLOWED', `A review has at most ${MAX_FINDINGS} findings.`, field);
  if (f.objectiveId) {
    const [found] = await tx.em.query(
      `SELECT 1 FROM objective o JOIN agreement_revision r ON r.id = o.revision_id WHERE o.id = $1 AND r.agreement_id = $2`,
      [f.objectiveId, review.agreementId],
    );
    if (!found) throw new NotFoundError("An objective of this review's agreement", [...field, 'objective']);
  }
  const repo = tx.em.getRepository(ReviewFindingEntity);
  return repo.save(
    repo.create({ providerId: review.providerId, reviewId: review.id, objectiveId: f.objectiveId ?? null, severity: f.severity, text: f.text.trim(), recordedBy: actorLabel(tx.caller), recordedAt: tx.now }),
  );
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The problems an action item has by itself (a due date that does not exist), naming fields under `at`. */
export function actionItemProblems(a: Pick<ActionItemInput, 'dueOn'>, at: FieldPath): UserError[] {
  return isCalendarDate(a.dueOn) ? [] : [new UserError('INVALID_INPUT', 'dueOn must be a date, YYYY-MM-DD.', [...at, 'dueOn'])];
}

/** YYYY-MM-DD naming a day that exists (Date.parse accepts 2026-02-31; PostgreSQL does not). */
function isCalendarDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const at = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === text;
}

export async function addActionItemRow(tx: RequestContext, review: ReviewEntity, a: ActionItemInput, field: FieldPath): Promise<ReviewActionItemEntity> {
  requireOpen(review, 'Action items', ['IN_PROGRESS'], field);
  throwIfAny(actionItemProblems(a, field));
  if ((await countOf(tx, 'review_action_item', review.id)) >= MAX_ACTION_ITEMS) throw new UserError('NOT_ALLOWED', `A review has at most ${MAX_ACTION_ITEMS} action items.`, field);
  const repo = tx.em.getRepository(ReviewActionItemEntity);
  return repo.save(
    repo.create({ providerId: review.providerId, reviewId: review.id, description: a.description.trim(), owner: a.owner.trim(), dueOn: a.dueOn, doneAt: null, doneBy: null, createdBy: actorLabel(tx.caller), createdAt: tx.now, version: 1 }),
  );
}

/** Adds a participant to a SCHEDULED or IN_PROGRESS review. */
export async function addParticipant(ctx: RequestContext, reviewId: string, p: ParticipantInput): Promise<{ review: ReviewEntity; participant: ReviewParticipantEntity }> {
  requireRole(ctx, ReviewRoles.manage);
  return withTransaction(ctx, async (tx) => {
    const review = await lockReview(tx, reviewId, ['reviewId']);
    return { review, participant: await addParticipantRow(tx, review, p, []) };
  });
}

/** Records a finding of an IN_PROGRESS review (optionally about one objective of its agreement). */
export async function addFinding(ctx: RequestContext, reviewId: string, f: FindingInput): Promise<{ review: ReviewEntity; finding: ReviewFindingEntity }> {
  requireRole(ctx, ReviewRoles.manage);
  return withTransaction(ctx, async (tx) => {
    const review = await lockReview(tx, reviewId, ['reviewId']);
    return { review, finding: await addFindingRow(tx, review, f, []) };
  });
}

/** Records an action item of an IN_PROGRESS review. */
export async function addActionItem(ctx: RequestContext, reviewId: string, a: ActionItemInput): Promise<{ review: ReviewEntity; actionItem: ReviewActionItemEntity }> {
  requireRole(ctx, ReviewRoles.manage);
  return withTransaction(ctx, async (tx) => {
    const review = await lockReview(tx, reviewId, ['reviewId']);
    return { review, actionItem: await addActionItemRow(tx, review, a, []) };
  });
}

/**
 * Marks an action item done (or not done again), whatever the review's status: items are
 * followed up after the review. Asking for the state it already has changes nothing.
 */
export async function setActionItemDone(ctx: RequestContext, id: string, done: boolean, version?: number | null): Promise<ReviewActionItemEntity> {
  const actor = requireRole(ctx, ReviewRoles.manage);
  return withTransaction(ctx, async (tx) => {
    const [visible] = await findActionItemsByIds(tx, [id]);
    if (!visible) throw new NotFoundError('The action item', ['id']);
    const repo = tx.em.getRepository(ReviewActionItemEntity);
    const item = await repo.createQueryBuilder('i').setLock('pessimistic_write').where('i.id = :id', { id }).getOneOrFail();
    if (version != null && item.version !== version) throw new StaleVersionError('The action item');
    if ((item.doneAt !== null) === done) return item;
    await repo.update({ id }, done ? { doneAt: tx.now, doneBy: actorLabel(actor), version: item.version + 1 } : { doneAt: null, doneBy: null, version: item.version + 1 });
    return repo.findOneByOrFail({ id });
  });
}
