import { coversCustomerSql } from '../agreements/coverage.sql';
import { inCustomerScopeSql } from '../shared/customer-scope';
import { MAINTENANCE_COLUMNS, MAINTENANCE_CTES } from './maintenance.sql';

/**
 * The incidents of agreement $1 (provider $2) matching `filter`: of its services and of the
 * customers it covers. An agreement that names a customer reads that customer's incidents down
 * the (provider, customer, started) index; the others (corporate, service, segment) read the
 * provider's incidents and check coverage per incident. Chosen by the caller, who knows the
 * agreement: one OR over both would keep PostgreSQL from the customer index, and a UNION of both
 * misleads its estimates (it plans for the branch that returns nothing).
 */
function incidentsInScopeSql(namesCustomer: boolean, filter: string, columns = 'i.id'): string {
  const services = 'i.service_id IN (SELECT s.service_id FROM agreement_service s WHERE s.agreement_id = $1)';
  const coverage = coversCustomerSql('a', 'i.customer_id', { namesCustomer });
  return `
  SELECT ${columns} FROM agreement a CROSS JOIN LATERAL (
    SELECT ${columns} FROM incident i WHERE i.provider_id = $2 AND ${filter} AND ${services} AND ${coverage}
  ) i WHERE a.id = $1`;
}

/**
 * SQL that answers, for one agreement and one window, how much of the window was OUTAGE and how
 * much DEGRADED (not also OUTAGE), counting each instant once however many incidents overlap.
 * An incident's impact at any instant comes from its timeline (reported impact, impact changes),
 * and it counts from its start until resolved (again after a reopen), or until $5 (now).
 * Maintenance of the agreement's services announced at least $7 seconds before it started is
 * left out, in time order up to the monthly cap $9 ($7 null: the terms exclude no maintenance;
 * $9 null: no cap; maintenance.sql.ts has the rule, and the months in $10/$11).
 * Only incidents that can count are read: still open at the window's start (the last resolution
 * bounds every active span; reopening clears resolved_at), down the incident_open_until index, and
 * with an impact at some time (reported with one, or changed: incident_event_impact_changed).
 * Parameters: $1 agreement, $2 provider, $3 window start, $4 window end, $5 now,
 * $6 the covered time as a tstzmultirange (business hours, or the whole window), $7 notice seconds,
 * $8 one customer (customer users see their own customer's downtime only) or null, $9 the monthly
 * maintenance cap in seconds or null, $10/$11 the starts/ends of the window's calendar months.
 * Returns outage_ms and degraded_ms, and the maintenance figures (MAINTENANCE_COLUMNS).
 * `namesCustomer`: the agreement names a customer.
 */
const downtimeSql = (namesCustomer: boolean) => `
WITH scope AS (${incidentsInScopeSql(namesCustomer, `coalesce(i.resolved_at, 'infinity'::timestamptz) > $3 AND i.started_at < $4 AND ${inCustomerScopeSql('i.customer_id', '$8')}
    AND (i.impact <> 'NONE' OR EXISTS (SELECT 1 FROM incident_event x WHERE x.incident_id = i.id AND x.type = 'IMPACT_CHANGED'))`)}),
steps AS (
  SELECT e.incident_id, e.at, e.id,
         e.impact,
         CASE WHEN e.type = 'REPORTED' THEN 1
              WHEN e.type = 'STATUS_CHANGED' AND e.to_status IN ('RESOLVED', 'CLOSED') THEN 0
              WHEN e.type = 'STATUS_CHANGED' THEN 1 END AS active
  FROM incident_event e
  -- An array rather than a join: PostgreSQL then reads the events of these incidents down their
  -- index instead of hashing every event of the database.
  WHERE e.incident_id = ANY (ARRAY(SELECT id FROM scope)) AND e.type IN ('REPORTED', 'IMPACT_CHANGED', 'STATUS_CHANGED')
),
grouped AS (
  SELECT *, count(impact) OVER w AS impact_group, count(active) OVER w AS active_group
  FROM steps WINDOW w AS (PARTITION BY incident_id ORDER BY at, id)
),
states AS (
  SELECT incident_id, at, id,
         first_value(impact) OVER (PARTITION BY incident_id, impact_group ORDER BY at, id) AS impact,
         first_value(active) OVER (PARTITION BY incident_id, active_group ORDER BY at, id) AS active,
         lead(at) OVER (PARTITION BY incident_id ORDER BY at, id) AS next_at
  FROM grouped
),
segments AS (
  SELECT impact, tstzrange(at, coalesce(next_at, $5::timestamptz)) AS span
  FROM states WHERE active = 1 AND at < coalesce(next_at, $5::timestamptz)
),
unions AS (
  SELECT coalesce(range_agg(span) FILTER (WHERE impact = 'OUTAGE'), '{}'::tstzmultirange) AS outage,
         coalesce(range_agg(span) FILTER (WHERE impact = 'DEGRADED'), '{}'::tstzmultirange) AS degraded
  FROM segments
),
${MAINTENANCE_CTES},
judged AS (
  SELECT (outage - excluded) * $6::tstzmultirange * tstzmultirange(tstzrange($3, $4)) AS outage,
         (degraded - outage - excluded) * $6::tstzmultirange * tstzmultirange(tstzrange($3, $4)) AS degraded
  FROM unions, maintenance
)
SELECT
  coalesce((SELECT sum(extract(epoch FROM upper(r) - lower(r)) * 1000) FROM unnest(judged.outage) r), 0)::bigint AS outage_ms,
  coalesce((SELECT sum(extract(epoch FROM upper(r) - lower(r)) * 1000) FROM unnest(judged.degraded) r), 0)::bigint AS degraded_ms,
  ${MAINTENANCE_COLUMNS}
FROM judged, maint_report`;

