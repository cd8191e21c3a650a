import { fromGlobalId, isUuid, toGlobalId } from './global-id';

const UUID = '0b6f3c1e-7a7d-4e0f-9c56-2f1d8a4b9e01';
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe('global ids', () => {
  it('round-trip a type name and a uuid', () => {
    expect(fromGlobalId(toGlobalId('Agreement', UUID))).toEqual({ type: 'Agreement', uuid: UUID });
  });

  it('are opaque base64url: no type name or uuid in clear, no padding or +/ characters', () => {
    const id = toGlobalId('Customer', UUID);
    expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(id).not.toContain('Customer');
    expect(id).not.toContain(UUID);
  });

  it('differ between types for the same uuid', () => {
    expect(toGlobalId('Customer', UUID)).not.toBe(toGlobalId('Segment', UUID));
  });

  it('normalise an upper-case uuid to lower case', () => {
    expect(fromGlobalId(b64(`Customer:${UUID.toUpperCase()}`))).toEqual({ type: 'Customer', uuid: UUID });
  });

  it.each([
    ['an empty string', ''],
    ['garbage', 'hello world'],
    ['characters outside base64url', `${toGlobalId('Customer', UUID)}=`],
    ['surrounding whitespace', ` ${toGlobalId('Customer', UUID)}\n`],
    ['no colon', b64(`Customer${UUID}`)],
    ['an empty type name', b64(`:${UUID}`)],
    ['a lower-case type name', b64(`customer:${UUID}`)],
    ['a type name with digits', b64(`Customer2:${UUID}`)],
    ['a raw uuid', UUID],
    ['a non-uuid payload', b64('Customer:42')],
    ['a uuid with trailing text', b64(`Customer:${UUID}x`)],
    ['over-long input, even when well-formed', toGlobalId(`X${'y'.repeat(150)}`, UUID)],
  ])('fromGlobalId refuses %s', (_label, id) => {
    expect(fromGlobalId(id)).toBeNull();
  });

  it('isUuid accepts uuids in either case and nothing else', () => {
    expect(isUuid(UUID)).toBe(true);
    expect(isUuid(UUID.toUpperCase())).toBe(true);
    expect(isUuid(UUID.replace(/-/g, ''))).toBe(false);
    expect(isUuid(`${UUID}0`)).toBe(false);
  });
});
