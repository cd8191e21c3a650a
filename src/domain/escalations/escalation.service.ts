import { In } from 'typeorm';
import { NotFoundError, StaleVersionError, UserError } from '../../common/errors';
import { type RequestContext } from '../../context/request-context';
import { withTransaction } from '../../context/transaction';
import { AgreementEntity } from '../../db/entities/agreement.entity';
import { AgreementRevisionEntity } from '../../db/entities/agreement-revision.entity';
import { EscalationEntity, type EscalationStatus } from '../../db/entities/escalation.entity';
import { EscalationHistoryEntity } from '../../db/entities/escalation-history.entity';
import { IncidentEntity } from '../../db/entities/incident.entity';
import { ObjectiveEntity } from '../../db/entities/objective.entity';
import { SIGNED_STATES } from '../agreements/revision-lifecycle';
import { escalationPolicyOf } from '../agreements/terms-rules';
import { requireRole } from '../shared/access';
import { customerScope, inCustomerScopeSql } from '../shared/customer-scope';
import { nestedPages } from '../shared/nested-pages';
import { type KeysetOrder, type Page, type PageRequest, paginate } from '../shared/pagination';
import { snapshotLevels } from './escalation-policy';
import { EscalationRoles } from './escalation-roles';
import { afterAction, type EscalationAction } from './escalation-state';
import { policyForIncident, raiseForIncident } from './escalation-triggers';
import { closeOrAcknowledge, raiseEscalation } from './escalation-writes';
import { monthAround, providerTimeZone } from './objective-checks';

export interface EscalationFilter {
  statuses?: EscalationStatus[] | null;
  level?: number | null;
  agreementId?: string | null;
  customerId?: string | null;
}

const ORDER: KeysetOrder<EscalationEntity> = { column: 'raisedAt', direction: 'DESC', value: (e) => e.raisedAt };

function visibleEscalations(ctx: RequestContext) {
  const actor = requireRole(ctx, EscalationRoles.read);
  const qb = ctx.em.getRepository(EscalationEntity).createQueryBuilder('e').where('e.providerId = :providerId', { providerId: actor.providerId });
  qb.andWhere(inCustomerScopeSql('e.customerId', ':onlyCustomer'), { onlyCustomer: customerScope(actor) });
  return qb;
}

export async function findByIds(ctx: RequestContext, ids: readonly string[]): Promise<EscalationEntity[]> {
  if (ids.length === 0) return [];
  return visibleEscalations(ctx).andWhere('e.id IN (:...ids)', { ids }).getMany();
}

/** The queue: escalations of the caller's provider (customer users: their own), latest raised first. */
export async function list(ctx: RequestContext, filter: EscalationFilter, page: PageRequest): Promise<Page<EscalationEntity>> {
  const qb = visibleEscalations(ctx);
  if (filter.statuses?.length) qb.andWhere('e.status IN (:...statuses)', { statuses: filter.statuses });
  if (filter.level != null) qb.andWhere('e.currentLevel = :level', { level: filter.level });
  if (filter.agreementId) qb.andWhere('e.agreementId = :agreementId', { agreementId: filter.agreementId });
  if (filter.customerId) qb.andWhere('e.customerId = :customerId', { customerId: filter.customerId });
  return paginate(qb, ORDER, page);
}

/** The escalations of each incident, a page each, latest raised first; two statements for any number of incidents. */
export async function ofIncidents(ctx: RequestContext, incidentIds: readonly string[], page: PageRequest): Promise<Map<string, Page<EscalationEntity>>> {
  const actor = requireRole(ctx, EscalationRoles.read);
  return nestedPages(
    ctx,
    incidentIds,
    {
      orderKey: 'incident-escalations:raisedAt',
      direction: 'DESC',
      pairsSql: `SELECT e.incident_id AS parent_id, e.id AS child_id, to_char(e.raised_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS sort_value
                 FROM escalation e WHERE e.incident_id = ANY($1::uuid[]) AND e.provider_id = $2 AND ${inCustomerScopeSql('e.customer_id', '$3')}`,
      params: [actor.providerId, customerScope(actor)],
      load: async (ids) => (ids.length ? ctx.em.getRepository(EscalationEntity).findBy({ id: In(ids) }) : []),
    },
    page,
  );
}

/** The history of escalations (already visible to the caller), in the order it happened. */
export async function historyOf(ctx: RequestContext, escalationIds: readonly string[]): Promise<EscalationHistoryEntity[]> {
  if (escalationIds.length === 0) return [];
  const actor = requireRole(ctx, EscalationRoles.read);
  return ctx.em.getRepository(EscalationHistoryEntity).find({ where: { escalationId: In([...escalationIds]), providerId: actor.providerId }, order: { id: 'ASC' } });
}

