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
 * "Excluded by an effective correction of agreement $1", for `metric` (a SQL expression) and
 * `priority` (a SQL expression, or null for objectives without one): an incident excluded from that
 * objective or from all (`incident`: its id), or an instant within a time window excluded from it
 * or from all (`instant`). The one place this condition is written.
 */
export function excludedByCorrectionSql(metric: string, priority: string | null, { incident, instant }: { incident?: string; instant?: string }): string {
  const which = [incident ? `(x.kind = 'EXCLUDE_INCIDENT' AND x.incident_id = ${incident})` : null, instant ? `(x.kind = 'EXCLUDE_WINDOW' AND ${instant} >= x.window_start AND ${instant} < x.window_end)` : null]
    .filter(Boolean)
    .join(' OR ');
  return `EXISTS (SELECT 1 FROM correction x WHERE x.agreement_id = $1 AND x.status = 'EFFECTIVE' AND (${which})
    AND (x.metric IS NULL OR (x.metric = ${metric}${priority ? ` AND (x.priority IS NULL OR x.priority = ${priority})` : ''})))`;
}

/**
 * SQL that answers, for one agreement and many windows at once, how much of each window was
 * OUTAGE and how much DEGRADED (not also OUTAGE), counting each instant once however many
 * incidents overlap. The incidents' timelines are read and merged once for the span of all the
 * windows; each window then takes its share. An incident's impact at any instant comes from its
 * timeline (reported impact, impact changes), and it counts from its start until resolved (again
 * after a reopen), or until $5 (now).
 * Maintenance of the agreement's services announced at least the window's notice before it
 * started is left out, in time order up to the window's monthly cap (maintenance.sql.ts has the rule).
 * Only incidents that can count are read: still open at the first window's start (the last
 * resolution bounds every active span; reopening clears resolved_at), down the incident_open_until
 * index, and with an impact at some time (reported with one, or changed: incident_event_impact_changed).
 * Parameters: $1 agreement, $2 provider, $3 the first window's start, $4 the last window's end,
 * $5 now, $6 one customer (customer users see their own customer's downtime only) or null; the
 * windows as parallel arrays: $7 keys, $8 starts, $9 ends, $10 the covered time of each as a
 * tstzmultirange literal (business hours, or the whole window), $11 notice seconds (null: no
 * maintenance is excused), $12 monthly maintenance caps in seconds (null: no cap); and the calendar
 * months of each window: $13 keys, $14 starts, $15 ends; the occurrences of recurring maintenance of the
 * agreement's services in [$3, $4): $16 starts, $17 ends, $18 announcement times; and, parallel to
 * the keys, for time-slice objectives (TIMESLICES, objective-window.ts): $19 the slice length in
 * seconds (null: budgeted by occurrences), $20 the slice target in percent, $21 the weight of
 * degraded time in percent.
 * Returns per key k: outage_ms and degraded_ms, the maintenance figures (MAINTENANCE_COLUMNS), and
 * bad_slices: the whole slices inside the window, ended by $5, whose up share of their covered
 * time is below the slice target (exactly at it is good). Only slices that hold downtime are
 * looked at: every other slice is good.
 * `namesCustomer`: the agreement names a customer.
 */
