import { type AgreementKind, type AgreementLevel, type Party } from '../../common/agreement-enums';
import { actorLabel } from '../../common/actor';
import { type FieldPath, UserError, UserErrors } from '../../common/errors';
import { Role } from '../../common/roles';
import { type RequestContext } from '../../context/request-context';
import { withTransaction } from '../../context/transaction';
import { checkAgreementShape } from '../agreements/agreement-shape';
import { create as createAgreement } from '../agreements/agreement.service';
import { type SignedRevision, writeSignedHistory } from '../agreements/signed-history';
import { writePastIncident, pastTimeline } from '../incidents/incident-history';
import { pastWindowProblems, writePastWindow } from '../incidents/maintenance.service';
import { calendarProblems, create as createCalendar } from '../calendars/calendar.service';
import { create as createCustomer } from '../catalog/customer.service';
import { create as createService } from '../catalog/service-catalog.service';
import { pointProblems } from '../incidents/measurement.service';
import { inForceSql } from '../agreements/in-force';
import { tellPastDataChanged } from '../compliance/compliance.domain-events';
import { scheduleStatementCloses } from '../settlement/statement-close.service';
import { requireRole } from '../shared/access';
import { type FileProblem, type HistoryFile, type HistoryFormat, type Placed, readHistoryFile } from './history-file';
import { approvedAt, contentHash, fileField, importedPeriods, importedStates, revisionDraft, signedHistoryProblems } from './history-rules';

export type ImportedKind = 'AGREEMENT' | 'INCIDENT' | 'MAINTENANCE_WINDOW' | 'MEASUREMENT';
/** Catalogue entries the file may bring: created when missing, else used as they are (never changed). */
export type CatalogKind = 'SERVICE' | 'CUSTOMER' | 'BUSINESS_CALENDAR';

/** What became of one record: CREATED (or, in a dry run, would be), or UNCHANGED (imported before with the same content). */
export interface ImportedRecord {
  kind: ImportedKind | CatalogKind;
  externalId: string;
  line: number;
  outcome: 'CREATED' | 'UNCHANGED';
  /** The service, customer, calendar, agreement, incident or maintenance window (for a measurement: its objective). */
  targetId: string | null;
}

export interface ImportReport {
  dryRun: boolean;
  /** Every problem, by line and field. Any problem: nothing was written. */
  problems: FileProblem[];
  records: ImportedRecord[];
}

export interface ImportCommand {
  format: HistoryFormat;
  content: string;
  /** The tool the history comes from ("legacy-crm"): records are keyed by (provider, source, kind, externalId). */
  source: string;
  dryRun: boolean;
}

/** Importing history writes signed contracts and past incidents for the whole provider: its admins only. */
export const ImportRoles = [Role.PROVIDER_ADMIN] as const;

const SOURCE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

/** Ends the transaction without writing anything: a dry run, or a file with problems. */
class Rollback extends Error {
  constructor(readonly report: ImportReport) {
    super('rolled back');
  }
}

/** A record (or catalogue entry) this import writes was written by another import that committed meanwhile. */
class TakenMeanwhile extends Error {
  constructor(readonly report: ImportReport) {
    super('taken meanwhile');
  }
}

/** The database refused a write (a constraint or trigger); SQLSTATE and message. */
function driverFailure(error: unknown): { code: string; message: string } | null {
  const e = error as { driverError?: { code?: string; message?: string }; code?: unknown; message?: string };
  const code = e?.driverError?.code ?? (typeof e?.code === 'string' ? e.code : undefined);
  return code && /^[0-9A-Z]{5}$/.test(code) ? { code, message: e.driverError?.message ?? e.message ?? '' } : null;
}

interface Catalog {
  customers: Map<string, string[]>;
  services: Map<string, string>;
  segments: Map<string, string>;
  calendars: Map<string, string>;
  imported: Map<string, { hash: string; targetId: string; importedAt: Date; importedBy: string }>;
}

const key = (kind: ImportedKind, externalId: string) => `${kind}\u0000${externalId}`;

