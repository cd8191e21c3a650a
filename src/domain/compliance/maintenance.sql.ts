/**
 * SQL fragments of the downtime statement (downtime.sql.ts) for announced maintenance, judged for
 * every window of `win` (k, wstart, wend, notice, cap) at once: $1 agreement, $2 provider, $3 the
 * first window's start, $4 the last window's end, $5 now; a window's notice in seconds (null: its
 * terms excuse no maintenance) and monthly cap in seconds (null: no cap); `win_months` (k, s, e):
 * the calendar months (provider's time zone) of each window; $16, $17, $18: starts, ends and
 * announcement times of the occurrences of recurring maintenance of the agreement's services in
 * [$3, $4) (expanded from their rules: one window each, judged exactly like a one-off window).
 *
 * The rule: maintenance of the agreement's services announced at least the notice before it
 * starts is excused, in time order, until the month's cap is used up; the rest of it counts as
 * downtime like any other time. Overlapping windows count once (their union is what is used up);
 * a window across a month boundary uses each month's cap for its share of that month; a window
 * announced too late is not excused at all and uses up nothing. The cap counts wall-clock time.
 * Each report window counts the maintenance windows that overlap it.
 *
 * `maintenance.excluded` is what is excused in window k (taken out of downtime); `maint_report`
 * has the figures of the elapsed part of each window ([wstart, min(wend, now))) for the report.
 */
export const MAINTENANCE_CTES = `
maint_all AS (
  SELECT m.starts_at, m.ends_at, m.announced_at, tstzrange(m.starts_at, m.ends_at) AS span
  FROM maintenance_window m
  WHERE m.provider_id = $2 AND m.cancelled_at IS NULL
    AND m.service_id IN (SELECT s.service_id FROM agreement_service s WHERE s.agreement_id = $1)
    AND m.starts_at < $4 AND m.ends_at > $3
  UNION ALL
  -- Occurrences of recurring maintenance, expanded for this span (maintenance-occurrences.ts): each one a window.
  SELECT o.s, o.e, o.a, tstzrange(o.s, o.e)
  FROM unnest($16::timestamptz[], $17::timestamptz[], $18::timestamptz[]) AS o(s, e, a)
),
maint_windows AS (
  SELECT w.k, a.span,
         coalesce(a.announced_at <= a.starts_at - make_interval(secs => w.notice), false) AS noticed
  FROM win w JOIN maint_all a ON a.starts_at < w.wend AND a.ends_at > w.wstart
),
maint_pieces AS (
  -- Each month's maintenance announced in time, overlapping windows once: disjoint pieces in time order.
  SELECT mo.k, mo.month, p AS piece, extract(epoch FROM upper(p) - lower(p))::double precision AS secs
  FROM win_months mo
  CROSS JOIN LATERAL unnest((SELECT range_agg(w.span * mo.month) FROM maint_windows w WHERE w.k = mo.k AND w.noticed AND w.span && mo.month)) p
),
maint_used AS (
  SELECT k, piece, secs,
         coalesce(sum(secs) OVER (PARTITION BY k, month ORDER BY lower(piece) ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS used
  FROM maint_pieces
),
maintenance AS (
  SELECT w.k,
         coalesce(range_agg(CASE WHEN w.cap IS NULL OR u.used + u.secs <= w.cap THEN u.piece
                                 ELSE tstzrange(lower(u.piece), lower(u.piece) + make_interval(secs => w.cap - u.used)) END)
                    FILTER (WHERE w.cap IS NULL OR u.used < w.cap), '{}'::tstzmultirange) AS excluded,
         coalesce(range_agg(u.piece), '{}'::tstzmultirange) AS noticed
  FROM win w LEFT JOIN maint_used u ON u.k = w.k
  GROUP BY w.k
),
maint_report AS (
  SELECT mt.k, mt.excluded * e.elapsed AS excused, (mt.noticed - mt.excluded) * e.elapsed AS over_cap,
         (SELECT count(*) FROM maint_windows x WHERE x.k = mt.k AND x.noticed AND tstzmultirange(x.span) * e.elapsed <> '{}') AS windows,
         (SELECT count(*) FROM maint_windows x WHERE x.k = mt.k AND x.noticed AND (tstzmultirange(x.span) * e.elapsed) - mt.excluded <> '{}') AS windows_over_cap,
         (SELECT count(*) FROM maint_windows x WHERE x.k = mt.k AND NOT x.noticed AND tstzmultirange(x.span) * e.elapsed <> '{}') AS windows_without_notice
  FROM maintenance mt
  JOIN (SELECT k, tstzmultirange(tstzrange(wstart, greatest(wstart, least(wend, $5::timestamptz)))) AS elapsed FROM win) e ON e.k = mt.k
)`;

const ms = (multirange: string) => `coalesce((SELECT sum(extract(epoch FROM upper(r) - lower(r)) * 1000) FROM unnest(${multirange}) r), 0)::bigint`;

/** The report's maintenance figures, selected from `maint_report`. */
export const MAINTENANCE_COLUMNS = `
  ${ms('maint_report.excused')} AS maintenance_excused_ms,
  ${ms('maint_report.over_cap')} AS maintenance_over_cap_ms,
  maint_report.windows::int AS maintenance_windows,
  maint_report.windows_over_cap::int AS maintenance_windows_over_cap,
  maint_report.windows_without_notice::int AS maintenance_windows_without_notice`;
