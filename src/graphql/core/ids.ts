import { UserError, type FieldPath } from '../../common/errors';
import { fromGlobalId, toGlobalId } from '../../common/global-id';

export const NodeTypes = ['Provider', 'Customer', 'Segment', 'Service', 'ApiKey', 'Agreement', 'AgreementRevision', 'Objective', 'BusinessCalendar', 'Incident', 'WebhookEndpoint', 'WebhookDelivery', 'Review', 'ReviewActionItem', 'Escalation', 'Statement', 'StatementViolation', 'StatementAdjustment', 'Correction', 'MaintenanceRecurrence', 'Claim', 'BurnRateAlert', 'ReportDelivery', 'SupportingParty'] as const;
export type NodeTypeName = (typeof NodeTypes)[number];

export const globalId = (type: NodeTypeName, uuid: string) => toGlobalId(type, uuid);

/** INVALID_ID: "This is not the id of an Agreement." */
const notAnIdOf = (type: NodeTypeName, field: FieldPath) => new UserError('INVALID_ID', `This is not the id of ${/^[AEIOU]/.test(type) ? 'an' : 'a'} ${type}.`, field);

/** The uuid behind a global id of the expected type; INVALID_ID naming `field` otherwise. */
export function uuidOf(id: string, type: NodeTypeName, field: FieldPath): string {
  const decoded = fromGlobalId(id);
  if (!decoded || decoded.type !== type) throw notAnIdOf(type, field);
  return decoded.uuid;
}

/** Like uuidOf, for a list of ids: the field path names the offending element. */
export function uuidsOf(ids: string[] | null | undefined, type: NodeTypeName, field: FieldPath): string[] | undefined {
  if (ids == null) return undefined;
  return ids.map((id, i) => uuidOf(id, type, [...field, i]));
}

/** Lenient form for queries: null for anything that is not an id of this type. */
export function uuidOrNull(id: string, type: NodeTypeName): string | null {
  const decoded = fromGlobalId(id);
  return decoded && decoded.type === type ? decoded.uuid : null;
}

const idFields = new Map<unknown, Map<string, NodeTypeName>>();

/**
 * A mutation input's field (an id or a list of ids) that must hold global ids of `type`: checked
 * with the input's other rules (input-validation.ts), so that a bad id is listed with every other
 * problem of the form, as INVALID_ID naming the field (or the element of a list). Query filters
 * do without: their one bad id is a BAD_USER_INPUT error with `reason: INVALID_ID`.
 */
export function IdOf(type: NodeTypeName): PropertyDecorator {
  return (target, property) => {
    const fields = idFields.get(target.constructor) ?? new Map<string, NodeTypeName>();
    fields.set(String(property), type);
    idFields.set(target.constructor, fields);
  };
}

/** The id fields of an input class and of the classes it extends. */
export function idFieldsOf(type: unknown): [string, NodeTypeName][] {
  const out: [string, NodeTypeName][] = [];
  for (let t = type; typeof t === 'function' && t !== Object; t = Object.getPrototypeOf(t)) out.push(...(idFields.get(t) ?? []));
  return out;
}

/** The INVALID_ID problems of `value`'s id fields (fields relative to `at`). */
export function idProblems(value: Record<string, unknown>, at: FieldPath): UserError[] {
  const out: UserError[] = [];
  const check = (id: unknown, type: NodeTypeName, field: FieldPath) => {
    if (typeof id === 'string' && uuidOrNull(id, type) === null) out.push(notAnIdOf(type, field));
  };
  for (const [property, type] of idFieldsOf(value.constructor)) {
    const v = value[property];
    if (Array.isArray(v)) v.forEach((id, i) => check(id, type, [...at, property, i]));
    else check(v, type, [...at, property]);
  }
  return out;
}
