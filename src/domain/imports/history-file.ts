import { parse as parseCsv } from 'csv-parse/sync';
import { findNodeAtLocation, type Node as JsonNode, parseTree, type ParseError, printParseErrorCode } from 'jsonc-parser';
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { Region, SizeBand, Tier } from '../../common/catalog-enums';
import { AgreementKind, AgreementLevel, BudgetingMethod, Comparator, DataSourceKind, Metric, Party, ReportingFrequency, ReviewCadence, WindowKind } from '../../common/agreement-enums';
import { type FieldPath, type UserErrorCode } from '../../common/errors';
import { Role } from '../../common/roles';
import { type IncidentStatus, STATUS_MEANINGS } from '../../common/incident-statuses';
import { CORRECTION_REASONS, type CorrectionReason } from '../agreements/terms';

/**
 * The file of signed history a provider brings from its old tool (docs/import.md, "Importing signed
 * history"), in JSON or, for agreements with simple terms, CSV; both read into the same records,
 * checked by the same rules. Pure: no database.
 */

/** One problem of an import file: the line it is on (1-based) and the field, as the file names it. */
export interface FileProblem {
  line: number;
  field: FieldPath;
  code: UserErrorCode;
  message: string;
}

export type HistoryFormat = 'JSON' | 'CSV';

/** Where a record's fields are in the file: its line and field name for a path within the record. */
export type Locate = (path: FieldPath) => { line: number; field: FieldPath };

const MAX_TEXT = 2000;
const instant = z.iso.datetime({ offset: true, message: 'must be a date and time in ISO 8601 with an offset, such as "2025-03-01T00:00:00Z"' }).transform((s) => new Date(s));
const text = (max = MAX_TEXT) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const externalId = text(200);
const SHA256 = /^[0-9a-fA-F]{64}$/;

const objective = z.strictObject({
  metric: z.enum(Metric),
  priority: z.string().nullish(),
  name: z.string().max(200).nullish(),
  description: z.string().max(MAX_TEXT).nullish(),
  comparator: z.enum(Comparator).nullish(),
  target: z.number().nullish(),
  targetDuration: z.string().nullish(),
  window: z.strictObject({ kind: z.enum(WindowKind), days: z.number().int().nullish(), duration: z.string().nullish() }).nullish(),
  budgeting: z.strictObject({ method: z.enum(BudgetingMethod), sliceDuration: z.string().nullish(), sliceTarget: z.number().nullish() }).nullish(),
  /** A business calendar by name (calendars are the provider's; create them first). */
  calendar: z.string().trim().min(1).nullish(),
  warningThresholdPercent: z.number().nullish(),
  degradedWeightPercent: z.number().nullish(),
  /** The incidents a time objective applies to (ObjectiveConditions); left out: every incident. */
  conditions: z
    .strictObject({
      categories: z.array(z.string().max(100)).max(20).nullish(),
      channels: z.array(z.string().max(100)).max(20).nullish(),
      impacts: z.array(z.enum(['OUTAGE', 'DEGRADED', 'NONE'])).max(3).nullish(),
      customerTiers: z.array(z.enum(Tier)).max(10).nullish(),
      customerRegions: z.array(z.enum(Region)).max(10).nullish(),
    })
    .nullish(),
});

const signature = z.strictObject({
  party: z.enum(Party),
  /** Who signed, as the source records it. */
  name: text(200),
  /** The signer's id in the source (an e-mail, a user id), if it has one. */
  id: text(200).nullish(),
  at: instant,
});