/** Reads what the file's names refer to, one statement each: customers (by externalRef and name), services (code), segments and calendars (name), and what this source imported before. */
async function readCatalog(tx: RequestContext, providerId: string, source: string): Promise<Catalog> {
  const q = <T>(sql: string, params: unknown[]) => tx.em.query(sql, params) as Promise<T[]>;
  const customers = new Map<string, string[]>();
  for (const c of await q<{ id: string; name: string; external_ref: string | null }>('SELECT id, name, external_ref FROM customer WHERE provider_id = $1 AND archived_at IS NULL', [providerId])) {
    for (const k of new Set([c.name.toLowerCase(), ...(c.external_ref ? [c.external_ref.toLowerCase()] : [])])) customers.set(k, [...(customers.get(k) ?? []), c.id]);
  }
  const byName = async (sql: string) => new Map((await q<{ k: string; id: string }>(sql, [providerId])).map((r) => [r.k.toLowerCase(), r.id]));
  const imported = new Map(
    (
      await q<{ kind: ImportedKind; external_id: string; content_hash: string; target_id: string; imported_at: Date; imported_by: string }>(
        'SELECT kind, external_id, content_hash, target_id, imported_at, imported_by FROM imported_record WHERE provider_id = $1 AND source = $2',
        [providerId, source],
      )
    ).map((r) => [key(r.kind, r.external_id), { hash: r.content_hash, targetId: r.target_id, importedAt: new Date(r.imported_at), importedBy: r.imported_by }]),
  );
  return {
    customers,
    services: await byName('SELECT code AS k, id FROM service WHERE provider_id = $1 AND archived_at IS NULL'),
    segments: await byName('SELECT name AS k, id FROM segment WHERE provider_id = $1 AND archived_at IS NULL'),
    calendars: await byName('SELECT name AS k, id FROM business_calendar WHERE provider_id = $1 AND archived_at IS NULL'),
    imported,
  };
}

/**
 * Imports signed history (docs/import.md): agreements with their signed
 * revisions, and past incidents, maintenance windows and measurements, each judged against the
 * revision in force when it happened. All or nothing, in one transaction: any problem (every one
 * is reported, by line and field) and nothing is written; a dry run checks everything, writes
 * included, and rolls back. Idempotent: a record imported before from the same source with the
 * same content is UNCHANGED; with other content it is refused (history does not change). What it
 * wrote then settles (ImportRun.settle): the agreements it created close their ended months into
 * statements, and its data in months that closed already becomes adjustments.
 */
export async function importHistory(ctx: RequestContext, command: ImportCommand): Promise<ImportReport> {
  const actor = requireRole(ctx, ImportRoles);
  const source = command.source.trim();
  if (!SOURCE.test(source)) throw new UserError('INVALID_INPUT', 'source names the tool the history comes from: letters, digits, . _ : -, at most 100 characters (e.g. "legacy-crm").', ['source']);
  const read = readHistoryFile(command.format, command.content);
  if (!read.file) return { dryRun: command.dryRun, problems: read.problems, records: [] };
  const file = read.file;
  const importedBy = actorLabel(actor);
  // A concurrent import of the same records commits first: this one then finds them taken (a unique
  // key waited for it) and runs again, once, from what is committed: they are UNCHANGED then.
  for (let attempt = 1; ; attempt++) {
    try {
      return await withTransaction(ctx, async (tx) => {
        const catalog = await readCatalog(tx, actor.providerId, source);
        const run = new ImportRun(tx, actor.providerId, source, importedBy, catalog, file);
        run.check();
        if (run.problems.length === 0) await run.write();
        if (run.problems.length === 0) await run.settle();
        const report: ImportReport = { dryRun: command.dryRun, problems: run.sortedProblems(), records: run.records };
        if (command.dryRun || report.problems.length > 0) throw new Rollback(report);
        return report;
      });
    } catch (error) {
      if (error instanceof Rollback) return error.report;
      if (error instanceof TakenMeanwhile && attempt < 2 && !ctx.inTransaction) continue;
      if (error instanceof TakenMeanwhile) return error.report;
      throw error;
    }
  }
}

