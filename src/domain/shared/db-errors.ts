import { type FieldPath, UserError } from '../../common/errors';

interface PgError {
  code?: string;
  constraint?: string;
  driverError?: { code?: string; constraint?: string };
}

/** The name of the unique constraint a write ran into, or null for any other error. */
export function violatedUniqueConstraint(error: unknown): string | null {
  const e = error as PgError;
  const code = e?.driverError?.code ?? e?.code;
  if (code !== '23505') return null;
  return e?.driverError?.constraint ?? e?.constraint ?? 'unknown';
}

/**
 * Turns a unique violation into ALREADY_EXISTS on the field the constraint guards;
 * rethrows anything else unchanged.
 */
export function rethrowUnique(error: unknown, fields: Record<string, { field: FieldPath; message: string }>): never {
  const constraint = violatedUniqueConstraint(error);
  if (constraint && fields[constraint]) {
    throw new UserError('ALREADY_EXISTS', fields[constraint].message, fields[constraint].field);
  }
  throw error;
}