const revision = z.strictObject({
  number: z.number().int().min(1),
  title: text(300),
  description: z.string().max(MAX_TEXT).nullish(),
  scopeOfServices: z.string().max(MAX_TEXT).nullish(),
  effectiveFrom: instant,
  effectiveTo: instant.nullish(),
  objectives: z.array(objective).min(1, 'a signed revision has at least one objective'),
  responsibilities: z.array(z.strictObject({ party: z.enum(Party), text: text() })).nullish(),
  measurement: z.strictObject({ method: z.string().max(MAX_TEXT), dataSource: z.enum(DataSourceKind), monitor: z.string().max(200).nullish() }).nullish(),
  reporting: z.strictObject({ frequency: z.enum(ReportingFrequency), recipients: z.array(z.string().max(200)).max(50) }).nullish(),
  creditPolicy: z
    .strictObject({
      currency: z.string().regex(/^[A-Za-z]{3}$/, 'must be an ISO 4217 code such as "EUR"'),
      periodFee: z.string(),
      tiers: z.array(z.strictObject({ below: z.number(), creditPercent: z.number() })).max(20),
      perBreach: z.array(z.strictObject({ metric: z.enum(Metric), priority: z.string().nullish(), creditPercent: z.number() })).max(20).nullish(),
      monthlyCapPercent: z.number().nullish(),
      terminationAfterConsecutiveBreaches: z.number().nullish(),
    })
    .nullish(),
  exclusions: z
    .strictObject({
      maintenanceWindows: z.array(z.strictObject({ name: text(200), description: z.string().max(MAX_TEXT).nullish(), noticePeriod: z.string(), maxPerMonth: z.string().nullish() })).max(20),
      forceMajeure: z.string().max(MAX_TEXT).nullish(),
    })
    .nullish(),
  /** Who is told, and when the next level is, while an incident stays unacknowledged; a level's calendar by name. */
  escalationPolicy: z
    .strictObject({
      levels: z
        .array(
          z.strictObject({
            level: z.number().int().min(1),
            name: text(200),
            after: z.string(),
            notifyRoles: z.array(z.enum(Role)).max(20).nullish(),
            notifyUsers: z.array(text(200)).max(50).nullish(),
            calendar: z.string().trim().min(1).nullish(),
          }),
        )
        .max(20),
      triggers: z
        .strictObject({ clockWarning: z.boolean().nullish(), clockBreach: z.boolean().nullish(), unacknowledgedAfter: z.string().nullish(), objectiveBreached: z.boolean().nullish(), budgetBurn: z.boolean().nullish() })
        .nullish(),
    })
    .nullish(),
  /** When periods close into statements, and which corrections the terms allow; left out: the defaults. */
  settlement: z
    .strictObject({
      statementGracePeriod: z.string().nullish(),
      correctionReasons: z.array(z.enum(CORRECTION_REASONS as [CorrectionReason, ...CorrectionReason[]])).nullish(),
      correctionsNeedCustomerApproval: z.boolean().nullish(),
    })
    .nullish(),
  /** Which status meanings pause which metric's clocks; left out: WAITING_ON_CUSTOMER pauses. */
  pauseRules: z
    .array(z.strictObject({ metric: z.enum(Metric), statuses: z.array(z.enum(STATUS_MEANINGS as [IncidentStatus, ...IncidentStatus[]])).max(4) }))
    .max(2)
    .nullish(),
  /** Burn-rate alerts on the error budgets; left out: the SRE workbook's default pairs. */
  burnRateAlertPolicy: z
    .strictObject({
      enabled: z.boolean().nullish(),
      pairs: z.array(z.strictObject({ budgetPercent: z.number(), longWindow: z.string(), shortWindow: z.string() })).max(10).nullish(),
    })
    .nullish(),
  reviewCadence: z.enum(ReviewCadence).nullish(),
  disputeResolution: z.string().max(MAX_TEXT).nullish(),
  /** Claim window, response deadline and stages of disputes; left out: the defaults. */
  disputeProcedure: z
    .strictObject({
      claimWindow: z.string().nullish(),
      responseDeadline: z.string().nullish(),
      stages: z.array(z.strictObject({ name: text(200), responseDeadline: z.string().nullish() })).max(10).nullish(),
    })
    .nullish(),
  changeProcedure: z.string().max(MAX_TEXT).nullish(),
  signatures: z.array(signature).min(1, 'a signed revision has its signatures'),
  evidence: z.strictObject({
    /** Where the signed document is (a DMS reference, a path, a URL). */
    document: text(1000),
    sha256: z.string().regex(SHA256, 'must be the SHA-256 of the document, 64 hexadecimal digits').transform((s) => s.toLowerCase()),
  }),
});