/**
 * The downtime of many windows of agreement $1 (provider $2) in one statement: downtimeSql for
 * each window of $3, a JSON array of { idx, s (start), e (end), covered (tstzmultirange),
 * notice, cap (seconds or null), month_starts, month_ends } (downtimeSql's $3, $4, $6, $7, $9,
 * $10, $11); $4 now, $5 one customer or null. One row per window, with its idx.
 */
export const downtimeOfWindowsSql = (namesCustomer: boolean) => {
  const perWindow: Record<string, string> = { 3: 'w.s', 4: 'w.e', 5: '$4', 6: 'w.covered', 7: 'w.notice', 8: '$5', 9: 'w.cap', 10: 'w.month_starts', 11: 'w.month_ends' };
  return `
SELECT w.idx, d.* FROM json_to_recordset($3::json) AS w(idx int, s timestamptz, e timestamptz, covered tstzmultirange, notice double precision, cap double precision,
                                                        month_starts timestamptz[], month_ends timestamptz[])
CROSS JOIN LATERAL (${downtimeSql(namesCustomer).replace(/\$(\d+)\b/g, (m, n: string) => perWindow[n] ?? m)}) d`;
};

/**
 * Clocks of incidents in scope that started in one of the windows $7/$8 (their starts and ends,
 * within [$3, $4)) and were judged against this agreement's objectives ($6: their ids), met and
 * breached, per window (idx, from 1), per metric and per the priority whose target gave the
 * verdict (sla_clock.judged_priority: not the incident's priority of today, which a later change
 * may have moved), ($5: one customer or null).
 */
export const clockCountsSql = (namesCustomer: boolean) => `
SELECT p.idx::int AS idx, c.metric, c.judged_priority AS priority,
       count(*) FILTER (WHERE c.state = 'MET')::int AS met,
       count(*) FILTER (WHERE c.state = 'BREACHED')::int AS breached,
       coalesce(array_agg(i.id) FILTER (WHERE c.state = 'BREACHED'), '{}') AS breached_incidents
FROM (${incidentsInScopeSql(namesCustomer, `i.started_at >= $3 AND i.started_at < $4 AND ${inCustomerScopeSql('i.customer_id', '$5')}`, 'i.id, i.started_at')}) i
JOIN unnest($7::timestamptz[], $8::timestamptz[]) WITH ORDINALITY AS p(s, e, idx) ON i.started_at >= p.s AND i.started_at < p.e
JOIN sla_clock c ON c.incident_id = i.id
WHERE c.objective_ids && $6::uuid[]
GROUP BY p.idx, c.metric, c.judged_priority`;

/** Good and total events of ratio objectives in the window. */
export const RATIO_SQL = `
SELECT m.objective_id, sum(m.good)::bigint AS good, sum(m.total)::bigint AS total
FROM measurement m WHERE m.provider_id = $1 AND m.objective_id = ANY($2::uuid[]) AND m.at >= $3 AND m.at < $4
GROUP BY m.objective_id`;
