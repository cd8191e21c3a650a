import { validate, type ValidatorOptions } from 'class-validator';
import { getNamedType, type GraphQLResolveInfo } from 'graphql';
import { getMetadataStorage, type ResolverData, type ValidatorFn } from 'type-graphql';
import { type FieldPath, UserError, UserErrors } from '../../common/errors';
import { UserErrorCodeEnum } from './enums';
import { type GraphQLContext } from './graphql-context';
import { idProblems } from './ids';
import { CoreLoaders } from './core.loaders';
import { userErrorPath } from './user-error-path';
import { fromValidationErrors, type UserErrorType } from './user-error.type';

/**
 * Every argument of every field is checked here, once, before its resolver runs: strings without
 * NUL characters (PostgreSQL cannot store them), ids of the type their field names (IdOf), the
 * class-validator rules of its input types, and
 * the domain's own rules registered for an input type with `registerInputRules` (terms, calendars, ...).
 * All problems of one argument come back together, each naming its field from the argument's
 * name down (["input", "terms", "creditPolicy", "tiers", 0, "creditPercent"]).
 */

const CLASS_VALIDATOR_OPTIONS: ValidatorOptions = { forbidUnknownValues: false, skipMissingProperties: false };
const MAX_PROBLEMS = 100;

/** The problems of one argument; mutations answer them as userErrors, queries as BAD_USER_INPUT. */
export class InvalidArgumentError extends Error {
  constructor(readonly problems: UserErrorType[]) {
    super(problems.map((p) => `${p.field.join('.')}: ${p.message}`).join('; '));
    this.name = 'InvalidArgumentError';
  }
}

/** What a rule may know besides the input: the request's instant (for "not in the future"). */
export interface RuleContext {
  now: Date;
}
type Rules = (input: never, context: RuleContext) => UserError[];
const rulesOf = new Map<unknown, Rules>();

/**
 * Registers the domain rules of an input type (fields relative to the input object). They run
 * with the class-validator rules, so that one answer lists every problem of a form; the service
 * still checks them again (they are its rules, and it has other callers).
 */
export function registerInputRules<T>(type: abstract new (...args: never[]) => T, rules: (input: T, context: RuleContext) => UserError[]): void {
  rulesOf.set(type, rules as Rules);
}

/** The rules registered for a type or the nearest type it extends. */
function rulesFor(type: unknown): Rules | undefined {
  for (let t = type; typeof t === 'function' && t !== Object; t = Object.getPrototypeOf(t)) {
    const rules = rulesOf.get(t);
    if (rules) return rules;
  }
  return undefined;
}

const isWalkable = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !(v instanceof Date);

/** Every string under `value` that holds a NUL character. */
function nulProblems(value: unknown, path: FieldPath, out: UserErrorType[]): void {
  if (out.length >= MAX_PROBLEMS) return;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) {
      out.push({ code: UserErrorCodeEnum.INVALID_INPUT, field: path.map(String), message: `${String(path.at(-1) ?? 'The value')} must not contain a NUL character (\\u0000).` });
    }
    return;
  }
  if (Array.isArray(value)) value.forEach((item, i) => nulProblems(item, [...path, i], out));
  else if (isWalkable(value)) for (const [key, item] of Object.entries(value)) nulProblems(item, [...path, key], out);
}

/** The ids of every input object under `value` that are not ids of their field's type (see IdOf). */
function idFieldProblems(value: unknown, path: FieldPath, out: UserErrorType[]): void {
  if (Array.isArray(value)) return value.forEach((item, i) => idFieldProblems(item, [...path, i], out));
  if (!isWalkable(value)) return;
  for (const e of idProblems(value, path)) out.push({ code: UserErrorCodeEnum.INVALID_ID, field: e.field.map(String), message: e.message });
  for (const [key, item] of Object.entries(value)) idFieldProblems(item, [...path, key], out);
}