/** One import: the checks of every record, then the writes in order (agreements, maintenance, incidents, measurements). */
class ImportRun {
  readonly problems: FileProblem[] = [];
  readonly records: ImportedRecord[] = [];
  /** Agreements of this file, by externalId: what a lower level or a measurement refers to. */
  private readonly fileAgreements = new Map<string, { placed: HistoryFile['agreements'][number]; serviceIds: string[]; id?: string }>();
  private readonly resolved = new Map<unknown, Record<string, string | null>>();
  private readonly skip = new Set<unknown>();
  /** The catalogue entries this run created, by placeholder. */
  private readonly created = new Map<string, string>();
  /** The agreements this run created, whose ended months are to close into statements. */
  private readonly createdAgreements: string[] = [];
  /** What this run wrote that compliance reads, by the services and the objectives it touches, each from the earliest instant it touches (settle). */
  private readonly pastData = {
    services: { since: null as Date | null, ids: new Set<string>() },
    objectives: { since: null as Date | null, ids: new Set<string>() },
    incidents: [] as { id: string; title: string }[],
    windows: 0,
    measurements: 0,
  };

  constructor(
    private readonly tx: RequestContext,
    private readonly providerId: string,
    private readonly source: string,
    private readonly importedBy: string,
    private readonly catalog: Catalog,
    private readonly file: HistoryFile,
  ) {}

  private problem(placed: Placed<unknown>, path: FieldPath, code: UserError['code'], message: string): void {
    const { line, field } = placed.locate(path);
    this.problems.push({ line, field, code, message });
  }

  private fromErrors(placed: Placed<unknown>, errors: UserError[], map: (p: FieldPath) => FieldPath = (p) => p): void {
    for (const e of errors) this.problem(placed, map(e.field), e.code, e.message);
  }

  sortedProblems(): FileProblem[] {
    return [...this.problems].sort((a, b) => a.line - b.line);
  }

  /** A record imported before: UNCHANGED with the same content, a problem with other content. Returns whether it is to be written. */
  private isNew(placed: Placed<{ externalId: string }>, kind: ImportedKind, seen: Set<string>): boolean {
    const { externalId } = placed.record;
    if (seen.has(externalId)) {
      this.problem(placed, ['externalId'], 'ALREADY_EXISTS', `The file has this externalId twice among its ${kind.toLowerCase().replace('_', ' ')}s.`);
      return false;
    }
    seen.add(externalId);
    const before = this.catalog.imported.get(key(kind, externalId));
    if (!before) return true;
    if (before.hash === contentHash(placed.record)) {
      this.records.push({ kind, externalId, line: placed.locate([]).line, outcome: 'UNCHANGED', targetId: before.targetId });
    } else {
      this.problem(
        placed,
        ['externalId'],
        'ALREADY_EXISTS',
        `${externalId} was imported from ${this.source} on ${before.importedAt.toISOString()} by ${before.importedBy} with other content; imported history does not change (amend the agreement, or correct the record in the source and import it under a new externalId).`,
      );
    }
    this.skip.add(placed);
    return false;
  }

  private customer(placed: Placed<unknown>, name: string | null | undefined, field: FieldPath): string | null {
    if (!name) return null;
    const ids = this.catalog.customers.get(name.toLowerCase()) ?? [];
    if (ids.length === 1) return ids[0];
    this.problem(placed, field, ids.length ? 'INVALID_INPUT' : 'NOT_FOUND', ids.length ? `Several customers are named "${name}"; name it by its externalRef.` : `There is no customer "${name}" (by externalRef or name); create it first.`);
    return null;
  }

  private service(placed: Placed<unknown>, code: string, field: FieldPath): string | null {
    const id = this.catalog.services.get(code.toLowerCase());
    if (!id) this.problem(placed, field, 'NOT_FOUND', `There is no service with the code "${code}"; create it first.`);
    return id ?? null;
  }

