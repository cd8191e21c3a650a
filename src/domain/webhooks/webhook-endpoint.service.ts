import { actorLabel } from '../../common/actor';
import { type FieldPath, NotFoundError, StaleVersionError, throwIfAny, UserError } from '../../common/errors';
import { type EventType } from '../../common/event-types';
import { type RequestContext } from '../../context/request-context';
import { withTransaction } from '../../context/transaction';
import { WebhookEndpointEntity } from '../../db/entities/webhook-endpoint.entity';
import { requireRole } from '../shared/access';
import { type Page, type PageRequest, paginate } from '../shared/pagination';
import { WebhookRoles } from './webhook-roles';
import { checkEventTypes, checkWebhookUrl, ROTATION_GRACE_MS } from './webhook-endpoint-rules';
import { generateWebhookSecret } from './webhook-signature';

export interface WebhookEndpointCreateInput {
  url: string;
  events: string[];
  description?: string | null;
}

export interface WebhookEndpointUpdateInput {
  url?: string | null;
  events?: string[] | null;
  description?: string | null;
  version?: number | null;
}

type EndpointFields = { url?: string | null; events?: string[] | null; description?: string | null };
type CheckedFields = { url?: string; types?: EventType[]; description?: string };

function check(input: EndpointFields, at: FieldPath): { out: CheckedFields; problems: UserError[] } {
  const problems: UserError[] = [];
  const out: CheckedFields = {};
  if (input.url != null) {
    const checked = checkWebhookUrl(input.url);
    if ('problem' in checked) problems.push(new UserError('INVALID_INPUT', checked.problem, [...at, 'url']));
    else out.url = checked.url;
  }
  if (input.events != null) {
    const checked = checkEventTypes(input.events, [...at, 'events']);
    problems.push(...checked.problems);
    out.types = checked.types;
  }
  if (input.description != null) {
    out.description = input.description.trim();
    if (out.description.length > 1000) problems.push(new UserError('INVALID_INPUT', 'description must be at most 1000 characters.', [...at, 'description']));
  }
  return { out, problems };
}

/** Every problem of an endpoint's URL, event types and description, each naming its field under `at`. */
export const endpointProblems = (input: EndpointFields, at: FieldPath = []): UserError[] => check(input, at).problems;

function validate(input: EndpointFields): CheckedFields {
  const { out, problems } = check(input, []);
  throwIfAny(problems);
  return out;
}

/**
 * Registers an endpoint for the caller's provider. Its signing secret is returned here once;
 * it is kept server-side to sign deliveries and never shown again.
 */
export async function create(ctx: RequestContext, input: WebhookEndpointCreateInput): Promise<{ endpoint: WebhookEndpointEntity; secret: string }> {
  const actor = requireRole(ctx, WebhookRoles.manage);
  const checked = validate({ url: input.url, events: input.events, description: input.description ?? '' });
  const secret = generateWebhookSecret();
  return withTransaction(ctx, async (tx) => {
    const repo = tx.em.getRepository(WebhookEndpointEntity);
    const now = tx.now;
    const endpoint = await repo.save(
      repo.create({
        providerId: actor.providerId,
        url: checked.url as string,
        eventTypes: checked.types ?? [],
        secret,
        previousSecret: null,
        previousSecretExpiresAt: null,
        description: checked.description ?? '',
        createdAt: now,
        createdBy: actorLabel(actor),
        updatedAt: now,
        disabledAt: null,
        disabledBy: null,
      }),
    );
    return { endpoint, secret };
  });
}

async function lockEndpoint(tx: RequestContext, providerId: string, id: string): Promise<WebhookEndpointEntity> {
  const endpoint = await tx.em
    .getRepository(WebhookEndpointEntity)
    .createQueryBuilder('e')
    .setLock('pessimistic_write')
    .where('e.id = :id AND e.providerId = :providerId', { id, providerId })
    .getOne();
  if (!endpoint) throw new NotFoundError('The webhook endpoint', ['id']);
  return endpoint;
}

