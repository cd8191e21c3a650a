import { AgreementKind, AgreementLevel, LEVEL_RANK } from '../../common/agreement-enums';
import { UserError } from '../../common/errors';

export interface AgreementShape {
  kind: AgreementKind;
  level: AgreementLevel;
  customerId: string | null;
  segmentId: string | null;
  parent: { kind: AgreementKind; level: AgreementLevel; serviceIds: string[] } | null;
  serviceIds: string[];
  /** The team or supplier an OLA or underpinning contract is with; absent or null for customer agreements. */
  supportingParty?: { kind: 'TEAM' | 'SUPPLIER' } | null;
}

const field = (name: string) => [name];

/**
 * Which combinations of kind, level, party and parent make sense:
 * - SERVICE_BASED: level SERVICE, one service, every customer of it (no customer, segment or parent);
 * - CUSTOMER_BASED: level CUSTOMER (a customer) or SEGMENT (a segment), any services, no parent;
 * - MULTI_LEVEL: CORPORATE at the top (no party, no parent); SEGMENT, CUSTOMER and SERVICE below a
 *   MULTI_LEVEL parent of a higher level, covering a subset of the parent's services. A SERVICE
 *   level covers one service for its parent's party.
 * - OLA (with a TEAM) and UNDERPINNING_CONTRACT (with a SUPPLIER): level SERVICE, any services,
 *   the supporting party and no customer, segment or parent; they support customer agreements and
 *   cover no customer themselves.
 * Returns the first problem, naming the field.
 */
export function checkAgreementShape(a: AgreementShape): UserError | null {
  if (a.serviceIds.length === 0) return new UserError('INVALID_INPUT', 'An agreement covers at least one service.', field('serviceIds'));
  const supporting = a.kind === AgreementKind.OLA || a.kind === AgreementKind.UNDERPINNING_CONTRACT;
  if (!supporting && a.supportingParty) return new UserError('INVALID_INPUT', 'Only an OLA or an underpinning contract names a supporting party.', field('supportingPartyId'));
  if (supporting) return supportingShapeProblem(a);
  if (a.kind === AgreementKind.SERVICE_BASED) {
    if (a.level !== AgreementLevel.SERVICE) return new UserError('INVALID_INPUT', 'A service-based agreement is at SERVICE level.', field('level'));
    if (a.serviceIds.length !== 1) return new UserError('INVALID_INPUT', 'A service-based agreement covers exactly one service.', field('serviceIds'));
    if (a.customerId || a.segmentId) return new UserError('INVALID_INPUT', 'A service-based agreement covers every customer of its service: name no customer or segment.', field(a.customerId ? 'customerId' : 'segmentId'));
    if (a.parent) return new UserError('INVALID_INPUT', 'A service-based agreement has no parent; use MULTI_LEVEL for layers.', field('parentId'));
    return null;
  }
  if (a.kind === AgreementKind.CUSTOMER_BASED) {
    if (a.parent) return new UserError('INVALID_INPUT', 'A customer-based agreement has no parent; use MULTI_LEVEL for layers.', field('parentId'));
    if (a.level === AgreementLevel.CUSTOMER && !a.customerId) return new UserError('INVALID_INPUT', 'A customer-level agreement names its customer.', field('customerId'));
    if (a.level === AgreementLevel.CUSTOMER && a.segmentId) return new UserError('INVALID_INPUT', 'A customer-level agreement names a customer, not a segment.', field('segmentId'));
    if (a.level === AgreementLevel.SEGMENT && !a.segmentId) return new UserError('INVALID_INPUT', 'A segment-level agreement names its segment.', field('segmentId'));
    if (a.level === AgreementLevel.SEGMENT && a.customerId) return new UserError('INVALID_INPUT', 'A segment-level agreement names a segment, not a customer.', field('customerId'));
    if (a.level !== AgreementLevel.CUSTOMER && a.level !== AgreementLevel.SEGMENT) {
      return new UserError('INVALID_INPUT', 'A customer-based agreement is at CUSTOMER or SEGMENT level.', field('level'));
    }
    return null;
  }
  // MULTI_LEVEL
  if (a.level === AgreementLevel.CORPORATE) {
    if (a.parent) return new UserError('INVALID_INPUT', 'The corporate level is the top: it has no parent.', field('parentId'));
    if (a.customerId || a.segmentId) return new UserError('INVALID_INPUT', 'The corporate level covers every customer: name no customer or segment.', field(a.customerId ? 'customerId' : 'segmentId'));
    return null;
  }
  if (!a.parent) return new UserError('INVALID_INPUT', `A ${a.level} level of a multi-level agreement needs a parent agreement of a higher level.`, field('parentId'));
  if (a.parent.kind !== AgreementKind.MULTI_LEVEL) return new UserError('INVALID_INPUT', 'The parent must be a multi-level agreement.', field('parentId'));
  if (LEVEL_RANK[a.parent.level] >= LEVEL_RANK[a.level]) {
    return new UserError('INVALID_INPUT', `A ${a.level} level refines a higher level, not a ${a.parent.level} one.`, field('parentId'));
  }
  const outside = a.serviceIds.findIndex((id) => !a.parent!.serviceIds.includes(id));
  if (outside >= 0) return new UserError('INVALID_INPUT', "A lower level covers only services of its parent.", ['serviceIds', outside]);
  if (a.level === AgreementLevel.SEGMENT && (!a.segmentId || a.customerId)) return new UserError('INVALID_INPUT', 'A segment level names its segment (and no customer).', field('segmentId'));
  if (a.level === AgreementLevel.CUSTOMER && (!a.customerId || a.segmentId)) return new UserError('INVALID_INPUT', 'A customer level names its customer (and no segment).', field('customerId'));
  if (a.level === AgreementLevel.SERVICE) {
    if (a.serviceIds.length !== 1) return new UserError('INVALID_INPUT', 'A service level covers exactly one service.', field('serviceIds'));
    if (a.customerId || a.segmentId) return new UserError('INVALID_INPUT', "A service level covers its parent's party: name no customer or segment.", field(a.customerId ? 'customerId' : 'segmentId'));
  }
  return null;
}

/** The shape of an OLA (with a team) or an underpinning contract (with a supplier). */
function supportingShapeProblem(a: AgreementShape): UserError | null {
  const wanted = a.kind === AgreementKind.OLA ? 'TEAM' : 'SUPPLIER';
  if (!a.supportingParty) return new UserError('INVALID_INPUT', `An ${a.kind === AgreementKind.OLA ? 'OLA' : 'underpinning contract'} names its supporting party (a ${wanted}).`, field('supportingPartyId'));
  if (a.supportingParty.kind !== wanted) {
    return new UserError('INVALID_INPUT', a.kind === AgreementKind.OLA ? 'An OLA is with an internal team (TEAM).' : 'An underpinning contract is with a supplier (SUPPLIER).', field('supportingPartyId'));
  }
  if (a.level !== AgreementLevel.SERVICE) return new UserError('INVALID_INPUT', 'A supporting agreement is at SERVICE level.', field('level'));
  if (a.customerId || a.segmentId) return new UserError('INVALID_INPUT', 'A supporting agreement names no customer or segment: it supports customer agreements.', field(a.customerId ? 'customerId' : 'segmentId'));
  if (a.parent) return new UserError('INVALID_INPUT', 'A supporting agreement has no parent.', field('parentId'));
  return null;
}
