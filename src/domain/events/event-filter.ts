import { isInCustomerScope } from '../shared/customer-scope';

/**
 * What one live subscriber hears: the events of its provider (customer users: of their
 * customer only) whose type starts with `typePrefix`, narrowed by the subscriber's filter.
 */
export interface EventSubscription {
  providerId: string;
  /** Set for customer-side callers: events of other customers, and events of no customer, stay hidden. */
  onlyCustomerId: string | null;
  /** 'incident.' or 'escalation.': the family of events of the subscription. */
  typePrefix: string;
  /** Only these types (each within the family); null or empty: every type of the family. */
  types: readonly string[] | null;
  /** Only events about this subject (an incident, an escalation). */
  subjectId: string | null;
  customerId: string | null;
  agreementId: string | null;
}

/** The part of an event a filter looks at. */
export interface FilterableEvent {
  type: string;
  providerId: string;
  customerId: string | null;
  subjectId: string;
  agreementId?: string | null;
}

/**
 * Whether the subscriber hears of the event, judged on what the NOTIFY notice carries (every
 * field but the agreement, which only the event row has). False means: do not even load it.
 */
export function noticeMatches(s: EventSubscription, n: FilterableEvent): boolean {
  if (n.providerId !== s.providerId) return false;
  if (!isInCustomerScope(s.onlyCustomerId, n.customerId)) return false;
  if (!n.type.startsWith(s.typePrefix)) return false;
  if (s.types?.length && !s.types.includes(n.type)) return false;
  if (s.subjectId !== null && n.subjectId !== s.subjectId) return false;
  if (s.customerId !== null && n.customerId !== s.customerId) return false;
  return true;
}

/** Whether the subscriber hears of the event, judged on the whole event row. */
export function eventMatches(s: EventSubscription, e: FilterableEvent & { agreementId: string | null }): boolean {
  if (!noticeMatches(s, e)) return false;
  return s.agreementId === null || e.agreementId === s.agreementId;
}
