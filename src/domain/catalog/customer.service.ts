import { Brackets } from 'typeorm';
import { CustomerEntity, type Region, type SizeBand, type Tier } from '../../db/entities/customer.entity';
import { type RequestContext } from '../../context/request-context';
import { withTransaction } from '../../context/transaction';
import { requireRole } from '../shared/access';
import { customerScope, inCustomerScopeSql } from '../shared/customer-scope';
import { rethrowUnique } from '../shared/db-errors';
import { definedOnly } from '../shared/patch';
import { type KeysetOrder, type Page, type PageRequest, paginate } from '../shared/pagination';
import { archiveRow, lockForUpdate } from '../shared/versioned';
import { CatalogRoles } from './catalog-roles';
import { segmentMembershipSql } from './segment-membership.sql';

export interface CustomerAttributes {
  name: string;
  externalRef?: string | null;
  sizeBand: SizeBand;
  employeeCount?: number | null;
  industry: string;
  region: Region;
  tier: Tier;
  country: string;
  timeZone: string;
}

export interface CustomerFilter {
  search?: string | null;
  sizeBands?: SizeBand[] | null;
  industries?: string[] | null;
  regions?: Region[] | null;
  tiers?: Tier[] | null;
  countries?: string[] | null;
  segmentId?: string | null;
  includeArchived?: boolean | null;
}

export type CustomerOrder = 'NAME_ASC' | 'NAME_DESC' | 'CREATED_AT_ASC' | 'CREATED_AT_DESC';

const ORDERS: Record<CustomerOrder, KeysetOrder<CustomerEntity>> = {
  NAME_ASC: { column: 'name', direction: 'ASC', value: (c) => c.name },
  NAME_DESC: { column: 'name', direction: 'DESC', value: (c) => c.name },
  CREATED_AT_ASC: { column: 'createdAt', direction: 'ASC', value: (c) => c.createdAt },
  CREATED_AT_DESC: { column: 'createdAt', direction: 'DESC', value: (c) => c.createdAt },
};

const UNIQUE_FIELDS = {
  customer_name_unique: { field: ['name'], message: 'A customer with this name already exists.' },
  customer_external_ref_unique: { field: ['externalRef'], message: 'A customer with this external reference already exists.' },
};

function visibleCustomers(ctx: RequestContext) {
  const actor = requireRole(ctx, CatalogRoles.readCustomers);
  const qb = ctx.em.getRepository(CustomerEntity).createQueryBuilder('c');
  // The tenancy proof (tests only) leaves the provider out: row-level security alone must hold it.
  if (!ctx.db.withoutTenantFiltersForTest) qb.andWhere('c.providerId = :providerId', { providerId: actor.providerId });
  qb.andWhere(inCustomerScopeSql('c.id', ':onlyCustomer'), { onlyCustomer: customerScope(actor) });
  return qb;
}

export async function list(ctx: RequestContext, filter: CustomerFilter, order: CustomerOrder, page: PageRequest): Promise<Page<CustomerEntity>> {
  const qb = visibleCustomers(ctx);
  if (!filter.includeArchived) qb.andWhere('c.archivedAt IS NULL');
  if (filter.search) {
    const term = `%${filter.search.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    qb.andWhere(new Brackets((w) => w.where('c.name ILIKE :term', { term }).orWhere('c.externalRef ILIKE :term', { term })));
  }
  if (filter.sizeBands?.length) qb.andWhere('c.sizeBand IN (:...sizeBands)', { sizeBands: filter.sizeBands });
  if (filter.industries?.length) qb.andWhere('lower(c.industry) IN (:...industries)', { industries: filter.industries.map((i) => i.toLowerCase()) });
  if (filter.regions?.length) qb.andWhere('c.region IN (:...regions)', { regions: filter.regions });
  if (filter.tiers?.length) qb.andWhere('c.tier IN (:...tiers)', { tiers: filter.tiers });
  if (filter.countries?.length) qb.andWhere('c.country IN (:...countries)', { countries: filter.countries });
  if (filter.segmentId) {
    requireRole(ctx, CatalogRoles.readSegments);
    qb.andWhere(`EXISTS (SELECT 1 FROM segment s WHERE s.id = :segmentId AND s.provider_id = c.provider_id AND ${segmentMembershipSql('s', 'c')})`, {
      segmentId: filter.segmentId,
    });
  }
  return paginate(qb, ORDERS[order], page);
}

/** The customers among `ids` that the caller may see, in no particular order. */
export async function findByIds(ctx: RequestContext, ids: readonly string[]): Promise<CustomerEntity[]> {
  if (ids.length === 0) return [];
  return visibleCustomers(ctx).andWhere('c.id IN (:...ids)', { ids }).getMany();
}

export async function create(ctx: RequestContext, input: CustomerAttributes): Promise<CustomerEntity> {
  const actor = requireRole(ctx, CatalogRoles.writeCustomers);
  return withTransaction(ctx, async (tx) => {
    const repo = tx.em.getRepository(CustomerEntity);
    try {
      return await repo.save(repo.create({ ...normalize(input), providerId: actor.providerId }));
    } catch (error) {
      rethrowUnique(error, UNIQUE_FIELDS);
    }
  });
}

export async function update(
  ctx: RequestContext,
  id: string,
  expectedVersion: number | null | undefined,
  patch: Partial<CustomerAttributes>,
): Promise<CustomerEntity> {
  requireRole(ctx, CatalogRoles.writeCustomers);
  return withTransaction(ctx, async (tx) => {
    const customer = await lockForUpdate(tx, CustomerEntity, id, 'The customer', { expectedVersion });
    Object.assign(customer, normalize({ ...customer, ...definedOnly(patch) }));
    try {
      return await tx.em.getRepository(CustomerEntity).save(customer);
    } catch (error) {
      rethrowUnique(error, UNIQUE_FIELDS);
    }
  });
}

/** Archived customers leave lists and segments but stay readable: contracts may reference them. */
export async function archive(ctx: RequestContext, id: string, expectedVersion?: number | null): Promise<CustomerEntity> {
  requireRole(ctx, CatalogRoles.writeCustomers);
  return archiveRow(ctx, CustomerEntity, id, 'The customer', expectedVersion);
}


function normalize<T extends Partial<CustomerAttributes>>(a: T): T {
  return {
    ...a,
    ...(a.name !== undefined && { name: a.name.trim() }),
    ...(a.industry !== undefined && { industry: a.industry.trim() }),
    ...(a.country !== undefined && { country: a.country.toUpperCase() }),
    ...(a.externalRef !== undefined && { externalRef: a.externalRef?.trim() || null }),
  };
}