  /** A catalogue entry of the file: UNCHANGED when the provider has one of its key, else to create (a placeholder id until then). */
  private catalogEntry(placed: Placed<unknown>, kind: CatalogKind, keys: string[], map: Map<string, string> | Map<string, string[]>, field: FieldPath, seen: Set<string>): boolean {
    const [first] = keys;
    if (keys.some((k) => seen.has(k.toLowerCase()))) {
      this.problem(placed, field, 'ALREADY_EXISTS', `The file has "${first}" twice.`);
      return false;
    }
    keys.forEach((k) => seen.add(k.toLowerCase()));
    const found = keys.map((k) => map.get(k.toLowerCase())).find((v) => v !== undefined);
    if (found !== undefined) {
      const id = Array.isArray(found) ? found[0] : found;
      this.records.push({ kind, externalId: first, line: placed.locate([]).line, outcome: 'UNCHANGED', targetId: id });
      this.skip.add(placed);
      return false;
    }
    const placeholder = `pending:${kind}:${first.toLowerCase()}`;
    for (const k of keys) {
      if (map === this.catalog.customers) this.catalog.customers.set(k.toLowerCase(), [placeholder]);
      else (map as Map<string, string>).set(k.toLowerCase(), placeholder);
    }
    return true;
  }

  /** An id of the catalogue, the one just created for a placeholder. */
  private real(id: string | null | undefined): string | null {
    if (!id) return null;
    return id.startsWith('pending:') ? (this.created.get(id) ?? null) : id;
  }

  check(): void {
    const now = this.tx.now;
    const seen = { AGREEMENT: new Set<string>(), INCIDENT: new Set<string>(), MAINTENANCE_WINDOW: new Set<string>(), MEASUREMENT: new Set<string>() };
    const seenCatalog = { SERVICE: new Set<string>(), CUSTOMER: new Set<string>(), BUSINESS_CALENDAR: new Set<string>() };
    for (const placed of this.file.services) this.catalogEntry(placed, 'SERVICE', [placed.record.code], this.catalog.services, ['code'], seenCatalog.SERVICE);
    for (const placed of this.file.customers) {
      const c = placed.record;
      this.catalogEntry(placed, 'CUSTOMER', c.externalRef ? [c.externalRef, c.name] : [c.name], this.catalog.customers, [c.externalRef ? 'externalRef' : 'name'], seenCatalog.CUSTOMER);
    }
    for (const placed of this.file.calendars) {
      if (this.catalogEntry(placed, 'BUSINESS_CALENDAR', [placed.record.name], this.catalog.calendars, ['name'], seenCatalog.BUSINESS_CALENDAR)) {
        this.fromErrors(placed, calendarProblems(placed.record));
      }
    }
    for (const placed of this.file.agreements) {
      const a = placed.record;
      const isNew = this.isNew(placed, 'AGREEMENT', seen.AGREEMENT);
      const serviceIds = a.services.map((code, i) => this.service(placed, code, ['services', i]));
      this.fileAgreements.set(a.externalId, { placed, serviceIds: serviceIds.filter((s): s is string => s !== null) });
      if (!isNew) continue;
      const customerId = this.customer(placed, a.customer, ['customer']);
      const segmentId = a.segment ? (this.catalog.segments.get(a.segment.toLowerCase()) ?? null) : null;
      if (a.segment && !segmentId) this.problem(placed, ['segment'], 'NOT_FOUND', `There is no segment named "${a.segment}".`);
      let parent: { kind: AgreementKind; level: AgreementLevel; serviceIds: string[] } | null = null;
      if (a.parent) {
        const inFile = this.fileAgreements.get(a.parent);
        if (inFile && inFile.placed !== placed) parent = { kind: inFile.placed.record.kind, level: inFile.placed.record.level, serviceIds: inFile.serviceIds };
        else if (!this.catalog.imported.has(key('AGREEMENT', a.parent))) {
          this.problem(placed, ['parent'], 'NOT_FOUND', `The parent ${a.parent} is neither earlier in this file nor imported before from ${this.source}.`);
        }
      }
      if (!serviceIds.includes(null) && (!a.parent || parent)) {
        const shape = checkAgreementShape({ kind: a.kind, level: a.level, customerId, segmentId, parent, serviceIds: serviceIds as string[] });
        if (shape) this.fromErrors(placed, [shape], fileField);
      }
      this.fromErrors(placed, signedHistoryProblems({ customerId: a.customer ? (customerId ?? 'unknown') : null }, a.revisions, this.catalog.calendars, now));
      this.resolved.set(placed, { customerId, segmentId });
    }
    for (const placed of this.file.maintenanceWindows) {
      const w = placed.record;
      if (!this.isNew(placed, 'MAINTENANCE_WINDOW', seen.MAINTENANCE_WINDOW)) continue;
      const serviceId = this.service(placed, w.service, ['service']);
      this.fromErrors(placed, pastWindowProblems(w, now));
      this.resolved.set(placed, { serviceId });
    }
    for (const placed of this.file.incidents) {
      const i = placed.record;
      if (!this.isNew(placed, 'INCIDENT', seen.INCIDENT)) continue;
      const customerId = this.customer(placed, i.customer, ['customer']);
      const serviceId = this.service(placed, i.service, ['service']);
      this.fromErrors(placed, pastTimeline({ ...i, customerId: customerId ?? '', serviceId: serviceId ?? '' }, now).problems);
      this.resolved.set(placed, { customerId, serviceId });
    }
    for (const placed of this.file.measurements) {
      const m = placed.record;
      if (!this.isNew(placed, 'MEASUREMENT', seen.MEASUREMENT)) continue;
      this.fromErrors(placed, pointProblems(m, now));
      if (!this.fileAgreements.has(m.agreement) && !this.catalog.imported.has(key('AGREEMENT', m.agreement))) {
        this.problem(placed, ['agreement'], 'NOT_FOUND', `The agreement ${m.agreement} is neither in this file nor imported before from ${this.source}.`);
      }
    }
  }