const agreement = z.strictObject({
  externalId,
  kind: z.enum(AgreementKind),
  level: z.enum(AgreementLevel),
  /** A customer by its externalRef, else by its name. */
  customer: text(200).nullish(),
  /** A segment by name. */
  segment: text(200).nullish(),
  /** The externalId of the parent agreement (a multi-level agreement), imported before it or in the same file. */
  parent: externalId.nullish(),
  /** Services by code. */
  services: z.array(text(100)).min(1, 'an agreement covers at least one service'),
  revisions: z.array(revision).min(1, 'an agreement has at least one signed revision'),
});

const period = z.strictObject({ from: instant, to: instant });

const incident = z.strictObject({
  externalId,
  customer: text(200),
  service: text(100),
  priority: z.enum(['P1', 'P2', 'P3', 'P4']),
  impact: z.enum(['OUTAGE', 'DEGRADED', 'NONE']),
  title: text(300),
  description: z.string().max(20000).nullish(),
  startedAt: instant,
  /** The first response. */
  acknowledgedAt: instant.nullish(),
  resolvedAt: instant.nullish(),
  closedAt: instant.nullish(),
  /** Periods the provider waited on the customer (the clocks pause). */
  waitingOnCustomer: z.array(period).max(100).nullish(),
  priorityChanges: z.array(z.strictObject({ at: instant, priority: z.enum(['P1', 'P2', 'P3', 'P4']) })).max(100).nullish(),
});

const maintenanceWindow = z.strictObject({
  externalId,
  service: text(100),
  title: text(300),
  startsAt: instant,
  endsAt: instant,
  /** When it was announced to customers (the notice period counts from here). */
  announcedAt: instant,
});

const measurement = z.strictObject({
  externalId,
  /** The agreement (by its externalId in this source) whose RATIO objective the counts feed. */
  agreement: externalId,
  at: instant,
  good: z.number().int().min(0),
  total: z.number().int().min(1),
  /** The monitor the counts come from, as the terms name it (`measurement.monitor`). */
  source: z.string().trim().min(1).max(200).nullish(),
});

const timeZone = z.string().refine((v) => IANAZone.isValidZone(v), 'must be an IANA time zone such as "Europe/Berlin"');
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as "2026-12-24"');

/** What the history refers to, created when the provider has none of that key yet (an existing one is used as it is). */
const catalogSchema = z.strictObject({
  /** By code. */
  services: z.array(z.strictObject({ code: text(100), name: text(200), description: z.string().max(MAX_TEXT).nullish(), category: z.string().max(100).nullish() })).max(1000).nullish(),
  /** By externalRef, else by name. */
  customers: z
    .array(
      z.strictObject({
        name: text(200),
        externalRef: text(200).nullish(),
        sizeBand: z.enum(SizeBand),
        employeeCount: z.number().int().min(0).nullish(),
        industry: text(100),
        region: z.enum(Region),
        tier: z.enum(Tier),
        country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as "DE"'),
        timeZone,
      }),
    )
    .max(5000)
    .nullish(),
  /** Business-hours calendars, by name. */
  calendars: z
    .array(
      z.strictObject({
        name: text(200),
        timeZone,
        weeklyHours: z.array(z.strictObject({ weekday: z.number().int(), from: z.string().max(5), to: z.string().max(5) })).max(70),
        holidayCountry: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as "DE"').nullish(),
        holidayRegion: z.string().max(20).nullish(),
        closedDates: z.array(localDate).max(500).nullish(),
        openDates: z.array(localDate).max(500).nullish(),
      }),
    )
    .max(100)
    .nullish(),
});

export const historyFileSchema = z.strictObject({
  catalog: catalogSchema.nullish(),
  agreements: z.array(agreement).nullish(),
  incidents: z.array(incident).nullish(),
  maintenanceWindows: z.array(maintenanceWindow).nullish(),
  measurements: z.array(measurement).nullish(),
});

