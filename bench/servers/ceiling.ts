import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Pool, type PoolClient } from 'pg';

/**
 * The ceiling: a plain node:http server answering each workload with ONE hand-written SQL
 * statement whose JSON PostgreSQL builds (json_agg / json_build_object) and that is sent on as
 * text. No GraphQL, no validation, no authorisation beyond the provider id, no ORM.
 * Env: DATABASE_URL, PORT, DB_POOL_MAX, PROVIDER_ID. GET /stats gives the statements sent.
 */

const PROVIDER = process.env.PROVIDER_ID as string;
let statements = 0;
// The session settings ours uses (no JIT compilation), so that only the SQL differs.
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_MAX ?? 10), options: '-c jit=off' });
pool.on('connect', (client: PoolClient) => {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    statements += 1;
    return query(...args);
  };
});

const W0 = `SELECT json_build_object('id', a.id, 'kind', a.kind, 'level', a.level, 'status', a.status, 'createdAt', a.created_at, 'version', a.version)::text AS json
FROM agreement a WHERE a.id = $1 AND a.provider_id = $2`;

const W1 = `SELECT coalesce(json_agg(json_build_object(
  'id', a.id, 'status', a.status,
  'customer', (SELECT json_build_object('id', c.id, 'name', c.name) FROM customer c WHERE c.id = a.customer_id),
  'services', (SELECT coalesce(json_agg(json_build_object('id', s.id, 'code', s.code, 'name', s.name) ORDER BY s.code), '[]')
               FROM agreement_service x JOIN service s ON s.id = x.service_id WHERE x.agreement_id = a.id),
  'currentRevision', (SELECT json_build_object('number', r.number, 'state', r.state, 'effectiveFrom', r.effective_from,
                        'objectives', (SELECT json_agg(json_build_object('metric', o.metric, 'priority', o.priority, 'target', o.target, 'targetSeconds', o.target_seconds) ORDER BY o.position)
                                       FROM objective o WHERE o.revision_id = r.id))
                      FROM agreement_revision r
                      WHERE r.agreement_id = a.id AND r.state IN ('APPROVED', 'ACTIVE', 'SUPERSEDED') AND r.effective_from <= now() AND (r.effective_to IS NULL OR r.effective_to > now())
                      ORDER BY r.effective_from DESC LIMIT 1),
  'incidents', (SELECT coalesce(json_agg(json_build_object('id', i.id, 'title', i.title, 'priority', i.priority, 'status', i.status, 'startedAt', i.started_at) ORDER BY i.started_at DESC, i.id DESC), '[]')
                FROM (SELECT * FROM incident i WHERE i.provider_id = a.provider_id AND i.agreement_id = a.id ORDER BY i.started_at DESC, i.id DESC LIMIT 10) i)
) ORDER BY a.created_at DESC, a.id DESC), '[]')::text AS json
FROM (SELECT * FROM agreement WHERE provider_id = $2 ORDER BY created_at DESC, id DESC LIMIT $1) a`;

const W2 = `SELECT coalesce(json_agg(json_build_object(
  'number', r.number, 'state', r.state, 'effectiveFrom', r.effective_from, 'effectiveTo', r.effective_to, 'basedOnId', r.based_on_id, 'terms', r.terms,
  'objectives', (SELECT json_agg(json_build_object('metric', o.metric, 'priority', o.priority, 'target', o.target, 'targetSeconds', o.target_seconds) ORDER BY o.position)
                 FROM objective o WHERE o.revision_id = r.id)
) ORDER BY r.number), '[]')::text AS json
FROM agreement_revision r WHERE r.agreement_id = $1 AND r.provider_id = $2`;

/**
 * Compliance per calendar month of one agreement: for the revision in force at each month's end,
 * availability attained (outage time from the incidents' timelines, each instant counted once)
 * and the first-response / resolution clocks met and breached, per objective.
 * $1 agreement, $2 provider, $3 from, $4 to (whole UTC months).
 */
