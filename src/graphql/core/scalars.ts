import { DateTimeResolver, DurationResolver, JSONResolver } from 'graphql-scalars';

/** ISO 8601 date-time with offset; answers are in UTC ("2026-03-01T09:00:00.000Z"). */
export const DateTimeScalar = DateTimeResolver;

/** ISO 8601 duration ("PT15M", "P1DT4H"). */
export const DurationScalar = DurationResolver;

/** Any JSON value (used for the before/after of a diff entry). */
export const JSONScalar = JSONResolver;
