import { type RequestContext } from '../../context/request-context';
import { withTransaction } from '../../context/transaction';
import { type EscalationEntity, type EscalationTrigger } from '../../db/entities/escalation.entity';
import { IncidentEntity } from '../../db/entities/incident.entity';
import { revisionsInForceFor } from '../agreements/effective-objectives.service';
import { type EscalationPolicyTerms } from '../agreements/terms';
import { escalationPolicyOf } from '../agreements/terms-rules';
import { type PayloadOf } from '../events/domain-events';
import { type ClockWarnedOrBreached, type IncidentReported, type RevisionTermsInForce } from '../incidents/incident.domain-events';
import { policyRaises, snapshotLevels, unacknowledgedAfterMs } from './escalation-policy';
import { raiseEscalation } from './escalation-writes';

export interface IncidentPolicy {
  /** The revision whose policy applies. */
  revisionId: string;
  policy: EscalationPolicyTerms;
}

/**
 * The escalation policy an incident is handled under: that of the revision it is judged against
 * (pinned when reported); when that revision has no levels, the most specific other revision in
 * force for its customer and service when it started that has some (a multi-level agreement's
 * customer level may leave escalation to the corporate level). Null for an uncovered incident or
 * when no revision names a level. `inForce`: those revisions' terms when the caller already read
 * them (most specific first, as revisionsInForceFor orders them); otherwise they are read here.
 */
export async function policyForIncident(tx: RequestContext, incident: IncidentEntity, inForce?: readonly RevisionTermsInForce[]): Promise<IncidentPolicy | null> {
  if (!incident.revisionId) return null;
  if (inForce) return firstPolicyWithLevels(incident.revisionId, inForce.map((r) => ({ id: r.revisionId, policy: escalationPolicyOf(r.escalationPolicy) })));
  const own = await pinnedPolicy(tx, incident.revisionId);
  if (own && own.levels.length > 0) return { revisionId: incident.revisionId, policy: own };
  const sources = await revisionsInForceFor(tx, incident.providerId, incident.customerId, incident.serviceId, incident.startedAt);
  const ids = sources.map((s) => s.revision_id).filter((id) => id !== incident.revisionId);
  if (ids.length === 0) return null;
  const rows: { id: string; policy: unknown }[] = await tx.em.query(`SELECT id, terms->'escalationPolicy' AS policy FROM agreement_revision WHERE id = ANY($1::uuid[])`, [ids]);
  const byId = new Map(rows.map((r) => [r.id, escalationPolicyOf(r.policy)]));
  return firstPolicyWithLevels(null, ids.map((id) => ({ id, policy: byId.get(id) ?? null })));
}

/** The pinned revision's policy if it has levels, else the first of the others (in order) that has some. */
function firstPolicyWithLevels(pinnedId: string | null, revisions: { id: string; policy: EscalationPolicyTerms | null }[]): IncidentPolicy | null {
  const pinned = pinnedId === null ? undefined : revisions.find((r) => r.id === pinnedId);
  if (pinned?.policy && pinned.policy.levels.length > 0) return { revisionId: pinned.id, policy: pinned.policy };
  for (const r of revisions) {
    if (r.id !== pinnedId && r.policy && r.policy.levels.length > 0) return { revisionId: r.id, policy: r.policy };
  }
  return null;
}

/**
 * The escalation policy in the terms of the revision an incident is pinned to (null when it has
 * none). Read once per request: a revision in force never changes its terms (the database refuses).
 */
function pinnedPolicy(tx: RequestContext, revisionId: string): Promise<EscalationPolicyTerms | null> {
  return tx.memo(`escalation-policy-of-revision:${revisionId}`, async () => {
    const [row]: { policy: unknown }[] = await tx.em.query(`SELECT terms->'escalationPolicy' AS policy FROM agreement_revision WHERE id = $1`, [revisionId]);
    return row ? escalationPolicyOf(row.policy) : null;
  });
}

/** Raises an escalation of an incident for `trigger` if its policy says so; null when it does not, or one is already open for it. */
export async function raiseForIncident(
  tx: RequestContext,
  incident: IncidentEntity,
  trigger: EscalationTrigger,
  fields: { metric?: string | null; note?: string | null; supporting?: { partyId: string; metric: string } | null } = {},
  found?: IncidentPolicy | null,
): Promise<EscalationEntity | null> {
  const source = found === undefined ? await policyForIncident(tx, incident) : found;
  if (!source || !incident.agreementId || !policyRaises(source.policy, trigger)) return null;
  return raiseEscalation(tx, {
    providerId: incident.providerId,
    agreementId: incident.agreementId,
    revisionId: source.revisionId,
    customerId: incident.customerId,
    incidentId: incident.id,
    trigger,
    metric: fields.metric ?? null,
    levels: snapshotLevels(source.policy),
    note: fields.note ?? null,
    supporting: fields.supporting ?? null,
  });
}

/**
 * Reaction to ClockWarnedOrBreached: escalates when the incident's policy has that trigger. A
 * resolved incident whose breach is recorded late (a back-filled timeline) has nothing left to escalate.
 * A supporting party's clock (OLA, underpinning contract) escalates under the same policy (that of
 * the customer's terms the incident is judged against), and the escalation names the party and
 * its clock: one open escalation per incident, trigger and party (the customer's clocks: none).
 */
export async function escalateClockEvent(tx: RequestContext, { incident, type, clock, supporting }: PayloadOf<typeof ClockWarnedOrBreached>): Promise<void> {
  if (incident.status === 'RESOLVED' || incident.status === 'CLOSED') return;
  await raiseForIncident(tx, incident, type === 'CLOCK_WARNING' ? 'CLOCK_WARNING' : 'CLOCK_BREACH', {
    metric: clock.metric,
    supporting: supporting ? { partyId: supporting.partyId, metric: clock.metric } : null,
    note: supporting ? `${supporting.partyName}'s ${clock.metric} clock ${type === 'CLOCK_WARNING' ? 'is at risk' : 'breached'}.` : null,
  });
}

/**
 * Reaction to IncidentReported: if its policy escalates incidents left unacknowledged, a durable
 * check is scheduled for report time + that duration (in the report's transaction).
 */
export async function scheduleUnacknowledgedCheck(tx: RequestContext, { incident, inForce }: PayloadOf<typeof IncidentReported>): Promise<void> {
  const source = await policyForIncident(tx, incident, inForce);
  const after = source && unacknowledgedAfterMs(source.policy);
  if (!after) return;
  await tx.db.jobs.schedule(tx, 'escalation.check-unacknowledged', { incidentId: incident.id }, new Date(tx.now.getTime() + after), {
    singletonKey: `escalation.check-unacknowledged:${incident.id}`,
  });
}

/**
 * The job behind the unacknowledged trigger: escalates only if the incident is still
 * unacknowledged (OPEN, never acknowledged); safe to run twice (one open escalation per trigger).
 */
export async function checkUnacknowledged(ctx: RequestContext, incidentId: string): Promise<EscalationEntity | null> {
  return withTransaction(ctx, async (tx) => {
    const incident = await tx.em.getRepository(IncidentEntity).createQueryBuilder('i').setLock('pessimistic_write').where('i.id = :id', { id: incidentId }).getOne();
    if (!incident || incident.status !== 'OPEN' || incident.acknowledgedAt) return null;
    return raiseForIncident(tx, incident, 'UNACKNOWLEDGED');
  });
}
