import { Brackets, In, type SelectQueryBuilder } from 'typeorm';
import { AgreementKind, AgreementLevel, AgreementStatus, RevisionState } from '../../common/agreement-enums';
import { actorLabel } from '../../common/actor';
import { NotFoundError, throwIfAny, UserError } from '../../common/errors';
import { AgreementEntity } from '../../db/entities/agreement.entity';
import { AgreementRevisionEntity } from '../../db/entities/agreement-revision.entity';
import { AgreementServiceEntity } from '../../db/entities/agreement-service.entity';
import { CustomerEntity } from '../../db/entities/customer.entity';
import { SegmentEntity } from '../../db/entities/segment.entity';
import { ServiceEntity } from '../../db/entities/service.entity';
import { type RequestContext } from '../../context/request-context';
import { withTransaction } from '../../context/transaction';
import { requireRole } from '../shared/access';
import { customerScope } from '../shared/customer-scope';
import { nestedPages } from '../shared/nested-pages';
import { type KeysetOrder, type Page, type PageRequest, paginate } from '../shared/pagination';
import { lockAgreement, requireNotTerminated, visibleAgreements } from './agreement-access';
import { bothOf } from './agreement-filter';
import { AgreementRoles } from './agreement-roles';
import { checkAgreementShape } from './agreement-shape';
import { agreementInCustomerScopeSql } from './agreement-visibility';
import { coversCustomerSql } from './coverage.sql';
import { inForceSql, instantBefore, isInForceAt } from './in-force';
import { applyDraftInput, type DraftInput, effectiveDatesProblems } from './draft-input';
import { recordEvent } from './history';
import { normalizeObjectiveList } from './objective-rules';
import { SIGNED_STATES } from './revision-lifecycle';
import { checkEscalationEndpoints, copyContent, insertDraft } from './revision-store';
import { supportingTermsProblems } from './supporting-objectives';
import { SupportingPartyEntity } from '../../db/entities/supporting-party.entity';
import { inForceAt } from './revision-read.service';
import { emptyTerms, termsProblems } from './terms-rules';

export interface AgreementCreateInput {
  kind: AgreementKind;
  level: AgreementLevel;
  customerId?: string | null;
  segmentId?: string | null;
  parentId?: string | null;
  serviceIds: string[];
  /** An agreement whose terms (revision in force, or latest) the new draft starts from. */
  templateId?: string | null;
  /** The team (OLA) or supplier (UNDERPINNING_CONTRACT) of a supporting agreement. */
  supportingPartyId?: string | null;
  draft: DraftInput;
}

export interface AgreementFilter {
  customerId?: string | null;
  segmentId?: string | null;
  serviceId?: string | null;
  /** `kind` and `kinds` given together must both hold (see bothOf); likewise level and status. */
  kind?: AgreementKind;
  kinds?: AgreementKind[] | null;
  level?: AgreementLevel;
  levels?: AgreementLevel[] | null;
  status?: AgreementStatus;
  statuses?: AgreementStatus[] | null;
  /** Only agreements with terms in force at this instant. */
  effectiveAt?: Date | null;
  /** Part of the title of the latest revision. */
  search?: string | null;
}

export type AgreementOrder = 'CREATED_AT_DESC' | 'CREATED_AT_ASC';

export const AGREEMENT_ORDERS: Record<AgreementOrder, KeysetOrder<AgreementEntity>> = {
  CREATED_AT_DESC: { column: 'createdAt', direction: 'DESC', value: (a) => a.createdAt },
  CREATED_AT_ASC: { column: 'createdAt', direction: 'ASC', value: (a) => a.createdAt },
};


export async function list(ctx: RequestContext, filter: AgreementFilter, order: AgreementOrder, page: PageRequest): Promise<Page<AgreementEntity>> {
  return paginate(filteredAgreements(ctx, filter), AGREEMENT_ORDERS[order], page);
}

