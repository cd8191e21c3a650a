/**
 * The input field at fault, in the domain's own terms and relative to the command (the fields a
 * service method was given): `["terms", "creditPolicy", "tiers", 0]`, `["serviceIds", 1]`. The
 * API layer turns it into the path its clients see (src/graphql/core/user-error-path.ts).
 */
export type FieldPath = (string | number)[];

export type UserErrorCode =
  | 'INVALID_INPUT'
  | 'INVALID_ID'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'STALE_VERSION'
  | 'INVALID_STATE'
  | 'ARCHIVED'
  | 'NOT_ALLOWED'
  | 'IDEMPOTENCY_KEY_REUSED'
  /** An objective of an OLA or underpinning contract gives more time than the customer objective it supports. */
  | 'SUPPORTING_TARGET_TOO_LONG';

/**
 * A business failure the caller can act on. Mutations return it as data (`userErrors`),
 * never as a top-level error, so that a client can show it next to the field at fault.
 */
export class UserError extends Error {
  constructor(
    readonly code: UserErrorCode,
    message: string,
    readonly field: FieldPath = [],
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** Several user errors at once, e.g. every invalid field of one input. */
export class UserErrors extends Error {
  constructor(readonly errors: UserError[]) {
    super(errors.map((e) => e.message).join('; '));
    this.name = 'UserErrors';
  }
}

/** Throws the problems found, all at once (one UserError, or UserErrors for several); nothing when there are none. */
export function throwIfAny(problems: UserError[]): void {
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1) throw new UserErrors(problems);
}

export class NotFoundError extends UserError {
  constructor(what: string, field: FieldPath = []) {
    super('NOT_FOUND', `${what} was not found.`, field);
  }
}

export class StaleVersionError extends UserError {
  constructor(what: string, field: FieldPath = ['version']) {
    super('STALE_VERSION', `${what} was changed by someone else since you read it; reload it and try again.`, field);
  }
}

/** No credentials, or credentials that are not valid. Top-level error, HTTP 401. */
export class UnauthenticatedError extends Error {
  readonly code = 'UNAUTHENTICATED';
  constructor(message = 'Authentication required: send Authorization: Bearer <token>.') {
    super(message);
    this.name = 'UnauthenticatedError';
  }
}

/** Valid credentials, but the role may not do this. Top-level error. */
export class ForbiddenError extends Error {
  readonly code = 'FORBIDDEN';
  constructor(message = 'Your role may not do this.') {
    super(message);
    this.name = 'ForbiddenError';
  }
}