const W3 = `WITH a AS MATERIALIZED (SELECT * FROM agreement WHERE id = $1 AND provider_id = $2),
months AS (SELECT m AS start, m + interval '1 month' AS "end" FROM generate_series($3::timestamptz, $4::timestamptz - interval '1 month', interval '1 month') m),
-- Incidents of the agreement's customer (or all) and services that were open at some time in the window:
-- every active span of an incident lies between its start and its last resolution.
scope AS MATERIALIZED (
  SELECT i.id, i.started_at, i.priority, i.impact FROM a JOIN incident i ON i.provider_id = $2 AND i.customer_id = a.customer_id
  WHERE coalesce(i.resolved_at, 'infinity'::timestamptz) > $3 AND i.started_at < $4
    AND i.service_id IN (SELECT s.service_id FROM agreement_service s WHERE s.agreement_id = $1)
  UNION ALL
  SELECT i.id, i.started_at, i.priority, i.impact FROM a JOIN incident i ON i.provider_id = $2 AND a.customer_id IS NULL
  WHERE coalesce(i.resolved_at, 'infinity'::timestamptz) > $3 AND i.started_at < $4
    AND i.service_id IN (SELECT s.service_id FROM agreement_service s WHERE s.agreement_id = $1)
),
-- Incidents that had an impact at some time (the others cannot count as downtime).
impacted AS MATERIALIZED (
  SELECT id FROM scope i WHERE i.impact <> 'NONE' OR EXISTS (SELECT 1 FROM incident_event x WHERE x.incident_id = i.id AND x.type = 'IMPACT_CHANGED')
),
steps AS (
  SELECT e.incident_id, e.at, e.id, e.impact,
         CASE WHEN e.type = 'REPORTED' THEN 1 WHEN e.to_status IN ('RESOLVED', 'CLOSED') THEN 0 WHEN e.type = 'STATUS_CHANGED' THEN 1 END AS active
  FROM incident_event e
  WHERE e.incident_id = ANY (ARRAY(SELECT id FROM impacted)) AND e.type IN ('REPORTED', 'IMPACT_CHANGED', 'STATUS_CHANGED')
),
carried AS (
  SELECT incident_id, at, lead(at) OVER w AS next_at,
         (array_agg(impact) FILTER (WHERE impact IS NOT NULL) OVER w)[count(impact) OVER w] AS impact,
         (array_agg(active) FILTER (WHERE active IS NOT NULL) OVER w)[count(active) OVER w] AS active
  FROM steps WINDOW w AS (PARTITION BY incident_id ORDER BY at, id)
),
outage AS MATERIALIZED (
  SELECT coalesce(range_agg(tstzrange(at, coalesce(next_at, now()))), '{}') AS spans FROM carried
  WHERE impact = 'OUTAGE' AND active = 1 AND at < coalesce(next_at, now())
),
outage_ms AS (
  SELECT m.start, (SELECT coalesce(sum(extract(epoch FROM upper(x) - lower(x)) * 1000), 0)::bigint FROM unnest(outage.spans * tstzmultirange(tstzrange(m.start, m."end"))) x) AS ms
  FROM months m, outage
),
objectives AS (
  SELECT m.start, m."end", o.position, o.metric, o.priority
  FROM months m
  CROSS JOIN LATERAL (
    SELECT r.id FROM agreement_revision r
    WHERE r.agreement_id = $1 AND r.state IN ('APPROVED', 'ACTIVE', 'SUPERSEDED') AND r.effective_from <= m."end" - interval '1 millisecond'
      AND (r.effective_to IS NULL OR r.effective_to > m."end" - interval '1 millisecond')
  ) r
  JOIN objective o ON o.revision_id = r.id
),
clocks AS (
  SELECT date_trunc('month', scope.started_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS start, c.metric, c.judged_priority AS priority,
         count(*) FILTER (WHERE c.state = 'MET') AS met, count(*) FILTER (WHERE c.state = 'BREACHED') AS breached
  FROM sla_clock c JOIN scope ON scope.id = c.incident_id
  WHERE c.incident_id = ANY (ARRAY(SELECT id FROM scope WHERE started_at >= $3)) AND c.objective_ids && ARRAY(SELECT o.id FROM objective o JOIN agreement_revision r ON r.id = o.revision_id WHERE r.agreement_id = $1)
  GROUP BY 1, 2, 3
)
SELECT coalesce(json_agg(json_build_object('start', p.start, 'end', p."end", 'objectives', p.objectives) ORDER BY p.start), '[]')::text AS json
FROM (
  SELECT o.start, o."end", json_agg(json_build_object(
    'metric', o.metric, 'priority', o.priority,
    'attainedPercent', CASE WHEN o.metric = 'AVAILABILITY' THEN round(100 - 100 * d.ms / (extract(epoch FROM o."end" - o.start) * 1000), 4) END,
    'clocksMet', coalesce(k.met, 0), 'clocksBreached', coalesce(k.breached, 0)
  ) ORDER BY o.position) AS objectives
  FROM objectives o
  JOIN outage_ms d ON d.start = o.start
  LEFT JOIN clocks k ON k.start = o.start AND k.metric = o.metric AND k.priority IS NOT DISTINCT FROM o.priority
  GROUP BY o.start, o."end"
) p`;

