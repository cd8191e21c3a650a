import { Brackets, In } from 'typeorm';
import { actorLabel } from '../../common/actor';
import { type FieldPath, NotFoundError, StaleVersionError, throwIfAny, UserError } from '../../common/errors';
import { IncidentEventEntity, type IncidentEventType } from '../../db/entities/incident-event.entity';
import { IncidentEntity, type IncidentImpact, type IncidentStatus } from '../../db/entities/incident.entity';
import { type RequestContext } from '../../context/request-context';
import { flushGathered } from '../../context/before-commit';
import { CombinedWrite } from '../../context/combined-write';
import { withTransaction } from '../../context/transaction';
import { publish } from '../events/domain-events';
import { raiseEvent } from '../events/event.service';
import { tellPastDataChanged } from '../compliance/compliance.domain-events';
import { tellBurnDataChanged } from '../compliance/burn-alert.service';
import { requireRole } from '../shared/access';
import { customerScope, inCustomerScopeSql } from '../shared/customer-scope';
import { rethrowUnique, violatedUniqueConstraint } from '../shared/db-errors';
import { nestedPages } from '../shared/nested-pages';
import { type NestedRead, PlannedColumns } from '../shared/planned-read';
import { decodeCursor, encodeCursor, type KeysetOrder, type Page, type PageRequest, pageSize, paginate } from '../shared/pagination';
import { randomUUID } from 'node:crypto';
import { type AgreementEntity } from '../../db/entities/agreement.entity';
import { type CustomerEntity } from '../../db/entities/customer.entity';
import { type ServiceEntity } from '../../db/entities/service.entity';
import { clockPlans, clocksAt, clockTimeline, timeObjectivesInForce } from './clock-plan';
import { idempotencyExpiry, idempotencyKeyReused, requestHash as requestHashOf } from './idempotency';
import { IncidentReported, IncidentResolved } from './incident.domain-events';
import { incidentChanged, type IncidentChanges, incidentReported } from './incident-events';
import { clockEventRecord, clockEventRecorded, planBasis, refreshClocks } from './incident-clocks.service';
import { addReportWrites, IDEMPOTENCY_KEY_TAKEN, type NewIncidentEvent, readReport, type ReportReading } from './incident-report.store';
import { IncidentRoles } from './incident-roles';
import { type IncidentTarget, nextStatus } from './incident-lifecycle';
import { statusByKey } from './incident-status.service';

export interface IncidentReportInput {
  customerId: string;
  serviceId: string;
  priority: string;
  impact: IncidentImpact;
  title: string;
  description?: string | null;
  startedAt: Date;
  externalId?: string | null;
  idempotencyKey?: string | null;
  /** What objectives' conditions look at (with impact and the customer's attributes). */
  category?: string | null;
  channel?: string | null;
}

export interface IncidentFilter {
  customerId?: string | null;
  serviceId?: string | null;
  agreementId?: string | null;
  statuses?: IncidentStatus[] | null;
  priorities?: string[] | null;
  startedFrom?: Date | null;
  startedBefore?: Date | null;
  externalId?: string | null;
  search?: string | null;
}

const ORDER: KeysetOrder<IncidentEntity> = { column: 'startedAt', direction: 'DESC', value: (i) => i.startedAt };

function visibleIncidents(ctx: RequestContext) {
  const actor = requireRole(ctx, IncidentRoles.read);
  const qb = ctx.em.getRepository(IncidentEntity).createQueryBuilder('i').where('i.providerId = :providerId', { providerId: actor.providerId });
  qb.andWhere(inCustomerScopeSql('i.customerId', ':onlyCustomer'), { onlyCustomer: customerScope(actor) });
  return qb;
}

export async function findByIds(ctx: RequestContext, ids: readonly string[]): Promise<IncidentEntity[]> {
  if (ids.length === 0) return [];
  return visibleIncidents(ctx).andWhere('i.id IN (:...ids)', { ids }).getMany();
}