export type CatalogRecords = z.infer<typeof catalogSchema>;
export type ServiceRecord = NonNullable<CatalogRecords['services']>[number];
export type CustomerRecord = NonNullable<CatalogRecords['customers']>[number];
export type CalendarRecord = NonNullable<CatalogRecords['calendars']>[number];
export type AgreementRecord = z.infer<typeof agreement>;
export type RevisionRecord = z.infer<typeof revision>;
export type IncidentRecord = z.infer<typeof incident>;
export type MaintenanceRecord = z.infer<typeof maintenanceWindow>;
export type MeasurementRecord = z.infer<typeof measurement>;
export type ObjectiveRecord = z.infer<typeof objective>;

/** A record of the file with where it is: `path` within the file's records, `locate` for its fields. */
export interface Placed<T> {
  record: T;
  /** The record's position among its kind, e.g. ['agreements', 3]. */
  path: FieldPath;
  locate: Locate;
}

export interface HistoryFile {
  services: Placed<ServiceRecord>[];
  customers: Placed<CustomerRecord>[];
  calendars: Placed<CalendarRecord>[];
  agreements: Placed<AgreementRecord>[];
  incidents: Placed<IncidentRecord>[];
  maintenanceWindows: Placed<MaintenanceRecord>[];
  measurements: Placed<MeasurementRecord>[];
}

export const MAX_RECORDS = 10_000;

/** Reads an import file: its records, or every problem of its form (each with line and field). */
export function readHistoryFile(format: HistoryFormat, content: string): { file: HistoryFile | null; problems: FileProblem[] } {
  return format === 'JSON' ? readJson(content) : readCsv(content);
}

const lineAt = (content: string, offset: number): number => {
  let line = 1;
  for (let i = 0; i < offset && i < content.length; i++) if (content.charCodeAt(i) === 10) line += 1;
  return line;
};

