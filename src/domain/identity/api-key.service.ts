import { type Actor, actorLabel } from '../../common/actor';
import { type FieldPath, throwIfAny, UnauthenticatedError, UserError } from '../../common/errors';
import { API_KEY_ROLES, Role } from '../../common/roles';
import { ApiKeyEntity } from '../../db/entities/api-key.entity';
import { type RequestContext } from '../../context/request-context';
import { withTransaction } from '../../context/transaction';
import { requireRole } from '../shared/access';
import { type Page, type PageRequest, paginate } from '../shared/pagination';
import { generateApiKeySecret, hashApiKey, parseApiKey, sameHash } from './api-key-secret';
import { type EntityManager } from 'typeorm';

export interface ApiKeyCreateInput {
  name: string;
  roles?: Role[] | null;
  expiresAt?: Date | null;
}

const LAST_USED_RESOLUTION_MS = 60_000;

/** The rules of a new key that need no database (fields relative to `at`). */
export function apiKeyProblems(input: ApiKeyCreateInput, now: Date, at: FieldPath = []): UserError[] {
  const problems: UserError[] = [];
  if (!input.name.trim()) problems.push(new UserError('INVALID_INPUT', 'name must not be blank.', [...at, 'name']));
  (input.roles ?? []).forEach((r, i) => {
    if (!API_KEY_ROLES.includes(r)) problems.push(new UserError('INVALID_INPUT', `An API key may carry only ${API_KEY_ROLES.join(', ')}.`, [...at, 'roles', i]));
  });
  if (input.expiresAt && input.expiresAt.getTime() <= now.getTime()) problems.push(new UserError('INVALID_INPUT', 'expiresAt must be in the future.', [...at, 'expiresAt']));
  return problems;
}

/** Creates a key; the secret is returned here once and never stored. */
export async function create(ctx: RequestContext, input: ApiKeyCreateInput): Promise<{ key: ApiKeyEntity; secret: string }> {
  const actor = requireRole(ctx, [Role.PROVIDER_ADMIN]);
  throwIfAny(apiKeyProblems(input, ctx.now));
  const name = input.name.trim();
  const roles = [...new Set(input.roles?.length ? input.roles : [Role.INTEGRATION])];
  const secret = generateApiKeySecret();
  return withTransaction(ctx, async (tx) => {
    const repo = tx.em.getRepository(ApiKeyEntity);
    const key = await repo.save(
      repo.create({
        providerId: actor.providerId,
        name,
        prefix: secret.prefix,
        secretHash: secret.hash,
        roles,
        createdBy: actorLabel(actor),
        expiresAt: input.expiresAt ?? null,
      }),
    );
    return { key, secret: secret.token };
  });
}

export async function list(ctx: RequestContext, includeRevoked: boolean, page: PageRequest): Promise<Page<ApiKeyEntity>> {
  const actor = requireRole(ctx, [Role.PROVIDER_ADMIN]);
  const qb = ctx.em.getRepository(ApiKeyEntity).createQueryBuilder('k').where('k.providerId = :providerId', { providerId: actor.providerId });
  if (!includeRevoked) qb.andWhere('k.revokedAt IS NULL');
  return paginate(qb, { column: 'createdAt', direction: 'DESC', value: (k) => k.createdAt }, page);
}

export async function findByIds(ctx: RequestContext, ids: readonly string[]): Promise<ApiKeyEntity[]> {
  if (ids.length === 0) return [];
  const actor = requireRole(ctx, [Role.PROVIDER_ADMIN]);
  return ctx.em
    .getRepository(ApiKeyEntity)
    .createQueryBuilder('k')
    .where('k.providerId = :providerId AND k.id IN (:...ids)', { providerId: actor.providerId, ids })
    .getMany();
}

/** Revoking is immediate and final; revoking twice changes nothing. */
export async function revoke(ctx: RequestContext, id: string): Promise<ApiKeyEntity> {
  const actor = requireRole(ctx, [Role.PROVIDER_ADMIN]);
  return withTransaction(ctx, async (tx) => {
    const repo = tx.em.getRepository(ApiKeyEntity);
    const key = await repo
      .createQueryBuilder('k')
      .setLock('pessimistic_write')
      .where('k.id = :id AND k.providerId = :providerId', { id, providerId: actor.providerId })
      .getOne();
    if (!key) throw new UserError('NOT_FOUND', 'The API key was not found.', ['id']);
    if (key.revokedAt) return key;
    key.revokedAt = tx.now;
    key.revokedBy = actorLabel(actor);
    return repo.save(key);
  });
}

/** The integration behind a presented key, or UNAUTHENTICATED. */
export async function authenticate(em: EntityManager, token: string, now: Date): Promise<Actor> {
  const parsed = parseApiKey(token);
  if (!parsed) throw new UnauthenticatedError('The API key is malformed.');
  const key = await em.getRepository(ApiKeyEntity).findOneBy({ prefix: parsed.prefix });
  if (!key || !sameHash(key.secretHash, hashApiKey(token))) throw new UnauthenticatedError('The API key is not valid.');
  if (key.revokedAt) throw new UnauthenticatedError('The API key has been revoked.');
  if (key.expiresAt && key.expiresAt.getTime() <= now.getTime()) throw new UnauthenticatedError('The API key has expired.');
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await em.getRepository(ApiKeyEntity).update({ id: key.id }, { lastUsedAt: now });
  }
  return { kind: 'API_KEY', id: key.id, name: key.name, providerId: key.providerId, roles: key.roles as Role[], customerId: null };
}
