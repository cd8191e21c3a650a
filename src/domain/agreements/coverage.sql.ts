import { segmentMembershipSql } from '../catalog/segment-membership.sql';

/**
 * SQL predicate: agreement `a` covers the customer whose id is the parameter `customerParam`:
 * it names that customer, or a segment the customer belongs to, or no party at all (corporate
 * and service-based agreements cover every customer of their services).
 */
export function coversCustomerSql(a: string, customerParam: string): string {
  return `(
    ${a}.customer_id = ${customerParam}
    OR (${a}.customer_id IS NULL AND ${a}.segment_id IS NULL)
    OR (${a}.segment_id IS NOT NULL AND EXISTS (
      SELECT 1 FROM segment cov_s JOIN customer cov_c ON cov_c.id = ${customerParam} AND cov_c.provider_id = cov_s.provider_id
      WHERE cov_s.id = ${a}.segment_id AND ${segmentMembershipSql('cov_s', 'cov_c')}
    ))
  )`;
}

/**
 * SQL predicate: agreement `a` has been put to its parties (some revision left DRAFT). Drafts are
 * the provider's work in progress: customer users see an agreement once it is proposed.
 */
export function proposedOnceSql(a: string): string {
  return `EXISTS (SELECT 1 FROM agreement_revision po WHERE po.agreement_id = ${a}.id AND po.state <> 'DRAFT')`;
}