/** Changes the URL, the event types or the description; `version`, when given, must be the one read. */
export async function update(ctx: RequestContext, id: string, input: WebhookEndpointUpdateInput): Promise<WebhookEndpointEntity> {
  const actor = requireRole(ctx, WebhookRoles.manage);
  const checked = validate(input);
  return withTransaction(ctx, async (tx) => {
    const endpoint = await lockEndpoint(tx, actor.providerId, id);
    if (input.version != null && input.version !== endpoint.version) throw new StaleVersionError('The webhook endpoint');
    if (checked.url !== undefined) endpoint.url = checked.url;
    if (checked.types !== undefined) endpoint.eventTypes = checked.types;
    if (checked.description !== undefined) endpoint.description = checked.description;
    endpoint.updatedAt = tx.now;
    return tx.em.getRepository(WebhookEndpointEntity).save(endpoint);
  });
}

/**
 * A new signing secret, returned here once. For 24 hours deliveries carry a second signature
 * made with the secret it replaces, so a receiver can switch to the new one without refusing
 * any delivery; rotating again ends that grace at once.
 */
export async function rotateSecret(ctx: RequestContext, id: string): Promise<{ endpoint: WebhookEndpointEntity; secret: string }> {
  const actor = requireRole(ctx, WebhookRoles.manage);
  const secret = generateWebhookSecret();
  return withTransaction(ctx, async (tx) => {
    const endpoint = await lockEndpoint(tx, actor.providerId, id);
    endpoint.previousSecret = endpoint.secret;
    endpoint.previousSecretExpiresAt = new Date(tx.now.getTime() + ROTATION_GRACE_MS);
    endpoint.secret = secret;
    endpoint.updatedAt = tx.now;
    return { endpoint: await tx.em.getRepository(WebhookEndpointEntity).save(endpoint), secret };
  });
}

/**
 * Disabling stops deliveries at once: no new ones are queued, and pending ones fail when their
 * next attempt comes. Enabling again receives new events. Both are harmless to repeat.
 */
export async function setDisabled(ctx: RequestContext, id: string, disabled: boolean): Promise<WebhookEndpointEntity> {
  const actor = requireRole(ctx, WebhookRoles.manage);
  return withTransaction(ctx, async (tx) => {
    const endpoint = await lockEndpoint(tx, actor.providerId, id);
    if (disabled === (endpoint.disabledAt !== null)) return endpoint;
    endpoint.disabledAt = disabled ? tx.now : null;
    endpoint.disabledBy = disabled ? actorLabel(actor) : null;
    endpoint.updatedAt = tx.now;
    return tx.em.getRepository(WebhookEndpointEntity).save(endpoint);
  });
}

/** The caller's provider's endpoints, newest first. */
export async function list(ctx: RequestContext, includeDisabled: boolean, page: PageRequest): Promise<Page<WebhookEndpointEntity>> {
  const actor = requireRole(ctx, WebhookRoles.read);
  const qb = ctx.em.getRepository(WebhookEndpointEntity).createQueryBuilder('e').where('e.providerId = :providerId', { providerId: actor.providerId });
  if (!includeDisabled) qb.andWhere('e.disabledAt IS NULL');
  return paginate(qb, { column: 'createdAt', direction: 'DESC', value: (e) => e.createdAt }, page);
}

/** Endpoints by id; another provider's are left out, as if they did not exist. */
export async function findByIds(ctx: RequestContext, ids: readonly string[]): Promise<WebhookEndpointEntity[]> {
  if (ids.length === 0) return [];
  const actor = requireRole(ctx, WebhookRoles.read);
  return ctx.em
    .getRepository(WebhookEndpointEntity)
    .createQueryBuilder('e')
    .where('e.providerId = :providerId AND e.id IN (:...ids)', { providerId: actor.providerId, ids })
    .getMany();
}
