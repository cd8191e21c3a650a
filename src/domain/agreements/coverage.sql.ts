import { segmentMembershipSql } from '../catalog/segment-membership.sql';

/**
 * An agreement that names no party (corporate, service-based) covers every customer of its
 * services. A supporting agreement (OLA, underpinning contract) names a team or supplier and
 * covers no customer: it supports customer agreements.
 */
export function coversEveryCustomer(a: { customerId: string | null; segmentId: string | null; supportingPartyId: string | null }): boolean {
  return a.customerId === null && a.segmentId === null && a.supportingPartyId === null;
}

/** The same rule in SQL, for agreement `a`. */
export function coversEveryCustomerSql(a: string): string {
  return `(${a}.customer_id IS NULL AND ${a}.segment_id IS NULL AND ${a}.supporting_party_id IS NULL)`;
}

/**
 * SQL predicate: agreement `a` covers the customer `customer` (a parameter or a column): it names
 * that customer, or a segment the customer belongs to, or no party at all (corporate and
 * service-based agreements cover every customer of their services). A caller who knows whether
 * `a` names a customer says so (`namesCustomer`): the same answer, in a form that lets
 * PostgreSQL read down a customer index for an agreement that names one.
 */
export function coversCustomerSql(a: string, customer: string, known?: { namesCustomer: boolean }): string {
  // An agreement that names a customer names no segment (agreement-shape.ts).
  if (known?.namesCustomer) return `${a}.customer_id = ${customer}`;
  return `(
    ${a}.customer_id = ${customer}
    OR ${coversEveryCustomerSql(a)}
    OR (${a}.segment_id IS NOT NULL AND EXISTS (
      SELECT 1 FROM segment cov_s JOIN customer cov_c ON cov_c.id = ${customer} AND cov_c.provider_id = cov_s.provider_id
      WHERE cov_s.id = ${a}.segment_id AND ${segmentMembershipSql('cov_s', 'cov_c')}
    ))
  )`;
}
