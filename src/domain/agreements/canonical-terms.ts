import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { toGlobalId } from '../../common/global-id';
import { type ApiIds, revisionView } from './revision-view';
import { type RevisionContent } from './terms';

/**
 * The verifiable form of a revision's terms (issue 14, point 3): its terms and objectives as the
 * API shows them (revision-view.ts: durations in ISO 8601, calendars and webhook endpoints by
 * their global ids), with the agreement's global id and the revision's number, serialised by
 * RFC 8785 (JSON Canonicalization Scheme: keys sorted, no whitespace, ES2015 numbers) through the
 * `canonicalize` library, and its SHA-256 in lower-case hex.
 *
 * The validity period (effectiveFrom, effectiveTo) is left out: it is the revision's lifecycle,
 * not what the parties read and sign (approval moves a start that has passed to the moment of the
 * last signature, supersession sets the end), so every party's approval carries the same hash.
 * Objectives keep their order (their position is part of the terms); their own ids are left out.
 *
 * The text and the hash are stored when the revision leaves DRAFT (proposed, or imported signed)
 * and never change (a database trigger guards them): later versions of this code may show terms
 * differently, the signed text stays the one that was signed.
 */
export const CANONICAL_FORMAT = 'sla-revision-terms/1';

/** Global ids, as the API names calendars, webhook endpoints and supported objectives. */
const GLOBAL_IDS: ApiIds = {
  calendar: (id) => toGlobalId('BusinessCalendar', id),
  webhookEndpoint: (id) => toGlobalId('WebhookEndpoint', id),
  objective: (id) => toGlobalId('Objective', id),
};

export interface CanonicalTerms {
  /** The RFC 8785 text. */
  canonical: string;
  /** SHA-256 of the text's UTF-8 bytes, 64 lower-case hex digits. */
  sha256: string;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function canonicalTerms(agreementId: string, number: number, content: RevisionContent): CanonicalTerms {
  const { effectiveFrom: _from, effectiveTo: _to, ...view } = revisionView(content, GLOBAL_IDS);
  const canonical = canonicalize({ format: CANONICAL_FORMAT, agreement: toGlobalId('Agreement', agreementId), revision: number, ...view });
  if (canonical === undefined) throw new Error('A revision always serialises.');
  return { canonical, sha256: sha256Hex(canonical) };
}
