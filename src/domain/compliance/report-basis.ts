import { type AgreementEntity } from '../../db/entities/agreement.entity';
import { AgreementRevisionEntity } from '../../db/entities/agreement-revision.entity';
import { BusinessCalendarEntity } from '../../db/entities/business-calendar.entity';
import { ObjectiveEntity } from '../../db/entities/objective.entity';
import { entityFromJson } from '../../db/json-rows';
import { type RequestContext } from '../../context/request-context';
import { visibleAgreements } from '../agreements/agreement-access';
import { SIGNED_STATES } from '../agreements/revision-lifecycle';

/** What every period of a compliance report is judged from, before any figure is read. */
export interface ReportBasis {
  agreement: AgreementEntity;
  /** The provider's: periods are its calendar months, weeks and days. */
  timeZone: string;
  /** The agreement's signed revisions (APPROVED, ACTIVE, SUPERSEDED), in number order. */
  signed: AgreementRevisionEntity[];
  /** The objectives of every revision of the agreement, in position order: the clocks judged against it carry one of these. */
  objectives: ObjectiveEntity[];
  /** The business calendars the signed revisions' objectives name. */
  calendars: Map<string, BusinessCalendarEntity>;
}

type JsonRows = Record<string, unknown>[] | string;
const rowsOf = (value: JsonRows): Record<string, unknown>[] => (typeof value === 'string' ? JSON.parse(value) : value);

/**
 * The agreement (if the caller may see it) with its provider's time zone, signed revisions,
 * objectives and calendars, in one statement: the JSON of each part is built by PostgreSQL.
 */
export async function readReportBasis(ctx: RequestContext, agreementId: string): Promise<ReportBasis | null> {
  const signedOf = (r: string) => `${r}.agreement_id = a.id AND ${r}.state IN (:...signed)`;
  const { entities, raw } = await visibleAgreements(ctx)
    .andWhere('a.id = :agreementId', { agreementId, signed: [...SIGNED_STATES] })
    .addSelect('(SELECT p.time_zone FROM provider p WHERE p.id = a.provider_id)', 'basis_time_zone')
    .addSelect(`(SELECT coalesce(json_agg(to_jsonb(r) ORDER BY r.number), '[]') FROM agreement_revision r WHERE ${signedOf('r')})`, 'basis_revisions')
    .addSelect(
      `(SELECT coalesce(json_agg(to_jsonb(o) ORDER BY o.position, o.id), '[]') FROM objective o WHERE o.revision_id IN (SELECT ar.id FROM agreement_revision ar WHERE ar.agreement_id = a.id))`,
      'basis_objectives',
    )
    .addSelect(
      `(SELECT coalesce(json_agg(to_jsonb(c)), '[]') FROM business_calendar c
        WHERE c.id IN (SELECT co.calendar_id FROM objective co JOIN agreement_revision cr ON cr.id = co.revision_id WHERE ${signedOf('cr')}))`,
      'basis_calendars',
    )
    .getRawAndEntities<{ basis_time_zone: string; basis_revisions: JsonRows; basis_objectives: JsonRows; basis_calendars: JsonRows }>();
  const [agreement] = entities;
  if (!agreement) return null;
  const [row] = raw;
  const all = <T extends object>(target: new () => T, json: JsonRows) => rowsOf(json).map((r) => entityFromJson(ctx.em, target, r)!);
  return {
    agreement,
    timeZone: row.basis_time_zone,
    signed: all(AgreementRevisionEntity, row.basis_revisions),
    objectives: all(ObjectiveEntity, row.basis_objectives),
    calendars: new Map(all(BusinessCalendarEntity, row.basis_calendars).map((c) => [c.id, c])),
  };
}