/** The registered domain rules of every input object under `value`. */
function ruleProblems(value: unknown, path: FieldPath, context: RuleContext, out: UserErrorType[]): void {
  if (Array.isArray(value)) return value.forEach((item, i) => ruleProblems(item, [...path, i], context, out));
  if (!isWalkable(value)) return;
  const rules = rulesFor(value.constructor);
  if (rules) {
    let errors: UserError[];
    try {
      errors = rules(value as never, context);
    } catch (error) {
      if (error instanceof UserErrors) errors = error.errors;
      else if (error instanceof UserError) errors = [error];
      else throw error;
    }
    for (const e of errors) out.push({ code: e.code as UserErrorCodeEnum, field: [...path.map(String), ...userErrorPath(e.field)], message: e.message });
  }
  for (const [key, item] of Object.entries(value)) ruleProblems(item, [...path, key], context, out);
}

/** The argument `value` is the value of, or null for an @ArgsType object (whose properties are the arguments). */
function argumentName(value: unknown, { args, info }: ResolverData<object>): string | null {
  const storage = getMetadataStorage();
  if (isWalkable(value) && storage.argumentTypes.some((t) => t.target === value.constructor)) return null;
  const field = (info as GraphQLResolveInfo).parentType.getFields()[(info as GraphQLResolveInfo).fieldName];
  const same = field?.args.find((a) => args[a.name] === value);
  if (same) return same.name;
  const sample = Array.isArray(value) ? value.find(isWalkable) : value;
  const typeName = isWalkable(sample) ? storage.inputTypes.find((t) => t.target === sample.constructor)?.name : undefined;
  const byType = typeName ? field?.args.find((a) => getNamedType(a.type).name === typeName) : undefined;
  return byType?.name ?? field?.args.find((a) => Array.isArray(value) && Array.isArray(args[a.name]))?.name ?? null;
}

/** Drops repeats: a field class-validator already refused is not refused again by a domain rule. */
function withoutRepeats(problems: UserErrorType[], firstRules: number): UserErrorType[] {
  const seen = new Set<string>();
  const fields = new Set(problems.slice(0, firstRules).map((p) => p.field.join('\u0001')));
  return problems.filter((p, i) => {
    const key = `${p.field.join('\u0001')}\u0002${p.message}`;
    if (seen.has(key) || (i >= firstRules && fields.has(p.field.join('\u0001')))) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Arguments found valid in this request, by field of the query: the same field resolved under
 * a hundred parents (say `incidents(first: 10)` on each agreement of a page) has the same
 * arguments, checked once. Only answers without problems are kept (a problem names its field).
 */
function checkedArguments(resolverData: ResolverData<object>): Set<string> {
  return CoreLoaders.checkedArguments((resolverData.context as GraphQLContext).rc, (resolverData.info as GraphQLResolveInfo).fieldNodes[0]);
}

/** type-graphql's `validateFn`: throws InvalidArgumentError with every problem of the argument. */
export const validateArgument: ValidatorFn<object> = async (value, type, resolverData) => {
  if (!isWalkable(value)) return checkArgument(value, resolverData);
  const checked = checkedArguments(resolverData);
  const key = `${typeof type === 'function' ? type.name : String(type)}\u0000${JSON.stringify(value)}`;
  if (checked.has(key)) return;
  await checkArgument(value, resolverData);
  checked.add(key);
};

async function checkArgument(value: unknown, resolverData: ResolverData<object>): Promise<void> {
  const name = argumentName(value, resolverData);
  const at: FieldPath = name === null ? [] : [name];
  const problems: UserErrorType[] = [];
  nulProblems(value, at, problems);
  if (isWalkable(value)) {
    idFieldProblems(value, at, problems);
    const items: [unknown, FieldPath][] = Array.isArray(value) ? value.map((v, i) => [v, [...at, i]]) : [[value, at]];
    for (const [item, path] of items) if (isWalkable(item)) problems.push(...fromValidationErrors(await validate(item, CLASS_VALIDATOR_OPTIONS), path));
    const firstRules = problems.length;
    ruleProblems(value, at, { now: (resolverData.context as GraphQLContext).rc.now }, problems);
    const all = withoutRepeats(problems, firstRules);
    if (all.length > 0) throw new InvalidArgumentError(all.slice(0, MAX_PROBLEMS));
  } else if (problems.length > 0) {
    throw new InvalidArgumentError(problems);
  }
}
