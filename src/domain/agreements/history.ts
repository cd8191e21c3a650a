import { AgreementEventEntity, type AgreementEventType } from '../../db/entities/agreement-event.entity';
import { type RequestContext } from '../../context/request-context';

/**
 * Appends one entry to an agreement's history, in the caller's transaction. The database
 * refuses to update or delete entries. Without a caller (a scheduled job) the actor is SYSTEM.
 */
export async function recordEvent(
  tx: RequestContext,
  e: { providerId: string; agreementId: string; revisionId?: string | null; type: AgreementEventType; data?: Record<string, unknown>; at?: Date },
): Promise<void> {
  const actor = tx.actor;
  const repo = tx.em.getRepository(AgreementEventEntity);
  await repo.save(
    repo.create({
    providerId: e.providerId,
    agreementId: e.agreementId,
    revisionId: e.revisionId ?? null,
    type: e.type,
    actorKind: actor?.kind ?? 'SYSTEM',
    actorId: actor?.id ?? 'system',
    actorName: actor?.name ?? 'Scheduler',
    at: e.at ?? tx.now,
      data: e.data ?? {},
    }),
  );
}
