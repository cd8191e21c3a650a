import { actorLabel } from '../../common/actor';
import { NotFoundError, UserError } from '../../common/errors';
import { type RequestContext } from '../../context/request-context';
import { withTransaction } from '../../context/transaction';
import { DomainEventEntity } from '../../db/entities/domain-event.entity';
import { type WebhookAttemptTrigger, WebhookAttemptEntity } from '../../db/entities/webhook-attempt.entity';
import { WebhookDeliveryEntity, type WebhookDeliveryStatus } from '../../db/entities/webhook-delivery.entity';
import { WebhookEndpointEntity } from '../../db/entities/webhook-endpoint.entity';
import { requireRole } from '../shared/access';
import { nestedPages } from '../shared/nested-pages';
import { type Page, type PageRequest } from '../shared/pagination';
import { deliveryJobKey } from './webhook-fanout';
import { postWebhook, type SendResult } from './webhook-http';
import { webhookBody, webhookHeaders } from './webhook-message';
import { afterAttempt, planAttempt } from './webhook-retry';
import { WebhookRoles } from './webhook-roles';
import { signingSecrets } from './webhook-endpoint-rules';
import { In } from 'typeorm';

/** An attempt that has been claimed (counted) and is about to be sent. */
interface Claim {
  deliveryId: string;
  attempt: number;
  final: boolean;
  trigger: WebhookAttemptTrigger;
  requestedBy: string | null;
  startedAt: Date;
  url: string;
  /** The endpoint's secret, and the one before it while a rotation is honoured. */
  secrets: string[];
  event: DomainEventEntity;
}

const deliveries = (ctx: RequestContext) => ctx.em.getRepository(WebhookDeliveryEntity);

/**
 * Counts the next attempt with a compare-and-set on the attempt count: of two runs that read
 * the same count, only one claims the attempt.
 */
async function claimAttempt(tx: RequestContext, delivery: WebhookDeliveryEntity, set: Partial<WebhookDeliveryEntity>, onlyIfPending: boolean): Promise<boolean> {
  const qb = deliveries(tx)
    .createQueryBuilder()
    .update(WebhookDeliveryEntity)
    .set({ ...set, attemptCount: delivery.attemptCount + 1 })
    .where('id = :id AND attempt_count = :count', { id: delivery.id, count: delivery.attemptCount });
  if (onlyIfPending) qb.andWhere("status = 'PENDING'");
  const result = await qb.execute();
  return (result.affected ?? 0) === 1;
}

/**
 * The scheduled attempt of a delivery (job 'webhook.deliver'). Safe to run twice and early:
 * it sends only a PENDING delivery whose next attempt is due, and counts the attempt (and
 * schedules the one after it) before sending, in one transaction; the request is made after
 * that transaction, and its outcome recorded in another.
 */
export async function runScheduledDelivery(ctx: RequestContext, deliveryId: string): Promise<void> {
  const claim = await withTransaction(ctx, async (tx): Promise<Claim | null> => {
    const now = tx.now;
    // Locked: a manual redelivery of the same row waits, so the claim below cannot lose a race and drop the schedule.
    const delivery = await deliveries(tx).createQueryBuilder('d').setLock('pessimistic_write').where('d.id = :id', { id: deliveryId }).getOne();
    if (!delivery || delivery.status !== 'PENDING') return null;
    if (delivery.nextAttemptAt && delivery.nextAttemptAt.getTime() > now.getTime()) return null;
    const endpoint = await tx.em.getRepository(WebhookEndpointEntity).findOneByOrFail({ id: delivery.endpointId });
    if (endpoint.disabledAt) {
      await deliveries(tx).update(
        { id: delivery.id, status: 'PENDING' },
        { status: 'FAILED', nextAttemptAt: null, failedAt: now, lastError: 'The endpoint was disabled before the delivery succeeded.' },
      );
      return null;
    }
    const attempt = delivery.attemptCount + 1;
    const plan = planAttempt(delivery.createdAt, now, attempt, Math.random());
    if (!(await claimAttempt(tx, delivery, { nextAttemptAt: plan.nextAttemptAt, lastAttemptAt: now }, true))) return null;
    await tx.db.jobs.schedule(tx, 'webhook.deliver', { deliveryId }, plan.nextAttemptAt, { singletonKey: deliveryJobKey(deliveryId, attempt + 1) });
    const event = await tx.em.getRepository(DomainEventEntity).findOneByOrFail({ id: delivery.eventId });
    return { deliveryId, attempt, final: plan.final, trigger: 'SCHEDULED', requestedBy: null, startedAt: now, url: endpoint.url, secrets: signingSecrets(endpoint, now), event };
  });
  if (claim) await sendAndRecord(ctx, claim);
}

/**
 * Sends one delivery now, by hand (provider admins and account managers), whatever its status:
 * a pending one keeps its schedule unless this succeeds; a failed one that succeeds is
 * delivered; a delivered one is sent again (receivers deduplicate on the event id).
 * Recorded as a MANUAL attempt.
 */
