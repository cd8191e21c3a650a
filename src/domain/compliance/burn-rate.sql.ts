/**
 * The SQL of burn-rate alerts: the episodes (burn_alert), which agreements a change of data may set
 * burning, and which need an evaluation at start. The figures of a window (downtime, ratio events)
 * are read by the error budget's own statements (period-figures.ts), so a burn rate counts exactly
 * what the budget counts.
 */

/** One episode as stored. Decimals as strings; a null burn rate is infinite (a 100% target). */
export interface BurnAlertRow {
  id: string;
  providerId: string;
  agreementId: string;
  customerId: string | null;
  revisionId: string;
  objectiveId: string;
  pairKey: string;
  budgetPercent: string;
  longWindowSeconds: number;
  shortWindowSeconds: number;
  threshold: string;
  periodStart: Date;
  periodEnd: Date;
  startedAt: Date;
  longBurnRate: string | null;
  shortBurnRate: string | null;
  resolvedAt: Date | null;
  resolvedShortBurnRate: string | null;
}

export const BURN_ALERT_COLUMNS = `b.id, b.provider_id AS "providerId", b.agreement_id AS "agreementId", b.customer_id AS "customerId", b.revision_id AS "revisionId",
  b.objective_id AS "objectiveId", b.pair_key AS "pairKey", b.budget_percent::text AS "budgetPercent", b.long_window_seconds AS "longWindowSeconds",
  b.short_window_seconds AS "shortWindowSeconds", b.threshold::text AS threshold, b.period_start AS "periodStart", b.period_end AS "periodEnd",
  b.started_at AS "startedAt", b.long_burn_rate::text AS "longBurnRate", b.short_burn_rate::text AS "shortBurnRate", b.resolved_at AS "resolvedAt",
  b.resolved_short_burn_rate::text AS "resolvedShortBurnRate"`;

/** Rows as pg returns them, with numbers and instants in their types (the embedded driver may give strings). */
export function burnAlertOf(r: Record<string, unknown>): BurnAlertRow {
  const date = (v: unknown) => (v == null ? null : v instanceof Date ? v : new Date(String(v)));
  return {
    ...(r as unknown as BurnAlertRow),
    longWindowSeconds: Number(r.longWindowSeconds),
    shortWindowSeconds: Number(r.shortWindowSeconds),
    periodStart: date(r.periodStart)!,
    periodEnd: date(r.periodEnd)!,
    startedAt: date(r.startedAt)!,
    resolvedAt: date(r.resolvedAt),
  };
}

/**
 * The rows a statement returned: TypeORM answers an UPDATE ... RETURNING with [rows, count] on
 * PostgreSQL, an INSERT ... RETURNING with the rows.
 */
export function returnedRows(result: unknown): Record<string, unknown>[] {
  const list = result as unknown[];
  return (Array.isArray(list[0]) ? list[0] : list) as Record<string, unknown>[];
}

/**
 * Opens an episode unless one is open for the objective and pair (the unique index): returns the
 * row when this call opened it, nothing otherwise. Parameters in column order.
 */
export const OPEN_EPISODE_SQL = `
INSERT INTO burn_alert AS b (provider_id, agreement_id, customer_id, revision_id, objective_id, pair_key, budget_percent, long_window_seconds,
  short_window_seconds, threshold, period_start, period_end, started_at, long_burn_rate, short_burn_rate)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
ON CONFLICT (objective_id, pair_key) WHERE resolved_at IS NULL DO NOTHING
RETURNING ${BURN_ALERT_COLUMNS}`;

/** Resolves an open episode ($1) at $2 with the short window's rate $3; returns it when this call resolved it. */
export const RESOLVE_EPISODE_SQL = `
UPDATE burn_alert b SET resolved_at = $2, resolved_short_burn_rate = $3 WHERE b.id = $1 AND b.resolved_at IS NULL
RETURNING ${BURN_ALERT_COLUMNS}`;

/** The open episodes of agreement $1. */
export const OPEN_EPISODES_SQL = `SELECT ${BURN_ALERT_COLUMNS} FROM burn_alert b WHERE b.agreement_id = $1 AND b.resolved_at IS NULL ORDER BY b.started_at, b.id`;

/**
 * An incident with an impact is active now ($2) on one of agreement $1's services: downtime may be
 * accruing (perhaps outside business hours, so not counted yet), and the agreement is evaluated again.
 */
export const IMPACT_ONGOING_SQL = `
SELECT EXISTS (
  SELECT 1 FROM incident i
  WHERE i.provider_id = (SELECT a.provider_id FROM agreement a WHERE a.id = $1)
    AND i.service_id IN (SELECT s.service_id FROM agreement_service s WHERE s.agreement_id = $1)
    AND i.resolved_at IS NULL AND i.impact <> 'NONE' AND i.started_at <= $2
) AS ongoing`;

/**
 * The ACTIVE agreements of provider $1 that data of services $2 or objectives $3 (either may be
 * null) may set burning: those with one of the services, or the agreement of one of the
 * objectives. Whether an incident is covered by each is for the evaluation (it reads as the budget does).
 */
export const AFFECTED_AGREEMENTS_SQL = `
SELECT a.id FROM agreement a
WHERE a.provider_id = $1 AND a.status = 'ACTIVE' AND (
  ($2::uuid[] IS NOT NULL AND EXISTS (SELECT 1 FROM agreement_service s WHERE s.agreement_id = a.id AND s.service_id = ANY ($2::uuid[])))
  OR ($3::uuid[] IS NOT NULL AND a.id IN (SELECT r.agreement_id FROM agreement_revision r JOIN objective o ON o.revision_id = r.id WHERE o.id = ANY ($3::uuid[])))
)
ORDER BY a.id`;

/**
 * At start: the agreements to evaluate, whose chained evaluations may have been lost: every one
 * with an open episode, and every ACTIVE one with an incident of impact still unresolved on one of
 * its services, or ratio measurements within the last $1 (the longest short window of any policy).
 */
export const AGREEMENTS_TO_CATCH_UP_SQL = `
SELECT DISTINCT b.agreement_id AS id FROM burn_alert b WHERE b.resolved_at IS NULL
UNION
SELECT a.id FROM agreement a
WHERE a.status = 'ACTIVE' AND (
  EXISTS (SELECT 1 FROM agreement_service s JOIN incident i ON i.provider_id = a.provider_id AND i.service_id = s.service_id
          WHERE s.agreement_id = a.id AND i.resolved_at IS NULL AND i.impact <> 'NONE')
  OR EXISTS (SELECT 1 FROM measurement m JOIN objective o ON o.id = m.objective_id JOIN agreement_revision r ON r.id = o.revision_id
             WHERE r.agreement_id = a.id AND m.provider_id = a.provider_id AND m.at >= $1)
)`;