  /** Runs one record's write; a business refusal becomes a problem of its line (the run goes on, and rolls back at the end), a refusal of the database ends the run. */
  private async attempt(placed: Placed<unknown>, map: (p: FieldPath) => FieldPath, write: () => Promise<void>): Promise<boolean> {
    try {
      await write();
      return true;
    } catch (error) {
      // A catalogue entry the checks saw missing exists now: another import (or a user) made it meanwhile.
      if (error instanceof UserError && error.code === 'ALREADY_EXISTS' && placed.path[0] === 'catalog') {
        throw new TakenMeanwhile({ dryRun: true, problems: [...this.sortedProblems(), { ...placed.locate(map(error.field)), code: error.code, message: error.message }], records: this.records });
      }
      if (error instanceof UserError) this.fromErrors(placed, [error], map);
      else if (error instanceof UserErrors) this.fromErrors(placed, error.errors, map);
      else {
        const failure = driverFailure(error);
        if (!failure) throw error;
        this.problem(placed, [], 'INVALID_INPUT', `The database refused this record: ${failure.message}`);
        const report = { dryRun: true, problems: this.sortedProblems(), records: this.records };
        // unique_violation: taken by another import meanwhile (this one's checks saw it free).
        throw failure.code === '23505' ? new TakenMeanwhile(report) : new Rollback(report);
      }
      return false;
    }
  }

  private async remember(kind: ImportedKind, placed: Placed<{ externalId: string }>, targetId: string): Promise<void> {
    await this.tx.em.query(
      'INSERT INTO imported_record (provider_id, source, kind, external_id, content_hash, target_id, imported_by, imported_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [this.providerId, this.source, kind, placed.record.externalId, contentHash(placed.record), targetId, this.importedBy, this.tx.now],
    );
    this.records.push({ kind, externalId: placed.record.externalId, line: placed.locate([]).line, outcome: 'CREATED', targetId });
  }

