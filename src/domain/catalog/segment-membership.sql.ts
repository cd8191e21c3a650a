/**
 * SQL predicate: customer `c` is a member of segment `s`. A customer is a member when it is
 * pinned in (INCLUDE), or matches any of the segment's rules, and is not excluded (EXCLUDE).
 * A rule matches when every attribute it lists holds one of the listed values (industries
 * compare case-insensitively). Archived customers are members of nothing.
 */
export function segmentMembershipSql(s: string, c: string): string {
  const listed = (key: string, value: string) =>
    `(NOT jsonb_exists(r.rule, '${key}') OR jsonb_exists(r.rule -> '${key}', ${value}))`;
  return `(
    ${c}.archived_at IS NULL
    AND NOT EXISTS (SELECT 1 FROM segment_pin px WHERE px.segment_id = ${s}.id AND px.customer_id = ${c}.id AND px.kind = 'EXCLUDE')
    AND (
      EXISTS (SELECT 1 FROM segment_pin pi WHERE pi.segment_id = ${s}.id AND pi.customer_id = ${c}.id AND pi.kind = 'INCLUDE')
      OR EXISTS (
        SELECT 1 FROM jsonb_array_elements(${s}.rules) AS r(rule)
        WHERE ${listed('sizeBands', `${c}.size_band`)}
          AND ${listed('regions', `${c}.region`)}
          AND ${listed('tiers', `${c}.tier`)}
          AND ${listed('countries', `${c}.country::text`)}
          AND (NOT jsonb_exists(r.rule, 'industries')
               OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(r.rule -> 'industries') AS i(name) WHERE lower(i.name) = lower(${c}.industry)))
      )
    )
  )`;
}