/** The agreements the caller may read that pass `filter` (alias `a`), unordered. */
export function filteredAgreements(ctx: RequestContext, filter: AgreementFilter): SelectQueryBuilder<AgreementEntity> {
  const qb = visibleAgreements(ctx);
  if (filter.customerId) qb.andWhere(coversCustomerSql('a', ':filterCustomer'), { filterCustomer: filter.customerId });
  if (filter.segmentId) qb.andWhere('a.segmentId = :filterSegment', { filterSegment: filter.segmentId });
  if (filter.serviceId) {
    qb.andWhere('EXISTS (SELECT 1 FROM agreement_service fs WHERE fs.agreement_id = a.id AND fs.service_id = :filterService)', { filterService: filter.serviceId });
  }
  const kinds = bothOf(filter.kind, filter.kinds);
  const levels = bothOf(filter.level, filter.levels);
  const statuses = bothOf(filter.status, filter.statuses);
  // What is left must hold the value; nothing left (a value and a list that cannot both hold) matches nothing.
  if (kinds) qb.andWhere(kinds.length ? 'a.kind IN (:...kinds)' : '1 = 0', { kinds });
  if (levels) qb.andWhere(levels.length ? 'a.level IN (:...levels)' : '1 = 0', { levels });
  if (statuses) qb.andWhere(statuses.length ? 'a.status IN (:...statuses)' : '1 = 0', { statuses });
  if (filter.effectiveAt) {
    qb.andWhere(
      `EXISTS (SELECT 1 FROM agreement_revision fr WHERE fr.agreement_id = a.id AND ${inForceSql('fr', ':effectiveAt')})`,
      { effectiveAt: filter.effectiveAt },
    );
  }
  if (filter.search) {
    const term = `%${filter.search.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    qb.andWhere(
      new Brackets((w) =>
        w.where(
          `(SELECT lr.terms ->> 'title' FROM agreement_revision lr WHERE lr.agreement_id = a.id ORDER BY lr.number DESC LIMIT 1) ILIKE :term`,
          { term },
        ),
      ),
    );
  }
  return qb;
}

export async function findByIds(ctx: RequestContext, ids: readonly string[]): Promise<AgreementEntity[]> {
  if (ids.length === 0) return [];
  return visibleAgreements(ctx).andWhere('a.id IN (:...ids)', { ids }).getMany();
}

/** The services each agreement covers, one query for all. */
export async function servicesOf(ctx: RequestContext, agreementIds: readonly string[]): Promise<Map<string, ServiceEntity[]>> {
  const out = new Map<string, ServiceEntity[]>(agreementIds.map((id) => [id, []]));
  if (agreementIds.length === 0) return out;
  const actor = requireRole(ctx, AgreementRoles.read);
  const rows: (ServiceEntity & { agreementId: string })[] = await ctx.em
    .getRepository(ServiceEntity)
    .createQueryBuilder('svc')
    .innerJoin(AgreementServiceEntity, 'link', 'link.serviceId = svc.id')
    .addSelect('link.agreementId', 'agreement_id')
    .where('svc.providerId = :providerId AND link.agreementId IN (:...agreementIds)', { providerId: actor.providerId, agreementIds })
    .orderBy('svc.name', 'ASC')
    .getRawAndEntities()
    .then(({ raw, entities }) => {
      const byId = new Map(entities.map((e) => [e.id, e]));
      return raw.map((r: { svc_id: string; agreement_id: string }) => ({ ...(byId.get(r.svc_id) as ServiceEntity), agreementId: r.agreement_id }));
    });
  for (const row of rows) out.get(row.agreementId)?.push(row);
  return out;
}

/** The agreements covering each customer, a page each, newest first. */
export async function coveringCustomers(ctx: RequestContext, customerIds: readonly string[], page: PageRequest): Promise<Map<string, Page<AgreementEntity>>> {
  const actor = requireRole(ctx, AgreementRoles.read);
  return nestedPages(
    ctx,
    customerIds,
    {
      orderKey: 'customer-agreements:created',
      direction: 'DESC',
      pairsSql: `SELECT c.id AS parent_id, a.id AS child_id, to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS sort_value
                 FROM customer c JOIN agreement a ON a.provider_id = c.provider_id
                 WHERE c.id = ANY($1::uuid[]) AND c.provider_id = $2 AND ${coversCustomerSql('a', 'c.id')} AND ${agreementInCustomerScopeSql('a', '$3')}`,
      params: [actor.providerId, customerScope(actor)],
      load: (ids) => findByIds(ctx, ids),
    },
    page,
  );
}

/** The agreements covering each service, a page each, newest first (customer users: those covering their customer). */
export async function coveringServices(ctx: RequestContext, serviceIds: readonly string[], page: PageRequest): Promise<Map<string, Page<AgreementEntity>>> {
  const actor = requireRole(ctx, AgreementRoles.read);
  return nestedPages(
    ctx,
    serviceIds,
    {
      orderKey: 'service-agreements:created',
      direction: 'DESC',
      // Scoped here, not only when loading, so that counts and pages of customer users hold nothing of other customers.
      pairsSql: `SELECT link.service_id AS parent_id, a.id AS child_id, to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS sort_value
                 FROM agreement_service link JOIN agreement a ON a.id = link.agreement_id
                 WHERE link.service_id = ANY($1::uuid[]) AND a.provider_id = $2 AND ${agreementInCustomerScopeSql('a', '$3')}`,
      params: [actor.providerId, customerScope(actor)],
      load: (ids) => findByIds(ctx, ids),
    },
    page,
  );
}

/** Creates an agreement and its revision 1 as a DRAFT (copied from a template when one is given). */
export async function create(ctx: RequestContext, input: AgreementCreateInput): Promise<{ agreement: AgreementEntity; revision: AgreementRevisionEntity }> {
  const actor = requireRole(ctx, AgreementRoles.write);
  return withTransaction(ctx, async (tx) => {
    const providerId = actor.providerId;
    const serviceIds = [...new Set(input.serviceIds)];
    const services = serviceIds.length ? await tx.em.getRepository(ServiceEntity).findBy({ id: In(serviceIds), providerId }) : [];
    const missingService = serviceIds.findIndex((id) => !services.some((s) => s.id === id));
    if (missingService >= 0) throw new NotFoundError('The service', ['serviceIds', missingService]);
    if (input.customerId && !(await tx.em.getRepository(CustomerEntity).existsBy({ id: input.customerId, providerId }))) {
      throw new NotFoundError('The customer', ['customerId']);
    }
    if (input.segmentId && !(await tx.em.getRepository(SegmentEntity).existsBy({ id: input.segmentId, providerId }))) {
      throw new NotFoundError('The segment', ['segmentId']);
    }
    const party = input.supportingPartyId ? await tx.em.getRepository(SupportingPartyEntity).findOneBy({ id: input.supportingPartyId, providerId }) : null;
    if (input.supportingPartyId && !party) throw new NotFoundError('The supporting party', ['supportingPartyId']);
    let parent: AgreementEntity | null = null;
    let parentServiceIds: string[] = [];
    if (input.parentId) {
      parent = await tx.em.getRepository(AgreementEntity).findOneBy({ id: input.parentId, providerId });
      if (!parent) throw new NotFoundError('The parent agreement', ['parentId']);
      requireNotTerminated(parent, ['parentId']);
      parentServiceIds = (await tx.em.getRepository(AgreementServiceEntity).findBy({ agreementId: parent.id })).map((l) => l.serviceId);
    }
    const problem = checkAgreementShape({
      kind: input.kind,
      level: input.level,
      customerId: input.customerId ?? null,
      segmentId: input.segmentId ?? null,
      parent: parent && { kind: parent.kind, level: parent.level, serviceIds: parentServiceIds },
      serviceIds,
      supportingParty: party,
    });
    if (problem) throw problem;

    let base = { terms: emptyTerms(''), effectiveFrom: null as Date | null, effectiveTo: null as Date | null, objectives: [] as ReturnType<typeof normalizeObjectiveList>['objectives'], basedOnId: null as string | null };
    if (input.templateId) {
      const template = await tx.em.getRepository(AgreementEntity).findOneBy({ id: input.templateId, providerId });
      if (!template) throw new NotFoundError('The template agreement', ['templateId']);
      const source = (await inForceAt(tx, [template.id], tx.now)).get(template.id) ?? (await latestRevision(tx, template.id));
      if (!source) throw new UserError('INVALID_STATE', 'The template agreement has no terms yet.', ['templateId']);
      base = { ...(await copyContent(tx, source)), basedOnId: null };
    }
    const terms = applyDraftInput(base.terms, input.draft);
    const checked = input.draft.objectives ? normalizeObjectiveList(input.draft.objectives, ['terms', 'objectives']) : { objectives: base.objectives, errors: [] };
    throwIfAny([
      ...(terms.title ? [] : [new UserError('INVALID_INPUT', 'An agreement needs a title (or a template that has one).', ['terms', 'title'])]),
      ...termsProblems(terms, ['terms']),
      ...supportingTermsProblems(terms, party !== null),
      ...checked.errors,
      ...effectiveDatesProblems(input.draft.effectiveFrom, input.draft.effectiveTo, ['terms']),
    ]);
    await checkEscalationEndpoints(tx, providerId, terms, Boolean(input.draft.escalationPolicy));
    const objectives = checked.objectives;

    const repo = tx.em.getRepository(AgreementEntity);
    const agreement = await repo.save(
      repo.create({
        providerId,
        kind: input.kind,
        level: input.level,
        // A service level covers its parent's party.
        customerId: input.customerId ?? (input.level === AgreementLevel.SERVICE ? (parent?.customerId ?? null) : null),
        segmentId: input.segmentId ?? (input.level === AgreementLevel.SERVICE ? (parent?.segmentId ?? null) : null),
        parentId: parent?.id ?? null,
        templateId: input.templateId ?? null,
        supportingPartyId: party?.id ?? null,
        status: AgreementStatus.DRAFT,
        createdBy: actorLabel(actor),
      }),
    );
    await tx.em.getRepository(AgreementServiceEntity).insert(serviceIds.map((serviceId) => ({ agreementId: agreement.id, serviceId, providerId })));
    const revision = await insertDraft(tx, agreement, {
      terms,
      effectiveFrom: input.draft.effectiveFrom ?? null,
      effectiveTo: input.draft.effectiveTo ?? null,
      objectives,
      basedOnId: null,
    });
    await recordEvent(tx, {
      providerId,
      agreementId: agreement.id,
      revisionId: revision.id,
      type: 'CREATED',
      data: { kind: agreement.kind, level: agreement.level, template: input.templateId ?? null, revision: revision.number },
    });
    return { agreement, revision };
  });
}

export async function latestRevision(ctx: RequestContext, agreementId: string): Promise<AgreementRevisionEntity | null> {
  return ctx.em.getRepository(AgreementRevisionEntity).findOne({ where: { agreementId }, order: { number: 'DESC' } });
}

/**
 * Terminates the agreement at `at`: the terms in force end then, scheduled and open revisions
 * are withdrawn. Nothing is deleted.
 */
export async function terminate(
  ctx: RequestContext,
  id: string,
  at: Date,
  reason: string,
  expectedVersion?: number | null,
): Promise<AgreementEntity> {
  requireRole(ctx, AgreementRoles.write);
  return withTransaction(ctx, async (tx) => {
    const agreement = await lockAgreement(tx, id, ['id']);
    if (expectedVersion != null && agreement.version !== expectedVersion) {
      throw new UserError('STALE_VERSION', 'The agreement was changed by someone else since you read it; reload it and try again.', ['version']);
    }
    requireNotTerminated(agreement, ['id']);
    const revisions = await tx.em.getRepository(AgreementRevisionEntity).find({ where: { agreementId: id }, order: { number: 'ASC' } });
    // The revision whose period `at` ends: the one in force just before it; one starting at `at` or later never takes effect (it is withdrawn below).
    const inForce = revisions.find((r) => isInForceAt(r, instantBefore(at)));
    const firstSigned = revisions.find((r) => SIGNED_STATES.includes(r.state));
    if (firstSigned?.effectiveFrom && at < firstSigned.effectiveFrom) {
      throw new UserError('INVALID_INPUT', 'The termination date is before the agreement took effect.', ['at']);
    }
    // Terms that have been in force are history: a termination cannot end them before they started.
    const started = revisions.find((r) => (r.state === RevisionState.ACTIVE || r.state === RevisionState.SUPERSEDED) && r.effectiveFrom && r.effectiveFrom >= at);
    if (started) {
      throw new UserError('INVALID_INPUT', `The termination date must be after revision ${started.number} took effect (${started.effectiveFrom?.toISOString()}).`, ['at']);
    }
    const repo = tx.em.getRepository(AgreementRevisionEntity);
    for (const r of revisions) {
      const open = r.state === RevisionState.DRAFT || r.state === RevisionState.PROPOSED;
      const scheduled = r.state === RevisionState.APPROVED && r.effectiveFrom && r.effectiveFrom >= at;
      if (open || scheduled) {
        await repo.update({ id: r.id }, { state: RevisionState.WITHDRAWN, closedAt: tx.now });
        await recordEvent(tx, { providerId: agreement.providerId, agreementId: id, revisionId: r.id, type: 'WITHDRAWN', data: { revision: r.number, reason: 'agreement terminated' } });
      }
    }
    if (inForce && (!inForce.effectiveTo || inForce.effectiveTo > at)) await repo.update({ id: inForce.id }, { effectiveTo: at });
    agreement.status = AgreementStatus.TERMINATED;
    agreement.terminatedAt = at;
    agreement.terminationReason = reason.trim();
    agreement.terminatedBy = actorLabel(tx.caller);
    const saved = await tx.em.getRepository(AgreementEntity).save(agreement);
    await recordEvent(tx, { providerId: agreement.providerId, agreementId: id, type: 'TERMINATED', data: { at: at.toISOString(), reason: reason.trim() } });
    return saved;
  });
}
