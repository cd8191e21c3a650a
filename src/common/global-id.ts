const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface DecodedId {
  type: string;
  uuid: string;
}

/** Opaque global id: base64url of "<TypeName>:<uuid>". Clients never see a raw database id. */
export function toGlobalId(type: string, uuid: string): string {
  return Buffer.from(`${type}:${uuid}`, 'utf8').toString('base64url');
}

/** Returns null for anything that is not a well-formed global id. */
export function fromGlobalId(id: string): DecodedId | null {
  if (typeof id !== 'string' || id.length === 0 || id.length > 200 || !/^[A-Za-z0-9_-]+$/.test(id)) return null;
  const text = Buffer.from(id, 'base64url').toString('utf8');
  const colon = text.indexOf(':');
  if (colon <= 0) return null;
  const type = text.slice(0, colon);
  const uuid = text.slice(colon + 1);
  if (!/^[A-Z][A-Za-z]+$/.test(type) || !UUID.test(uuid)) return null;
  return { type, uuid: uuid.toLowerCase() };
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
