import { type SegmentPinEntity } from '../../db/entities/segment-pin.entity';
import { type RequestContext } from '../../context/request-context';
import * as customers from '../../domain/catalog/customer.service';
import * as providers from '../../domain/catalog/provider.service';
import * as membership from '../../domain/catalog/segment-membership.service';
import * as segments from '../../domain/catalog/segment.service';
import * as services from '../../domain/catalog/service-catalog.service';
import * as supportingParties from '../../domain/catalog/supporting-party.service';
import { type PageRequest } from '../../domain/shared/pagination';
import { byIdLoader, groupedLoader, nestedPageLoader } from '../core/loaders';

export const CatalogLoaders = {
  provider: (rc: RequestContext) => byIdLoader(rc, 'provider', providers.findByIds),
  customer: (rc: RequestContext) => byIdLoader(rc, 'customer', customers.findByIds),
  segment: (rc: RequestContext) => byIdLoader(rc, 'segment', segments.findByIds),
  service: (rc: RequestContext) => byIdLoader(rc, 'service', services.findByIds),
  /** Teams and suppliers; null for customer users (the provider's own business). */
  supportingParty: (rc: RequestContext) => byIdLoader(rc, 'supportingParty', supportingParties.findByIds),
  segmentMembers: (rc: RequestContext, page: PageRequest) => nestedPageLoader(rc, 'segmentMembers', page, membership.membersOf),
  customerSegments: (rc: RequestContext, page: PageRequest) => nestedPageLoader(rc, 'customerSegments', page, membership.segmentsOf),
  segmentPins: (rc: RequestContext) => groupedLoader<SegmentPinEntity>(rc, 'segmentPins', segments.pinsOf, (p) => p.segmentId),
};
