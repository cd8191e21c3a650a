import { UserError, type FieldPath } from '../../common/errors';
import { fromGlobalId, toGlobalId } from '../../common/global-id';

export const NodeTypes = ['Provider', 'Customer', 'Segment', 'Service', 'ApiKey', 'Agreement', 'AgreementRevision', 'Objective', 'BusinessCalendar', 'Incident', 'WebhookEndpoint', 'WebhookDelivery', 'Review', 'ReviewActionItem', 'Escalation'] as const;
export type NodeTypeName = (typeof NodeTypes)[number];

export const globalId = (type: NodeTypeName, uuid: string) => toGlobalId(type, uuid);

/** The uuid behind a global id of the expected type; INVALID_ID naming `field` otherwise. */
export function uuidOf(id: string, type: NodeTypeName, field: FieldPath): string {
  const decoded = fromGlobalId(id);
  if (!decoded || decoded.type !== type) {
    throw new UserError('INVALID_ID', `This is not the id of a ${type}.`, field);
  }
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
