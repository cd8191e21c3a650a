import { UserError } from '../../common/errors';
import { decodeCursor, encodeCursor, pageSize } from './pagination';

const ID = '6f1c1a52-0d2e-4b8e-a1f3-7c9d2e5b4a10';
const KEY = 'name:ASC';

/** The UserError `fn` throws; fails the test when it throws nothing. */
function userError(fn: () => unknown): UserError {
  try {
    fn();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

const b64json = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

describe('cursors', () => {
  it.each([
    ['a string', 'Acme Ltd', 'Acme Ltd'],
    ['a number', 42.5, 42.5],
    ['a Date (as its ISO string)', new Date('2024-03-31T01:30:00.000Z'), '2024-03-31T01:30:00.000Z'],
  ])('round-trip %s sort value with the row id', (_label, value, expected) => {
    expect(decodeCursor(encodeCursor(KEY, value, ID), KEY)).toEqual([expected, ID]);
  });

  it('are opaque base64url', () => {
    const cursor = encodeCursor(KEY, 'Acme Ltd', ID);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain(ID);
  });

  it('refuses a cursor made for another order, naming `after`', () => {
    const error = userError(() => decodeCursor(encodeCursor('name:ASC', 'Acme', ID), 'name:DESC'));
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: ['after'] });
    expect(error.message).toMatch(/cursor/);
  });

  it('names the field it was given', () => {
    const error = userError(() => decodeCursor(encodeCursor('name:ASC', 'Acme', ID), 'createdAt:ASC', 'customersAfter'));
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: ['customersAfter'] });
  });

  it.each([
    ['garbage', 'not a cursor'],
    ['an empty string', ''],
    ['base64url of something that is not JSON', Buffer.from('{oops').toString('base64url')],
    ['a JSON object', b64json({ key: KEY, value: 'a', id: ID })],
    ['too few parts', b64json([KEY, 'a'])],
    ['a non-uuid id', b64json([KEY, 'a', '42'])],
    ['a non-string id', b64json([KEY, 'a', 42])],
    ['an object as sort value', b64json([KEY, { a: 1 }, ID])],
    ['a null sort value', b64json([KEY, null, ID])],
  ])('refuses %s', (_label, cursor) => {
    expect(userError(() => decodeCursor(cursor, KEY))).toMatchObject({ code: 'INVALID_INPUT', field: ['after'] });
  });
});

describe('pageSize', () => {
  it.each([
    [{}, 20],
    [{ first: null }, 20],
    [{ first: 0 }, 0],
    [{ first: 1 }, 1],
    [{ first: 100 }, 100],
  ])('takes %j as %i', (req, size) => {
    expect(pageSize(req)).toBe(size);
  });

  it.each([101, -1, 2.5, Number.NaN])('refuses first=%s, naming `first`', (first) => {
    const error = userError(() => pageSize({ first }));
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: ['first'] });
    expect(error.message).toContain('between 0 and 100');
  });
});