function readJson(content: string): { file: HistoryFile | null; problems: FileProblem[] } {
  const errors: ParseError[] = [];
  const tree = parseTree(content, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length > 0 || !tree) {
    const first = errors[0];
    return {
      file: null,
      problems: [{ line: first ? lineAt(content, first.offset) : 1, field: [], code: 'INVALID_INPUT', message: `The file is not valid JSON: ${first ? printParseErrorCode(first.error) : 'it is empty'}.` }],
    };
  }
  // Line starts, once, so that each lookup is a binary search.
  const starts = [0];
  for (let i = 0; i < content.length; i++) if (content.charCodeAt(i) === 10) starts.push(i + 1);
  const lineOfOffset = (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  /** The line of the deepest node of `path` the file has (a field left out: its record's line). */
  const locateIn = (base: FieldPath): Locate => (path) => {
    const full = [...base, ...path];
    for (let n = full.length; n >= 0; n--) {
      const node: JsonNode | undefined = findNodeAtLocation(tree, full.slice(0, n));
      if (node) return { line: lineOfOffset(node.parent?.type === 'property' ? node.parent.offset : node.offset), field: full };
    }
    return { line: 1, field: full };
  };
  return fromRaw(JSON.parse(content) as unknown, (base) => locateIn(base));
}

/** The CSV columns, one row per revision (docs/import.md: "The simple case: CSV"). */
export const CSV_COLUMNS = [
  'agreement',
  'kind',
  'level',
  'customer',
  'segment',
  'services',
  'revision',
  'title',
  'effectiveFrom',
  'effectiveTo',
  'objectives',
  'providerSignedBy',
  'providerSignedAt',
  'customerSignedBy',
  'customerSignedAt',
  'document',
  'sha256',
] as const;
type CsvRow = Record<(typeof CSV_COLUMNS)[number], string>;
const AGREEMENT_COLUMNS = ['kind', 'level', 'customer', 'segment', 'services'] as const;

/** The CSV column a field of a revision or agreement is written in. */
function csvColumn(path: FieldPath): string {
  const [first, , second, , third] = path;
  if (first !== 'revisions') return first === 'externalId' ? 'agreement' : String(first ?? 'agreement');
  if (second === 'number') return 'revision';
  if (second === 'signatures') return third === 'at' ? 'providerSignedAt' : 'providerSignedBy';
  if (second === 'evidence') return third === 'sha256' ? 'sha256' : 'document';
  return String(second ?? 'revision');
}

/**
 * Objectives written in one cell: `METRIC[/PRIORITY]=TARGET[@CALENDAR]`, separated by `;`, e.g.
 * `AVAILABILITY=99.9; FIRST_RESPONSE_TIME/P1=PT15M; RESOLUTION_TIME/P3=PT8H@Office hours`. A
 * target that is a number is a percentage or score, one that starts with P a duration.
 */
export function parseObjectiveCell(cell: string): { objectives: Record<string, unknown>[]; problem: string | null } {
  const objectives: Record<string, unknown>[] = [];
  for (const part of cell.split(';').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([A-Z_]+)(?:\/(P\d))?\s*=\s*([^@]+?)\s*(?:@\s*(.+))?$/.exec(part);
    if (!m) return { objectives, problem: `"${part}" is not METRIC[/PRIORITY]=TARGET[@CALENDAR], e.g. "AVAILABILITY=99.9" or "FIRST_RESPONSE_TIME/P1=PT15M".` };
    const [, metric, priority, target, calendar] = m;
    const duration = target.startsWith('P');
    if (!duration && !/^\d+(\.\d+)?$/.test(target)) return { objectives, problem: `"${target}" is neither a number (99.9) nor an ISO 8601 duration (PT15M).` };
    objectives.push({
      metric,
      ...(priority ? { priority } : {}),
      ...(duration ? { targetDuration: target } : { target: Number(target) }),
      ...(calendar ? { calendar: calendar.trim() } : {}),
    });
  }
  return { objectives, problem: null };
}

function readCsv(content: string): { file: HistoryFile | null; problems: FileProblem[] } {
  let rows: { record: CsvRow; info: { lines: number } }[];
  try {
    rows = parseCsv(content, { columns: true, skip_empty_lines: true, trim: true, bom: true, info: true, relax_column_count: false }) as typeof rows;
  } catch (error) {
    const e = error as { message: string; lines?: number };
    return { file: null, problems: [{ line: e.lines ?? 1, field: [], code: 'INVALID_INPUT', message: `The file is not valid CSV: ${e.message}` }] };
  }
  const problems: FileProblem[] = [];
  const header = Object.keys(rows[0]?.record ?? {});
  const missing = CSV_COLUMNS.filter((c) => !header.includes(c) && !['segment', 'effectiveTo', 'customerSignedBy', 'customerSignedAt', 'customer'].includes(c));
  const unknown = header.filter((c) => !(CSV_COLUMNS as readonly string[]).includes(c));
  for (const c of missing) problems.push({ line: 1, field: [c], code: 'INVALID_INPUT', message: `The column ${c} is missing (columns: ${CSV_COLUMNS.join(', ')}).` });
  for (const c of unknown) problems.push({ line: 1, field: [c], code: 'INVALID_INPUT', message: `Unknown column ${c} (columns: ${CSV_COLUMNS.join(', ')}).` });
  if (problems.length > 0) return { file: null, problems };

  const optional = (v: string | undefined) => (v === undefined || v === '' ? undefined : v);
  const agreements = new Map<string, { raw: Record<string, unknown>; firstLine: number; lines: number[]; row: CsvRow }>();
  for (const { record: row, info } of rows) {
    const line = info.lines;
    const id = row.agreement;
    const cell = parseObjectiveCell(row.objectives ?? '');
    if (cell.problem) problems.push({ line, field: ['objectives'], code: 'INVALID_INPUT', message: cell.problem });
    const signatures = [
      ...(optional(row.providerSignedBy) || optional(row.providerSignedAt) ? [{ party: 'PROVIDER', name: row.providerSignedBy ?? '', at: row.providerSignedAt ?? '' }] : []),
      ...(optional(row.customerSignedBy) || optional(row.customerSignedAt) ? [{ party: 'CUSTOMER', name: row.customerSignedBy ?? '', at: row.customerSignedAt ?? '' }] : []),
    ];
    const rev = {
      number: /^\d+$/.test(row.revision) ? Number(row.revision) : row.revision,
      title: row.title,
      effectiveFrom: row.effectiveFrom,
      ...(optional(row.effectiveTo) ? { effectiveTo: row.effectiveTo } : {}),
      objectives: cell.objectives,
      signatures,
      evidence: { document: row.document, sha256: row.sha256 },
    };
    const known = agreements.get(id);
    if (!known) {
      agreements.set(id, {
        raw: {
          externalId: id,
          kind: row.kind,
          level: row.level,
          ...(optional(row.customer) ? { customer: row.customer } : {}),
          ...(optional(row.segment) ? { segment: row.segment } : {}),
          services: row.services.split(';').map((s) => s.trim()).filter(Boolean),
          revisions: [rev],
        },
        firstLine: line,
        lines: [line],
        row,
      });
      continue;
    }
    // A later row of the same agreement repeats its columns or leaves them empty.
    for (const c of AGREEMENT_COLUMNS) {
      if (optional(row[c]) !== undefined && row[c] !== known.row[c]) {
        problems.push({ line, field: [c], code: 'INVALID_INPUT', message: `${c} differs from line ${known.firstLine} of agreement ${id}; leave it empty or repeat it.` });
      }
    }
    (known.raw.revisions as unknown[]).push(rev);
    known.lines.push(line);
  }
  const byId = [...agreements.values()];
  const raw = { agreements: byId.map((a) => a.raw) };
  const read = fromRaw(raw, (base) => {
    const a = byId[Number(base[1])];
    return (path) => {
      const revisionIndex = path[0] === 'revisions' && typeof path[1] === 'number' ? path[1] : 0;
      return { line: a.lines[revisionIndex] ?? a.firstLine, field: [csvColumn(path)] };
    };
  });
  return { file: problems.length ? null : read.file, problems: [...problems, ...read.problems] };
}

/** Checks the form of the file's content and places its records. */
function fromRaw(raw: unknown, locateAt: (base: FieldPath) => Locate): { file: HistoryFile | null; problems: FileProblem[] } {
  const parsed = historyFileSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
      // Unknown keys are named by the issue, not by its path.
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
      const at = keys.length ? [...path, keys[0]] : path;
      const { line, field } = locateAt(at.slice(0, 2))(at.slice(2));
      const name = String(at[at.length - 1] ?? 'file');
      const message = keys.length ? `Unknown field${keys.length > 1 ? 's' : ''} ${keys.join(', ')}.` : `${name} ${issue.message.replace(/^Invalid input: /, '')}`;
      return { line, field, code: 'INVALID_INPUT' as const, message };
    });
    return { file: null, problems };
  }
  const data = parsed.data;
  const place = <T>(list: T[] | null | undefined, ...kind: string[]): Placed<T>[] =>
    (list ?? []).map((record, i) => ({ record, path: [...kind, i], locate: locateAt([...kind, i]) }));
  const file: HistoryFile = {
    services: place(data.catalog?.services, 'catalog', 'services'),
    customers: place(data.catalog?.customers, 'catalog', 'customers'),
    calendars: place(data.catalog?.calendars, 'catalog', 'calendars'),
    agreements: place(data.agreements, 'agreements'),
    incidents: place(data.incidents, 'incidents'),
    maintenanceWindows: place(data.maintenanceWindows, 'maintenanceWindows'),
    measurements: place(data.measurements, 'measurements'),
  };
  const count = file.services.length + file.customers.length + file.calendars.length + file.agreements.length + file.incidents.length + file.maintenanceWindows.length + file.measurements.length;
  if (count > MAX_RECORDS) return { file: null, problems: [{ line: 1, field: [], code: 'INVALID_INPUT', message: `A file holds at most ${MAX_RECORDS} records; split it (importing is idempotent, so files may overlap).` }] };
  return { file, problems: [] };
}
