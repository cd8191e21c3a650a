import { ProviderEntity } from '../../db/entities/provider.entity';
import { Role, ALL_ROLES } from '../../common/roles';
import { type RequestContext } from '../../context/request-context';
import { withTransaction } from '../../context/transaction';
import { requireRole } from '../shared/access';
import { definedOnly } from '../shared/patch';

export interface ProviderAttributes {
  name?: string | null;
  timeZone?: string | null;
}

/** A caller sees its own provider and no other. */
export async function findByIds(ctx: RequestContext, ids: readonly string[]): Promise<ProviderEntity[]> {
  const actor = requireRole(ctx, ALL_ROLES);
  if (!ids.includes(actor.providerId)) return [];
  const own = await ctx.em.getRepository(ProviderEntity).findOneBy({ id: actor.providerId });
  return own ? [own] : [];
}

export async function update(ctx: RequestContext, patch: ProviderAttributes): Promise<ProviderEntity> {
  const actor = requireRole(ctx, [Role.PROVIDER_ADMIN]);
  return withTransaction(ctx, async (tx) => {
    const repo = tx.em.getRepository(ProviderEntity);
    const provider = await repo.createQueryBuilder('p').setLock('pessimistic_write').where('p.id = :id', { id: actor.providerId }).getOneOrFail();
    const { name, timeZone } = definedOnly(patch);
    if (name != null) provider.name = name.trim();
    if (timeZone != null) provider.timeZone = timeZone;
    return repo.save(provider);
  });
}

/** Operator action (seed, CLI): providers are tenants and are not created through the API. */
export async function createProvider(ctx: RequestContext, attrs: { slug: string; name: string; timeZone: string }): Promise<ProviderEntity> {
  const repo = ctx.em.getRepository(ProviderEntity);
  return repo.save(repo.create(attrs));
}

export async function findBySlug(ctx: RequestContext, slug: string): Promise<ProviderEntity | null> {
  return ctx.em.getRepository(ProviderEntity).findOneBy({ slug });
}

export async function countAll(ctx: RequestContext): Promise<number> {
  return ctx.em.getRepository(ProviderEntity).count();
}
