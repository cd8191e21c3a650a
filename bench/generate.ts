import { type Client } from 'pg';
import { type ObjectiveTerms, type RevisionTerms } from '../src/domain/agreements/terms';

/**
 * Benchmark data, generated inside PostgreSQL with INSERT ... SELECT over generate_series.
 * Deterministic: every id and every "random" choice is an md5 of the row number (no random(),
 * no gen_random_uuid()), so the same scale gives the same rows on any machine. Times are laid
 * out relative to `anchor` (the start of the current UTC month), so the last 12 whole months hold
 * the incidents and the compliance report of those months is final.
 *
 * Rows are written as the product writes them and in an order its guards accept (no trigger is
 * disabled): revisions are inserted as DRAFT, their objectives added, then moved on to
 * SUPERSEDED / ACTIVE (a DRAFT may change freely; at most one DRAFT per agreement at a time).
 */
export interface Scale {
  customers: number;
  agreements: number;
  incidents: number;
  services: number;
}

export function scaleOf(fraction: number): Scale {
  const customers = Math.max(2, Math.round(2000 * fraction));
  return { customers, agreements: customers * 5, incidents: Math.max(50, Math.round(1_000_000 * fraction)), services: 20 };
}

export const PROVIDER_ID = uuidSql('provider');
/** Fixed ids of generated rows, as SQL expressions and as JS strings. */
export function uuidSql(seed: string): string {
  return `md5('${seed}')::uuid`;
}

/** A uniform number in [0, 1) from the row number `n` and a salt. */
const u = (salt: string, n = 'n') => `(('x' || substr(md5('${salt}' || ${n}::text), 1, 8))::bit(32)::bigint / 4294967296.0)`;

function terms(k: number): RevisionTerms {
  return {
    title: `Service levels, revision ${k}`,
    description: 'Generated for the benchmark.',
    scopeOfServices: 'Operation, monitoring and support of the services listed in this agreement.',
    responsibilities: [
      { party: 'PROVIDER', text: 'Operate the services around the clock.' },
      { party: 'CUSTOMER', text: 'Name two technical contacts.' },
    ],
    measurement: { method: 'Synthetic checks every 60 s.', dataSource: 'THIRD_PARTY_MONITOR' },
    reporting: { frequency: 'MONTHLY', recipients: ['reports@example.com'] },
    creditPolicy: {
      currency: 'EUR',
      periodFee: `${10000 + 500 * k}.00`,
      tiers: [
        { below: 99.9, creditPercent: 10 },
        { below: 99.0, creditPercent: 25 + 5 * k },
      ],
      perBreach: [{ metric: 'FIRST_RESPONSE_TIME', priority: 'P1', creditPercent: 2 }],
      monthlyCapPercent: 50,
      terminationAfterConsecutiveBreaches: 3,
    },
    exclusions: { maintenanceWindows: [{ name: 'Sunday patching', description: 'Sundays 02:00-06:00', noticePeriod: 'P5D', maxPerMonth: 'PT8H' }], forceMajeure: 'As in the master agreement.' },
    escalationPolicy: { levels: [{ level: 1, name: 'On-call engineer', notifyRoles: ['ACCOUNT_MANAGER'], notifyUsers: [], after: 'PT30M' }] },
    reviewCadence: k === 3 ? 'MONTHLY' : 'QUARTERLY',
    disputeResolution: 'Steering committee, then mediation.',
    changeProcedure: 'Amendments are signed by both parties.',
  } as unknown as RevisionTerms;
}

/** Five objectives per revision; targets tighten from revision to revision, so diffs have content. */
export function objectivesOf(k: number): Pick<ObjectiveTerms, 'metric' | 'priority' | 'name' | 'comparator' | 'target' | 'targetSeconds'>[] {
  return [
    { metric: 'AVAILABILITY', priority: null, name: 'Availability', comparator: 'AT_LEAST', target: 99.5 + 0.1 * k, targetSeconds: null },
    { metric: 'FIRST_RESPONSE_TIME', priority: 'P1', name: 'First response P1', comparator: 'AT_MOST', target: null, targetSeconds: 4200 - 600 * k },
    { metric: 'FIRST_RESPONSE_TIME', priority: 'P2', name: 'First response P2', comparator: 'AT_MOST', target: null, targetSeconds: 7200 },
    { metric: 'RESOLUTION_TIME', priority: 'P1', name: 'Resolution P1', comparator: 'AT_MOST', target: null, targetSeconds: 36000 - 3600 * k },
    { metric: 'RESOLUTION_TIME', priority: 'P2', name: 'Resolution P2', comparator: 'AT_MOST', target: null, targetSeconds: 57600 },
  ] as never;
}

