import { actorLabel } from '../../common/actor';
import { NotFoundError, UserError } from '../../common/errors';
import { MaintenanceWindowEntity } from '../../db/entities/maintenance-window.entity';
import { ServiceEntity } from '../../db/entities/service.entity';
import { type RequestContext } from '../../context/request-context';
import { withTransaction } from '../../context/transaction';
import { requireRole } from '../shared/access';
import { type Page, type PageRequest, paginate } from '../shared/pagination';
import { Role } from '../../common/roles';
import { IncidentRoles } from './incident-roles';

/**
 * Announces maintenance of a service. Its time is left out of downtime when it was announced
 * at least the notice period the agreement's terms require before it starts.
 */
export async function announce(ctx: RequestContext, input: { serviceId: string; title: string; startsAt: Date; endsAt: Date }): Promise<MaintenanceWindowEntity> {
  // Maintenance takes time out of every customer's downtime: provider staff announce it, not integrations.
  const actor = requireRole(ctx, [Role.PROVIDER_ADMIN, Role.ACCOUNT_MANAGER]);
  if (input.endsAt <= input.startsAt) throw new UserError('INVALID_INPUT', 'endsAt must be after startsAt.', ['input', 'endsAt']);
  return withTransaction(ctx, async (tx) => {
    if (!(await tx.em.getRepository(ServiceEntity).existsBy({ id: input.serviceId, providerId: actor.providerId }))) throw new NotFoundError('The service', ['input', 'service']);
    const repo = tx.em.getRepository(MaintenanceWindowEntity);
    return repo.save(
      repo.create({ providerId: actor.providerId, serviceId: input.serviceId, title: input.title.trim(), startsAt: input.startsAt, endsAt: input.endsAt, announcedAt: tx.now, announcedBy: actorLabel(actor) }),
    );
  });
}

export async function list(ctx: RequestContext, serviceId: string | null, page: PageRequest): Promise<Page<MaintenanceWindowEntity>> {
  const actor = requireRole(ctx, IncidentRoles.read);
  const qb = ctx.em.getRepository(MaintenanceWindowEntity).createQueryBuilder('m').where('m.providerId = :p', { p: actor.providerId });
  if (serviceId) qb.andWhere('m.serviceId = :s', { s: serviceId });
  return paginate(qb, { column: 'startsAt', direction: 'DESC', value: (m) => m.startsAt }, page);
}
