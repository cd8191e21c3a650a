import { types as pgliteTypes } from '@electric-sql/pglite';
import { type CustomTypesConfig, types as pgTypes } from 'pg';

/**
 * How values of PostgreSQL's types come back, the same from both drivers. A `date` is a calendar
 * day, not an instant: it stays the text PostgreSQL writes ("2026-12-04"), one by one and in
 * arrays (`date[]`). Left to themselves node-postgres and PGlite turn it into a JavaScript Date
 * at midnight (local or UTC), which TypeORM turns back into a string for a `date` column but not
 * for a `date[]` one, and which raw queries hand on as it is.
 */
type Oid = Parameters<typeof pgTypes.getTypeParser>[0];
const DATE_ARRAY_OID = 1182 as Oid;
const TEXT_ARRAY_OID = 1009 as Oid;
const asText = (value: string): string => value;

/** For node-postgres (`types` of the pool's clients). */
export const postgresTypeParsers: CustomTypesConfig = {
  getTypeParser: ((oid: Oid, format?: 'text' | 'binary') => {
    if (oid === pgTypes.builtins.DATE) return asText;
    if (oid === DATE_ARRAY_OID) return pgTypes.getTypeParser(TEXT_ARRAY_OID, 'text');
    return pgTypes.getTypeParser(oid, format);
  }) as CustomTypesConfig['getTypeParser'],
};

/** For PGlite (`parsers` of the instance; arrays are parsed element by element with these). */
export const embeddedTypeParsers = { [pgliteTypes.DATE]: asText };