/**
 * Raises an escalation by hand: of an incident (trigger MANUAL; one open at a time per incident),
 * or of an objective for the period under way (one per objective and period, whatever raised it).
 * The policy is that of the incident's revision (see policyForIncident) or of the objective's.
 */
export async function raiseByHand(ctx: RequestContext, input: { incidentId?: string | null; objectiveId?: string | null; note?: string | null }): Promise<EscalationEntity> {
  const actor = requireRole(ctx, EscalationRoles.write);
  if (Boolean(input.incidentId) === Boolean(input.objectiveId)) {
    throw new UserError('INVALID_INPUT', 'Name either an incident or an objective.', [input.incidentId ? 'objective' : 'incident']);
  }
  return withTransaction(ctx, async (tx) => {
    if (input.incidentId) {
      const incident = await tx.em
        .getRepository(IncidentEntity)
        .createQueryBuilder('i')
        .setLock('pessimistic_write')
        .where('i.id = :id AND i.providerId = :providerId', { id: input.incidentId, providerId: actor.providerId })
        .getOne();
      if (!incident) throw new NotFoundError('The incident', ['incidentId']);
      if (incident.status === 'RESOLVED' || incident.status === 'CLOSED') {
        throw new UserError('INVALID_STATE', `The incident is ${incident.status}: there is nothing left to escalate.`, ['incidentId']);
      }
      const source = await policyForIncident(tx, incident);
      if (!source) throw new UserError('INVALID_STATE', 'No escalation policy with levels applies to this incident.', ['incidentId']);
      const raised = await raiseForIncident(tx, incident, 'MANUAL', { note: input.note }, source);
      if (!raised) throw new UserError('ALREADY_EXISTS', 'This incident already has an open escalation raised by hand; acknowledge or resolve it first.', ['incidentId']);
      return raised;
    }
    const objective = await tx.em.getRepository(ObjectiveEntity).findOneBy({ id: input.objectiveId!, providerId: actor.providerId });
    if (!objective) throw new NotFoundError('The objective', ['objectiveId']);
    const revision = await tx.em.getRepository(AgreementRevisionEntity).findOneByOrFail({ id: objective.revisionId });
    const agreement = await tx.em.getRepository(AgreementEntity).findOneByOrFail({ id: revision.agreementId });
    if (!SIGNED_STATES.includes(revision.state)) {
      throw new UserError('INVALID_STATE', 'Only an objective of signed terms can be escalated.', ['objectiveId']);
    }
    const policy = escalationPolicyOf(revision.terms.escalationPolicy);
    if (policy.levels.length === 0) throw new UserError('INVALID_STATE', 'The escalation policy of these terms has no levels.', ['objectiveId']);
    const raised = await raiseEscalation(tx, {
      providerId: actor.providerId,
      agreementId: agreement.id,
      revisionId: revision.id,
      customerId: agreement.customerId,
      objectiveId: objective.id,
      period: monthAround(tx.now, await providerTimeZone(tx, actor.providerId)),
      trigger: 'MANUAL',
      levels: snapshotLevels(policy),
      note: input.note,
    });
    if (!raised) throw new UserError('ALREADY_EXISTS', 'This objective is already escalated for the period under way.', ['objectiveId']);
    return raised;
  });
}

/**
 * Acknowledges or resolves an escalation. Acknowledging stops it advancing. Repeating the action
 * changes nothing (safe to retry; of two acknowledgements at once, the first is recorded).
 */
export async function act(ctx: RequestContext, action: EscalationAction, input: { id: string; note?: string | null; version?: number | null }): Promise<EscalationEntity> {
  const actor = requireRole(ctx, EscalationRoles.write);
  return withTransaction(ctx, async (tx) => {
    const e = await tx.em
      .getRepository(EscalationEntity)
      .createQueryBuilder('e')
      .setLock('pessimistic_write')
      .where('e.id = :id AND e.providerId = :providerId', { id: input.id, providerId: actor.providerId })
      .getOne();
    if (!e) throw new NotFoundError('The escalation', ['id']);
    const to = afterAction(e.status, action);
    if (!to) return e;
    if (input.version != null && e.version !== input.version) throw new StaleVersionError('The escalation');
    return closeOrAcknowledge(tx, e, to as Exclude<EscalationStatus, 'OPEN'>, tx.now, input.note?.trim() || null);
  });
}
