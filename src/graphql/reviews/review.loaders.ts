import { type RequestContext } from '../../context/request-context';
import { type ReviewFindingEntity } from '../../db/entities/review-finding.entity';
import { type ReviewParticipantEntity } from '../../db/entities/review-participant.entity';
import * as reviews from '../../domain/reviews/review.service';
import { type PageRequest } from '../../domain/shared/pagination';
import { byIdLoader, groupedLoader, nestedPageLoader } from '../core/loaders';

/** Per-request loaders of the reviews area: a page of reviews costs the same statements as one. */
export const ReviewLoaders = {
  review: (rc: RequestContext) => byIdLoader(rc, 'review', reviews.findByIds),
  actionItem: (rc: RequestContext) => byIdLoader(rc, 'reviewActionItem', reviews.findActionItemsByIds),
  participants: (rc: RequestContext) => groupedLoader<ReviewParticipantEntity>(rc, 'reviewParticipants', reviews.participantsOf, (p) => p.reviewId),
  findings: (rc: RequestContext) => groupedLoader<ReviewFindingEntity>(rc, 'reviewFindings', reviews.findingsOf, (f) => f.reviewId),
  actionItems: (rc: RequestContext, page: PageRequest) => nestedPageLoader(rc, 'reviewActionItems', page, reviews.actionItemsOfReviews),
  agreementReviews: (rc: RequestContext, page: PageRequest) => nestedPageLoader(rc, 'agreementReviews', page, reviews.reviewsOfAgreements),
};