export const downtimeSql = (namesCustomer: boolean) => `
WITH win AS (
  SELECT * FROM unnest($7::int[], $8::timestamptz[], $9::timestamptz[], $10::text[], $11::double precision[], $12::double precision[])
    AS w(k, wstart, wend, covered, notice, cap)
),
win_months AS (
  SELECT x.k, tstzrange(x.s, x.e) AS month FROM unnest($13::int[], $14::timestamptz[], $15::timestamptz[]) AS x(k, s, e)
),
scope AS (${incidentsInScopeSql(namesCustomer, `coalesce(i.resolved_at, 'infinity'::timestamptz) > $3 AND i.started_at < $4 AND ${inCustomerScopeSql('i.customer_id', '$6')}
    AND (i.impact <> 'NONE' OR EXISTS (SELECT 1 FROM incident_event x WHERE x.incident_id = i.id AND x.type = 'IMPACT_CHANGED'))
    AND NOT ${excludedByCorrectionSql("'AVAILABILITY'", null, { incident: 'i.id' })}`)}),
-- Time windows excluded from availability by effective corrections (corrections.ts): left out of downtime, as excused maintenance is.
excluded_windows AS (
  SELECT coalesce(range_agg(tstzrange(x.window_start, x.window_end)), '{}'::tstzmultirange) AS spans
  FROM correction x WHERE x.agreement_id = $1 AND x.status = 'EFFECTIVE' AND x.kind = 'EXCLUDE_WINDOW' AND (x.metric IS NULL OR x.metric = 'AVAILABILITY')
),
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
  SELECT w.k,
         (u.outage - mt.excluded - xw.spans) * w.covered::tstzmultirange * tstzmultirange(tstzrange(w.wstart, w.wend)) AS outage,
         (u.degraded - u.outage - mt.excluded - xw.spans) * w.covered::tstzmultirange * tstzmultirange(tstzrange(w.wstart, w.wend)) AS degraded
  FROM win w JOIN maintenance mt ON mt.k = w.k CROSS JOIN unions u CROSS JOIN excluded_windows xw
),
win_slices AS (
  SELECT * FROM unnest($7::int[], $19::int[], $20::numeric[], $21::numeric[]) AS s(k, slice, target, weight) WHERE s.slice IS NOT NULL
),
-- The slices (epoch grid) that hold some downtime of their window.
slice_candidates AS (
  SELECT DISTINCT j.k, n
  FROM judged j JOIN win_slices ws ON ws.k = j.k
  CROSS JOIN LATERAL unnest(j.outage + j.degraded) r
  CROSS JOIN LATERAL generate_series(floor(extract(epoch FROM lower(r)) / ws.slice)::bigint, ceil(extract(epoch FROM upper(r)) / ws.slice)::bigint - 1) n
),
slice_figures AS (
  SELECT c.k, ws.target,
         ${msOf('j.outage * tstzmultirange(s.sr)')} + ws.weight / 100 * ${msOf('j.degraded * tstzmultirange(s.sr)')} AS bad_ms,
         ${msOf('w.covered::tstzmultirange * tstzmultirange(s.sr)')} AS covered_ms
  FROM slice_candidates c JOIN judged j ON j.k = c.k JOIN win_slices ws ON ws.k = c.k JOIN win w ON w.k = c.k
  CROSS JOIN LATERAL (SELECT tstzrange(to_timestamp(c.n * ws.slice), to_timestamp((c.n + 1) * ws.slice)) AS sr) s
  WHERE lower(s.sr) >= w.wstart AND upper(s.sr) <= least(w.wend, $5::timestamptz)
),
bad_slices AS (
  SELECT k, count(*) FILTER (WHERE (covered_ms - bad_ms) * 100 < target * covered_ms)::int AS bad FROM slice_figures GROUP BY k
)
SELECT
  judged.k,
  ${msOf('judged.outage')}::bigint AS outage_ms,
  ${msOf('judged.degraded')}::bigint AS degraded_ms,
  coalesce(bad_slices.bad, 0)::int AS bad_slices,
  ${MAINTENANCE_COLUMNS}
FROM judged JOIN maint_report ON maint_report.k = judged.k LEFT JOIN bad_slices ON bad_slices.k = judged.k`;

/** Milliseconds in a tstzmultirange (SQL expression). */
function msOf(multirange: string): string {
  return `coalesce((SELECT sum(extract(epoch FROM upper(r) - lower(r)) * 1000) FROM unnest(${multirange}) r), 0)`;
}

/**
 * Clocks of incidents in scope that started in one of the periods ($7 starts, $8 ends; key: the
 * period's position, from 1) and were judged against this agreement's objectives ($6: their ids),
 * one row per clock: the incident, metric, state, the priority whose target gave the verdict
 * (sla_clock.judged_priority: not the incident's priority of today, which a later change may have
 * moved), and the objective it was judged against (sla_clock.judged_objective_id; null for clocks
 * planned before it was stored). $3 and $4 bound all the periods; $5: one customer or null.
 * Which clocks count is written here once: clockCountsSql counts these rows, and a what-if replay
 * reads them one by one to judge them again against the replayed revision's targets.
 */
export const countedClocksSql = (namesCustomer: boolean) => `
SELECT p.k::int AS k, i.id AS incident_id, c.metric, c.judged_priority AS priority, c.judged_objective_id AS objective_id, c.state
FROM (${incidentsInScopeSql(namesCustomer, `i.started_at >= $3 AND i.started_at < $4 AND ${inCustomerScopeSql('i.customer_id', '$5')}`, 'i.id, i.started_at')}) i
JOIN unnest($7::timestamptz[], $8::timestamptz[]) WITH ORDINALITY AS p(s, e, k) ON i.started_at >= p.s AND i.started_at < p.e
JOIN sla_clock c ON c.incident_id = i.id
WHERE c.objective_ids && $6::uuid[]
  AND NOT ${excludedByCorrectionSql('c.metric', 'c.judged_priority', { incident: 'i.id', instant: 'i.started_at' })}`;

/**
 * The clocks of countedClocksSql, met and breached, per period, metric, judged priority and
 * objective (countClocks in period-figures.ts counts the same way in JavaScript). Same parameters.
 */
export const clockCountsSql = (namesCustomer: boolean) => `
SELECT c.k, c.metric, c.priority, c.objective_id,
       count(*) FILTER (WHERE c.state = 'MET')::int AS met,
       count(*) FILTER (WHERE c.state = 'BREACHED')::int AS breached,
       coalesce(array_agg(c.incident_id) FILTER (WHERE c.state = 'BREACHED'), '{}') AS breached_incidents
FROM (${countedClocksSql(namesCustomer)}) c
GROUP BY c.k, c.metric, c.priority, c.objective_id`;

