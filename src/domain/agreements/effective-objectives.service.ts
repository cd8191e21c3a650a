import { type AgreementLevel, LEVEL_RANK } from '../../common/agreement-enums';
import { type ObjectiveEntity } from '../../db/entities/objective.entity';
import { type RequestContext } from '../../context/request-context';
import { requireRole } from '../shared/access';
import { customerScope, isInCustomerScope } from '../shared/customer-scope';
import { AgreementRoles } from './agreement-roles';
import { coversCustomerSql } from './coverage.sql';
import { inForceSql } from './in-force';
import { type EffectiveObjective, resolveEffectiveObjectives } from './effective-objectives';
import { objectivesOfRevisions } from './revision-store';

/**
 * The objectives that apply to a customer's use of a service at an instant (default: now): the
 * objectives of every revision in force then of every agreement covering both, merged level by level
 * (corporate, segment, customer, service: most specific wins per metric and priority).
 * Two statements whatever the number of agreements.
 */
export async function effectiveObjectives(
  ctx: RequestContext,
  customerId: string,
  serviceId: string,
  at: Date | null,
): Promise<EffectiveObjective<ObjectiveEntity>[]> {
  const actor = requireRole(ctx, AgreementRoles.read);
  if (!isInCustomerScope(customerScope(actor), customerId)) return [];
  const sources = await revisionsInForceFor(ctx, actor.providerId, customerId, serviceId, at ?? ctx.now);
  if (sources.length === 0) return [];
  const objectives = await objectivesOfRevisions(ctx, sources.map((s) => s.revision_id));
  const byRevision = new Map(sources.map((s) => [s.revision_id, s]));
  return resolveEffectiveObjectives(
    objectives.map((objective) => {
      const s = byRevision.get(objective.revisionId)!;
      return { level: s.level, agreementId: s.agreement_id, revisionId: s.revision_id, objective };
    }),
  );
}

export interface RevisionInForce {
  agreement_id: string;
  level: AgreementLevel;
  revision_id: string;
}

/**
 * The SQL of the revisions in force at `at` of every agreement of `provider` covering `customer`
 * and `service` (parameters or expressions): one row per revision, columns agreement_id, level,
 * revision_id, with the agreement as `a` and the revision as `r` (a caller may select more of them).
 */
export function revisionsInForceSql(provider: string, customer: string, service: string, at: string, columns = 'a.id AS agreement_id, a.level, r.id AS revision_id'): string {
  return `SELECT ${columns}
     FROM agreement a
     JOIN agreement_service link ON link.agreement_id = a.id AND link.service_id = ${service}
     JOIN agreement_revision r ON r.agreement_id = a.id AND ${inForceSql('r', at)}
     WHERE a.provider_id = ${provider} AND ${coversCustomerSql('a', customer)}`;
}

/** Revisions in force ordered most specific level first (then by agreement, for a stable order). */
export function mostSpecificFirst<T extends RevisionInForce>(rows: T[]): T[] {
  return rows.sort((x, y) => LEVEL_RANK[y.level] - LEVEL_RANK[x.level] || x.agreement_id.localeCompare(y.agreement_id));
}

/** Every revision in force at `at` of an agreement covering the customer and the service, most specific level first. */
export async function revisionsInForceFor(ctx: RequestContext, providerId: string, customerId: string, serviceId: string, at: Date): Promise<RevisionInForce[]> {
  const rows: RevisionInForce[] = await ctx.em.query(revisionsInForceSql('$1', '$2::uuid', '$3', '$4::timestamptz'), [providerId, customerId, serviceId, at]);
  return mostSpecificFirst(rows);
}