/** When revision k (1..3) takes effect, relative to the anchor; revision 3 is in force now. */
const REVISION_FROM = ['', "anchor - interval '13 months'", "anchor - interval '8 months'", "anchor - interval '4 months'"];

export interface Generated {
  anchor: Date;
  scale: Scale;
  /** Wall time of each step, ms. */
  steps: Record<string, number>;
}

/**
 * Writes the data set into an empty, migrated database. The corporate agreement covers every
 * customer and service: its compliance report for a month runs over all the provider's incidents.
 */
export async function generate(db: Client, scale: Scale, log: (line: string) => void): Promise<Generated> {
  const steps: Record<string, number> = {};
  const step = async (name: string, sql: string) => {
    const started = Date.now();
    await db.query(sql);
    steps[name] = Date.now() - started;
    log(`  ${name}: ${steps[name]} ms`);
  };
  await db.query('SET max_parallel_workers_per_gather = 0');
  const { rows } = await db.query<{ anchor: Date }>(`SELECT date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS anchor`);
  const anchor = rows[0].anchor;
  await db.query(`CREATE TEMP TABLE bench_params AS SELECT $1::timestamptz AS anchor`, [anchor]);
  await db.query('CREATE TEMP TABLE bench_terms (k integer PRIMARY KEY, terms jsonb NOT NULL)');
  for (let k = 1; k <= 3; k++) await db.query('INSERT INTO bench_terms VALUES ($1, $2::jsonb)', [k, JSON.stringify(terms(k))]);
  const A = scale.agreements;
  const C = scale.customers;
  const S = scale.services;
  const P = PROVIDER_ID;

  await step(
    'catalog',
    `INSERT INTO provider (id, slug, name, time_zone) VALUES (${P}, 'bench', 'Bench Provider', 'UTC');
     INSERT INTO service (id, provider_id, code, name, category)
       SELECT md5('s' || n)::uuid, ${P}, 'SVC' || lpad(n::text, 2, '0'), 'Service ' || n, 'Managed' FROM generate_series(1, ${S}) n;
     INSERT INTO customer (id, provider_id, name, size_band, industry, region, tier, country, time_zone, created_at)
       SELECT md5('c' || n)::uuid, ${P}, 'Customer ' || lpad(n::text, 6, '0'),
              (ARRAY['MICRO','SMALL','MEDIUM','LARGE','ENTERPRISE'])[1 + n % 5], 'Industry ' || (n % 7),
              (ARRAY['NORTH_AMERICA','LATIN_AMERICA','EUROPE','MIDDLE_EAST_AFRICA','ASIA_PACIFIC'])[1 + n % 5],
              (ARRAY['STANDARD','SILVER','GOLD','PLATINUM'])[1 + n % 4], 'DE', 'Europe/Berlin',
              (SELECT anchor FROM bench_params) - interval '15 months' + n * interval '1 second'
       FROM generate_series(1, ${C}) n`,
  );

  // Agreement n covers customer ((n-1) % C) + 1 and two services no other agreement of that customer has.
  await step(
    'agreements',
    `INSERT INTO agreement (id, provider_id, kind, level, customer_id, status, created_by, created_at, updated_at)
       SELECT md5('a' || n)::uuid, ${P}, 'CUSTOMER_BASED', 'CUSTOMER', md5('c' || (1 + (n - 1) % ${C}))::uuid, 'ACTIVE', 'bench',
              b.anchor - interval '14 months' + n * interval '1 second', b.anchor - interval '14 months' + n * interval '1 second'
       FROM generate_series(1, ${A}) n, bench_params b;
     INSERT INTO agreement_service (provider_id, agreement_id, service_id)
       SELECT ${P}, md5('a' || n)::uuid, md5('s' || (1 + (2 * ((n - 1) / ${C}) + j + (n - 1) % ${C}) % ${S}))::uuid
       FROM generate_series(1, ${A}) n, generate_series(0, 1) j;
     INSERT INTO agreement (id, provider_id, kind, level, status, created_by, created_at, updated_at)
       SELECT ${uuidSql('corporate')}, ${P}, 'MULTI_LEVEL', 'CORPORATE', 'ACTIVE', 'bench', anchor - interval '14 months' - interval '1 day', anchor - interval '14 months'
       FROM bench_params;
     INSERT INTO agreement_service (provider_id, agreement_id, service_id)
       SELECT ${P}, ${uuidSql('corporate')}, md5('s' || n)::uuid FROM generate_series(1, ${S}) n`,
  );

  // Revisions 1..3 of each customer agreement, one number at a time (DRAFT, objectives, then its final state).
  for (let k = 1; k <= 3; k++) {
    const to = k < 3 ? REVISION_FROM[k + 1] : 'NULL';
    const objectiveRows = objectivesOf(k)
      .map(
        (o, position) =>
          `(${position}, '${o.metric}', ${o.priority ? `'${o.priority}'` : 'NULL'}, '${o.name}', '${o.comparator}', ${o.target ?? 'NULL'}, ${o.targetSeconds ?? 'NULL'})`,
      )
      .join(', ');
    await step(
      `revisions ${k}`,
      `INSERT INTO agreement_revision (id, provider_id, agreement_id, number, state, terms, effective_from, effective_to, based_on_id, created_by, created_at, updated_at)
         SELECT md5('r' || n || '-${k}')::uuid, ${P}, md5('a' || n)::uuid, ${k}, 'DRAFT', (SELECT terms FROM bench_terms WHERE k = ${k}), ${REVISION_FROM[k]}, ${to},
                ${k > 1 ? `md5('r' || n || '-${k - 1}')::uuid` : 'NULL'}, 'bench', ${REVISION_FROM[k]} - interval '20 days', ${REVISION_FROM[k]} - interval '20 days'
         FROM generate_series(1, ${A}) n, bench_params;
       INSERT INTO objective (id, provider_id, revision_id, position, metric, priority, name, comparator, target, target_seconds, window_kind)
         SELECT md5('o' || n || '-${k}-' || o.position)::uuid, ${P}, md5('r' || n || '-${k}')::uuid, o.position, o.metric, o.priority, o.name, o.comparator, o.target, o.target_seconds, 'CALENDAR_MONTH'
         FROM generate_series(1, ${A}) n, (VALUES ${objectiveRows}) AS o(position, metric, priority, name, comparator, target, target_seconds);
       UPDATE agreement_revision r SET state = '${k < 3 ? 'SUPERSEDED' : 'ACTIVE'}',
              proposed_at = r.created_at + interval '1 day', approved_at = r.created_at + interval '2 days', activated_at = r.effective_from,
              closed_at = ${k < 3 ? 'r.effective_to' : 'NULL'}
         WHERE r.provider_id = ${P} AND r.number = ${k} AND r.state = 'DRAFT'`,
    );
  }
  await step(
    'corporate revision',
    `INSERT INTO agreement_revision (id, provider_id, agreement_id, number, state, terms, effective_from, created_by, created_at, updated_at)
       SELECT ${uuidSql('corporate-r1')}, ${P}, ${uuidSql('corporate')}, 1, 'DRAFT', (SELECT terms FROM bench_terms WHERE k = 1), anchor - interval '14 months', 'bench', anchor - interval '15 months', anchor - interval '15 months' FROM bench_params;
     INSERT INTO objective (id, provider_id, revision_id, position, metric, priority, name, comparator, target, target_seconds, window_kind)
       VALUES (${uuidSql('corporate-o1')}, ${P}, ${uuidSql('corporate-r1')}, 0, 'AVAILABILITY', NULL, 'Availability', 'AT_LEAST', 99.0, NULL, 'CALENDAR_MONTH');
     UPDATE agreement_revision SET state = 'ACTIVE', proposed_at = created_at, approved_at = created_at, activated_at = effective_from WHERE id = ${uuidSql('corporate-r1')}`,
  );

  // The incident tables are loaded with foreign-key triggers off (session_replication_role =
  // replica skips them): checking four foreign keys per row would make the load of a million
  // incidents take minutes, and the rows are built from the ids above, so every reference holds.
  // The product's own guards on these tables fire on UPDATE/DELETE only. Back on right after.
  await db.query('SET session_replication_role = replica');
  // Incidents over the last 12 whole months, in time order (as they arrive), pinned to the
  // revision in force when they started. P1 and P2 only: both have time objectives.
  await step(
    'incidents',
    `INSERT INTO incident (id, provider_id, customer_id, service_id, agreement_id, revision_id, priority, impact, status, title,
                           started_at, acknowledged_at, resolved_at, last_event_at, reporter_kind, reporter_id, reporter_name, created_at, updated_at)
     SELECT id, ${P}, customer_id, service_id, agreement_id,
            md5('r' || a || '-' || CASE WHEN started_at < anchor - interval '8 months' THEN 1 WHEN started_at < anchor - interval '4 months' THEN 2 ELSE 3 END)::uuid,
            priority, impact, 'RESOLVED', 'Incident ' || n, started_at, acknowledged_at, resolved_at, resolved_at,
            'API_KEY', 'bench-integration', 'Bench integration', started_at, resolved_at
     FROM (
       SELECT n, a, anchor, md5('i' || n)::uuid AS id, md5('a' || a)::uuid AS agreement_id,
              md5('c' || (1 + (a - 1) % ${C}))::uuid AS customer_id,
              md5('s' || (1 + (2 * ((a - 1) / ${C}) + (CASE WHEN ${u('svc')} < 0.5 THEN 0 ELSE 1 END) + (a - 1) % ${C}) % ${S}))::uuid AS service_id,
              CASE WHEN ${u('prio')} < 0.3 THEN 'P1' ELSE 'P2' END AS priority,
              CASE WHEN ${u('imp')} < 0.1 THEN 'OUTAGE' WHEN ${u('imp')} < 0.3 THEN 'DEGRADED' ELSE 'NONE' END AS impact,
              date_trunc('milliseconds', started_at) AS started_at,
              date_trunc('milliseconds', started_at + ${u('ack')} * interval '2 hours') AS acknowledged_at,
              -- Resolved after it was acknowledged, as the lifecycle requires.
              date_trunc('milliseconds', started_at + greatest(${u('ack')} * interval '2 hours', interval '5 minutes' + ${u('res')} * interval '16 hours') + interval '1 second') AS resolved_at
       FROM (
         SELECT n, 1 + floor(${u('agr')} * ${A})::int AS a, b.anchor,
                b.anchor - interval '12 months' + ${u('start')} * (b.anchor - (b.anchor - interval '12 months')) AS started_at
         FROM generate_series(1, ${scale.incidents}) n, bench_params b
       ) x
     ) y
     ORDER BY started_at, id`,
  );
  await step(
    'incident events',
    `INSERT INTO incident_event (provider_id, incident_id, type, at, from_status, to_status, priority, impact, actor_kind, actor_id, actor_name, recorded_at)
     SELECT provider_id, id, e.type, e.at, e.from_status, e.to_status, e.priority, e.impact, 'API_KEY', 'bench-integration', 'Bench integration', e.at
     FROM incident i, LATERAL (VALUES
       ('REPORTED', i.started_at, NULL, 'OPEN', i.priority, i.impact),
       ('STATUS_CHANGED', i.acknowledged_at, 'OPEN', 'ACKNOWLEDGED', NULL, NULL),
       ('STATUS_CHANGED', i.resolved_at, 'ACKNOWLEDGED', 'RESOLVED', NULL, NULL)
     ) AS e(type, at, from_status, to_status, priority, impact)
     WHERE i.provider_id = ${P}
     ORDER BY i.started_at, i.id, e.at`,
  );
  // The clocks the product computed when each incident was resolved: first response (stopped by
  // the acknowledgement) and resolution, judged against the objectives of the pinned revision.
  await step(
    'sla clocks',
    `INSERT INTO sla_clock (provider_id, incident_id, metric, objective_ids, judged_priority, state, due_at, warn_at, breached_at, warning_recorded, breach_recorded, computed_at)
     SELECT i.provider_id, i.id, m.metric, ids.objective_ids, i.priority,
            CASE WHEN m.done <= i.started_at + t.target THEN 'MET' ELSE 'BREACHED' END,
            i.started_at + t.target, i.started_at + t.target * 0.75,
            CASE WHEN m.done > i.started_at + t.target THEN i.started_at + t.target END,
            m.done > i.started_at + t.target * 0.75, m.done > i.started_at + t.target, i.resolved_at
     FROM incident i
     CROSS JOIN LATERAL (VALUES ('FIRST_RESPONSE_TIME', i.acknowledged_at), ('RESOLUTION_TIME', i.resolved_at)) AS m(metric, done)
     CROSS JOIN LATERAL (SELECT make_interval(secs => o.target_seconds) AS target FROM objective o WHERE o.revision_id = i.revision_id AND o.metric = m.metric AND o.priority = i.priority) t
     CROSS JOIN LATERAL (SELECT array_agg(o.id ORDER BY o.position) AS objective_ids FROM objective o WHERE o.revision_id = i.revision_id AND o.metric = m.metric) ids
     WHERE i.provider_id = ${P}
     ORDER BY i.started_at, i.id, m.metric`,
  );
  await db.query('SET session_replication_role = DEFAULT');
  // Vacuum too: otherwise the first runs pay for setting hint bits and autovacuum works beside them.
  await step('vacuum analyze', 'VACUUM (ANALYZE)');
  return { anchor, scale, steps };
}
