import { Brackets, In } from 'typeorm';
import { type FieldPath, throwIfAny, UserError } from '../../common/errors';
import { CustomerEntity } from '../../db/entities/customer.entity';
import { SegmentPinEntity, type SegmentPinKind } from '../../db/entities/segment-pin.entity';
import { SegmentEntity, type SegmentRule } from '../../db/entities/segment.entity';
import { type RequestContext } from '../../context/request-context';
import { withTransaction } from '../../context/transaction';
import { requireRole } from '../shared/access';
import { rethrowUnique } from '../shared/db-errors';
import { type KeysetOrder, type Page, type PageRequest, paginate } from '../shared/pagination';
import { definedOnly } from '../shared/patch';
import { archiveRow, lockForUpdate } from '../shared/versioned';
import { CatalogRoles } from './catalog-roles';

export interface SegmentAttributes {
  name: string;
  description?: string | null;
  rules?: SegmentRule[] | null;
  includedCustomerIds?: string[] | null;
  excludedCustomerIds?: string[] | null;
}

export interface SegmentFilter {
  search?: string | null;
  includeArchived?: boolean | null;
}

export type SegmentOrder = 'NAME_ASC' | 'NAME_DESC' | 'CREATED_AT_ASC' | 'CREATED_AT_DESC';

const ORDERS: Record<SegmentOrder, KeysetOrder<SegmentEntity>> = {
  NAME_ASC: { column: 'name', direction: 'ASC', value: (s) => s.name },
  NAME_DESC: { column: 'name', direction: 'DESC', value: (s) => s.name },
  CREATED_AT_ASC: { column: 'createdAt', direction: 'ASC', value: (s) => s.createdAt },
  CREATED_AT_DESC: { column: 'createdAt', direction: 'DESC', value: (s) => s.createdAt },
};

const UNIQUE_FIELDS = {
  segment_name_unique: { field: ['name'], message: 'A segment with this name already exists.' },
};

function visibleSegments(ctx: RequestContext) {
  const actor = requireRole(ctx, CatalogRoles.readSegments);
  return ctx.em.getRepository(SegmentEntity).createQueryBuilder('s').where('s.providerId = :providerId', { providerId: actor.providerId });
}