export async function list(ctx: RequestContext, filter: IncidentFilter, page: PageRequest): Promise<Page<IncidentEntity>> {
  const qb = visibleIncidents(ctx);
  if (filter.customerId) qb.andWhere('i.customerId = :customerId', { customerId: filter.customerId });
  if (filter.serviceId) qb.andWhere('i.serviceId = :serviceId', { serviceId: filter.serviceId });
  if (filter.agreementId) qb.andWhere('i.agreementId = :agreementId', { agreementId: filter.agreementId });
  if (filter.statuses?.length) qb.andWhere('i.status IN (:...statuses)', { statuses: filter.statuses });
  if (filter.priorities?.length) qb.andWhere('i.priority IN (:...priorities)', { priorities: filter.priorities });
  if (filter.startedFrom) qb.andWhere('i.startedAt >= :from', { from: filter.startedFrom });
  if (filter.startedBefore) qb.andWhere('i.startedAt < :before', { before: filter.startedBefore });
  if (filter.externalId) qb.andWhere('i.externalId = :externalId', { externalId: filter.externalId });
  if (filter.search) {
    const term = `%${filter.search.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    qb.andWhere(new Brackets((w) => w.where('i.title ILIKE :term', { term }).orWhere('i.externalId ILIKE :term', { term })));
  }
  return paginate(qb, ORDER, page);
}

/**
 * The timeline of each incident, a page each, in time order. Customer users do not see the
 * warnings and breaches of supporting parties' clocks (the provider's teams and suppliers).
 */
export async function eventsOf(ctx: RequestContext, incidentIds: readonly string[], page: PageRequest): Promise<Map<string, Page<IncidentEventEntity & { id: string }>>> {
  return nestedPages(
    ctx,
    incidentIds,
    {
      orderKey: 'incident-events:at',
      direction: 'ASC',
      pairsSql: `SELECT e.incident_id AS parent_id, e.id::text AS child_id,
                   to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') || lpad(e.id::text, 19, '0') AS sort_value
                 FROM incident_event e WHERE e.incident_id = ANY($1::uuid[]) AND (CAST($2 AS uuid) IS NULL OR e.data->'supportingParty' IS NULL)`,
      params: [customerScope(ctx.caller)],
      load: async (ids) => (ids.length ? (await ctx.em.getRepository(IncidentEventEntity).findBy({ id: In(ids) })).map((e) => ({ ...e, id: String(e.id) })) : []),
    },
    page,
  );
}

/** Every column of an incident, named as the entity's properties: rows read raw, without entity hydration. */
const INCIDENT_COLUMNS = `i.id, i.provider_id AS "providerId", i.customer_id AS "customerId", i.service_id AS "serviceId", i.agreement_id AS "agreementId",
  i.revision_id AS "revisionId", i.priority, i.impact, i.status, i.title, i.description, i.started_at AS "startedAt", i.acknowledged_at AS "acknowledgedAt",
  i.resolved_at AS "resolvedAt", i.closed_at AS "closedAt", i.last_event_at AS "lastEventAt", i.external_id AS "externalId", i.reporter_kind AS "reporterKind",
  i.reporter_id AS "reporterId", i.reporter_name AS "reporterName", i.version, i.created_at AS "createdAt", i.updated_at AS "updatedAt",
  i.status_key AS "statusKey", i.category, i.channel`;
const AGREEMENT_INCIDENTS_ORDER = 'agreement-incidents:startedAt';

/** SQL: the incidents of agreement `agreement` (a column) the caller may see, a page of `first` + 1 after the cursor, latest started first (alias i). */
function agreementIncidentsSql(agreement: string, provider: string, scope: string, first: number, after: [string, string] | null, columns: string): string {
  const afterSql = after ? `AND (i.started_at, i.id) < (CAST(${after[0]} AS timestamptz), CAST(${after[1]} AS uuid))` : '';
  return `SELECT ${columns} FROM incident i WHERE i.provider_id = ${provider} AND i.agreement_id = ${agreement} AND ${inCustomerScopeSql('i.customer_id', scope)} ${afterSql}
          ORDER BY i.started_at DESC, i.id DESC LIMIT ${first + 1}`;
}

/** One page of each agreement's incidents from its first + 1 rows, latest started first; totalCount from `countAll` (one statement for all). */
function agreementIncidentsPage(mine: IncidentEntity[], first: number, page: PageRequest, count: () => Promise<number>): Page<IncidentEntity> {
  const kept = mine.slice(0, first);
  let cursors: string[] | null = null;
  return {
    nodes: kept,
    get cursors() {
      return (cursors ??= kept.map((i) => encodeCursor(AGREEMENT_INCIDENTS_ORDER, i.startedAt, i.id)));
    },
    hasNextPage: mine.length > first,
    hasPreviousPage: Boolean(page.after),
    totalCount: count,
  };
}

/** How many incidents of each agreement the caller may see: one statement. */
function countAgreementIncidents(ctx: RequestContext, agreementIds: readonly string[], providerId: string, scope: string | null): Promise<Map<string, number>> {
  return ctx.em
    .query(`SELECT i.agreement_id AS id, count(*) AS n FROM incident i WHERE i.provider_id = $2 AND i.agreement_id = ANY($1::uuid[]) AND ${inCustomerScopeSql('i.customer_id', '$3')} GROUP BY 1`, [
      agreementIds,
      providerId,
      scope,
    ])
    .then((r: { id: string; n: string }[]) => new Map(r.map((x) => [x.id, Number(x.n)])));
}

/**
 * The incidents pinned to each agreement, a page each, latest started first (as `list`): one
 * statement whatever the number of agreements, reading first + 1 rows of each down the
 * (provider, agreement, started) index.
 */
export async function ofAgreements(ctx: RequestContext, agreementIds: readonly string[], page: PageRequest): Promise<Map<string, Page<IncidentEntity>>> {
  const actor = requireRole(ctx, IncidentRoles.read);
  const first = pageSize(page);
  const params: unknown[] = [agreementIds, actor.providerId, customerScope(actor)];
  let after: [string, string] | null = null;
  if (page.after) {
    const [value, id] = decodeCursor(page.after, AGREEMENT_INCIDENTS_ORDER);
    params.push(String(value), id);
    after = ['$4', '$5'];
  }
  const rows: (IncidentEntity & { parentId: string })[] = await ctx.em.query(
    `SELECT p.id AS "parentId", i.* FROM unnest($1::uuid[]) AS p(id) CROSS JOIN LATERAL (${agreementIncidentsSql('p.id', '$2', '$3', first, after, INCIDENT_COLUMNS)}) i`,
    params,
  );
  let counts: Promise<Map<string, number>> | null = null;
  const countAll = () => (counts ??= countAgreementIncidents(ctx, agreementIds, actor.providerId, customerScope(actor)));
  const pages = new Map<string, Page<IncidentEntity>>();
  const byParent = new Map<string, IncidentEntity[]>(agreementIds.map((id) => [id, []]));
  for (const { parentId, ...row } of rows) byParent.get(parentId)?.push(row as IncidentEntity);
  for (const [parentId, mine] of byParent) pages.set(parentId, agreementIncidentsPage(mine, first, page, async () => (await countAll()).get(parentId) ?? 0));
  return pages;
}

/**
 * The same pages as `ofAgreements`, as a part of a planned read of agreements (agreement-reads.ts):
 * a subquery per agreement row, selecting the properties `props` of each incident as JSON.
 * totalCount, when asked, is one statement for every agreement the plan read.
 */
export function agreementIncidentsRead(ctx: RequestContext, page: PageRequest, props: readonly string[] | 'all'): NestedRead<Page<IncidentEntity>> {
  const actor = requireRole(ctx, IncidentRoles.read);
  const first = pageSize(page);
  const after = page.after ? decodeCursor(page.after, AGREEMENT_INCIDENTS_ORDER) : null;
  const columns = PlannedColumns.of(ctx.em, IncidentEntity);
  const picked = columns.pick(props, ['id', 'startedAt']);
  const parents: string[] = [];
  let counts: Promise<Map<string, number>> | null = null;
  const countAll = () => (counts ??= countAgreementIncidents(ctx, parents, actor.providerId, customerScope(actor)));
  return {
    sql: (parent, params) => {
      const afterParams: [string, string] | null = after ? [params.add(String(after[0])), params.add(after[1])] : null;
      const inner = agreementIncidentsSql(`${parent}.id`, params.add(actor.providerId), params.add(customerScope(actor)), first, afterParams, `${columns.jsonSql('i', picked)} AS j, i.started_at, i.id`);
      return `(SELECT coalesce(json_agg(x.j ORDER BY x.started_at DESC, x.id DESC), '[]') FROM (${inner}) x)`;
    },
    decode: (json, parentId) => {
      parents.push(parentId);
      const mine = (json as Record<string, unknown>[]).map((r) => columns.decode(r));
      return agreementIncidentsPage(mine, first, page, async () => (await countAll()).get(parentId) ?? 0);
    },
  };
}

async function record(tx: RequestContext, incident: IncidentEntity, type: IncidentEventType, at: Date, fields: Partial<IncidentEventEntity> = {}): Promise<IncidentEventEntity> {
  const actor = tx.caller;
  const repo = tx.em.getRepository(IncidentEventEntity);
  return repo.save(repo.create({ providerId: incident.providerId, incidentId: incident.id, type, at, actorKind: actor.kind, actorId: actor.id, actorName: actor.name, data: {}, ...fields }));
}

/** The rules of a report that need no database (fields relative to `at`). */
export function reportProblems(input: Pick<IncidentReportInput, 'startedAt'>, now: Date, at: FieldPath = []): UserError[] {
  return input.startedAt.getTime() > now.getTime() ? [new UserError('INVALID_INPUT', 'startedAt cannot be in the future.', [...at, 'startedAt'])] : [];
}

/** What a report answers: the incident, whether it was a replay, and the rows the report read that the answer may show. */
export interface ReportResult {
  incident: IncidentEntity;
  replayed: boolean;
  /**
   * The incident's customer, service and agreement as the report read them, for answering
   * without reading them again; only for a caller who sees every customer of the provider
   * (the rows were read by provider, not through the caller's customer scope).
   */
  seen: { customer: CustomerEntity | null; service: ServiceEntity | null; agreement: AgreementEntity | null } | null;
}

/**
 * Records an incident reported by a partner or a provider user. The agreement and revision in
 * force for its customer and service when it started are found (most specific level) and pinned
 * to it: later amendments never change how it is judged. Not covered: recorded all the same.
 * Safe to retry with the same idempotencyKey: the same input returns the first answer and creates
 * nothing; other input with the key is IDEMPOTENCY_KEY_REUSED.
 *
 * One statement reads everything (checks, the key, the revisions in force with their objectives,
 * calendars and escalation policies); a replay is answered from it. Otherwise the clocks are planned
 * from it (pure), and in the transaction one statement writes key, incident, events, clocks, the
 * public events it raised with their webhook deliveries, and their announcement.
 */
export async function report(ctx: RequestContext, input: IncidentReportInput): Promise<ReportResult> {
  const actor = requireRole(ctx, IncidentRoles.write);
  const now = ctx.now;
  throwIfAny(reportProblems(input, now));
  const providerId = actor.providerId;
  // Keys are the caller's own: two integrations may use the same counter without colliding.
  const operation = `incidentReport:${actor.id}`;
  const requestHash = input.idempotencyKey ? requestHashOf({ ...input, idempotencyKey: undefined }) : null;
  const seesEveryCustomer = customerScope(actor) === null;
  const query = {
    providerId,
    customerId: input.customerId,
    serviceId: input.serviceId,
    startedAt: input.startedAt,
    reporterId: actor.id,
    externalId: input.externalId || null,
    operation,
    key: input.idempotencyKey || null,
  };
  const replay = (read: ReportReading, first: { requestHash: string; incident: IncidentEntity | null }): ReportResult => {
    if (first.requestHash !== requestHash) throw idempotencyKeyReused();
    const incident = first.incident;
    if (!incident) throw new Error('An idempotency key of incidentReport names no incident.');
    const agreement = read.sources.find((s) => s.agreement_id === incident.agreementId)?.agreement ?? null;
    return { incident, replayed: true, seen: seesEveryCustomer ? { customer: read.customer, service: read.service, agreement } : null };
  };
  // On PostgreSQL the report reads before its transaction starts: under READ COMMITTED a statement
  // sees what was committed when it started, inside a transaction or not, and the read takes no
  // lock; a replay is then answered by that one statement, with no transaction. On the embedded
  // database (one session that every caller shares) it reads inside, where no other transaction is half done.
  const early = ctx.db.embedded || ctx.inTransaction ? null : await readReport(ctx, query);
  if (early?.first) return replay(early, early.first);
  // The checks, the new incident and its clocks, from what was read: no I/O.
  const plan = (read: ReportReading) => {
    if (!read.customer) throw new NotFoundError('The customer', ['customerId']);
    if (!read.service) throw new NotFoundError('The service', ['serviceId']);
    if (read.sameExternalId) {
      throw new UserError('ALREADY_EXISTS', 'You already reported an incident with this externalId; find it with incidents(filter: { externalId }).', ['externalId']);
    }
    const [pinned] = read.sources;
    const incident = ctx.em.getRepository(IncidentEntity).create({
      id: randomUUID(),
      providerId,
      customerId: input.customerId,
      serviceId: input.serviceId,
      agreementId: pinned?.agreement_id ?? null,
      revisionId: pinned?.revision_id ?? null,
      priority: input.priority,
      impact: input.impact,
      status: 'OPEN',
      statusKey: null,
      category: input.category?.trim() || null,
      channel: input.channel?.trim() || null,
      title: input.title.trim(),
      description: input.description?.trim() ?? '',
      startedAt: input.startedAt,
      acknowledgedAt: null,
      resolvedAt: null,
      closedAt: null,
      lastEventAt: input.startedAt,
      externalId: input.externalId ?? null,
      reporterKind: actor.kind,
      reporterId: actor.id,
      reporterName: actorLabel(actor),
    });
    // The clocks, planned from what was read (pure): the time objectives in force at its start,
    // pinned to its clocks, and its timeline so far (the REPORTED event).
    const reported: NewIncidentEvent = {
      type: 'REPORTED',
      at: input.startedAt,
      fromStatus: null,
      toStatus: 'OPEN',
      priority: input.priority,
      impact: input.impact,
      note: null,
      actorKind: actor.kind,
      actorId: actor.id,
      actorName: actor.name,
      data: {},
    };
    const objectives = pinned ? timeObjectivesInForce(read.sources, read.sources.flatMap((s) => s.objectives)) : [];
    const timeline = clockTimeline([{ ...reported, id: '0' } as IncidentEventEntity]);
    // The objectives chosen for its facts, and the pause rules of the revision that judges it.
    const plans = clockPlans(objectives, read.calendars, timeline.initialPriority, planBasis(incident, read.customer, pinned ? { pauseRules: pinned.pauseRules } : null));
    const { rows: clocks, due } = clocksAt(incident, plans, timeline, new Map(), now);
    return { incident, events: [reported, ...due.map((d) => clockEventRecord(ctx.actor, d))], clocks, due, pinned };
  };
  // Everything but the writes is done before the transaction starts (on PostgreSQL), so that it holds its connection for the writes only.
  const planned = early && plan(early);
  const recorded = withTransaction(ctx, async (tx): Promise<ReportResult> => {
    const read = early ?? (await readReport(tx, query));
    if (read.first) return replay(read, read.first);
    const { incident, events, clocks, due, pinned } = planned ?? plan(read);
    const write = new CombinedWrite();
    addReportWrites(
      write,
      incident,
      events,
      clocks,
      input.idempotencyKey ? { operation, key: input.idempotencyKey, requestHash: requestHash!, expiresAt: idempotencyExpiry(now) } : null,
    );
    const send = () =>
      flushGathered(tx, write).catch((error: unknown) =>
        rethrowUnique(error, { incident_external_id: { field: ['externalId'], message: 'You already reported an incident with this externalId.' } }),
      );
    // A warning or breach due at once lets other areas react to it (an escalation refers to the
    // incident): then the incident is written first. Otherwise (the usual case) nothing needs its
    // rows before the commit, and they are written with the events it raises, in one statement.
    if (due.length > 0) await send();
    // Only here, never on a replay: a retried report raises no second event. Before the clocks'
    // events, so that a warning or breach they raise at once comes after the report it follows from.
    await raiseEvent(tx, incidentReported(incident));
    for (const d of due) await clockEventRecorded(tx, incident, d);
    await publish(tx, IncidentReported, { incident, inForce: read.sources.map((s) => ({ revisionId: s.revision_id, escalationPolicy: s.escalationPolicy })) });
    // A back-filled incident (started in a month that has ended) may change a closed period: settlement rechecks it.
    await tellIncidentChanged(tx, incident, 'reported with a start in a month that has ended');
    // An incident with an impact may set error budgets burning.
    if (incident.impact !== 'NONE') await tellBurnDataChanged(tx, { providerId: incident.providerId, serviceIds: [incident.serviceId], objectiveIds: null });
    if (due.length === 0) await send();
    return { incident, replayed: false, seen: seesEveryCustomer ? { customer: read.customer, service: read.service, agreement: pinned?.agreement ?? null } : null };
  });
  return recorded.catch(async (error: unknown) => {
    if (!input.idempotencyKey || ctx.inTransaction || violatedUniqueConstraint(error) !== IDEMPOTENCY_KEY_TAKEN) throw error;
    // Another report took the key after this one read it free, and committed (the write waited
    // for it); this one wrote nothing: it answers as that report's replay.
    const again = await readReport(ctx, query);
    if (!again.first) throw error;
    return replay(again, again.first);
  });
}

/** Tells settlement that an incident that started in a month that has ended changed (nothing when it started this month). */
export async function tellIncidentChanged(tx: RequestContext, incident: IncidentEntity, what: string): Promise<void> {
  await tellPastDataChanged(tx, {
    providerId: incident.providerId,
    since: incident.startedAt,
    serviceIds: [incident.serviceId],
    objectiveIds: null,
    cause: { kind: 'INCIDENT', subjectId: incident.id, description: `Incident "${incident.title}" ${what}.`, actorName: actorLabel(tx.caller) },
  });
}

export async function lockIncident(tx: RequestContext, id: string, expectedVersion: number | null | undefined): Promise<IncidentEntity> {
  const row = await tx.em
    .getRepository(IncidentEntity)
    .createQueryBuilder('i')
    .setLock('pessimistic_write')
    .where('i.id = :id AND i.providerId = :providerId', { id, providerId: tx.caller.providerId })
    .getOne();
  if (!row) throw new NotFoundError('The incident', ['id']);
  if (expectedVersion != null && row.version !== expectedVersion) throw new StaleVersionError('The incident');
  return row;
}

/**
 * Writes the lifecycle fields of an incident this transaction has locked and read, in one
 * UPDATE (save() would read the row again first, to compare), and takes its new version.
 */
export async function writeLifecycle(tx: RequestContext, incident: IncidentEntity): Promise<IncidentEntity> {
  const { status, statusKey, priority, impact, acknowledgedAt, resolvedAt, closedAt, lastEventAt } = incident;
  const result = await tx.em
    .createQueryBuilder()
    .update(IncidentEntity)
    .set({ status, statusKey, priority, impact, acknowledgedAt, resolvedAt, closedAt, lastEventAt })
    .where('id = :id', { id: incident.id })
    .returning(['version', 'updated_at'])
    .execute();
  const [row] = result.raw as { version: number; updated_at: Date }[];
  incident.version = Number(row.version);
  incident.updatedAt = row.updated_at;
  return incident;
}

/** When the event happened: given by a partner back-filling, never in the future nor before the previous event. */
export function eventTime(tx: RequestContext, incident: IncidentEntity, at: Date | null | undefined): Date {
  const now = tx.now;
  const when = at ?? now;
  if (when.getTime() > now.getTime()) throw new UserError('INVALID_INPUT', '`at` cannot be in the future.', ['at']);
  if (when.getTime() < incident.lastEventAt.getTime()) {
    throw new UserError('INVALID_INPUT', `\`at\` cannot be before the incident's previous event (${incident.lastEventAt.toISOString()}).`, ['at']);
  }
  return when;
}