/** One statement: the idempotency key (first answer wins), the incident pinned to the revision in force, its REPORTED event. */
const W4 = `WITH k AS (
  INSERT INTO idempotency_key (provider_id, operation, key, request_hash, result_id, expires_at)
  VALUES ($1, 'incidentReport:ceiling', $2, md5($3::text), gen_random_uuid(), now() + interval '1 day')
  ON CONFLICT (provider_id, operation, key) DO NOTHING RETURNING result_id
), input AS (SELECT ($3::jsonb) AS j),
pin AS (
  SELECT r.agreement_id, r.id AS revision_id FROM input, agreement a
  JOIN agreement_service s ON s.agreement_id = a.id
  JOIN agreement_revision r ON r.agreement_id = a.id AND r.state IN ('APPROVED', 'ACTIVE', 'SUPERSEDED')
  WHERE a.provider_id = $1 AND a.customer_id = (j->>'customer')::uuid AND s.service_id = (j->>'service')::uuid
    AND r.effective_from <= (j->>'startedAt')::timestamptz AND (r.effective_to IS NULL OR r.effective_to > (j->>'startedAt')::timestamptz)
  LIMIT 1
), ins AS (
  INSERT INTO incident (id, provider_id, customer_id, service_id, agreement_id, revision_id, priority, impact, status, title, started_at, last_event_at, reporter_kind, reporter_id, reporter_name)
  SELECT k.result_id, $1, (j->>'customer')::uuid, (j->>'service')::uuid, pin.agreement_id, pin.revision_id, j->>'priority', j->>'impact', 'OPEN', j->>'title',
         (j->>'startedAt')::timestamptz, (j->>'startedAt')::timestamptz, 'API_KEY', 'ceiling', 'Ceiling'
  FROM k CROSS JOIN input LEFT JOIN pin ON true
  RETURNING *
), ev AS (
  INSERT INTO incident_event (provider_id, incident_id, type, at, to_status, priority, impact, actor_kind, actor_id, actor_name)
  SELECT provider_id, id, 'REPORTED', started_at, 'OPEN', priority, impact, 'API_KEY', 'ceiling', 'Ceiling' FROM ins
)
SELECT json_build_object('replayed', false, 'incident', json_build_object('id', id, 'customerId', customer_id, 'serviceId', service_id, 'agreementId', agreement_id,
         'title', title, 'priority', priority, 'impact', impact, 'status', status, 'startedAt', started_at))::text AS json FROM ins
UNION ALL
SELECT json_build_object('replayed', true, 'incident', json_build_object('id', i.id, 'customerId', i.customer_id, 'serviceId', i.service_id, 'agreementId', i.agreement_id,
         'title', i.title, 'priority', i.priority, 'impact', i.impact, 'status', i.status, 'startedAt', i.started_at))::text
FROM idempotency_key x JOIN incident i ON i.id = x.result_id
WHERE NOT EXISTS (SELECT 1 FROM k) AND x.provider_id = $1 AND x.operation = 'incidentReport:ceiling' AND x.key = $2`;

async function answer(sql: string, params: unknown[], res: ServerResponse): Promise<void> {
  const { rows } = await pool.query<{ json: string }>(sql, params);
  const body = rows[0]?.json ?? 'null';
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const q = (name: string) => url.searchParams.get(name);
  const route = async () => {
    switch (url.pathname) {
      case '/stats':
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ statements }));
      case '/w0':
        return answer(W0, [q('id'), PROVIDER], res);
      case '/w1':
        return answer(W1, [Number(q('first')), PROVIDER], res);
      case '/w2':
        return answer(W2, [q('id'), PROVIDER], res);
      case '/w3':
        return answer(W3, [q('id'), PROVIDER, q('from'), q('to')], res);
      case '/w4': {
        const input = JSON.parse(await readBody(req)) as { idempotencyKey: string };
        return answer(W4, [PROVIDER, input.idempotencyKey, JSON.stringify(input)], res);
      }
      default:
        res.writeHead(404);
        return res.end();
    }
  };
  route().catch((error: unknown) => {
    console.error(error);
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(String(error));
  });
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log(`ceiling listening on ${process.env.PORT}`));
const stop = () => {
  server.close();
  void pool.end().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
