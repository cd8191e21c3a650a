import { DateTime } from 'luxon';
import { stringify } from 'yaml';
import { WindowKind } from '../../common/agreement-enums';
import { NotFoundError, throwIfAny } from '../../common/errors';
import { type AgreementRevisionEntity } from '../../db/entities/agreement-revision.entity';
import { type ObjectiveEntity } from '../../db/entities/objective.entity';
import { type RequestContext } from '../../context/request-context';
import { AgreementRoles } from '../agreements/agreement-roles';
import { type ObjectiveInput } from '../agreements/objective-rules';
import { findRevisionsByIds } from '../agreements/revision-read.service';
import { objectivesOfRevisions, objectiveTerms } from '../agreements/revision-store';
import { updateDraft } from '../agreements/revision.service';
import { readTerms } from '../agreements/terms-rules';
import { findByIds as findProviders } from '../catalog/provider.service';
import { requireRole } from '../shared/access';
import { isoDuration } from '../shared/iso-duration';
import { openSloDocuments } from './openslo-export';
import { readOpenSlo } from './openslo-import';

/** How the API names objects in an export (global ids); the domain knows uuids only. */
export interface ExportIds {
  objective: (uuid: string) => string;
  calendar: (uuid: string) => string;
}

/** The revision, if the caller may read it, and its provider's time zone. */
async function visibleRevision(ctx: RequestContext, revisionId: string): Promise<{ revision: AgreementRevisionEntity; timeZone: string } | null> {
  const [revision] = await findRevisionsByIds(ctx, [revisionId]);
  if (!revision) return null;
  const [provider] = await findProviders(ctx, [revision.providerId]);
  return { revision, timeZone: provider.timeZone };
}

/**
 * A revision's objectives as OpenSLO v1 documents (YAML, one document per object: an SLI and an
 * SLO per objective). Whoever may read the revision may export it; null for one they may not.
 */
export async function exportOpenSlo(ctx: RequestContext, revisionId: string, ids: ExportIds): Promise<string | null> {
  requireRole(ctx, AgreementRoles.read);
  const visible = await visibleRevision(ctx, revisionId);
  if (!visible) return null;
  const { revision, timeZone } = visible;
  const objectives = await objectivesOfRevisions(ctx, [revision.id]);
  const from = DateTime.fromJSDate(revision.effectiveFrom ?? ctx.now, { zone: timeZone });
  const start = (unit: 'month' | 'quarter' | 'year') => from.startOf(unit).toFormat('yyyy-MM-dd HH:mm:ss');
  const documents = openSloDocuments({
    title: readTerms(revision.terms).title || `agreement revision ${revision.number}`,
    timeZone,
    calendarStart: { [WindowKind.CALENDAR_MONTH]: start('month'), [WindowKind.CALENDAR_QUARTER]: start('quarter'), [WindowKind.CALENDAR_YEAR]: start('year') },
    objectives: objectives.map((o) => ({ ...objectiveTerms(o), id: ids.objective(o.id), calendar: o.calendarId && ids.calendar(o.calendarId) })),
  });
  return documents.map((d) => stringify(d, { lineWidth: 0 })).join('---\n');
}

const keyOf = (o: { metric: string; priority?: string | null }) => `${o.metric}/${o.priority ?? ''}`;

/** An objective row as the draft input that keeps it as it is. */
function asInput(o: ObjectiveEntity): ObjectiveInput {
  const t = objectiveTerms(o);
  return { ...t, targetDuration: t.targetSeconds === null ? null : isoDuration(t.targetSeconds), window: { ...t.window } };
}

/**
 * Reads OpenSLO SLOs into a DRAFT revision: each SLO sets the objective of its metric and priority
 * (replacing the draft's, whose business calendar it keeps), the draft's other objectives stay.
 * All or nothing: any SLO that cannot be mapped refuses the whole document, naming where.
 */
export async function importOpenSlo(ctx: RequestContext, revisionId: string, version: number, document: string): Promise<{ revision: AgreementRevisionEntity; imported: ObjectiveEntity[] }> {
  requireRole(ctx, AgreementRoles.write);
  const visible = await visibleRevision(ctx, revisionId);
  if (!visible) throw new NotFoundError('The revision', ['id']);
  const { revision, timeZone } = visible;
  const read = readOpenSlo(document, timeZone);
  throwIfAny(read.problems);
  const existing = (await objectivesOfRevisions(ctx, [revision.id])).map(asInput);
  const imported = new Map(read.objectives.map(({ sloName: _, ...o }) => [keyOf(o), o]));
  const merged = existing.map((o) => {
    const replacement = imported.get(keyOf(o));
    if (!replacement) return o;
    imported.delete(keyOf(o));
    return { ...replacement, calendarId: o.calendarId };
  });
  const saved = await updateDraft(ctx, revisionId, version, { objectives: [...merged, ...imported.values()] });
  const keys = new Set(read.objectives.map(keyOf));
  return { revision: saved, imported: (await objectivesOfRevisions(ctx, [saved.id])).filter((o) => keys.has(keyOf(o))) };
}
