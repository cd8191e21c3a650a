import { Brackets } from 'typeorm';
import { ServiceEntity } from '../../db/entities/service.entity';
import { type RequestContext } from '../../context/request-context';
import { withTransaction } from '../../context/transaction';
import { requireRole } from '../shared/access';
import { rethrowUnique } from '../shared/db-errors';
import { type KeysetOrder, type Page, type PageRequest, paginate } from '../shared/pagination';
import { definedOnly } from '../shared/patch';
import { archiveRow, lockForUpdate } from '../shared/versioned';
import { CatalogRoles } from './catalog-roles';

export interface ServiceAttributes {
  code: string;
  name: string;
  description?: string | null;
  category?: string | null;
}

export interface ServiceFilter {
  search?: string | null;
  categories?: string[] | null;
  includeArchived?: boolean | null;
}

export type ServiceOrder = 'NAME_ASC' | 'NAME_DESC' | 'CODE_ASC' | 'CREATED_AT_ASC' | 'CREATED_AT_DESC';

const ORDERS: Record<ServiceOrder, KeysetOrder<ServiceEntity>> = {
  NAME_ASC: { column: 'name', direction: 'ASC', value: (s) => s.name },
  NAME_DESC: { column: 'name', direction: 'DESC', value: (s) => s.name },
  CODE_ASC: { column: 'code', direction: 'ASC', value: (s) => s.code },
  CREATED_AT_ASC: { column: 'createdAt', direction: 'ASC', value: (s) => s.createdAt },
  CREATED_AT_DESC: { column: 'createdAt', direction: 'DESC', value: (s) => s.createdAt },
};

const UNIQUE_FIELDS = {
  service_provider_id_code_key: { field: ['code'], message: 'A service with this code already exists.' },
};

function visibleServices(ctx: RequestContext) {
  const actor = requireRole(ctx, CatalogRoles.readServices);
  return ctx.em.getRepository(ServiceEntity).createQueryBuilder('svc').where('svc.providerId = :providerId', { providerId: actor.providerId });
}

export async function list(ctx: RequestContext, filter: ServiceFilter, order: ServiceOrder, page: PageRequest): Promise<Page<ServiceEntity>> {
  const qb = visibleServices(ctx);
  if (!filter.includeArchived) qb.andWhere('svc.archivedAt IS NULL');
  if (filter.search) {
    const term = `%${filter.search.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    qb.andWhere(new Brackets((w) => w.where('svc.name ILIKE :term', { term }).orWhere('svc.code ILIKE :term', { term })));
  }
  if (filter.categories?.length) qb.andWhere('svc.category IN (:...categories)', { categories: filter.categories });
  return paginate(qb, ORDERS[order], page);
}

export async function findByIds(ctx: RequestContext, ids: readonly string[]): Promise<ServiceEntity[]> {
  if (ids.length === 0) return [];
  return visibleServices(ctx).andWhere('svc.id IN (:...ids)', { ids }).getMany();
}

export async function create(ctx: RequestContext, input: ServiceAttributes): Promise<ServiceEntity> {
  const actor = requireRole(ctx, CatalogRoles.writeServices);
  return withTransaction(ctx, async (tx) => {
    const repo = tx.em.getRepository(ServiceEntity);
    try {
      return await repo.save(
        repo.create({
          providerId: actor.providerId,
          code: input.code.trim().toUpperCase(),
          name: input.name.trim(),
          description: input.description?.trim() ?? '',
          category: input.category?.trim() || null,
        }),
      );
    } catch (error) {
      rethrowUnique(error, UNIQUE_FIELDS);
    }
  });
}

export async function update(
  ctx: RequestContext,
  id: string,
  expectedVersion: number | null | undefined,
  patch: Partial<ServiceAttributes>,
): Promise<ServiceEntity> {
  requireRole(ctx, CatalogRoles.writeServices);
  return withTransaction(ctx, async (tx) => {
    const service = await lockForUpdate(tx, ServiceEntity, id, 'The service', { expectedVersion });
    const { code, name, description, category } = definedOnly(patch);
    if (code != null) service.code = code.trim().toUpperCase();
    if (name != null) service.name = name.trim();
    if (description !== undefined) service.description = description?.trim() ?? '';
    if (category !== undefined) service.category = category?.trim() || null;
    try {
      return await tx.em.getRepository(ServiceEntity).save(service);
    } catch (error) {
      rethrowUnique(error, UNIQUE_FIELDS);
    }
  });
}

export async function archive(ctx: RequestContext, id: string, expectedVersion?: number | null): Promise<ServiceEntity> {
  requireRole(ctx, CatalogRoles.writeServices);
  return archiveRow(ctx, ServiceEntity, id, 'The service', expectedVersion);
}
