import { DateTimeResolver, DurationResolver, JSONResolver, SafeIntResolver } from 'graphql-scalars';

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