  async write(): Promise<void> {
    const now = this.tx.now;
    const made = (kind: CatalogKind, placed: Placed<unknown>, key: string, id: string) => {
      this.created.set(`pending:${kind}:${key.toLowerCase()}`, id);
      this.records.push({ kind, externalId: key, line: placed.locate([]).line, outcome: 'CREATED', targetId: id });
    };
    for (const placed of this.file.services) {
      if (this.skip.has(placed)) continue;
      await this.attempt(placed, (p) => p, async () => made('SERVICE', placed, placed.record.code, (await createService(this.tx, placed.record)).id));
    }
    for (const placed of this.file.customers) {
      if (this.skip.has(placed)) continue;
      const c = placed.record;
      await this.attempt(placed, (p) => p, async () => made('CUSTOMER', placed, c.externalRef ?? c.name, (await createCustomer(this.tx, c)).id));
    }
    for (const placed of this.file.calendars) {
      if (this.skip.has(placed)) continue;
      const c = placed.record;
      await this.attempt(placed, (p) => p, async () => {
        const calendar = await createCalendar(this.tx, { ...c, closedDates: c.closedDates ?? [], openDates: c.openDates ?? [] });
        made('BUSINESS_CALENDAR', placed, c.name, calendar.id);
        this.catalog.calendars.set(c.name.toLowerCase(), calendar.id);
      });
    }
    const origin = (externalId: string) => ({ source: this.source, externalId, importedBy: this.importedBy });
    for (const placed of this.file.agreements) {
      if (this.skip.has(placed)) continue;
      const a = placed.record;
      const { segmentId } = this.resolved.get(placed)!;
      const customerId = this.real(this.resolved.get(placed)!.customerId);
      const mine = this.fileAgreements.get(a.externalId)!;
      const parentId = a.parent ? (this.fileAgreements.get(a.parent)?.id ?? this.catalog.imported.get(key('AGREEMENT', a.parent))?.targetId ?? null) : null;
      const periods = importedPeriods(a.revisions);
      const { states, status } = importedStates(periods, now);
      const drafts = a.revisions.map((r) => revisionDraft(r, this.catalog.calendars));
      const toFile = (p: FieldPath) => (p[0] === 'terms' ? ['revisions', 0, ...p.slice(1)] : fileField(p));
      await this.attempt(placed, toFile, async () => {
        const { agreement, revision } = await createAgreement(this.tx, {
          kind: a.kind,
          level: a.level,
          customerId,
          segmentId,
          parentId,
          serviceIds: mine.serviceIds.map((id) => this.real(id)!),
          draft: { ...drafts[0], effectiveTo: periods[0].effectiveTo },
        });
        const revisions: SignedRevision[] = a.revisions.map((r, i) => ({
          draft: drafts[i],
          effectiveFrom: periods[i].effectiveFrom,
          effectiveTo: periods[i].effectiveTo,
          state: states[i] as SignedRevision['state'],
          approvedAt: approvedAt(r),
          signatures: r.signatures.map((s) => ({ party: s.party as Party, name: s.name, id: s.id ?? null, at: s.at })),
          evidence: r.evidence,
        }));
        await writeSignedHistory(this.tx, agreement, revision, revisions, status, origin(a.externalId));
        mine.id = agreement.id;
        this.createdAgreements.push(agreement.id);
        await this.remember('AGREEMENT', placed, agreement.id);
      });
    }
    const reporter = { id: `import:${this.source}`, name: `${this.importedBy}, imported from ${this.source}` };
    for (const placed of this.file.maintenanceWindows) {
      if (this.skip.has(placed)) continue;
      const w = placed.record;
      await this.attempt(placed, (p) => p, async () => {
        const window = await writePastWindow(this.tx, this.providerId, { serviceId: this.real(this.resolved.get(placed)!.serviceId)!, title: w.title, startsAt: w.startsAt, endsAt: w.endsAt, announcedAt: w.announcedAt }, reporter.name);
        this.touched(this.pastData.services, window.startsAt, window.serviceId);
        this.pastData.windows += 1;
        await this.remember('MAINTENANCE_WINDOW', placed, window.id);
      });
    }
    for (const placed of this.file.incidents) {
      if (this.skip.has(placed)) continue;
      const { customerId, serviceId } = this.resolved.get(placed)!;
      await this.attempt(placed, (p) => p, async () => {
        const incident = await writePastIncident(this.tx, this.providerId, { ...placed.record, customerId: this.real(customerId)!, serviceId: this.real(serviceId)! }, reporter);
        this.touched(this.pastData.services, incident.startedAt, incident.serviceId);
        this.pastData.incidents.push({ id: incident.id, title: incident.title });
        await this.remember('INCIDENT', placed, incident.id);
      });
    }
    for (const placed of this.file.measurements) {
      if (this.skip.has(placed)) continue;
      const m = placed.record;
      const agreementId = this.fileAgreements.get(m.agreement)?.id ?? this.catalog.imported.get(key('AGREEMENT', m.agreement))?.targetId;
      await this.attempt(placed, (p) => p, async () => {
        // The RATIO objective of the revision in force when the counts were taken.
        const [objective]: { id: string }[] = await this.tx.em.query(
          `SELECT o.id FROM agreement_revision r JOIN objective o ON o.revision_id = r.id AND o.metric = 'RATIO'
           WHERE r.provider_id = $1 AND r.agreement_id = $2 AND ${inForceSql('r', '$3')}`,
          [this.providerId, agreementId, m.at],
        );
        if (!objective) throw new UserError('NOT_FOUND', `The terms of ${m.agreement} in force at ${m.at.toISOString()} have no RATIO objective to count against.`, ['at']);
        await this.tx.em.query('INSERT INTO measurement (provider_id, objective_id, at, good, total, batch_key, source) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
          this.providerId,
          objective.id,
          m.at,
          m.good,
          m.total,
          `import:${this.source}:${m.externalId}`,
          m.source ?? null,
        ]);
        this.touched(this.pastData.objectives, m.at, objective.id);
        this.pastData.measurements += 1;
        await this.remember('MEASUREMENT', placed, objective.id);
      });
    }
  }

  private touched(scope: { since: Date | null; ids: Set<string> }, at: Date, id: string): void {
    if (!scope.since || at < scope.since) scope.since = at;
    scope.ids.add(id);
  }

  /**
   * What settlement needs of what this run wrote, in its transaction (so only if it commits): the
   * agreements it created close their ended months into statements now (a close run each, not at
   * the next start), and the incidents, windows and measurements it wrote tell settlement that
   * past data changed, as any late data does (tellPastDataChanged): a month that has closed
   * already gets an adjustment. Once per import, not per record. A run that wrote nothing (the
   * same file again) asks for nothing.
   */
  async settle(): Promise<void> {
    await scheduleStatementCloses(this.tx, this.createdAgreements, 'imported');
    const { services, objectives, incidents, windows, measurements } = this.pastData;
    const [only] = incidents;
    const counted = (n: number, what: string) => (n ? [`${n} ${what}${n === 1 ? '' : 's'}`] : []);
    const cause =
      incidents.length === 1 && windows === 0 && measurements === 0
        ? { kind: 'INCIDENT' as const, subjectId: only.id, description: `Incident "${only.title}" imported from ${this.source}.`, actorName: this.importedBy }
        : {
            kind: 'IMPORT' as const,
            subjectId: null,
            description: `Imported from ${this.source}: ${[...counted(incidents.length, 'incident'), ...counted(windows, 'maintenance window'), ...counted(measurements, 'measurement')].join(', ')}.`,
            actorName: this.importedBy,
          };
    // Incidents and windows touch the agreements of their services; measurements, those of their objectives.
    if (services.since) await tellPastDataChanged(this.tx, { providerId: this.providerId, since: services.since, serviceIds: [...services.ids], objectiveIds: null, cause });
    if (objectives.since) await tellPastDataChanged(this.tx, { providerId: this.providerId, since: objectives.since, serviceIds: null, objectiveIds: [...objectives.ids], cause });
  }
}
