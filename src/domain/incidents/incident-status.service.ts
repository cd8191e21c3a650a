import { BUILT_IN_LABELS, type IncidentStatus, isStatusMeaning, STATUS_MEANINGS } from '../../common/incident-statuses';
import { NotFoundError, throwIfAny, UserError } from '../../common/errors';
import { IncidentStatusEntity } from '../../db/entities/incident-status.entity';
import { type RequestContext } from '../../context/request-context';
import { withTransaction } from '../../context/transaction';
import { requireRole } from '../shared/access';
import { rethrowUnique } from '../shared/db-errors';
import { IncidentRoles } from './incident-roles';

/** One status of a provider's catalogue: a built-in one (key = meaning) or the provider's own. */
export interface StatusDefinition {
  key: string;
  label: string;
  meaning: IncidentStatus;
  builtIn: boolean;
}


const KEY = /^[A-Z][A-Z0-9_]{1,49}$/;

export const BUILT_IN_STATUSES: readonly StatusDefinition[] = STATUS_MEANINGS.map((m) => ({ key: m, label: BUILT_IN_LABELS[m], meaning: m, builtIn: true }));

const toDefinition = (e: IncidentStatusEntity): StatusDefinition => ({ key: e.key, label: e.label, meaning: e.meaning, builtIn: false });

/** The problems of a new status, each naming its field. */
export function statusProblems(input: { key: string; label: string; meaning: string }): UserError[] {
  const errors: UserError[] = [];
  if (!KEY.test(input.key)) errors.push(new UserError('INVALID_INPUT', 'key is 2 to 50 capital letters, digits and underscores, starting with a letter (e.g. AWAITING_VENDOR).', ['key']));
  else if (isStatusMeaning(input.key)) errors.push(new UserError('ALREADY_EXISTS', `${input.key} is a built-in status.`, ['key']));
  if (input.label.trim().length === 0 || input.label.length > 100) errors.push(new UserError('INVALID_INPUT', 'label has 1 to 100 characters.', ['label']));
  if (!isStatusMeaning(input.meaning)) errors.push(new UserError('INVALID_INPUT', `meaning is one of ${STATUS_MEANINGS.join(', ')}.`, ['meaning']));
  return errors;
}

/** The provider's catalogue: the built-in statuses, then its own in the order they were added. */
export async function listStatuses(ctx: RequestContext): Promise<StatusDefinition[]> {
  const actor = requireRole(ctx, IncidentRoles.read);
  const own = await ctx.em.getRepository(IncidentStatusEntity).find({ where: { providerId: actor.providerId }, order: { position: 'ASC' } });
  return [...BUILT_IN_STATUSES, ...own.map(toDefinition)];
}

/** Adds a status of the provider's own, with one of the fixed meanings (which never changes afterwards: past clocks were computed by it). */
export async function createStatus(ctx: RequestContext, input: { key: string; label: string; meaning: string }): Promise<StatusDefinition> {
  const actor = requireRole(ctx, IncidentRoles.writeStatuses);
  throwIfAny(statusProblems(input));
  return withTransaction(ctx, async (tx) => {
    const repo = tx.em.getRepository(IncidentStatusEntity);
    const position = await repo.count({ where: { providerId: actor.providerId } });
    const row = repo.create({ providerId: actor.providerId, key: input.key, label: input.label.trim(), meaning: input.meaning as IncidentStatus, position });
    await repo.insert(row).catch((error: unknown) => rethrowUnique(error, { incident_status_provider_id_key_key: { field: ['key'], message: `There is already a status ${input.key}.`} }));
    return toDefinition(row);
  });
}

/** The status a key names in the provider's catalogue (a built-in key names itself), or NOT_FOUND on `field`. */
export async function statusByKey(tx: RequestContext, providerId: string, key: string, field: string): Promise<StatusDefinition> {
  const builtIn = BUILT_IN_STATUSES.find((s) => s.key === key);
  if (builtIn) return builtIn;
  const row = await tx.em.getRepository(IncidentStatusEntity).findOneBy({ providerId, key });
  if (!row) throw new NotFoundError(`The status ${JSON.stringify(key)}`, [field]);
  return toDefinition(row);
}
