import { types as pgTypes } from 'pg';
import { postgresTypeParsers } from './type-parsers';

describe('node-postgres type parsers', () => {
  const parse = (oid: number, text: string) => postgresTypeParsers.getTypeParser(oid as never, 'text')(text);

  it.each([
    [1082, '2026-12-04', '2026-12-04'], // date: the day as written, not a midnight
    [1182, '{2026-12-04,2026-12-24}', ['2026-12-04', '2026-12-24']], // date[]
    [1182, '{}', []],
    [1185, '{"2026-12-04 10:00:00+00"}', [new Date('2026-12-04T10:00:00Z')]], // timestamptz[] stays as node-postgres parses it
    [20, '9007199254740993', '9007199254740993'], // bigint stays text, as node-postgres leaves it
  ])('oid %s: %s', (oid, text, expected) => {
    expect(parse(oid, text)).toEqual(expected);
  });

  it('leaves every other type to node-postgres', () => {
    expect(postgresTypeParsers.getTypeParser(pgTypes.builtins.TIMESTAMPTZ, 'text')).toBe(pgTypes.getTypeParser(pgTypes.builtins.TIMESTAMPTZ, 'text'));
  });
});
