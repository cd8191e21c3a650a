import { type AgreementLevel } from '../../common/agreement-enums';
import { AgreementEntity } from '../../db/entities/agreement.entity';
import { BusinessCalendarEntity } from '../../db/entities/business-calendar.entity';
import { CustomerEntity } from '../../db/entities/customer.entity';
import { type IncidentEventEntity } from '../../db/entities/incident-event.entity';
import { IncidentEntity } from '../../db/entities/incident.entity';
import { ObjectiveEntity } from '../../db/entities/objective.entity';
import { ServiceEntity } from '../../db/entities/service.entity';
import { entityFromJson } from '../../db/json-rows';
import { type CombinedWrite } from '../../context/combined-write';
import { queryPrepared } from '../../context/prepared-query';
import { type RequestContext } from '../../context/request-context';
import { mostSpecificFirst, type RevisionInForce, revisionsInForceSql } from '../agreements/effective-objectives.service';
import { type PauseRule } from '../agreements/terms';
import { type ClockRow } from './clock-plan';

/** A revision in force for a report's customer and service when the incident started, with what the report needs of it. */
export interface SourceRevision extends RevisionInForce {
  agreement: AgreementEntity;
  /** `terms.escalationPolicy` as stored. */
  escalationPolicy: unknown;
  /** `terms.pauseRules` as stored (null: the terms say nothing). */
  pauseRules: PauseRule[] | null;
  objectives: ObjectiveEntity[];
}

/** Everything one incident report reads, in one statement. */
export interface ReportReading {
  /** Null when the provider has no such customer (or service). */
  customer: CustomerEntity | null;
  service: ServiceEntity | null;
  /** The reporter already used this externalId. */
  sameExternalId: boolean;
  /** The report first made with this idempotency key, if any: its input's hash and its incident. */
  first: { requestHash: string; incident: IncidentEntity | null } | null;
  /** The revisions in force when it started, most specific level first. */
  sources: SourceRevision[];
  /** The business calendars their objectives name. */
  calendars: Map<string, BusinessCalendarEntity>;
}

type Json = Record<string, unknown>;

/**
 * Reads, in one statement, what reporting an incident needs: the customer and the service (the
 * provider's?), whether the reporter used the externalId before, the report first made with the
 * idempotency key (and its incident), and the revisions in force at the start with their agreement,
 * escalation policy, objectives and the calendars these name.
 */
export async function readReport(
  tx: RequestContext,
  q: { providerId: string; customerId: string; serviceId: string; startedAt: Date; reporterId: string; externalId: string | null; operation: string; key: string | null },
): Promise<ReportReading> {
  const [row] = await queryPrepared<Json>(
    tx,
    `WITH src AS (${revisionsInForceSql('$1', '$2::uuid', '$3::uuid', '$6::timestamptz', "a.id AS agreement_id, a.level, r.id AS revision_id, to_jsonb(a) AS agreement, r.terms->'escalationPolicy' AS escalation_policy, r.terms->'pauseRules' AS pause_rules")}),
          obj AS (SELECT o.* FROM objective o WHERE o.revision_id IN (SELECT revision_id FROM src))
     SELECT (SELECT to_jsonb(c) FROM customer c WHERE c.id = $2 AND c.provider_id = $1) AS customer,
            (SELECT to_jsonb(s) FROM service s WHERE s.id = $3 AND s.provider_id = $1) AS service,
            EXISTS (SELECT 1 FROM incident WHERE provider_id = $1 AND reporter_id = $4 AND external_id = $5) AS same_external_id,
            (SELECT jsonb_build_object('requestHash', k.request_hash, 'incident', to_jsonb(i))
               FROM idempotency_key k LEFT JOIN incident i ON i.id = k.result_id
              WHERE k.provider_id = $1 AND k.operation = $7 AND k.key = $8) AS first,
            (SELECT coalesce(jsonb_agg(jsonb_build_object('agreement_id', src.agreement_id, 'level', src.level, 'revision_id', src.revision_id,
                                                          'agreement', src.agreement, 'escalation_policy', src.escalation_policy, 'pause_rules', src.pause_rules,
                                                          'objectives', (SELECT coalesce(jsonb_agg(to_jsonb(obj) ORDER BY obj.position), '[]') FROM obj WHERE obj.revision_id = src.revision_id))), '[]')
               FROM src) AS sources,
            (SELECT coalesce(jsonb_agg(to_jsonb(bc)), '[]') FROM business_calendar bc WHERE bc.id IN (SELECT calendar_id FROM obj)) AS calendars`,
    [q.providerId, q.customerId, q.serviceId, q.reporterId, q.externalId, q.startedAt, q.operation, q.key],
  );
  const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
  const em = tx.em;
  const first = json(row.first) as { requestHash: string; incident: Json | null } | null;
  const sources = (json(row.sources) as Json[]).map(
    (s): SourceRevision => ({
      agreement_id: s.agreement_id as string,
      level: s.level as AgreementLevel,
      revision_id: s.revision_id as string,
      agreement: entityFromJson(em, AgreementEntity, s.agreement as Json)!,
      escalationPolicy: s.escalation_policy ?? null,
      pauseRules: (s.pause_rules as PauseRule[] | null | undefined) ?? null,
      objectives: (s.objectives as Json[]).map((o) => entityFromJson(em, ObjectiveEntity, o)!),
    }),
  );
  return {
    customer: entityFromJson(em, CustomerEntity, json(row.customer) as Json | null),
    service: entityFromJson(em, ServiceEntity, json(row.service) as Json | null),
    sameExternalId: Boolean(row.same_external_id),
    first: first && { requestHash: first.requestHash, incident: entityFromJson(em, IncidentEntity, first.incident) },
    sources: mostSpecificFirst(sources),
    calendars: new Map((json(row.calendars) as Json[]).map((c) => entityFromJson(em, BusinessCalendarEntity, c)!).map((c) => [c.id, c])),
  };
}