/**
 * Where a transition goes: `to` (a meaning, or REOPENED) names a built-in status; `status` names
 * one of the provider's catalogue (built-in keys included). Exactly one of them.
 */
async function transitionTarget(tx: RequestContext, input: { to?: IncidentTarget | null; status?: string | null }): Promise<{ target: IncidentTarget; key: string; field: string }> {
  if ((input.to == null) === (input.status == null)) {
    throw new UserError('INVALID_INPUT', 'Give either `to` (a built-in status, or REOPENED) or `status` (a key of your status catalogue).', [input.to == null ? 'to' : 'status']);
  }
  if (input.to != null) return { target: input.to, key: input.to === 'REOPENED' ? 'IN_PROGRESS' : input.to, field: 'to' };
  const s = await statusByKey(tx, tx.caller.providerId, input.status!, 'status');
  return { target: s.meaning, key: s.key, field: 'status' };
}

/**
 * Moves an incident along its lifecycle, to a built-in status or one of the provider's own (which
 * moves as its meaning does; between two statuses of one meaning always). Asking for the status it
 * already has changes nothing (safe to retry).
 */
export async function transition(
  ctx: RequestContext,
  input: { id: string; to?: IncidentTarget | null; status?: string | null; at?: Date | null; note?: string | null; version?: number | null },
): Promise<IncidentEntity> {
  requireRole(ctx, IncidentRoles.write);
  return withTransaction(ctx, async (tx) => {
    const { target, key, field } = await transitionTarget(tx, input);
    const incident = await lockIncident(tx, input.id, input.version);
    const fromKey = incident.statusKey ?? incident.status;
    if (target !== 'REOPENED' && key === fromKey) return incident;
    const to = target !== 'REOPENED' && target === incident.status ? target : nextStatus(incident.status, target, field);
    const at = eventTime(tx, incident, input.at);
    const from = incident.status;
    incident.status = to;
    incident.statusKey = key === to ? null : key;
    incident.lastEventAt = at;
    if (!incident.acknowledgedAt && from === 'OPEN') incident.acknowledgedAt = at;
    if (to === 'RESOLVED' && from !== 'RESOLVED') incident.resolvedAt = at;
    if (to === 'CLOSED' && from !== 'CLOSED') incident.closedAt = at;
    if (target === 'REOPENED') {
      incident.resolvedAt = null;
      incident.closedAt = null;
    }
    const saved = await writeLifecycle(tx, incident);
    const keys = fromKey !== from || key !== to ? { fromStatusKey: fromKey, toStatusKey: key } : {};
    await record(tx, saved, 'STATUS_CHANGED', at, { fromStatus: from, toStatus: to, note: input.note ?? null, data: { ...(target === 'REOPENED' ? { reopened: true } : {}), ...keys } });
    const changes: IncidentChanges = { status: { from, to } };
    if (key !== to || fromKey !== from) changes.statusKey = { from: fromKey, to: key };
    if (input.note?.trim()) changes.note = input.note.trim();
    if (target === 'REOPENED') changes.reopened = true;
    await raiseEvent(tx, incidentChanged(saved, changes, at));
    await refreshClocks(tx, saved);
    if (to === 'RESOLVED' && from !== 'RESOLVED') await publish(tx, IncidentResolved, { incident: saved });
    await tellIncidentChanged(tx, saved, `moved to ${key} at ${at.toISOString()}`);
    if (saved.impact !== 'NONE') await tellBurnDataChanged(tx, { providerId: saved.providerId, serviceIds: [saved.serviceId], objectiveIds: null });
    return saved;
  });
}