export async function list(ctx: RequestContext, filter: SegmentFilter, order: SegmentOrder, page: PageRequest): Promise<Page<SegmentEntity>> {
  const qb = visibleSegments(ctx);
  if (!filter.includeArchived) qb.andWhere('s.archivedAt IS NULL');
  if (filter.search) {
    const term = `%${filter.search.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    qb.andWhere(new Brackets((w) => w.where('s.name ILIKE :term', { term }).orWhere('s.description ILIKE :term', { term })));
  }
  return paginate(qb, ORDERS[order], page);
}

export async function findByIds(ctx: RequestContext, ids: readonly string[]): Promise<SegmentEntity[]> {
  if (ids.length === 0) return [];
  return visibleSegments(ctx).andWhere('s.id IN (:...ids)', { ids }).getMany();
}

/** The manual pins of each segment, one query for all of them. */
export async function pinsOf(ctx: RequestContext, segmentIds: readonly string[]): Promise<SegmentPinEntity[]> {
  if (segmentIds.length === 0) return [];
  const actor = requireRole(ctx, CatalogRoles.readSegments);
  return ctx.em.getRepository(SegmentPinEntity).find({
    where: { segmentId: In([...segmentIds]), providerId: actor.providerId },
    order: { createdAt: 'ASC', customerId: 'ASC' },
  });
}

export async function create(ctx: RequestContext, input: SegmentAttributes): Promise<SegmentEntity> {
  const actor = requireRole(ctx, CatalogRoles.writeSegments);
  validateRules(input.rules ?? []);
  return withTransaction(ctx, async (tx) => {
    const repo = tx.em.getRepository(SegmentEntity);
    let segment: SegmentEntity;
    try {
      segment = await repo.save(
        repo.create({
          providerId: actor.providerId,
          name: input.name.trim(),
          description: input.description?.trim() ?? '',
          rules: normalizeRules(input.rules ?? []),
        }),
      );
    } catch (error) {
      rethrowUnique(error, UNIQUE_FIELDS);
    }
    await replacePins(tx, segment, input.includedCustomerIds, input.excludedCustomerIds);
    return segment;
  });
}

export async function update(
  ctx: RequestContext,
  id: string,
  expectedVersion: number | null | undefined,
  patch: Partial<SegmentAttributes>,
): Promise<SegmentEntity> {
  requireRole(ctx, CatalogRoles.writeSegments);
  if (patch.rules) validateRules(patch.rules);
  return withTransaction(ctx, async (tx) => {
    const segment = await lockForUpdate(tx, SegmentEntity, id, 'The segment', { expectedVersion });
    const { name, description, rules } = definedOnly(patch);
    if (name != null) segment.name = name.trim();
    if (description !== undefined) segment.description = description?.trim() ?? '';
    if (rules !== undefined) segment.rules = normalizeRules(rules ?? []);
    // A change of pins alone is still a change of the segment: bump its version.
    segment.updatedAt = tx.now;
    let saved: SegmentEntity;
    try {
      saved = await tx.em.getRepository(SegmentEntity).save(segment);
    } catch (error) {
      rethrowUnique(error, UNIQUE_FIELDS);
    }
    await replacePins(tx, saved, patch.includedCustomerIds, patch.excludedCustomerIds);
    return saved;
  });
}

export async function archive(ctx: RequestContext, id: string, expectedVersion?: number | null): Promise<SegmentEntity> {
  requireRole(ctx, CatalogRoles.writeSegments);
  return archiveRow(ctx, SegmentEntity, id, 'The segment', expectedVersion);
}

/** Replaces the INCLUDE pins and/or the EXCLUDE pins when the caller gave them. */
async function replacePins(
  tx: RequestContext,
  segment: SegmentEntity,
  included: string[] | null | undefined,
  excluded: string[] | null | undefined,
): Promise<void> {
  // Field paths name the GraphQL input fields (includedCustomers, excludedCustomers).
  const both = new Set(included ?? []);
  const overlap = (excluded ?? []).findIndex((id) => both.has(id));
  if (overlap >= 0) {
    throw new UserError('INVALID_INPUT', 'A customer cannot be both included in and excluded from a segment.', ['excludedCustomerIds', overlap]);
  }
  await setPins(tx, segment, 'INCLUDE', included, 'includedCustomers');
  await setPins(tx, segment, 'EXCLUDE', excluded, 'excludedCustomers');
}

async function setPins(tx: RequestContext, segment: SegmentEntity, kind: SegmentPinKind, ids: string[] | null | undefined, field: string) {
  if (ids == null) return;
  const unique = [...new Set(ids)];
  if (unique.length > 0) {
    const found = await tx.em.getRepository(CustomerEntity).findBy({ id: In(unique), providerId: segment.providerId });
    const known = new Set(found.map((c) => c.id));
    const missing = unique.findIndex((id) => !known.has(id));
    if (missing >= 0) throw new UserError('NOT_FOUND', 'The customer was not found.', [field, ids.indexOf(unique[missing])]);
  }
  const pins = tx.em.getRepository(SegmentPinEntity);
  await pins.delete({ segmentId: segment.id, kind });
  if (unique.length > 0) {
    // A customer pinned the other way before is moved, not duplicated.
    await pins.delete({ segmentId: segment.id, customerId: In(unique) });
    await pins.insert(unique.map((customerId) => ({ segmentId: segment.id, customerId, providerId: segment.providerId, kind })));
  }
}

const RULE_KEYS = ['sizeBands', 'industries', 'regions', 'tiers', 'countries'] as const;

/** A rule must constrain something: an empty rule would silently match every customer. Throws every problem. */
export function validateRules(rules: SegmentRule[]): void {
  throwIfAny(rulesProblems(rules));
}

/** Every problem of a segment's rules, each naming its field under `at`. */
export function rulesProblems(rules: SegmentRule[], at: FieldPath = []): UserError[] {
  if (rules.length > 50) return [new UserError('INVALID_INPUT', 'A segment has at most 50 rules.', [...at, 'rules'])];
  return rules.flatMap((rule, i) => {
    const used = RULE_KEYS.filter((k) => rule[k] != null);
    if (used.length === 0) {
      return [new UserError('INVALID_INPUT', 'A rule must name at least one attribute (sizeBands, industries, regions, tiers or countries).', [...at, 'rules', i])];
    }
    return used.filter((k) => (rule[k] ?? []).length === 0).map((k) => new UserError('INVALID_INPUT', `${k} must list at least one value, or be left out.`, [...at, 'rules', i, k]));
  });
}

/** Stored without empty keys, with countries upper-cased and industries trimmed. */
export function normalizeRules(rules: SegmentRule[]): SegmentRule[] {
  return rules.map((rule) => {
    const out: SegmentRule = {};
    if (rule.sizeBands) out.sizeBands = [...new Set(rule.sizeBands)];
    if (rule.industries) out.industries = [...new Set(rule.industries.map((s) => s.trim()))];
    if (rule.regions) out.regions = [...new Set(rule.regions)];
    if (rule.tiers) out.tiers = [...new Set(rule.tiers)];
    if (rule.countries) out.countries = [...new Set(rule.countries.map((s) => s.toUpperCase()))];
    return out;
  });
}
