/**
 * The survey responses of each period for agreement $2 (provider $1): those of the SATISFACTION
 * objectives of all its revisions (as ratio measurements are read), less those in time windows an
 * effective correction excludes from SATISFACTION (or from all), in the periods ($3 starts, $4
 * ends; key: the period's position, from 1). Returns per period with responses the number of
 * responses, the sum of their scores and how many scored at least $5 (satisfied).
 */
export const SATISFACTION_SQL = `
SELECT p.k::int AS k, count(*)::int AS responses, coalesce(sum(r.score), 0)::bigint AS score_sum, (count(*) FILTER (WHERE r.score >= $5))::int AS satisfied
FROM unnest($3::timestamptz[], $4::timestamptz[]) WITH ORDINALITY AS p(s, e, k)
JOIN survey_response r ON r.provider_id = $1 AND r.at >= p.s AND r.at < p.e
  AND r.objective_id IN (SELECT o.id FROM objective o JOIN agreement_revision v ON v.id = o.revision_id WHERE v.agreement_id = $2 AND o.metric = 'SATISFACTION')
  AND NOT EXISTS (SELECT 1 FROM correction x WHERE x.agreement_id = $2 AND x.status = 'EFFECTIVE' AND x.kind = 'EXCLUDE_WINDOW'
                  AND r.at >= x.window_start AND r.at < x.window_end AND (x.metric IS NULL OR x.metric = 'SATISFACTION'))
GROUP BY p.k`;