/** Whose side an update's note comes from: the provider's update, or a message of the customer's. */
export type UpdateAuthor = 'PROVIDER' | 'CUSTOMER';

/**
 * Changes priority or impact, or posts a note; each an event. Repeating a change changes nothing.
 * A note of the provider (author PROVIDER, the default) is a public update (UPDATE_POSTED): it
 * restarts the update-interval clock. A note of the customer's side (author CUSTOMER, e.g. relayed
 * by a ticketing integration) is a CUSTOMER_MESSAGE: it pauses that clock until the provider's next
 * update. A CUSTOMER author needs a note (INVALID_INPUT on `note`).
 */
export async function update(
  ctx: RequestContext,
  input: { id: string; priority?: string | null; impact?: IncidentImpact | null; note?: string | null; author?: UpdateAuthor | null; at?: Date | null; version?: number | null },
): Promise<IncidentEntity> {
  requireRole(ctx, IncidentRoles.write);
  const author = input.author ?? 'PROVIDER';
  if (author === 'CUSTOMER' && !input.note?.trim()) throw new UserError('INVALID_INPUT', "A customer's message needs its note.", ['note']);
  return withTransaction(ctx, async (tx) => {
    const incident = await lockIncident(tx, input.id, input.version);
    const changes: (() => Promise<unknown>)[] = [];
    const changed: IncidentChanges = {};
    let at: Date | null = null;
    const when = () => (at ??= eventTime(tx, incident, input.at));
    if (input.priority && input.priority !== incident.priority) {
      const previous = incident.priority;
      incident.priority = input.priority;
      changed.priority = { from: previous, to: input.priority };
      changes.push(() => record(tx, incident, 'PRIORITY_CHANGED', when(), { priority: input.priority, data: { from: previous } }));
    }
    if (input.impact && input.impact !== incident.impact) {
      const previous = incident.impact;
      incident.impact = input.impact;
      changed.impact = { from: previous, to: input.impact };
      changes.push(() => record(tx, incident, 'IMPACT_CHANGED', when(), { impact: input.impact, data: { from: previous } }));
    }
    if (input.note?.trim() && author === 'CUSTOMER') {
      changed.customerMessage = input.note.trim();
      changes.push(() => record(tx, incident, 'CUSTOMER_MESSAGE', when(), { note: changed.customerMessage }));
    } else if (input.note?.trim()) {
      changed.note = input.note.trim();
      changes.push(() => record(tx, incident, 'UPDATE_POSTED', when(), { note: changed.note }));
    }
    if (changes.length === 0) return incident;
    when();
    incident.lastEventAt = at!;
    const saved = await writeLifecycle(tx, incident);
    for (const change of changes) await change();
    await raiseEvent(tx, incidentChanged(saved, changed, at!));
    await refreshClocks(tx, saved);
    if (changed.priority || changed.impact) await tellIncidentChanged(tx, saved, `${changed.priority ? 'priority' : 'impact'} changed at ${at!.toISOString()}`);
    if (changed.impact) await tellBurnDataChanged(tx, { providerId: saved.providerId, serviceIds: [saved.serviceId], objectiveIds: null });
    return saved;
  });
}
