import { RevisionState } from '../../common/agreement-enums';
import { coversCustomerSql } from './coverage.sql';

/*
 * "A customer user may see this", for agreements, their revisions and their history, named once
 * here (in JavaScript where rows in memory are asked, in SQL beside it). Customer users see the
 * agreements that cover their customer once they have been put to the parties, every revision
 * but drafts, and the history but the provider's drafting. `scope` / `scopeParam` hold
 * customerScope's answer (shared/customer-scope.ts): null for a provider-side caller, who sees
 * everything of its provider (the provider is checked apart, always).
 */

/** SQL: agreement `a` may be seen within the scope held by `scopeParam`: it covers that customer and has been put to its parties. */
export function agreementInCustomerScopeSql(a: string, scopeParam: string): string {
  const scope = `CAST(${scopeParam} AS uuid)`;
  return `(${scope} IS NULL OR (${coversCustomerSql(a, scope)} AND ${proposedOnceSql(a)}))`;
}

/** SQL: agreement `a` has been put to its parties (some revision left DRAFT). Drafts are the provider's work in progress. */
function proposedOnceSql(a: string): string {
  return `EXISTS (SELECT 1 FROM agreement_revision po WHERE po.agreement_id = ${a}.id AND po.state <> 'DRAFT')`;
}

/** A revision in `state` may be seen within `scope`: customer users see revisions once they left DRAFT. */
export function isRevisionInCustomerScope(scope: string | null, state: string): boolean {
  return scope === null || state !== RevisionState.DRAFT;
}

/** The same rule in SQL, for revision `r` (an alias of agreement_revision). */
export function revisionInCustomerScopeSql(r: string, scopeParam: string): string {
  return `(CAST(${scopeParam} AS uuid) IS NULL OR ${r}.state <> 'DRAFT')`;
}

/** SQL: event `e` of an agreement's history (agreement_event) may be seen within the scope: customer users do not see the drafting (draft opened, draft edited). */
export function agreementEventInCustomerScopeSql(e: string, scopeParam: string): string {
  return `(CAST(${scopeParam} AS uuid) IS NULL OR ${e}.type NOT IN ('EDITED', 'DRAFT_OPENED'))`;
}
