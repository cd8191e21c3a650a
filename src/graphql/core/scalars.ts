import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { DateTimeResolver, DurationResolver, JSONResolver, SafeIntResolver } from 'graphql-scalars';
import { DateTime } from 'luxon';

/** ISO 8601 date-time with offset; answers are in UTC ("2026-03-01T09:00:00.000Z"). */
export const DateTimeScalar = DateTimeResolver;

/** ISO 8601 duration ("PT15M", "P1DT4H"). */
export const DurationScalar = DurationResolver;

/** Any JSON value (used for the before/after of a diff entry). */
export const JSONScalar = JSONResolver;

/**
 * A whole number up to 2^53 - 1 (JavaScript's safe integers), for what grows past GraphQL's
 * 32-bit Int: milliseconds (a clock open 25 days), counts (totalCount, clocks, measurement events),
 * event sequence numbers. Sent and read as a JSON number.
 */
export const SafeIntScalar = SafeIntResolver;

/**
 * A date-time as local time of the provider's time zone, ISO 8601 with that zone's offset at the
 * instant ("2026-03-29T00:00:00.000+01:00", "2026-03-30T00:00:00.000+02:00"): the bounds of
 * compliance periods and windows, so that a client sees the provider's midnight. Answers only;
 * as an argument it reads as DateTime does.
 */
export const LocalDateTimeScalar = new GraphQLScalarType<Date | string, string>({
  name: 'LocalDateTime',
  description:
    'A date-time in the provider\'s time zone: ISO 8601 with the offset in force at that instant, such as 2026-03-29T00:00:00.000+01:00. The bounds of compliance periods and windows, so that a day or a month starts at the provider\'s midnight.',
  serialize(value) {
    if (value instanceof Date) return value.toISOString();
    if (typeof value === 'string' && DateTime.fromISO(value, { setZone: true }).isValid) return value;
    throw new GraphQLError(`LocalDateTime cannot represent ${JSON.stringify(value)}.`);
  },
  parseValue: (value): Date => parseLocal(value),
  parseLiteral(ast): Date {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('LocalDateTime must be a string.', { nodes: ast });
    return parseLocal(ast.value);
  },
});

function parseLocal(value: unknown): Date {
  const t = typeof value === 'string' ? DateTime.fromISO(value, { setZone: true }) : null;
  if (!t?.isValid || !/(Z|[+-]\d\d:?\d\d)$/.test(value as string)) throw new GraphQLError('LocalDateTime must be an ISO 8601 date-time with an offset.');
  return t.toJSDate();
}
