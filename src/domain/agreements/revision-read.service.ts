import { In } from 'typeorm';
import { AgreementEventEntity } from '../../db/entities/agreement-event.entity';
import { AgreementRevisionEntity } from '../../db/entities/agreement-revision.entity';
import { ObjectiveEntity } from '../../db/entities/objective.entity';
import { RevisionOriginEntity } from '../../db/entities/revision-origin.entity';
import { RevisionApprovalEntity } from '../../db/entities/revision-approval.entity';
import { type RequestContext } from '../../context/request-context';
import { nestedPages } from '../shared/nested-pages';
import { type Page, type PageRequest } from '../shared/pagination';
import { customerScope } from '../shared/customer-scope';
import { visibleAgreements } from './agreement-access';
import { agreementEventInCustomerScopeSql, isRevisionInCustomerScope, revisionInCustomerScopeSql } from './agreement-visibility';
import { inForceSql } from './in-force';

/** Revisions of agreements the caller may read. */
export async function findRevisionsByIds(ctx: RequestContext, ids: readonly string[]): Promise<AgreementRevisionEntity[]> {
  if (ids.length === 0) return [];
  const visible = visibleAgreements(ctx, 'va').select('va.id');
  const qb = ctx.em
    .getRepository(AgreementRevisionEntity)
    .createQueryBuilder('r')
    .where('r.id IN (:...ids)', { ids })
    .andWhere(`r.agreementId IN (${visible.getQuery()})`)
    .andWhere(revisionInCustomerScopeSql('r', ':revisionScope'))
    .setParameters({ ...visible.getParameters(), revisionScope: customerScope(ctx.caller) });
  return qb.getMany();
}

/**
 * The revision in force for each agreement at `at`: the signed revision whose validity period
 * contains it. None before the first took effect, after termination or expiry. One query.
 */
export async function inForceAt(ctx: RequestContext, agreementIds: readonly string[], at: Date): Promise<Map<string, AgreementRevisionEntity>> {
  const out = new Map<string, AgreementRevisionEntity>();
  if (agreementIds.length === 0) return out;
  const rows = await ctx.em
    .getRepository(AgreementRevisionEntity)
    .createQueryBuilder('r')
    .where('r.agreementId IN (:...agreementIds)', { agreementIds })
    .andWhere(inForceSql('r', ':at'), { at })
    .getMany();
  for (const r of rows) out.set(r.agreementId, r);
  return out;
}

/** The open revision (DRAFT or PROPOSED) of each agreement, if any. */
export async function openRevisionsOf(ctx: RequestContext, agreementIds: readonly string[]): Promise<Map<string, AgreementRevisionEntity>> {
  if (agreementIds.length === 0) return new Map();
  const scope = customerScope(ctx.caller);
  const rows = await ctx.em.getRepository(AgreementRevisionEntity).findBy({ agreementId: In([...agreementIds]), state: In(['DRAFT', 'PROPOSED']) });
  return new Map(rows.filter((r) => isRevisionInCustomerScope(scope, r.state)).map((r) => [r.agreementId, r]));
}

/** The revisions of each agreement, a page each, in number order. */
export async function revisionsOf(ctx: RequestContext, agreementIds: readonly string[], page: PageRequest): Promise<Map<string, Page<AgreementRevisionEntity>>> {
  return nestedPages(
    ctx,
    agreementIds,
    {
      orderKey: 'agreement-revisions:number',
      direction: 'ASC',
      pairsSql: `SELECT r.agreement_id AS parent_id, r.id AS child_id, lpad(r.number::text, 10, '0') AS sort_value
                 FROM agreement_revision r WHERE r.agreement_id = ANY($1::uuid[]) AND ${revisionInCustomerScopeSql('r', '$2')}`,
      params: [customerScope(ctx.caller)],
      load: (ids) => findRevisionsByIds(ctx, ids),
    },
    page,
  );
}

/** One revision of an agreement by its number (for diffs). */
export async function revisionsByNumber(ctx: RequestContext, keys: readonly { agreementId: string; number: number }[]): Promise<AgreementRevisionEntity[]> {
  if (keys.length === 0) return [];
  const qb = ctx.em.getRepository(AgreementRevisionEntity).createQueryBuilder('r');
  keys.forEach((k, i) => qb.orWhere(`(r.agreementId = :a${i} AND r.number = :n${i})`, { [`a${i}`]: k.agreementId, [`n${i}`]: k.number }));
  return qb.getMany();
}

export async function approvalsOf(ctx: RequestContext, revisionIds: readonly string[]): Promise<RevisionApprovalEntity[]> {
  if (revisionIds.length === 0) return [];
  return ctx.em.getRepository(RevisionApprovalEntity).find({ where: { revisionId: In([...revisionIds]) }, order: { approvedAt: 'ASC' } });
}

/** Where each revision signed elsewhere came from (revision_origin); revisions signed here have none. */
export async function originsOf(ctx: RequestContext, revisionIds: readonly string[]): Promise<RevisionOriginEntity[]> {
  if (revisionIds.length === 0) return [];
  return ctx.em.getRepository(RevisionOriginEntity).findBy({ revisionId: In([...revisionIds]), providerId: ctx.caller.providerId });
}

/** The history of each agreement, a page each, oldest first. */
export async function eventsOf(ctx: RequestContext, agreementIds: readonly string[], page: PageRequest): Promise<Map<string, Page<AgreementEventEntity & { id: string }>>> {
  return nestedPages(
    ctx,
    agreementIds,
    {
      orderKey: 'agreement-events:id',
      direction: 'ASC',
      pairsSql: `SELECT e.agreement_id AS parent_id, e.id::text AS child_id, lpad(e.id::text, 19, '0') AS sort_value
                 FROM agreement_event e WHERE e.agreement_id = ANY($1::uuid[]) AND ${agreementEventInCustomerScopeSql('e', '$2')}`,
      params: [customerScope(ctx.caller)],
      // bigint ids come back as strings from pg and as numbers from PGlite: one form for both.
      load: async (ids) => (ids.length ? (await ctx.em.getRepository(AgreementEventEntity).findBy({ id: In(ids) })).map((e) => ({ ...e, id: String(e.id) })) : []),
    },
    page,
  );
}

/** Objectives of revisions the caller may read. */
export async function findObjectivesByIds(ctx: RequestContext, ids: readonly string[]): Promise<ObjectiveEntity[]> {
  if (ids.length === 0) return [];
  const rows = await ctx.em.getRepository(ObjectiveEntity).findBy({ id: In([...ids]), providerId: ctx.caller.providerId });
  const visible = new Set((await findRevisionsByIds(ctx, [...new Set(rows.map((o) => o.revisionId))])).map((r) => r.id));
  return rows.filter((o) => visible.has(o.revisionId));
}
