import { UserError } from '../../common/errors';
import { EVENT_TYPES } from '../../common/event-types';
import { ALL_ROLES } from '../../common/roles';
import { type RequestContext } from '../../context/request-context';
import { MoreThanOrEqual } from 'typeorm';
import { DomainEventEntity } from '../../db/entities/domain-event.entity';
import { requireRole } from '../shared/access';
import { customerScope } from '../shared/customer-scope';
import { type EventSubscription } from './event-filter';

/** The families of events a frontend may subscribe to live. */
export type LiveEventFamily = 'incident' | 'escalation' | 'budget';

export interface LiveEventFilter {
  /** Only events about this subject: an incident for incident events, an escalation for escalation events. */
  subjectId?: string | null;
  customerId?: string | null;
  agreementId?: string | null;
  types?: readonly string[] | null;
}

/**
 * What the caller will hear on a live subscription: its provider's events of the family (for a
 * customer user, only those of its customer), narrowed by the filter. Every role may listen:
 * whoever reads incidents and escalations sees them change.
 */
export function liveSubscription(ctx: RequestContext, family: LiveEventFamily, filter: LiveEventFilter): EventSubscription {
  const actor = requireRole(ctx, ALL_ROLES);
  const typePrefix = `${family}.`;
  const types = filter.types ?? null;
  types?.forEach((type, i) => {
    if (!type.startsWith(typePrefix) || !(EVENT_TYPES as readonly string[]).includes(type)) {
      const known = EVENT_TYPES.filter((t) => t.startsWith(typePrefix)).join(', ');
      throw new UserError('INVALID_INPUT', `"${type}" is not a type of ${family} event; use one of ${known}.`, ['filter', 'types', i]);
    }
  });
  return {
    providerId: actor.providerId,
    onlyCustomerId: customerScope(actor),
    typePrefix,
    types,
    subjectId: filter.subjectId ?? null,
    customerId: filter.customerId ?? null,
    agreementId: filter.agreementId ?? null,
  };
}

/** One raised event by id (no access check: the caller has matched it against a subscription). */
export async function findEvent(ctx: RequestContext, id: string): Promise<DomainEventEntity | null> {
  return ctx.em.getRepository(DomainEventEntity).findOneBy({ id });
}

/** Events recorded since `since`, oldest first, at most `limit`: what a listener may have missed while it was disconnected. */
export async function eventsRecordedSince(ctx: RequestContext, since: Date, limit: number): Promise<DomainEventEntity[]> {
  return ctx.em.getRepository(DomainEventEntity).find({ where: { recordedAt: MoreThanOrEqual(since) }, order: { recordedAt: 'ASC', id: 'ASC' }, take: limit });
}
