/**
 * SQL fragments of the downtime statement (downtime.sql.ts) for announced maintenance, and its
 * parameters: $1 agreement, $2 provider, $3 window start, $4 window end, $5 now, $7 notice
 * seconds (null: the terms excuse no maintenance), $9 the monthly cap in seconds (null: no cap),
 * $10 and $11 the starts and ends of the calendar months (provider's time zone) of the window.
 *
 * The rule: maintenance of the agreement's services announced at least the notice before it
 * starts is excused, in time order, until the month's cap is used up; the rest of it counts as
 * downtime like any other time. Overlapping windows count once (their union is what is used up);
 * a window across a month boundary uses each month's cap for its share of that month; a window
 * announced too late is not excused at all and uses up nothing. The cap counts wall-clock time.
 *
 * `maintenance.excluded` is what is excused (taken out of downtime); `maint_report` has the
 * figures of the elapsed part of the window ([$3, min($4, now))) for the report.
 */
export const MAINTENANCE_CTES = `
maint_windows AS (
  SELECT m.id, tstzrange(m.starts_at, m.ends_at) AS span,
         coalesce(m.announced_at <= m.starts_at - make_interval(secs => $7::double precision), false) AS noticed
  FROM maintenance_window m
  WHERE m.provider_id = $2 AND m.cancelled_at IS NULL
    AND m.service_id IN (SELECT s.service_id FROM agreement_service s WHERE s.agreement_id = $1)
    AND m.starts_at < $4 AND m.ends_at > $3
),
maint_pieces AS (
  -- Each month's maintenance announced in time, overlapping windows once: disjoint pieces in time order.
  SELECT mo.month, p AS piece, extract(epoch FROM upper(p) - lower(p))::double precision AS secs
  FROM (SELECT tstzrange(x.s, x.e) AS month FROM unnest($10::timestamptz[], $11::timestamptz[]) AS x(s, e)) mo
  CROSS JOIN LATERAL unnest((SELECT range_agg(w.span * mo.month) FROM maint_windows w WHERE w.noticed AND w.span && mo.month)) p
),
maint_used AS (
  SELECT piece, secs,
         coalesce(sum(secs) OVER (PARTITION BY month ORDER BY lower(piece) ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS used
  FROM maint_pieces
),
maintenance AS (
  SELECT coalesce(range_agg(CASE WHEN $9::double precision IS NULL OR used + secs <= $9::double precision THEN piece
                                 ELSE tstzrange(lower(piece), lower(piece) + make_interval(secs => $9::double precision - used)) END)
                    FILTER (WHERE $9::double precision IS NULL OR used < $9::double precision), '{}'::tstzmultirange) AS excluded,
         coalesce(range_agg(piece), '{}'::tstzmultirange) AS noticed
  FROM maint_used
),
maint_report AS (
  SELECT excluded * elapsed AS excused, (noticed - excluded) * elapsed AS over_cap,
         (SELECT count(*) FROM maint_windows w WHERE w.noticed AND tstzmultirange(w.span) * elapsed <> '{}') AS windows,
         (SELECT count(*) FROM maint_windows w WHERE w.noticed AND (tstzmultirange(w.span) * elapsed) - excluded <> '{}') AS windows_over_cap,
         (SELECT count(*) FROM maint_windows w WHERE NOT w.noticed AND tstzmultirange(w.span) * elapsed <> '{}') AS windows_without_notice
  FROM maintenance, (SELECT tstzmultirange(tstzrange($3, greatest($3, least($4, $5::timestamptz)))) AS elapsed) e
)`;

const ms = (multirange: string) => `coalesce((SELECT sum(extract(epoch FROM upper(r) - lower(r)) * 1000) FROM unnest(${multirange}) r), 0)::bigint`;

/** The report's maintenance figures, selected from `maint_report`. */
export const MAINTENANCE_COLUMNS = `
  ${ms('maint_report.excused')} AS maintenance_excused_ms,
  ${ms('maint_report.over_cap')} AS maintenance_over_cap_ms,
  maint_report.windows::int AS maintenance_windows,
  maint_report.windows_over_cap::int AS maintenance_windows_over_cap,
  maint_report.windows_without_notice::int AS maintenance_windows_without_notice`;
