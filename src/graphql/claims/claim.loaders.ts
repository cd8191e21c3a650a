import { type RequestContext } from '../../context/request-context';
import * as claims from '../../domain/claims/claim.service';
import { type ClaimEventRow } from '../../domain/claims/claim-rows';
import { type PageRequest } from '../../domain/shared/pagination';
import { byIdLoader, groupedLoader, nestedPageLoader } from '../core/loaders';

/** Per-request loaders of the claims area: a page of claims with their history costs the statements of one. */
export const ClaimLoaders = {
  claim: (rc: RequestContext) => byIdLoader(rc, 'claim', claims.findClaimsByIds),
  history: (rc: RequestContext) => groupedLoader<ClaimEventRow>(rc, 'claimHistory', claims.historyOf, (e) => e.claimId),
  agreementClaims: (rc: RequestContext, page: PageRequest) => nestedPageLoader(rc, 'agreementClaims', page, (c, ids, p) => claims.claimsOf(c, 'agreement', ids, p)),
  statementClaims: (rc: RequestContext, page: PageRequest) => nestedPageLoader(rc, 'statementClaims', page, (c, ids, p) => claims.claimsOf(c, 'statement', ids, p)),
};
