import { In } from 'typeorm';
import { actorLabel, hasAnyRole } from '../../common/actor';
import { NotFoundError, throwIfAny, UserError } from '../../common/errors';
import { BusinessCalendarEntity } from '../../db/entities/business-calendar.entity';
import { SupportingPartyEntity, type SupportingPartyKind } from '../../db/entities/supporting-party.entity';
import { type RequestContext } from '../../context/request-context';
import { withTransaction } from '../../context/transaction';
import { requireRole } from '../shared/access';
import { rethrowUnique } from '../shared/db-errors';
import { type KeysetOrder, type Page, type PageRequest, paginate } from '../shared/pagination';
import { CatalogRoles } from './catalog-roles';

/**
 * Supporting parties: the provider's internal teams (TEAM) and suppliers (SUPPLIER), the parties
 * of operational-level agreements and underpinning contracts. Each has the business calendar its
 * clocks count in when its objectives name none (null: 24x7) and contacts an escalation naming
 * it notifies. Provider-side only: customer users never see them.
 */
export interface SupportingPartyInput {
  kind: SupportingPartyKind;
  name: string;
  calendarId?: string | null;
  contacts?: string[] | null;
}

export interface SupportingPartyFilter {
  kinds?: SupportingPartyKind[] | null;
}

const ORDER: KeysetOrder<SupportingPartyEntity> = { column: 'name', direction: 'ASC', value: (p) => p.name };

const UNIQUE_FIELDS = {
  supporting_party_provider_id_name_key: { field: ['name'], message: 'A supporting party with this name already exists.' },
};

function visibleParties(ctx: RequestContext) {
  const actor = requireRole(ctx, CatalogRoles.readSupportingParties);
  return ctx.em.getRepository(SupportingPartyEntity).createQueryBuilder('sp').where('sp.providerId = :providerId', { providerId: actor.providerId });
}

export async function list(ctx: RequestContext, filter: SupportingPartyFilter, page: PageRequest): Promise<Page<SupportingPartyEntity>> {
  const qb = visibleParties(ctx);
  if (filter.kinds) qb.andWhere(filter.kinds.length ? 'sp.kind IN (:...kinds)' : '1 = 0', { kinds: filter.kinds });
  return paginate(qb, ORDER, page);
}

/** The parties with these ids the caller may see (none for customer users: they are the provider's own business). */
export async function findByIds(ctx: RequestContext, ids: readonly string[]): Promise<SupportingPartyEntity[]> {
  if (ids.length === 0 || !hasAnyRole(ctx.caller, CatalogRoles.readSupportingParties)) return [];
  return visibleParties(ctx).andWhere('sp.id IN (:...ids)', { ids }).getMany();
}

/** The rules of a party's fields that need no database, each naming its field. */
export function supportingPartyProblems(input: SupportingPartyInput): UserError[] {
  const errors: UserError[] = [];
  if (!input.name.trim()) errors.push(new UserError('INVALID_INPUT', 'A supporting party needs a name.', ['name']));
  (input.contacts ?? []).forEach((c, i) => {
    if (!c.trim() || c.length > 320) errors.push(new UserError('INVALID_INPUT', 'A contact is an address of at most 320 characters.', ['contacts', i]));
  });
  return errors;
}

export async function create(ctx: RequestContext, input: SupportingPartyInput): Promise<SupportingPartyEntity> {
  const actor = requireRole(ctx, CatalogRoles.writeSupportingParties);
  throwIfAny(supportingPartyProblems(input));
  return withTransaction(ctx, async (tx) => {
    if (input.calendarId && !(await tx.em.getRepository(BusinessCalendarEntity).existsBy({ id: input.calendarId, providerId: actor.providerId }))) {
      throw new NotFoundError('The business calendar', ['calendarId']);
    }
    const repo = tx.em.getRepository(SupportingPartyEntity);
    try {
      return await repo.save(
        repo.create({
          providerId: actor.providerId,
          kind: input.kind,
          name: input.name.trim(),
          calendarId: input.calendarId ?? null,
          contacts: [...new Set((input.contacts ?? []).map((c) => c.trim()))],
          createdBy: actorLabel(actor),
        }),
      );
    } catch (error) {
      rethrowUnique(error, UNIQUE_FIELDS);
    }
  });
}

/** Parties by id for the domain's own use (clocks, escalations): the caller's role is not checked. */
export async function partiesById(ctx: RequestContext, ids: readonly string[]): Promise<Map<string, SupportingPartyEntity>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  return new Map((await ctx.em.getRepository(SupportingPartyEntity).findBy({ id: In(wanted) })).map((p) => [p.id, p]));
}
