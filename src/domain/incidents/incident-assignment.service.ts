import { IsNull } from 'typeorm';
import { actorLabel } from '../../common/actor';
import { NotFoundError, UserError } from '../../common/errors';
import { IncidentAssignmentEntity } from '../../db/entities/incident-assignment.entity';
import { type IncidentEntity } from '../../db/entities/incident.entity';
import { SupportingPartyEntity } from '../../db/entities/supporting-party.entity';
import { type RequestContext } from '../../context/request-context';
import { withTransaction } from '../../context/transaction';
import { supportingTermsInForce } from '../agreements/supporting-coverage';
import { requireRole } from '../shared/access';
import { refreshClocks } from './incident-clocks.service';
import { IncidentRoles } from './incident-roles';
import { eventTime, lockIncident, writeLifecycle } from './incident.service';

export interface IncidentAssignInput {
  id: string;
  /** The team or supplier to hand the incident to; null: back to the provider itself (nobody's supporting clock runs). */
  supportingPartyId: string | null;
  /** When (a partner may back-fill it): never in the future nor before the incident's previous event. */
  at?: Date | null;
  version?: number | null;
}

export interface AssignResult {
  incident: IncidentEntity;
  /** The assignment now in force; null when the incident went back to the provider. */
  assignment: IncidentAssignmentEntity | null;
}

/**
 * Hands an incident to a supporting party (an internal team under an OLA, a supplier under an
 * underpinning contract), or back to the provider (`supportingPartyId: null`). The party must have
 * a supporting agreement with terms in force at `at` covering the incident's service (otherwise
 * NOT_ALLOWED on supportingPartyId). The previous holder's clocks stop at `at`; the new one's
 * start (or, for a party that held it before, continue). Assigning it to the party that holds it
 * changes nothing (safe to retry). A resolved or closed incident is not assigned (INVALID_STATE).
 */
export async function assign(ctx: RequestContext, input: IncidentAssignInput): Promise<AssignResult> {
  const actor = requireRole(ctx, IncidentRoles.write);
  return withTransaction(ctx, async (tx) => {
    const incident = await lockIncident(tx, input.id, input.version);
    const repo = tx.em.getRepository(IncidentAssignmentEntity);
    const current = await repo.findOneBy({ incidentId: incident.id, endedAt: IsNull() });
    if ((current?.supportingPartyId ?? null) === input.supportingPartyId) return { incident, assignment: current };
    if (incident.status === 'RESOLVED' || incident.status === 'CLOSED') {
      throw new UserError('INVALID_STATE', `A ${incident.status} incident is not assigned; reopen it first.`, ['id']);
    }
    const at = eventTime(tx, incident, input.at);
    let terms: { agreementId: string; revisionId: string } | null = null;
    if (input.supportingPartyId) {
      const party = await tx.em.getRepository(SupportingPartyEntity).findOneBy({ id: input.supportingPartyId, providerId: actor.providerId });
      if (!party) throw new NotFoundError('The supporting party', ['supportingPartyId']);
      terms = await supportingTermsInForce(tx, actor.providerId, party.id, incident.serviceId, at);
      if (!terms) {
        throw new UserError(
          'NOT_ALLOWED',
          `${party.name} has no ${party.kind === 'TEAM' ? 'OLA' : 'underpinning contract'} in force at ${at.toISOString()} covering the incident's service.`,
          ['supportingPartyId'],
        );
      }
    }
    if (current) await repo.update({ id: current.id }, { endedAt: at, endedBy: actorLabel(actor) });
    const assignment = terms
      ? await repo.save(
          repo.create({
            providerId: incident.providerId,
            incidentId: incident.id,
            supportingPartyId: input.supportingPartyId!,
            agreementId: terms.agreementId,
            revisionId: terms.revisionId,
            assignedAt: at,
            assignedBy: actorLabel(actor),
            endedAt: null,
            endedBy: null,
          }),
        )
      : null;
    incident.lastEventAt = at;
    const saved = await writeLifecycle(tx, incident);
    await refreshClocks(tx, saved);
    return { incident: saved, assignment };
  });
}
