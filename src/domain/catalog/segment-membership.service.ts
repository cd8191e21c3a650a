import { type CustomerEntity } from '../../db/entities/customer.entity';
import { type SegmentEntity } from '../../db/entities/segment.entity';
import { type RequestContext } from '../../context/request-context';
import { requireRole } from '../shared/access';
import { customerScope, inCustomerScopeSql } from '../shared/customer-scope';
import { nestedPages } from '../shared/nested-pages';
import { type Page, type PageRequest } from '../shared/pagination';
import { CatalogRoles } from './catalog-roles';
import * as customers from './customer.service';
import * as segments from './segment.service';
import { segmentMembershipSql } from './segment-membership.sql';

/** The members of each segment, a page each, ordered by customer name. */
export async function membersOf(ctx: RequestContext, segmentIds: readonly string[], page: PageRequest): Promise<Map<string, Page<CustomerEntity>>> {
  const actor = requireRole(ctx, CatalogRoles.readSegments);
  return nestedPages(
    ctx,
    segmentIds,
    {
      orderKey: 'segment-members:name',
      direction: 'ASC',
      pairsSql: `SELECT s.id AS parent_id, c.id AS child_id, c.name AS sort_value
                 FROM segment s JOIN customer c ON c.provider_id = s.provider_id
                 WHERE s.id = ANY($1::uuid[]) AND s.provider_id = $2 AND ${segmentMembershipSql('s', 'c')}`,
      params: [actor.providerId],
      load: (ids) => customers.findByIds(ctx, ids),
    },
    page,
  );
}

/** The segments each customer belongs to (archived segments left out), ordered by name. */
export async function segmentsOf(ctx: RequestContext, customerIds: readonly string[], page: PageRequest): Promise<Map<string, Page<SegmentEntity>>> {
  const actor = requireRole(ctx, CatalogRoles.readSegments);
  const only = customerScope(actor);
  return nestedPages(
    ctx,
    customerIds,
    {
      orderKey: 'customer-segments:name',
      direction: 'ASC',
      pairsSql: `SELECT c.id AS parent_id, s.id AS child_id, s.name AS sort_value
                 FROM customer c JOIN segment s ON s.provider_id = c.provider_id
                 WHERE c.id = ANY($1::uuid[]) AND c.provider_id = $2 AND s.archived_at IS NULL
                   AND ${inCustomerScopeSql('c.id', '$3')} AND ${segmentMembershipSql('s', 'c')}`,
      params: [actor.providerId, only],
      load: (ids) => segments.findByIds(ctx, ids),
    },
    page,
  );
}
