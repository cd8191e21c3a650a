import { type RequestContext } from '../../context/request-context';
import { inForceSql } from './in-force';

/**
 * The supporting agreement (OLA or underpinning contract) of `partyId` with terms in force at `at`
 * that covers `serviceId`, and that revision; null when there is none. With several, the most
 * recently created agreement. One statement.
 */
export async function supportingTermsInForce(
  ctx: RequestContext,
  providerId: string,
  partyId: string,
  serviceId: string,
  at: Date,
): Promise<{ agreementId: string; revisionId: string } | null> {
  const rows: { agreement_id: string; revision_id: string }[] = await ctx.em.query(
    `SELECT a.id AS agreement_id, r.id AS revision_id
     FROM agreement a
     JOIN agreement_service s ON s.agreement_id = a.id AND s.service_id = $3
     JOIN agreement_revision r ON r.agreement_id = a.id AND ${inForceSql('r', '$4::timestamptz')}
     WHERE a.provider_id = $1 AND a.supporting_party_id = $2
     ORDER BY a.created_at DESC, a.id
     LIMIT 1`,
    [providerId, partyId, serviceId, at],
  );
  return rows[0] ? { agreementId: rows[0].agreement_id, revisionId: rows[0].revision_id } : null;
}
