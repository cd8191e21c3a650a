/**
 * The survey responses of a period for agreement $2 (provider $1): those of the SATISFACTION
 * objectives of all its revisions (as ratio measurements are read), in [$3, $4). Returns the
 * number of responses, the sum of their scores and how many scored at least $5 (satisfied).
 */
export const SATISFACTION_SQL = `
SELECT count(*)::int AS responses, coalesce(sum(r.score), 0)::bigint AS score_sum, (count(*) FILTER (WHERE r.score >= $5))::int AS satisfied
FROM survey_response r
WHERE r.provider_id = $1 AND r.at >= $3 AND r.at < $4
  AND r.objective_id IN (SELECT o.id FROM objective o JOIN agreement_revision v ON v.id = o.revision_id WHERE v.agreement_id = $2 AND o.metric = 'SATISFACTION')`;