/**
 * The same counts for a supporting agreement (OLA, underpinning contract; $1): the clocks of its
 * party (supporting_clock) judged against its objectives ($6), on the incidents that started in
 * the periods, whoever they belong to (it covers no customer: its clocks are on the incidents its
 * party held). Same parameters as clockCountsSql.
 */
export const SUPPORTING_CLOCK_COUNTS_SQL = `
SELECT p.k::int AS k, c.metric, c.judged_priority AS priority,
       count(*) FILTER (WHERE c.state = 'MET')::int AS met,
       count(*) FILTER (WHERE c.state = 'BREACHED')::int AS breached,
       coalesce(array_agg(i.id) FILTER (WHERE c.state = 'BREACHED'), '{}') AS breached_incidents
FROM supporting_clock c
JOIN incident i ON i.id = c.incident_id AND i.provider_id = $2 AND i.started_at >= $3 AND i.started_at < $4 AND ${inCustomerScopeSql('i.customer_id', '$5')}
JOIN unnest($7::timestamptz[], $8::timestamptz[]) WITH ORDINALITY AS p(s, e, k) ON i.started_at >= p.s AND i.started_at < p.e
WHERE c.agreement_id = $1 AND c.objective_ids && $6::uuid[]
GROUP BY p.k, c.metric, c.judged_priority`;

/**
 * "A measurement `m` that counts for agreement $2 (provider $1)": of the ratio objectives of any of
 * its revisions, and not within a time window an effective correction excludes from RATIO (or from all).
 */
const COUNTED_RATIO_MEASUREMENT = `m.provider_id = $1
  AND m.objective_id IN (SELECT o.id FROM objective o JOIN agreement_revision r ON r.id = o.revision_id WHERE r.agreement_id = $2 AND o.metric = 'RATIO')
  AND NOT EXISTS (SELECT 1 FROM correction x WHERE x.agreement_id = $2 AND x.status = 'EFFECTIVE' AND x.kind = 'EXCLUDE_WINDOW'
                  AND m.at >= x.window_start AND m.at < x.window_end AND (x.metric IS NULL OR x.metric = 'RATIO'))`;

/**
 * Good and total events of the ratio objectives of all the agreement's revisions ($2, provider $1),
 * less those within time windows an effective correction excludes from RATIO (or from all), per period ($3 starts, $4 ends; key: the period's position, from 1; $5 and $6 bound them all),
 * and of those the events that came from the period's monitor ($7: the monitor the judging terms name, or null), by the measurement's `source`.
 */
export const RATIO_SQL = `
SELECT p.k::int AS k, sum(m.good)::bigint AS good, sum(m.total)::bigint AS total,
       coalesce(sum(m.total) FILTER (WHERE m.source = p.monitor), 0)::bigint AS monitored
FROM measurement m
JOIN unnest($3::timestamptz[], $4::timestamptz[], $7::text[]) WITH ORDINALITY AS p(s, e, monitor, k) ON m.at >= p.s AND m.at < p.e
WHERE m.at >= $5 AND m.at < $6 AND ${COUNTED_RATIO_MEASUREMENT}
GROUP BY p.k`;

/**
 * Time slices of ratio objectives (TIMESLICES): per window ($3 starts, $4 ends, $5 slice lengths in
 * seconds, $6 slice targets in percent; key: the window's position, from 1; $7 and $8 bound them
 * all; $9 now), the slices that have data and how many of them are good. The measurements that
 * count (as for RATIO_SQL) are grouped by slice of the epoch grid (objective-window.ts); a slice is
 * good when good * 100 >= target * total, exactly (at the target is good); a slice without
 * measurements is not judged; only whole slices inside the window that have ended count.
 */
export const RATIO_SLICES_SQL = `
WITH p AS (SELECT * FROM unnest($3::timestamptz[], $4::timestamptz[], $5::int[], $6::numeric[]) WITH ORDINALITY AS p(s, e, slice, target, k)),
sliced AS (
  SELECT p.k, floor(extract(epoch FROM m.at) / p.slice)::bigint AS n, sum(m.good) AS good, sum(m.total) AS total
  FROM measurement m JOIN p ON m.at >= p.s AND m.at < p.e
  WHERE m.at >= $7 AND m.at < $8 AND ${COUNTED_RATIO_MEASUREMENT}
  GROUP BY p.k, n
)
SELECT sliced.k::int AS k, count(*)::int AS slices, count(*) FILTER (WHERE sliced.good * 100 >= p.target * sliced.total)::int AS good_slices
FROM sliced JOIN p ON p.k = sliced.k
WHERE to_timestamp(sliced.n * p.slice) >= p.s AND to_timestamp((sliced.n + 1) * p.slice) <= least(p.e, $9::timestamptz)
GROUP BY sliced.k`;
