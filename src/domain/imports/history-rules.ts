import { createHash } from 'node:crypto';
import { AgreementStatus, Party, RevisionState } from '../../common/agreement-enums';
import { type FieldPath, UserError } from '../../common/errors';
import { type DraftInput, draftInputProblems } from '../agreements/draft-input';
import { type ObjectiveInput } from '../agreements/objective-rules';
import { requiredParties } from '../agreements/revision-lifecycle';
import { type RevisionRecord } from './history-file';

/**
 * The rules of signed history that need no database. The rules of terms, objectives and dates
 * are the agreements area's own (draftInputProblems: the same as for a revision written here);
 * what is particular to history is checked here: the revisions' numbers and periods in sequence,
 * and the signatures of the parties the agreement needs. Fields are relative to the agreement
 * record: ['revisions', 1, 'effectiveFrom'].
 */

/** The content hash of a record: the same content gives the same hash, whatever the key order, the format (JSON or CSV) or fields left empty. */
export function contentHash(record: unknown): string {
  const canonical = (v: unknown): unknown => {
    if (v instanceof Date) return v.toISOString();
    if (Array.isArray(v)) return v.map(canonical);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v)
          .filter((k) => (v as Record<string, unknown>)[k] != null)
          .sort()
          .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return createHash('sha256').update(JSON.stringify(canonical(record))).digest('hex');
}

