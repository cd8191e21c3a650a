import { toGlobalId } from '../../common/global-id';
import { EventType } from '../../common/event-types';
import { type RequestContext } from '../../context/request-context';
import { type AgreementEntity } from '../../db/entities/agreement.entity';
import { type AgreementRevisionEntity } from '../../db/entities/agreement-revision.entity';
import { raiseEvent } from '../events/event.service';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/**
 * Tells partners (webhooks) and frontends that a revision was signed by every party
 * (`revision.approved`) or came into force (`revision.activated`), in the caller's transaction.
 * The payload carries the SHA-256 of the revision's canonical terms (`termsSha256`).
 */
export async function raiseRevisionEvent(
  tx: RequestContext,
  type: EventType.REVISION_APPROVED | EventType.REVISION_ACTIVATED,
  agreement: AgreementEntity,
  revision: Pick<AgreementRevisionEntity, 'id' | 'number' | 'effectiveFrom' | 'effectiveTo' | 'termsSha256'>,
  at: Date,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await raiseEvent(tx, {
    type,
    providerId: agreement.providerId,
    customerId: agreement.customerId,
    agreementId: agreement.id,
    subjectType: 'AgreementRevision',
    subjectId: revision.id,
    occurredAt: at,
    data: {
      revision: toGlobalId('AgreementRevision', revision.id),
      agreement: toGlobalId('Agreement', agreement.id),
      customer: agreement.customerId ? toGlobalId('Customer', agreement.customerId) : null,
      number: revision.number,
      effectiveFrom: iso(revision.effectiveFrom),
      effectiveTo: iso(revision.effectiveTo),
      // What was signed: the SHA-256 of the revision's canonical terms (its `canonicalTerms`), to check offline.
      termsSha256: revision.termsSha256,
      ...extra,
    },
  });
}