/** An incident event to write with a new incident (its id comes from the database). */
export type NewIncidentEvent = Omit<IncidentEventEntity, 'id' | 'recordedAt' | 'incidentId' | 'providerId'>;

/** The unique key of idempotency keys: a second report with a key another report has just taken runs into it. */
export const IDEMPOTENCY_KEY_TAKEN = 'idempotency_key_pkey';

/**
 * Adds the writes of a new incident to `write`: its idempotency key (when it has one), the
 * incident, its first events and its clocks; the incident takes its version and creation times
 * from its row once the statement has run. When another report took the key after this one read
 * it free, the statement fails on IDEMPOTENCY_KEY_TAKEN (after waiting for that report to commit),
 * and the transaction with it: nothing is written.
 */
export function addReportWrites(
  write: CombinedWrite,
  incident: IncidentEntity,
  events: NewIncidentEvent[],
  clocks: ClockRow[],
  key: { operation: string; key: string; requestHash: string; expiresAt: Date } | null,
): void {
  const i = incident;
  if (key) {
    write.add(
      `INSERT INTO idempotency_key (provider_id, operation, key, request_hash, result_id, expires_at)
       VALUES ($1::uuid, $2::text, $3::text, $4::text, $5::uuid, $6::timestamptz)`,
      [i.providerId, key.operation, key.key, key.requestHash, i.id, key.expiresAt],
    );
  }
  write.add(
    `INSERT INTO incident (id, provider_id, customer_id, service_id, agreement_id, revision_id, priority, impact, status, title, description, started_at,
                           last_event_at, external_id, reporter_kind, reporter_id, reporter_name, category, channel)
     VALUES ($1::uuid, $2::uuid, $3::uuid, $4::uuid, $5::uuid, $6::uuid, $7::text, $8::text, $9::text, $10::text, $11::text, $12::timestamptz,
             $13::timestamptz, $14::text, $15::text, $16::text, $17::text, $18::text, $19::text)
     RETURNING version, created_at, updated_at`,
    [
      i.id, i.providerId, i.customerId, i.serviceId, i.agreementId, i.revisionId, i.priority, i.impact, i.status, i.title, i.description, i.startedAt,
      i.lastEventAt, i.externalId, i.reporterKind, i.reporterId, i.reporterName, i.category, i.channel,
    ],
    ([row]) => {
      incident.version = Number(row.version);
      incident.createdAt = new Date(row.created_at as string);
      incident.updatedAt = new Date(row.updated_at as string);
    },
  );
  write.add(
    `INSERT INTO incident_event (provider_id, incident_id, type, at, from_status, to_status, priority, impact, note, actor_kind, actor_id, actor_name, data)
     SELECT $1::uuid, $2::uuid, e.type, e.at, e.from_status, e.to_status, e.priority, e.impact, e.note, e.actor_kind, e.actor_id, e.actor_name, coalesce(e.data, '{}')
       FROM jsonb_to_recordset($3::jsonb) AS e(n int, type text, at timestamptz, from_status text, to_status text, priority text, impact text, note text,
                                               actor_kind text, actor_id text, actor_name text, data jsonb)
      ORDER BY e.n`,
    [
      i.providerId,
      i.id,
      JSON.stringify(events.map((e, n) => ({ n, type: e.type, at: e.at, from_status: e.fromStatus, to_status: e.toStatus, priority: e.priority, impact: e.impact, note: e.note, actor_kind: e.actorKind, actor_id: e.actorId, actor_name: e.actorName, data: e.data }))),
    ],
  );
  if (clocks.length === 0) return;
  write.add(
    `INSERT INTO sla_clock (incident_id, metric, provider_id, objective_ids, state, judged_priority, due_at, warn_at, warned_at, breached_at,
                            warning_recorded, breach_recorded, computed_at, pause_statuses, selection, judged_objective_id)
     SELECT $1::uuid, c.metric, $2::uuid, c.objective_ids, c.state, c.judged_priority, c.due_at, c.warn_at, c.warned_at, c.breached_at,
            c.warning_recorded, c.breach_recorded, c.computed_at, c.pause_statuses, c.selection, c.judged_objective_id
       FROM jsonb_to_recordset($3::jsonb) AS c(metric text, objective_ids uuid[], state text, judged_priority text, due_at timestamptz, warn_at timestamptz,
                                               warned_at timestamptz, breached_at timestamptz, warning_recorded boolean, breach_recorded boolean, computed_at timestamptz,
                                               pause_statuses text[], selection jsonb, judged_objective_id uuid)`,
    [
      i.id,
      i.providerId,
      JSON.stringify(clocks.map((c) => ({ metric: c.metric, objective_ids: c.objectiveIds, state: c.state, judged_priority: c.judgedPriority, due_at: c.dueAt, warn_at: c.warnAt, warned_at: c.warnedAt, breached_at: c.breachedAt, warning_recorded: c.warningRecorded, breach_recorded: c.breachRecorded, computed_at: c.computedAt, pause_statuses: c.pauseStatuses, selection: c.selection, judged_objective_id: c.judgedObjectiveId }))),
    ],
  );
}
