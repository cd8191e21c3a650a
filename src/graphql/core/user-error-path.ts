import { type GraphQLResolveInfo } from 'graphql';
import { type FieldPath } from '../../common/errors';

/**
 * The one place where the field a domain error names becomes the path a client sees.
 *
 * The domain names a field relative to its command, in its own terms: `["terms", "objectives", 0]`,
 * `["serviceIds", 1]`, `["customerId"]`. A client sees it from the argument down, in the schema's
 * terms: `["input", "terms", "objectives", "0"]`, `["input", "services", "1"]`, `["input", "customer"]`.
 * Two rules do it: a mutation's command is its one argument (`input`), a query's commands are its
 * arguments themselves; and where the domain holds a reference by id (`customerId`, `serviceIds`)
 * the schema holds the object (`customer`, `services`).
 */
export function userErrorPath(field: FieldPath, argument: string | null = null): string[] {
  if (field.length === 0) return [];
  const path = field.map((part) => (typeof part === 'number' ? String(part) : apiFieldName(part)));
  return argument === null ? path : [argument, ...path];
}

/** Names of the schema that end in Id but hold no reference: they keep their name. */
const NOT_REFERENCES = new Set(['externalId']);

/** `customerId` -> `customer`, `serviceIds` -> `services`; any other name stays. */
export function apiFieldName(domainName: string): string {
  if (NOT_REFERENCES.has(domainName)) return domainName;
  const reference = /^(.+[a-z])Id(s?)$/.exec(domainName);
  return reference ? `${reference[1]}${reference[2]}` : domainName;
}

/** The argument a mutation's domain errors are relative to: its one argument (`input`), or none. */
export function commandArgument(info: GraphQLResolveInfo): string | null {
  const args = info.parentType.getFields()[info.fieldName]?.args ?? [];
  return args.length === 1 ? args[0].name : null;
}