export async function retryDelivery(ctx: RequestContext, deliveryId: string): Promise<{ delivery: WebhookDeliveryEntity; attempt: WebhookAttemptEntity }> {
  const actor = requireRole(ctx, WebhookRoles.retry);
  const claim = await withTransaction(ctx, async (tx): Promise<Claim> => {
    const delivery = await deliveries(tx)
      .createQueryBuilder('d')
      .setLock('pessimistic_write')
      .where('d.id = :id AND d.providerId = :providerId', { id: deliveryId, providerId: actor.providerId })
      .getOne();
    if (!delivery) throw new NotFoundError('The webhook delivery', ['deliveryId']);
    const endpoint = await tx.em.getRepository(WebhookEndpointEntity).findOneByOrFail({ id: delivery.endpointId });
    if (endpoint.disabledAt) throw new UserError('INVALID_STATE', 'The endpoint is disabled; enable it before redelivering.', ['deliveryId']);
    const now = tx.now;
    if (!(await claimAttempt(tx, delivery, { lastAttemptAt: now }, false))) throw new Error('A locked delivery changed under its lock.');
    const event = await tx.em.getRepository(DomainEventEntity).findOneByOrFail({ id: delivery.eventId });
    return { deliveryId, attempt: delivery.attemptCount + 1, final: false, trigger: 'MANUAL', requestedBy: actorLabel(actor), startedAt: now, url: endpoint.url, secrets: signingSecrets(endpoint, now), event };
  });
  return sendAndRecord(ctx, claim);
}

/** The HTTP request (no transaction open), then the attempt and its effect on the delivery, in one transaction. */
async function sendAndRecord(ctx: RequestContext, claim: Claim): Promise<{ delivery: WebhookDeliveryEntity; attempt: WebhookAttemptEntity }> {
  const body = webhookBody(claim.event);
  const headers = webhookHeaders(
    claim.secrets,
    body,
    claim.startedAt,
    { eventId: claim.event.id, eventType: claim.event.type, deliveryId: claim.deliveryId, attempt: claim.attempt },
    { legacySignature: ctx.db.webhooks.legacySignature },
  );
  const result: SendResult = await postWebhook(claim.url, body, headers, ctx.db.webhooks.timeoutMs);
  return withTransaction(ctx, async (tx) => {
    const delivery = await deliveries(tx).createQueryBuilder('d').setLock('pessimistic_write').where('d.id = :id', { id: claim.deliveryId }).getOneOrFail();
    const attemptRepo = tx.em.getRepository(WebhookAttemptEntity);
    const attempt = await attemptRepo.save(
      attemptRepo.create({
        deliveryId: claim.deliveryId,
        number: claim.attempt,
        trigger: claim.trigger,
        requestedBy: claim.requestedBy,
        startedAt: claim.startedAt,
        durationMs: result.durationMs,
        statusCode: result.statusCode,
        error: result.error,
        succeeded: result.succeeded,
      }),
    );
    const { status, nextAttemptAt, deliveredAt, failedAt } = delivery;
    const next = afterAttempt({ status, nextAttemptAt, deliveredAt, failedAt }, { succeeded: result.succeeded, trigger: claim.trigger, final: claim.final, at: tx.now });
    const changes = { ...next, lastStatusCode: result.statusCode, lastError: result.error };
    await deliveries(tx).update({ id: delivery.id }, changes);
    Object.assign(delivery, changes);
    return { delivery, attempt };
  });
}

export interface DeliveryFilter {
  status?: WebhookDeliveryStatus | null;
}

/** One page of deliveries per endpoint (newest first), for many endpoints in a fixed number of statements. */
export async function deliveriesOf(ctx: RequestContext, endpointIds: readonly string[], filter: DeliveryFilter, page: PageRequest): Promise<Map<string, Page<WebhookDeliveryEntity>>> {
  const actor = requireRole(ctx, WebhookRoles.read);
  return nestedPages(
    ctx,
    endpointIds,
    {
      orderKey: 'webhook-deliveries:created',
      direction: 'DESC',
      pairsSql: `SELECT d.endpoint_id AS parent_id, d.id::text AS child_id,
                   to_char(d.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS sort_value
                 FROM webhook_delivery d
                 WHERE d.endpoint_id = ANY($1::uuid[]) AND d.provider_id = $2 AND ($3::text IS NULL OR d.status = $3)`,
      params: [actor.providerId, filter.status ?? null],
      load: async (ids) => (ids.length ? deliveries(ctx).findBy({ id: In(ids) }) : []),
    },
    page,
  );
}

export async function findDeliveriesByIds(ctx: RequestContext, ids: readonly string[]): Promise<WebhookDeliveryEntity[]> {
  if (ids.length === 0) return [];
  const actor = requireRole(ctx, WebhookRoles.read);
  return deliveries(ctx).findBy({ id: In([...ids]), providerId: actor.providerId });
}

/** The attempts of the deliveries (whose visibility the caller checked), in order. */
export async function attemptsOf(ctx: RequestContext, deliveryIds: readonly string[]): Promise<WebhookAttemptEntity[]> {
  if (deliveryIds.length === 0) return [];
  requireRole(ctx, WebhookRoles.read);
  return ctx.em.getRepository(WebhookAttemptEntity).find({ where: { deliveryId: In([...deliveryIds]) }, order: { number: 'ASC' } });
}

/** Events by id, of the caller's provider only. */
export async function findEventsByIds(ctx: RequestContext, ids: readonly string[]): Promise<DomainEventEntity[]> {
  if (ids.length === 0) return [];
  const actor = requireRole(ctx, WebhookRoles.read);
  return ctx.em.getRepository(DomainEventEntity).findBy({ id: In([...ids]), providerId: actor.providerId });
}