/** A revision of the file as the draft input the agreements area checks and stores; calendars by id (`calendarIds`: name to id). */
export function revisionDraft(r: RevisionRecord, calendarIds: ReadonlyMap<string, string>): DraftInput {
  return {
    title: r.title,
    description: r.description ?? null,
    scopeOfServices: r.scopeOfServices ?? null,
    effectiveFrom: r.effectiveFrom,
    effectiveTo: r.effectiveTo ?? null,
    objectives: r.objectives.map(
      (o): ObjectiveInput => ({
        metric: o.metric,
        priority: o.priority ?? null,
        name: o.name ?? null,
        description: o.description ?? null,
        comparator: o.comparator ?? null,
        target: o.target ?? null,
        targetDuration: o.targetDuration ?? null,
        window: o.window ?? null,
        calendarId: o.calendar ? (calendarIds.get(o.calendar.toLowerCase()) ?? null) : null,
        warningThresholdPercent: o.warningThresholdPercent ?? null,
        degradedWeightPercent: o.degradedWeightPercent ?? null,
        budgeting: o.budgeting ?? null,
        conditions: o.conditions ? withoutNulls(o.conditions) : null,
      }),
    ),
    responsibilities: r.responsibilities ?? null,
    measurement: r.measurement ?? null,
    reporting: r.reporting ?? null,
    creditPolicy: r.creditPolicy
      ? {
          ...r.creditPolicy,
          perBreach: (r.creditPolicy.perBreach ?? []).map((b) => ({ ...b, priority: (b.priority ?? null) as never })),
          monthlyCapPercent: r.creditPolicy.monthlyCapPercent ?? null,
          terminationAfterConsecutiveBreaches: r.creditPolicy.terminationAfterConsecutiveBreaches ?? null,
        }
      : undefined,
    exclusions: r.exclusions ? { maintenanceWindows: r.exclusions.maintenanceWindows.map((w) => ({ ...w, description: w.description ?? '', maxPerMonth: w.maxPerMonth ?? null })), forceMajeure: r.exclusions.forceMajeure ?? null } : null,
    escalationPolicy: r.escalationPolicy
      ? {
          levels: r.escalationPolicy.levels.map((l) => ({
            level: l.level,
            name: l.name,
            after: l.after,
            notifyRoles: l.notifyRoles ?? [],
            notifyUsers: l.notifyUsers ?? [],
            calendar: l.calendar ? (calendarIds.get(l.calendar.toLowerCase()) ?? null) : null,
          })),
          triggers: r.escalationPolicy.triggers ? withoutNulls(r.escalationPolicy.triggers) : null,
        }
      : undefined,
    settlement: r.settlement ? withoutNulls(r.settlement) : undefined,
    pauseRules: r.pauseRules ?? undefined,
    burnRateAlertPolicy: r.burnRateAlertPolicy ? withoutNulls(r.burnRateAlertPolicy) : undefined,
    reviewCadence: r.reviewCadence ?? null,
    disputeResolution: r.disputeResolution ?? null,
    disputeProcedure: r.disputeProcedure ?? undefined,
    changeProcedure: r.changeProcedure ?? null,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PENDING_CALENDAR_ID = '00000000-0000-4000-8000-000000000000';

/** The fields the file gave (null and absent alike: the terms' defaults apply to the others). */
function withoutNulls<T extends Record<string, unknown>>(o: T): { [K in keyof T]?: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as { [K in keyof T]?: Exclude<T[K], null> };
}

/** The periods of signed revisions in order: each ends when the next starts, unless the file ends it earlier (a gap). */
export function importedPeriods(revisions: readonly Pick<RevisionRecord, 'effectiveFrom' | 'effectiveTo'>[]): { effectiveFrom: Date; effectiveTo: Date | null }[] {
  return revisions.map((r, i) => {
    const next = revisions[i + 1];
    const to = r.effectiveTo ?? null;
    if (!next) return { effectiveFrom: r.effectiveFrom, effectiveTo: to };
    return { effectiveFrom: r.effectiveFrom, effectiveTo: to && to < next.effectiveFrom ? to : next.effectiveFrom };
  });
}

/**
 * Every problem of an agreement's signed revisions, by itself: each revision's terms,
 * objectives and dates (the agreements area's rules), numbers 1, 2, 3 ... in order, periods that
 * follow each other without overlapping, only the last starting after `now`, and each required
 * party's signature once (no other party's), none in the future. `calendarNames` lists the
 * calendars the provider has (lower case): an objective naming another is NOT_FOUND.
 */
export function signedHistoryProblems(
  agreement: { customerId: string | null },
  revisions: readonly RevisionRecord[],
  calendarIds: ReadonlyMap<string, string>,
  now: Date,
): UserError[] {
  const problems: UserError[] = [];
  const at = (i: number, ...path: FieldPath): FieldPath => ['revisions', i, ...path];
  const fail = (path: FieldPath, message: string, code: UserError['code'] = 'INVALID_INPUT') => problems.push(new UserError(code, message, path));
  const required = requiredParties(agreement);
  // A calendar the same file brings has no id until it is created: a well-formed stand-in lets its draft be checked.
  const checkable = new Map([...calendarIds].map(([name, id]) => [name, UUID.test(id) ? id : PENDING_CALENDAR_ID]));
  revisions.forEach((r, i) => {
    if (r.number !== i + 1) fail(at(i, 'number'), `Revision numbers are 1, 2, 3 ... without gaps, in order: this one should be ${i + 1}.`);
    r.objectives.forEach((o, j) => {
      if (o.calendar && !calendarIds.has(o.calendar.toLowerCase())) fail(at(i, 'objectives', j, 'calendar'), `There is no business calendar named "${o.calendar}"; create it first.`, 'NOT_FOUND');
    });
    r.escalationPolicy?.levels.forEach((l, j) => {
      if (l.calendar && !calendarIds.has(l.calendar.toLowerCase())) fail(at(i, 'escalationPolicy', 'levels', j, 'calendar'), `There is no business calendar named "${l.calendar}"; create it first.`, 'NOT_FOUND');
    });
    problems.push(...draftInputProblems(revisionDraft(r, checkable), at(i)));
    const previous = revisions[i - 1];
    if (previous) {
      if (r.effectiveFrom <= previous.effectiveFrom) fail(at(i, 'effectiveFrom'), `Revision ${r.number} must start after revision ${previous.number} (from ${previous.effectiveFrom.toISOString()}).`);
      else if (previous.effectiveTo && previous.effectiveTo > r.effectiveFrom) {
        fail(at(i, 'effectiveFrom'), `Revision ${r.number} would overlap revision ${previous.number}, which runs until ${previous.effectiveTo.toISOString()}: validity periods never overlap.`);
      }
      if (previous.effectiveFrom > now) fail(at(i - 1, 'effectiveFrom'), 'Only the last revision may start in the future.');
    }
    const seen = new Set<Party>();
    r.signatures.forEach((s, j) => {
      if (!required.includes(s.party)) fail(at(i, 'signatures', j, 'party'), `This agreement is signed by the ${required.join(' and ')} side only.`, 'NOT_ALLOWED');
      else if (seen.has(s.party)) fail(at(i, 'signatures', j, 'party'), `The ${s.party} side signed this revision already.`);
      seen.add(s.party);
      if (s.at > now) fail(at(i, 'signatures', j, 'at'), 'A signature cannot be in the future.');
    });
    const missing = required.filter((p) => !seen.has(p));
    if (missing.length) fail(at(i, 'signatures'), `A signed revision has the signature of every party it needs: ${missing.join(' and ')} missing.`);
  });
  return problems;
}

/**
 * What the revisions are at `now` once imported: the latest started one ACTIVE, those before it
 * SUPERSEDED, a last one not started yet APPROVED (the scheduler activates it on time); and the
 * agreement's status, as activation would leave it (EXPIRED when the terms in force ran out).
 */
export function importedStates(periods: readonly { effectiveFrom: Date; effectiveTo: Date | null }[], now: Date): { states: RevisionState[]; status: AgreementStatus } {
  const started = periods.filter((p) => p.effectiveFrom <= now).length;
  const states = periods.map((_, i) => (i < started - 1 ? RevisionState.SUPERSEDED : i === started - 1 ? RevisionState.ACTIVE : RevisionState.APPROVED));
  const active = started > 0 ? periods[started - 1] : null;
  const status = !active ? AgreementStatus.DRAFT : active.effectiveTo && active.effectiveTo <= now ? AgreementStatus.EXPIRED : AgreementStatus.ACTIVE;
  return { states, status };
}

/** When the last required party signed: the revision's approval time. */
export const approvedAt = (r: Pick<RevisionRecord, 'signatures'>): Date => new Date(Math.max(...r.signatures.map((s) => s.at.getTime())));

/** The agreement-shape fields (agreement.service's command) as the file names them. */
export const FILE_FIELD: Record<string, string> = { customerId: 'customer', segmentId: 'segment', parentId: 'parent', serviceIds: 'services', kind: 'kind', level: 'level' };
export const fileField = (path: FieldPath): FieldPath => (path.length ? [FILE_FIELD[String(path[0])] ?? path[0], ...path.slice(1)] : path);
