import { DateTimeResolver } from 'graphql-scalars';

/** ISO 8601 date-time with offset; answers are in UTC ("2026-03-01T09:00:00.000Z"). */
export const DateTimeScalar = DateTimeResolver;
